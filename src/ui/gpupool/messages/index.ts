// The GPU pool tab's messages: English as soon as this module runs, the page's locale when it
// is another (gpupoolMessagesReady). The tab's views draw after it (ui/gpupool/view.ts).
import { addMessages, locale, t as shellT, translator as shellTranslator, type Locale, type MessageKey as ShellKey, type Params } from '../../../i18n';
import { gpupoolEn, type GpuPoolMessageKey } from './en';

export type { GpuPoolMessageKey };
/** A shell key or one of the GPU pool tab's. */
export type MessageKey = ShellKey | GpuPoolMessageKey;
export type Translate = (key: MessageKey, params?: Params) => string;

const LOADERS: Partial<Record<Locale, () => Promise<Readonly<Record<GpuPoolMessageKey, string>>>>> = {
  'zh-CN': async () => (await import('./zh-CN')).gpupoolZhCN,
};

/** Adds the GPU pool messages of `wanted` (English is always there); a failed load leaves English. */
export async function loadGpuPoolMessages(wanted: Locale): Promise<void> {
  const load = LOADERS[wanted];
  if (load !== undefined) addMessages(wanted, await load());
}

addMessages('en', gpupoolEn);
/** Settles once the page locale's GPU pool messages are in. */
export const gpupoolMessagesReady: Promise<void> = loadGpuPoolMessages(locale()).catch(() => undefined);

export const t = shellT as Translate;
export const translator = shellTranslator as (locale: Locale) => Translate;

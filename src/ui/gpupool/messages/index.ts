// The GPU pool tab's messages: English as soon as this module runs, the page's locale when it
// is another (gpupoolMessagesReady). The tab's views draw after it (ui/gpupool/view.ts).
import { kernelMessages, t as shellT, translator as shellTranslator, type Locale, type MessageKey as ShellKey, type Params } from '../../../i18n';
import { gpupoolEn, type GpuPoolMessageKey } from './en';

export type { GpuPoolMessageKey };
/** A shell key or one of the GPU pool tab's. */
export type MessageKey = ShellKey | GpuPoolMessageKey;
export type Translate = (key: MessageKey, params?: Params) => string;

const messages = kernelMessages(gpupoolEn, { 'zh-CN': async () => (await import('./zh-CN')).gpupoolZhCN });

/** Adds the messages of `wanted` (English is always there). */
export const loadGpuPoolMessages: (wanted: Locale) => Promise<void> = messages.load;
/** Settles once the page locale's messages are in. */
export const gpupoolMessagesReady: Promise<void> = messages.ready;

export const t = shellT as Translate;
export const translator = shellTranslator as (locale: Locale) => Translate;

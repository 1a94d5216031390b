// The vCPU tab's messages: English as soon as this module runs, the page's locale when it
// is another (vcpuMessagesReady). No top-level await: it would split the first load's chunks.
import { kernelMessages, t as shellT, translator as shellTranslator, type Locale, type MessageKey, type Params } from '../../../i18n';
import { vcpuEn, type VcpuMessageKey } from './en';

export type { VcpuMessageKey };
export type AnyMessageKey = MessageKey | VcpuMessageKey;
export type Translate = (key: AnyMessageKey, params?: Params) => string;

const messages = kernelMessages(vcpuEn, { 'zh-CN': async () => (await import('./zh-CN')).vcpuZhCN });

export const loadVcpuMessages: (wanted: Locale) => Promise<void> = messages.load;
export const vcpuMessagesReady: Promise<void> = messages.ready;

export const t = shellT as Translate;
export const translator = shellTranslator as (locale: Locale) => Translate;

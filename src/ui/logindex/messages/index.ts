// The LogIndex tab's messages: English as soon as this module runs, the page's locale when it
// is another (logindexMessagesReady). No top-level await: it would split the first load's chunks.
import { kernelMessages, t as shellT, translator as shellTranslator, type Locale, type MessageKey, type Params } from '../../../i18n';
import { logindexEn, type LogIndexMessageKey } from './en';

export type { LogIndexMessageKey };
export type AnyMessageKey = MessageKey | LogIndexMessageKey;
export type Translate = (key: AnyMessageKey, params?: Params) => string;

const messages = kernelMessages(logindexEn, { 'zh-CN': async () => (await import('./zh-CN')).logindexZhCN });

export const loadLogIndexMessages: (wanted: Locale) => Promise<void> = messages.load;
export const logindexMessagesReady: Promise<void> = messages.ready;

export const t = shellT as Translate;
export const translator = shellTranslator as (locale: Locale) => Translate;

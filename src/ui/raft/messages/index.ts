// The raft tab's messages: English as soon as this module runs, the page's locale when it is
// another (raftMessagesReady). No top-level await: it would split the first load's chunks.
import { kernelMessages, t as shellT, translator as shellTranslator, type Locale, type MessageKey, type Params } from '../../../i18n';
import { raftEn, type RaftMessageKey } from './en';

export type { RaftMessageKey };
/** A shell key or one of the raft tab's. */
export type AnyMessageKey = MessageKey | RaftMessageKey;
export type Translate = (key: AnyMessageKey, params?: Params) => string;

const messages = kernelMessages(raftEn, { 'zh-CN': async () => (await import('./zh-CN')).raftZhCN });

/** Adds the messages of `wanted` (English is always there). */
export const loadRaftMessages: (wanted: Locale) => Promise<void> = messages.load;
/** Settles once the page locale's messages are in. */
export const raftMessagesReady: Promise<void> = messages.ready;

export const t = shellT as Translate;
export const translator = shellTranslator as (locale: Locale) => Translate;

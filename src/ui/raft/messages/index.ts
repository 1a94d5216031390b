// The raft tab's messages: English as soon as this module runs, the page's locale when it is
// another (raftMessagesReady). No top-level await: it would split the first load's chunks.
import { addMessages, locale, t as shellT, translator as shellTranslator, type Locale, type MessageKey, type Params } from '../../../i18n';
import { raftEn, type RaftMessageKey } from './en';

export type { RaftMessageKey };
/** A shell key or one of the raft tab's. */
export type AnyMessageKey = MessageKey | RaftMessageKey;
export type Translate = (key: AnyMessageKey, params?: Params) => string;

const LOADERS: Partial<Record<Locale, () => Promise<Readonly<Record<RaftMessageKey, string>>>>> = {
  'zh-CN': async () => (await import('./zh-CN')).raftZhCN,
};

/** Adds the raft messages of `wanted` (English is always there); a failed load leaves English. */
export async function loadRaftMessages(wanted: Locale): Promise<void> {
  const load = LOADERS[wanted];
  if (load !== undefined) addMessages(wanted, await load());
}

addMessages('en', raftEn);
/** Settles once the page locale's raft messages are in (the tab draws after it). */
export const raftMessagesReady: Promise<void> = loadRaftMessages(locale()).catch(() => undefined);

export const t = shellT as Translate;
export const translator = shellTranslator as (locale: Locale) => Translate;

// The deliberately broken kernel options (RaftConfig.broken) by the names people type: the
// CLI's --broken, the raft tab's `raft break`, share links and the column's badge all read
// this one table. Each option is the must-fail twin of a checked property: turned on, the
// checker (or P9, for dirty-read) must catch it.
import type { RaftConfig } from './types';

export type BrokenKey = keyof RaftConfig['broken'];

/** Typed name -> config key, in the order lists and canonical commands use. */
export const BROKEN_OPTIONS = {
  'commit-old-terms': 'commitOldTerms', // Raft Figure 8 / leader completeness
  'ignore-lbb': 'ignoreLbb', // P5
  'vote-twice': 'voteTwice', // election safety
  'skip-prev-check': 'skipPrevCheck', // log matching
  'stale-lbb': 'staleLbb', // P7
  'lose-apply': 'loseApply', // P6
  'dirty-read': 'dirtyRead', // P9
  'keep-past-end': 'keepPastEnd', // CE sync completeness
} as const satisfies Record<string, BrokenKey>;

export type BrokenName = keyof typeof BROKEN_OPTIONS;

export const BROKEN_NAMES = Object.keys(BROKEN_OPTIONS) as BrokenName[];
export const BROKEN_KEYS: readonly BrokenKey[] = BROKEN_NAMES.map((name) => BROKEN_OPTIONS[name]);

export function isBrokenName(text: string): text is BrokenName {
  return Object.hasOwn(BROKEN_OPTIONS, text);
}

/** The options turned on in a config, by name, in table order. */
export function brokenNamesOf(broken: RaftConfig['broken']): BrokenName[] {
  return BROKEN_NAMES.filter((name) => broken[BROKEN_OPTIONS[name]] === true);
}

/** The config's `broken` record for a list of names (only the ones on are present). */
export function brokenConfigOf(names: readonly BrokenName[]): RaftConfig['broken'] {
  const broken: RaftConfig['broken'] = {};
  for (const name of names) broken[BROKEN_OPTIONS[name]] = true;
  return broken;
}

// What replaying a LogIndex run costs, in kernel events: its simulated time times the events a
// simulated second of its config runs, once per column (side by side runs lazy and full on
// one clock). The event rate is a fit to the kernel, not a guess: at the default config it
// runs ~83 k events per simulated second with 3 ROs and ~360 k with 15 (replayCost.test.ts
// holds the model within a factor of 1.5 of the kernel's count over a grid of configs).
import type { ReplayAsk } from '../replayBudget';
import type { LogIndexConfig, SimNs } from './types';

/** The simulated time a replay runs: the same rule as raft's. */
export { timeToReplay } from '../raft/replayCost';

/** Events per transaction on the writer (the record, its WAL write, its page write, its index entry). */
const EVENTS_PER_WRITE = 3.2;
/** Events per transaction on each replica (metadata, parse, apply or replay, ack). */
const EVENTS_PER_WRITE_PER_RO = 3.6;
/** Events per replica read. */
const EVENTS_PER_READ = 1;
/** Ticks, background writer rounds and table flushes. */
const EVENTS_PER_SECOND_IDLE = 2_000;

/** The kernel events one simulated second of `config` runs, about. */
export function eventsPerSimSecond(config: Pick<LogIndexConfig, 'ro' | 'writeTps' | 'readQps'>): number {
  const ro = Math.max(1, config.ro);
  return config.writeTps * (EVENTS_PER_WRITE + EVENTS_PER_WRITE_PER_RO * ro) + config.readQps * ro * EVENTS_PER_READ + EVENTS_PER_SECOND_IDLE;
}

/**
 * Events that open without asking: about 1.5 s in a worker here (the session runs 3 to 7 M
 * events a second, checkpoints included). The default config with 3 ROs opens up to about
 * 48 s of simulated time alone, or 24 s side by side; 15 ROs about 11 s.
 */
export const LOGINDEX_REPLAY_BUDGET = 4e6;

/** What opening a run of `config` to `ns` asks, with `columns` kernels (1, or 2 side by side). */
export function logIndexReplayAsk(config: Pick<LogIndexConfig, 'ro' | 'writeTps' | 'readQps'>, ns: SimNs, columns: number): ReplayAsk {
  return { work: (ns / 1e9) * eventsPerSimSecond(config) * columns, budget: LOGINDEX_REPLAY_BUDGET };
}

// What replaying a raft run costs: its simulated time, once per column (side by side runs
// two kernels on one clock).
import type { ReplayAsk } from '../replayBudget';
import type { SimNs } from './types';

/**
 * Simulated ns that open without asking: 10 s of one run, about a second in a worker at the
 * default iodepth (`hlab raft` does ~4 M events/s, ~230 k events per simulated second).
 */
export const RAFT_REPLAY_BUDGET: SimNs = 10e9;

/** The simulated time a replay runs: up to the furthest of its time and its commands'. */
export function timeToReplay(time: SimNs, commandTimes: readonly SimNs[]): SimNs {
  let furthest = time;
  for (const at of commandTimes) if (at > furthest) furthest = at;
  return furthest;
}

export function raftReplayAsk(ns: SimNs, columns: number): ReplayAsk {
  return { work: ns * columns, budget: RAFT_REPLAY_BUDGET };
}

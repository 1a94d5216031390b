// The event-simulation engine, part 4: each node's write-ahead-log disk, several channels
// that serve writes in parallel, so completions can overtake earlier submissions. Service
// time is a base plus exponential jitter plus a per-KB cost, times the node's limp factor.
// Generic over the kernel's state S, which holds (besides what draws.ts needs)
//   walChannels: i32, walBase: i64, walJitter: i64, walNsPerKb: i64   the model
//   walFree: StaticArray<i64>      nodes x MAX_WAL_CHANNELS: when each channel falls free
//   diskFactor: StaticArray<i32>   per node, service time x factor / 1000 (a limping disk)
import { expNs } from './draws';

export const MAX_WAL_CHANNELS: i32 = 32;
/** diskFactor of a healthy disk. */
export const DISK_HEALTHY: i32 = 1000;

/** Submits a write of `bytes` at `submitAt`; returns when it completes. */
export function diskDone<S>(s: S, node: i32, submitAt: i64, bytes: i32): i64 {
  const base = node * MAX_WAL_CHANNELS;
  let best = base;
  let bestFree = unchecked(s.walFree[base]);
  // The first channel to fall free takes the write; branch-free, as which one wins is random.
  for (let k = 1; k < s.walChannels; k++) {
    const f = unchecked(s.walFree[base + k]);
    const earlier = f < bestFree;
    bestFree = select<i64>(f, bestFree, earlier);
    best = select<i32>(base + k, best, earlier);
  }
  const start = bestFree > submitAt ? bestFree : submitAt;
  let service = s.walBase + expNs<S>(s, s.walJitter) + ((<i64>bytes * s.walNsPerKb) >> 10);
  const factor = unchecked(s.diskFactor[node]);
  if (factor != DISK_HEALTHY) service = service * <i64>factor / 1000;
  const done = start + service;
  unchecked((s.walFree[best] = done));
  return done;
}

/** The node's disk restarts idle at `now` (a node back from a crash). */
export function diskRestart<S>(s: S, node: i32, now: i64): void {
  for (let k = 0; k < MAX_WAL_CHANNELS; k++) unchecked((s.walFree[node * MAX_WAL_CHANNELS + k] = now));
}

/** The node's disk serves writes `factorPermille` / 1000 times as slowly (at least 1). */
export function diskLimp<S>(s: S, node: i32, factorPermille: i32): void {
  unchecked((s.diskFactor[node] = factorPermille < 1 ? 1 : factorPermille));
}

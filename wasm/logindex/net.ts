// Messages between the writer and the replicas over the engine's links, and the random draws
// of the workload (wasm/lib: events, links, draws).
import { State } from './state';
import { NODES, PAGES } from './constants';
import { newEvent, schedule } from '../lib/events';
import { deliveryTime, linkDrops } from '../lib/links';
import { rngIntn, rngNext63 } from '../lib/rng';

/** Sends a message of `bytes`; a partitioned or lossy link may drop it. */
export function send(s: State, sendAt: i64, from: i32, to: i32, kind: i32, a: i32, b: i32, cc: i32, bytes: i32): void {
  const pair = from * NODES + to;
  if (linkDrops<State>(s, pair)) {
    s.msgDropped++;
    return;
  }
  schedule<State>(s, deliveryTime<State>(s, pair, sendAt, bytes), newEvent<State>(s, kind, to, from, 0, a, b, cc, 0));
}

/** True with probability p / 1000, from the workload's stream. */
export function workPermille(s: State, p: i32): bool {
  if (p <= 0) return false;
  if (p >= 1000) return true;
  return <i32>(rngNext63(s.workRng) % 1000) < p;
}

/** The gap to the next arrival at `mean` ns, from the workload's stream. */
export function workGap(s: State, mean: i64): i64 {
  return mean <= 0 ? 0 : <i64>(s.expTable.unit(s.workRng) * <f64>mean);
}

/** A page by the OLTP mix's skew: hotPermille of the draws go to the first hotPages pages. */
export function drawPage(s: State): i32 {
  if (workPermille(s, s.hotPermille)) return rngIntn(s.workRng, s.hotPages);
  return rngIntn(s.workRng, PAGES);
}

/** The page a two-page record or read pairs with page p (a B-tree sibling). */
export function sibling(p: i32): i32 {
  return p + 1 < PAGES ? p + 1 : 0;
}

// Messages between the writer and the replicas over the engine's links, and the random draws
// of the workload (wasm/lib: events, links, draws).
import { State } from './state';
import { NODES, PAGES } from './constants';
import { newEvent, schedule } from '../lib/events';
import { deliveryTime, linkDrops } from '../lib/links';
import { rngIntn } from '../lib/rng';
import { permille } from '../lib/draws';

/** Sends a message of `bytes`; a partitioned or lossy link may drop it. */
export function send(s: State, sendAt: i64, from: i32, to: i32, kind: i32, a: i32, b: i32, cc: i32, bytes: i32): void {
  const pair = from * NODES + to;
  if (linkDrops<State>(s, pair)) {
    s.msgDropped++;
    return;
  }
  schedule<State>(s, deliveryTime<State>(s, pair, sendAt, bytes), newEvent<State>(s, kind, to, from, 0, a, b, cc, 0));
}

/** A page by the OLTP mix's skew: hotPermille of the draws go to the first hotPages pages. */
export function drawPage(s: State): i32 {
  if (permille<State>(s, s.hotPermille)) return rngIntn(s.rng, s.hotPages);
  return rngIntn(s.rng, PAGES);
}

/** The page a two-page record or read pairs with page p (a B-tree sibling). */
export function sibling(p: i32): i32 {
  return p + 1 < PAGES ? p + 1 : 0;
}

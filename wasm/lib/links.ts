// The event-simulation engine, part 3: the network between nodes. Each ordered pair of nodes
// (pair = from * nodes + to) has several connections, each with its own base latency, FIFO
// unless a message is reordered; jitter is exponential; a link may drop (a one-way partition),
// lose, duplicate, reorder or delay what goes over it, each direction on its own. Generic over
// the kernel's state S, which holds (besides what draws.ts needs)
//   connections: i32, netBase: i64, netJitter: i64, netNsPerKb: i64   the model
//   connBase, connLast: StaticArray<i64>   pairs x MAX_CONNECTIONS: base latency, last delivery
//   connNext: StaticArray<i32>             per pair, the connection the next message takes
//   linkDrop, linkLoss, linkDup, linkReorder: StaticArray<i32>, linkDelay: StaticArray<i64>
//                                          per pair: the faults (LINK_* fields; permille, ns)
// The kernel decides what a message is; this decides whether and when it arrives.
import { expNs, permille } from './draws';

export const MAX_CONNECTIONS: i32 = 16;
// Link fault fields (setLink): drop everything, loss / duplication / reorder permille, extra ns.
export const LINK_DROP: i32 = 0;
export const LINK_LOSS: i32 = 1;
export const LINK_DUP: i32 = 2;
export const LINK_REORDER: i32 = 3;
export const LINK_DELAY: i32 = 4;
export const LINK_FIELDS: i32 = 5;

/** Delivery time over the pair's next connection, FIFO per connection unless reordered. */
export function deliveryTime<S>(s: S, pair: i32, sendAt: i64, bytes: i32): i64 {
  let k = unchecked(s.connNext[pair]);
  unchecked((s.connNext[pair] = k + 1 >= s.connections ? 0 : k + 1));
  const conn = pair * MAX_CONNECTIONS + k;
  let t = sendAt + unchecked(s.connBase[conn]) + expNs<S>(s, s.netJitter) + ((<i64>bytes * s.netNsPerKb) >> 10) +
    unchecked(s.linkDelay[pair]);
  if (permille<S>(s, unchecked(s.linkReorder[pair]))) {
    // A reordered message skips the connection's FIFO and is held back a little.
    return t + expNs<S>(s, s.netBase * 4);
  }
  const last = unchecked(s.connLast[conn]);
  t = select<i64>(last + 1, t, t <= last); // branch-free: jitter makes it a coin toss
  unchecked((s.connLast[conn] = t));
  return t;
}

/** Whether the pair's link drops this message (a one-way partition, or a loss draw). */
// @ts-ignore: decorator
@inline export function linkDrops<S>(s: S, pair: i32): bool {
  return unchecked(s.linkDrop[pair]) != 0 || permille<S>(s, unchecked(s.linkLoss[pair]));
}

/** Whether the pair's link delivers this message twice (a duplication draw). */
// @ts-ignore: decorator
@inline export function linkDuplicates<S>(s: S, pair: i32): bool {
  return permille<S>(s, unchecked(s.linkDup[pair]));
}

/** Sets one fault field (LINK_*) of the pair's link. */
export function setLink<S>(s: S, pair: i32, field: i32, value: i64): void {
  if (field == LINK_DROP) unchecked((s.linkDrop[pair] = <i32>value));
  else if (field == LINK_LOSS) unchecked((s.linkLoss[pair] = <i32>value));
  else if (field == LINK_DUP) unchecked((s.linkDup[pair] = <i32>value));
  else if (field == LINK_REORDER) unchecked((s.linkReorder[pair] = <i32>value));
  else unchecked((s.linkDelay[pair] = value));
}

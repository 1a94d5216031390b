// The discrete-event machinery: the event pool, scheduling, per-node CPU queues, the
// multi-connection network with its faults, the WAL disks, and the arena of entry records
// that messages carry. This is where reordering comes from (spec §1.6): every connection has
// its own base latency and jitter, and WAL writes complete out of submission order.
import { Cluster, EVENT_FIELDS } from './cluster';
import {
  NODES, MAX_CONNECTIONS, MAX_WAL_CHANNELS, EV_FIRST_LOCAL, ARENA_CAP, ARENA_MASK, LBB_MAX, LOG_CAP, LOG_MASK,
  OPT_TRACE_MESSAGES, LOG_MSG_SEND, LOG_MSG_DROP, EV_DISK_DONE, EV_APPEND, EV_SYNC, EV_INSTALL, EV_MERGE_RESP,
} from './constants';
import { rngNext63 } from '../lib/rng';

/** Uniform in (0, 1). */
export function uniform(c: Cluster): f64 {
  return (<f64>(rngNext63(c.rng) >> 10) + 0.5) * (1.0 / 9007199254740992.0);
}

/** Exponentially distributed with the given mean (ns); 0 when the mean is 0. */
// @ts-ignore: decorator
@inline export function expNs(c: Cluster, mean: i64): i64 {
  if (mean <= 0) return 0;
  return <i64>(c.expTable.unit(c.rng) * <f64>mean);
}

export function permille(c: Cluster, p: i32): bool {
  if (p <= 0) return false;
  if (p >= 1000) return true;
  return <i32>(rngNext63(c.rng) % 1000) < p;
}

// Byte offsets of an event record's fields (see Cluster.events).
export const EV_KIND: usize = 0;
export const EV_NODE: usize = 4;
export const EV_FROM: usize = 8;
export const EV_TERM: usize = 12;
export const EV_A: usize = 16;
export const EV_B: usize = 20;
export const EV_C: usize = 24;
export const EV_D: usize = 28;
export const EV_EPOCH: usize = 32;

/** Address of event e's record. */
// @ts-ignore: decorator
@inline export function eventAt(c: Cluster, e: i32): usize {
  return changetype<usize>(c.events) + <usize>e * (<usize>EVENT_FIELDS << 2);
}

/** Takes an event record from the pool; -1 (and `overflow` set) when the pool is empty. */
export function newEvent(c: Cluster, kind: i32, node: i32, from: i32, term: i32, a: i32, b: i32, cc: i32, d: i32): i32 {
  if (c.evFreeTop == 0) {
    c.overflow = 1;
    return -1;
  }
  const e = unchecked(c.evFree[--c.evFreeTop]);
  const r = eventAt(c, e);
  store<i32>(r, kind, EV_KIND);
  store<i32>(r, node, EV_NODE);
  store<i32>(r, from, EV_FROM);
  store<i32>(r, term, EV_TERM);
  store<i32>(r, a, EV_A);
  store<i32>(r, b, EV_B);
  store<i32>(r, cc, EV_C);
  store<i32>(r, d, EV_D);
  store<i32>(r, unchecked(c.epoch[node]), EV_EPOCH);
  return e;
}

export function freeEvent(c: Cluster, e: i32): void {
  unchecked((c.evFree[c.evFreeTop++] = e));
}

export function schedule(c: Cluster, time: i64, e: i32): void {
  if (e < 0) return;
  if (!c.heap.push(time, e)) {
    c.overflow = 1;
    freeEvent(c, e);
  }
}

/** A local event (timer, disk, client) for `node` at `time`. */
export function at(c: Cluster, time: i64, kind: i32, node: i32, a: i32, b: i32, cc: i32, d: i32): void {
  schedule(c, time, newEvent(c, kind, node, -1, 0, a, b, cc, d));
}

/**
 * Runs `cost` ns of work on the node's single processing thread (PolarFS binds a chunk to one
 * polling thread) and returns when the work is done: the time its effects leave the node.
 */
export function cpu(c: Cluster, node: i32, cost: i64): i64 {
  let start = unchecked(c.cpuFree[node]);
  if (start < c.now) start = c.now;
  const done = start + cost;
  unchecked((c.cpuFree[node] = done));
  return done;
}

function traceMessage(c: Cluster, time: i64, kind: i32, from: i32, to: i32, msg: i32, a: i32, term: i32): void {
  if ((c.options & OPT_TRACE_MESSAGES) != 0) c.log.write(time, kind, from | (to << 4) | (msg << 8), a, term);
}

/** Delivery time over one connection of the pair, FIFO per connection unless reordered. */
function deliveryTime(c: Cluster, pair: i32, sendAt: i64, bytes: i32): i64 {
  let k = unchecked(c.connNext[pair]);
  unchecked((c.connNext[pair] = k + 1 >= c.connections ? 0 : k + 1));
  const conn = pair * MAX_CONNECTIONS + k;
  let t = sendAt + unchecked(c.connBase[conn]) + expNs(c, c.netJitter) + ((<i64>bytes * c.netNsPerKb) >> 10) +
    unchecked(c.linkDelay[pair]);
  if (permille(c, unchecked(c.linkReorder[pair]))) {
    // A reordered message skips the connection's FIFO and is held back a little.
    return t + expNs(c, c.netBase * 4);
  }
  const last = unchecked(c.connLast[conn]);
  t = select<i64>(last + 1, t, t <= last); // branch-free: jitter makes it a coin toss
  unchecked((c.connLast[conn] = t));
  return t;
}

/** Sends a message; faults on the link may drop or duplicate it. */
export function send(c: Cluster, sendAt: i64, from: i32, to: i32, kind: i32, term: i32, a: i32, b: i32, cc: i32, d: i32, bytes: i32): void {
  const pair = from * NODES + to;
  c.msgSent++;
  traceMessage(c, sendAt, LOG_MSG_SEND, from, to, kind, a, term);
  if (unchecked(c.linkDrop[pair]) != 0 || permille(c, unchecked(c.linkLoss[pair]))) {
    c.msgDropped++;
    traceMessage(c, sendAt, LOG_MSG_DROP, from, to, kind, a, term);
    return;
  }
  const e = newEvent(c, kind, to, from, term, a, b, cc, d);
  schedule(c, deliveryTime(c, pair, sendAt, bytes), e);
  if (permille(c, unchecked(c.linkDup[pair]))) {
    schedule(c, deliveryTime(c, pair, sendAt, bytes), newEvent(c, kind, to, from, term, a, b, cc, d));
  }
}

/** Submits a WAL write; its completion (EV_DISK_DONE) may overtake earlier submissions. */
export function diskWrite(c: Cluster, node: i32, submitAt: i64, bytes: i32, job: i32, a: i32, term: i32, count: i32): void {
  const base = node * MAX_WAL_CHANNELS;
  let best = base;
  let bestFree = unchecked(c.walFree[base]);
  // The first channel to fall free takes the write; branch-free, as which one wins is random.
  for (let k = 1; k < c.walChannels; k++) {
    const f = unchecked(c.walFree[base + k]);
    const earlier = f < bestFree;
    bestFree = select<i64>(f, bestFree, earlier);
    best = select<i32>(base + k, best, earlier);
  }
  const start = bestFree > submitAt ? bestFree : submitAt;
  let service = c.walBase + expNs(c, c.walJitter) + ((<i64>bytes * c.walNsPerKb) >> 10);
  const factor = unchecked(c.diskFactor[node]);
  if (factor != 1000) service = service * <i64>factor / 1000;
  const done = start + service;
  unchecked((c.walFree[best] = done));
  at(c, done, EV_DISK_DONE, node, a, term, count, job);
}

// ---- arena: entry records carried by messages ----

/** Copies the node's log slot for `index` into the arena; returns the record's position. */
export function arenaPut(c: Cluster, node: i32, index: i32, state: u8): i32 {
  const pos = c.arenaHead++;
  const r = pos & ARENA_MASK;
  const s = node * LOG_CAP + (index & LOG_MASK);
  unchecked((c.arIndex[r] = index));
  unchecked((c.arTerm[r] = c.lgTerm[s]));
  unchecked((c.arValue[r] = c.lgValue[s]));
  unchecked((c.arLba[r] = c.lgLba[s]));
  unchecked((c.arLen[r] = c.lgLen[s]));
  unchecked((c.arPrevTerm[r] = c.lgPrevTerm[s]));
  unchecked((c.arState[r] = state));
  const src = s * LBB_MAX * 2;
  const dst = r * LBB_MAX * 2;
  for (let k = 0; k < LBB_MAX * 2; k++) unchecked((c.arLbb[dst + k] = c.lgLbb[src + k]));
  return pos;
}

/** True while records start..start+count-1 have not been overwritten. */
export function arenaValid(c: Cluster, start: i32, count: i32): bool {
  return c.arenaHead - start <= ARENA_CAP && count <= ARENA_CAP;
}

export function isMessage(kind: i32): bool {
  return kind < EV_FIRST_LOCAL;
}

/** Thread time to handle a message or client request (kind, entries carried). */
export function handlingCost(c: Cluster, kind: i32, entries: i32): i64 {
  if (kind == EV_APPEND || kind == EV_SYNC || kind == EV_INSTALL || kind == EV_MERGE_RESP) {
    return c.cpuMsg + c.cpuEntry * <i64>entries;
  }
  return c.cpuMsg;
}

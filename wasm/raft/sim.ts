// What raft adds to the event-simulation engine (wasm/lib: events, cpu, links, disks): sending
// a message (counted and traced) over the engine's links, the WAL write whose completion is an
// EV_DISK_DONE event, the arena of entry records that messages carry, and the thread time each
// kind of event costs. Reordering comes from the engine (spec §1.6): every connection has its
// own base latency and jitter, and WAL writes complete out of submission order.
import { Cluster } from './cluster';
import {
  NODES, ARENA_CAP, ARENA_MASK, LBB_MAX, LOG_CAP, LOG_MASK, EV_FIRST_LOCAL,
  OPT_TRACE_MESSAGES, LOG_MSG_SEND, LOG_MSG_DROP, EV_DISK_DONE, EV_APPEND, EV_SYNC, EV_INSTALL, EV_MERGE_RESP,
} from './constants';
import { at, newEvent, schedule } from '../lib/events';
import { deliveryTime, linkDrops, linkDuplicates } from '../lib/links';
import { diskDone } from '../lib/disks';

function traceMessage(c: Cluster, time: i64, kind: i32, from: i32, to: i32, msg: i32, a: i32, term: i32): void {
  if ((c.options & OPT_TRACE_MESSAGES) != 0) c.log.write(time, kind, from | (to << 4) | (msg << 8), a, term);
}

/** Sends a message; faults on the link may drop or duplicate it. */
export function send(c: Cluster, sendAt: i64, from: i32, to: i32, kind: i32, term: i32, a: i32, b: i32, cc: i32, d: i32, bytes: i32): void {
  const pair = from * NODES + to;
  c.msgSent++;
  traceMessage(c, sendAt, LOG_MSG_SEND, from, to, kind, a, term);
  if (linkDrops<Cluster>(c, pair)) {
    c.msgDropped++;
    traceMessage(c, sendAt, LOG_MSG_DROP, from, to, kind, a, term);
    return;
  }
  const e = newEvent<Cluster>(c, kind, to, from, term, a, b, cc, d);
  schedule<Cluster>(c, deliveryTime<Cluster>(c, pair, sendAt, bytes), e);
  if (linkDuplicates<Cluster>(c, pair)) {
    schedule<Cluster>(c, deliveryTime<Cluster>(c, pair, sendAt, bytes), newEvent<Cluster>(c, kind, to, from, term, a, b, cc, d));
  }
}

/** Submits a WAL write; its completion (EV_DISK_DONE) may overtake earlier submissions. */
export function diskWrite(c: Cluster, node: i32, submitAt: i64, bytes: i32, job: i32, a: i32, term: i32, count: i32): void {
  at<Cluster>(c, diskDone<Cluster>(c, node, submitAt, bytes), EV_DISK_DONE, node, a, term, count, job);
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

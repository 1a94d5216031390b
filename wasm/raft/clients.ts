// FIO-style clients: each keeps `iodepth` block reads/writes outstanding over the chunk's
// LBA range, records every op in the history ring, and feeds the latency histograms.
// Scripted ops (`write`, `read` commands) use their own slots and are not reissued.
import { Cluster, OP_SLOTS } from './cluster';
import {
  NODES, MAX_DEPTH, MAX_CLIENTS, SCRIPT_SLOTS, HISTORY_CAP, READ_VALUES_CAP, OP_WRITE, OP_READ, EV_CLIENT_REQ,
  ROLE_LEADER, MODE_RAFT, LOG_CAP, SLOT_COMMITTED, SLOT_APPLIED, SLOT_PRESENT, V_STALE_READ, MAJORITY, V_ACK_UNCOMMITTED,
  OPT_DIRTY_READ, SLOT_SKIP,
} from './constants';
import { at } from '../lib/events';
import { permille } from '../lib/draws';
import { rngNext63 } from '../lib/rng';
import { slotOf, holds } from './logstore';
import { chkAcked, readCheck, writeIndex, violate, isCommitted, committedValue } from './checker';

export const SCRIPT_BASE: i32 = MAX_CLIENTS * MAX_DEPTH;

export function clientOf(slot: i32): i32 {
  return slot >= SCRIPT_BASE ? MAX_CLIENTS : slot / MAX_DEPTH;
}

function clientLabel(c: Cluster, slot: i32): i32 {
  return slot >= SCRIPT_BASE ? c.clients : slot / MAX_DEPTH;
}

function scriptTarget(c: Cluster): i32 {
  let best = -1;
  for (let n = 0; n < NODES; n++) {
    if (unchecked(c.up[n]) != 0 && unchecked(c.role[n]) == ROLE_LEADER && (best < 0 || unchecked(c.term[n]) > unchecked(c.term[best]))) best = n;
  }
  return best >= 0 ? best : unchecked(c.clientGuess[MAX_CLIENTS]);
}

export function issueOp(c: Cluster, slot: i32, invoke: i64, kind: i32, lba: i32, len: i32): void {
  const gen = unchecked(c.opGen[slot]) + 1;
  unchecked((c.opGen[slot] = gen));
  unchecked((c.opActive[slot] = 1));
  unchecked((c.opKind[slot] = kind));
  unchecked((c.opLba[slot] = lba));
  unchecked((c.opLen[slot] = len));
  unchecked((c.opValue[slot] = kind == OP_WRITE ? ++c.writeCounter : 0));
  unchecked((c.opInvoke[slot] = invoke));
  // Scripted ops (labs, tests) go to the current leader; workload clients use their guess.
  const node = slot >= SCRIPT_BASE ? scriptTarget(c) : unchecked(c.clientGuess[clientOf(slot)]);
  unchecked((c.opNode[slot] = node));
  at(c, invoke + c.clientNet, EV_CLIENT_REQ, node, slot, gen, 0, 0);
}

/** A new random op from a workload slot. */
export function issueWorkload(c: Cluster, slot: i32, invoke: i64): void {
  const kind = permille(c, c.readPermille) ? OP_READ : OP_WRITE;
  const span = c.maxBlocks - c.minBlocks + 1;
  const len = c.minBlocks + (span > 1 ? <i32>(rngNext63(c.rng) % <i64>span) : 0);
  const lba = <i32>(rngNext63(c.rng) % <i64>(c.blocks - len + 1));
  issueOp(c, slot, invoke, kind, lba, len);
}

function writeHistory(c: Cluster, slot: i32, complete: i64, ok: i32, readAt: i32): void {
  const h = <i32>(c.historyTotal & <i64>(HISTORY_CAP - 1));
  unchecked((c.hClient[h] = clientLabel(c, slot)));
  unchecked((c.hKind[h] = c.opKind[slot]));
  unchecked((c.hLba[h] = c.opLba[slot]));
  unchecked((c.hLen[h] = c.opLen[slot]));
  unchecked((c.hValue[h] = c.opValue[slot]));
  unchecked((c.hOk[h] = ok));
  unchecked((c.hInvoke[h] = c.opInvoke[slot]));
  unchecked((c.hComplete[h] = complete));
  unchecked((c.hReadAt[h] = readAt));
  c.historyTotal++;
}

function reissue(c: Cluster, slot: i32, next: i64): void {
  if (slot >= SCRIPT_BASE || c.settling != 0) return;
  const client = slot / MAX_DEPTH;
  const d = slot - client * MAX_DEPTH;
  if (client < c.clients && d < c.iodepth) issueWorkload(c, slot, next);
}

/** The client hears the outcome at `complete`. `index` is the write's log index when ok. */
export function finishOp(c: Cluster, slot: i32, ok: bool, complete: i64, index: i32, readAt: i32): void {
  if (unchecked(c.opActive[slot]) == 0) return;
  unchecked((c.opActive[slot] = 0));
  writeHistory(c, slot, complete, ok ? 1 : 0, readAt);
  if (ok) {
    const kind = unchecked(c.opKind[slot]);
    if (kind == OP_WRITE) {
      // P8: a write is acknowledged only once it is committed, at the index that holds it.
      const value = unchecked(c.opValue[slot]);
      if (!isCommitted(c.checker, index) || committedValue(c.checker, index) != value) {
        violate(c.checker, c.now, V_ACK_UNCOMMITTED, value, index, 0);
      }
      chkAcked(c.checker, index, unchecked(c.opLba[slot]), unchecked(c.opLen[slot]), complete);
      if (complete >= c.measureFrom) c.okWrites++;
    } else if (complete >= c.measureFrom) {
      c.okReads++;
    }
    if (complete >= c.measureFrom) {
      const latency = complete - unchecked(c.opInvoke[slot]);
      c.latency.record(latency);
      c.sampleLatency.record(latency);
      c.sampleOps++;
    }
    reissue(c, slot, complete + c.thinkNs);
  } else {
    c.failedOps++;
    reissue(c, slot, complete + c.retryNs);
  }
}

/** Client-side timeout: the op's outcome stays unknown (complete = null in the history). */
export function abandonOp(c: Cluster, slot: i32): void {
  unchecked((c.opActive[slot] = 0));
  writeHistory(c, slot, -1, 0, -1);
  c.timedOut++;
  const client = clientOf(slot);
  unchecked((c.clientGuess[client] = (unchecked(c.clientGuess[client]) + 1) % NODES));
  reissue(c, slot, c.now);
}

export function clientTimeouts(c: Cluster): void {
  const limit = c.now - c.clientTimeout;
  for (let client = 0; client < c.clients; client++) {
    const base = client * MAX_DEPTH;
    for (let d = 0; d < MAX_DEPTH; d++) {
      const slot = base + d;
      if (unchecked(c.opActive[slot]) != 0 && unchecked(c.opInvoke[slot]) < limit) abandonOp(c, slot);
    }
  }
  for (let slot = SCRIPT_BASE; slot < SCRIPT_BASE + SCRIPT_SLOTS; slot++) {
    if (unchecked(c.opActive[slot]) != 0 && unchecked(c.opInvoke[slot]) < limit) abandonOp(c, slot);
  }
}

/** Starts slots up to the current iodepth (init and the `iodepth` command). */
export function fillDepth(c: Cluster): void {
  for (let client = 0; client < c.clients; client++) {
    for (let d = 0; d < c.iodepth; d++) {
      const slot = client * MAX_DEPTH + d;
      if (unchecked(c.opActive[slot]) == 0) issueWorkload(c, slot, c.now + c.thinkNs);
    }
  }
}

/** ReadIndex: a majority (the leader included) answered the leader after the read arrived. */
function leadershipConfirmed(c: Cluster, node: i32, since: i64): bool {
  let fresh = 1;
  for (let f = 0; f < NODES; f++) {
    if (f != node && unchecked(c.contact[node * NODES + f]) >= since) fresh++;
  }
  return fresh >= MAJORITY;
}

function readReady(c: Cluster, node: i32): bool {
  if (unchecked(c.role[node]) != ROLE_LEADER || unchecked(c.leaderReady[node]) == 0) return false;
  // Raft: a new leader knows what is committed only once an entry of its own term is.
  return c.mode != MODE_RAFT || unchecked(c.commitIndex[node]) >= unchecked(c.termFirstIndex[node]);
}

/** A committed but not yet applied entry overlaps the read: it must wait (spec §1.2). */
function readBlocked(c: Cluster, node: i32, lba: i32, len: i32): bool {
  const last = unchecked(c.lastIndex[node]);
  for (let i = unchecked(c.appliedPrefix[node]) + 1; i <= last; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i)) continue;
    const st = unchecked(c.lgState[s]);
    if ((st & (SLOT_PRESENT | SLOT_COMMITTED | SLOT_APPLIED)) != (SLOT_PRESENT | SLOT_COMMITTED)) continue;
    const l2 = unchecked(c.lgLba[s]);
    if (l2 < lba + len && lba < l2 + unchecked(c.lgLen[s])) return true;
  }
  return false;
}

/**
 * The broken `dirty-read` option's answer for one block: the value of the newest entry in the
 * node's log that writes it, committed or not, else the block's applied data.
 */
function dirtyValue(c: Cluster, node: i32, block: i32): i32 {
  const applied = unchecked(c.appliedPrefix[node]);
  let i = unchecked(c.lastIndex[node]);
  if (i - applied > LOG_CAP) i = applied + LOG_CAP;
  for (; i > applied; i--) {
    const s = slotOf(node, i);
    if (!holds(c, s, i)) continue;
    const st = unchecked(c.lgState[s]);
    if ((st & (SLOT_PRESENT | SLOT_APPLIED | SLOT_SKIP)) != SLOT_PRESENT) continue;
    const l = unchecked(c.lgLba[s]);
    if (l <= block && block < l + unchecked(c.lgLen[s])) return unchecked(c.lgValue[s]);
  }
  return unchecked(c.data[node * c.blocks + block]);
}

function serveRead(c: Cluster, node: i32, slot: i32, done: i64): void {
  const lba = unchecked(c.opLba[slot]);
  const len = unchecked(c.opLen[slot]);
  const readAt = <i32>(c.readValuesTotal & <i64>(READ_VALUES_CAP - 1));
  const base = node * c.blocks;
  const invoke = unchecked(c.opInvoke[slot]);
  const k = c.checker;
  const dirty = (c.options & OPT_DIRTY_READ) != 0;
  for (let b = lba; b < lba + len; b++) {
    const v = dirty ? dirtyValue(c, node, b) : unchecked(c.data[base + b]);
    unchecked((c.readValues[<i32>(c.readValuesTotal & <i64>(READ_VALUES_CAP - 1))] = v));
    c.readValuesTotal++;
    // No acknowledged write is lost: the read sees at least the newest write acknowledged before it began.
    const verdict = readCheck(k, b, invoke, writeIndex(k, v));
    if (verdict < 0) k.unverified++;
    else if (verdict > 0) violate(k, c.now, V_STALE_READ, b, v, verdict);
  }
  k.readsChecked++;
  finishOp(c, slot, true, done + c.clientNet, 0, readAt);
}

/**
 * Serves the reads waiting at `node` that may be served now. The wait list is shared by all
 * nodes, so each read remembers the node it reached (opNode): a read that reached an old
 * leader must never be answered from another node's blocks, and a new Raft leader answers
 * nothing until it has committed an entry of its term.
 */
export function recheckReads(c: Cluster, node: i32): void {
  let kept = 0;
  const ready = readReady(c, node);
  for (let r = 0; r < c.waitCount; r++) {
    const slot = unchecked(c.waitRead[r]);
    const gen = unchecked(c.waitGen[r]);
    if (!stillWaiting(c, slot, gen)) continue;
    if (ready && unchecked(c.opNode[slot]) == node && leadershipConfirmed(c, node, unchecked(c.opArrive[slot])) &&
      !readBlocked(c, node, unchecked(c.opLba[slot]), unchecked(c.opLen[slot]))) {
      serveRead(c, node, slot, c.now);
    } else {
      unchecked((c.waitRead[kept] = slot));
      unchecked((c.waitGen[kept++] = gen));
    }
  }
  c.waitCount = kept;
}

/**
 * The wait list holds (slot, generation): a read that timed out leaves its entry behind, and
 * its slot may since carry a new op (even a write), which must not be answered as this read.
 */
function stillWaiting(c: Cluster, slot: i32, gen: i32): bool {
  return unchecked(c.opActive[slot]) != 0 && unchecked(c.opGen[slot]) == gen && unchecked(c.opKind[slot]) == OP_READ;
}

/** Compacts the wait list; at most one live entry per slot remains, so it then has room. */
function dropStaleWaits(c: Cluster): void {
  let kept = 0;
  for (let r = 0; r < c.waitCount; r++) {
    const slot = unchecked(c.waitRead[r]);
    const gen = unchecked(c.waitGen[r]);
    if (!stillWaiting(c, slot, gen)) continue;
    unchecked((c.waitRead[kept] = slot));
    unchecked((c.waitGen[kept++] = gen));
  }
  c.waitCount = kept;
}

/** The leader lost its role: the reads waiting at it fail. */
export function failReads(c: Cluster, node: i32): void {
  let kept = 0;
  for (let r = 0; r < c.waitCount; r++) {
    const slot = unchecked(c.waitRead[r]);
    const gen = unchecked(c.waitGen[r]);
    if (!stillWaiting(c, slot, gen)) continue;
    if (unchecked(c.opNode[slot]) == node) {
      finishOp(c, slot, false, c.now + c.clientNet, 0, -1);
    } else {
      unchecked((c.waitRead[kept] = slot));
      unchecked((c.waitGen[kept++] = gen));
    }
  }
  c.waitCount = kept;
}

/**
 * EV_CLIENT_REQ: an op reaches a node. Returns true for a write the leader is to propose
 * (dispatch.ts hands it to replication, which sits above the clients); every other outcome is
 * settled here.
 */
export function onClientRequest(c: Cluster, node: i32, slot: i32, gen: i32): bool {
  if (unchecked(c.opGen[slot]) != gen || unchecked(c.opActive[slot]) == 0) return false;
  if (unchecked(c.up[node]) == 0) return false; // lost: the client times out
  const done = c.effectAt;
  const kind = unchecked(c.opKind[slot]);
  const isLeader = unchecked(c.role[node]) == ROLE_LEADER && unchecked(c.leaderReady[node]) != 0;
  if (!isLeader || (kind == OP_READ && !readReady(c, node))) {
    const hint = unchecked(c.leaderHint[node]);
    const client = clientOf(slot);
    unchecked((c.clientGuess[client] = hint >= 0 && hint != node ? hint : (node + 1) % NODES));
    finishOp(c, slot, false, done + c.clientNet, 0, -1);
    return false;
  }
  if (kind == OP_WRITE) return true;
  unchecked((c.opArrive[slot] = c.now));
  unchecked((c.opNode[slot] = node));
  if ((c.options & OPT_DIRTY_READ) != 0) {
    serveRead(c, node, slot, done); // the broken option: no ReadIndex, no wait for the apply
    return false;
  }
  // Every read waits for the leader to hear from a majority after it arrived, and for
  // committed entries that overlap it to be applied.
  if (c.waitCount >= OP_SLOTS) dropStaleWaits(c);
  unchecked((c.waitRead[c.waitCount] = slot));
  unchecked((c.waitGen[c.waitCount++] = gen));
  return false;
}

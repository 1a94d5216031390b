// Sync windows (spec §1.3): the entry records a leader candidate's merged window carries, how
// a replica stores them and seals its end point, and the checks on what was stored (P7's
// look-behind buffer, ParallelRaft-CE's sync completeness). Elections and catch-ups use them.
import { Cluster } from './cluster';
import {
  ARENA_MASK, BLOCK_BYTES, DISK_SYNC_WINDOW, EV_SYNC_ACK, LBB_MAX, LOG_CAP, MODE_PARALLEL_CE, MODE_RAFT, NODES,
  OPT_KEEP_PAST_END, SLOT_APPLIED, SLOT_COMMITTED, SLOT_ON_DISK, SLOT_PERSISTED, SLOT_PRESENT, SLOT_SKIP, V_LBB_WRONG,
  V_SYNC_INCOMPLETE,
} from './constants';
import { arenaPut, diskWrite, send } from './sim';
import { advanceKnown, applyProgress, dropSlot, holds, slotFree, slotOf, storeEntry } from './logstore';
import { chkLbb, chkPersisted, violate } from './checker';
import { ENTRY_OVERHEAD, takeCheckpoint } from './roles';
import { raftMatch, raftReply } from './replies';

export function copyLbb(c: Cluster, s: i32, r: i32): void {
  const dst = s * LBB_MAX * 2;
  const src = r * LBB_MAX * 2;
  for (let k = 0; k < LBB_MAX * 2; k++) unchecked((c.lgLbb[dst + k] = c.arLbb[src + k]));
}

/** P7 on a replica that just stored entry (index, term) from arena record r. */
export function checkLbb(c: Cluster, node: i32, index: i32, term: i32, r: i32): void {
  if (c.mode == MODE_RAFT) return;
  const wrong = chkLbb(c.checker, index, term, c.arLbb, r * LBB_MAX * 2, c.lbbN);
  if (wrong >= 0) violate(c.checker, c.now, V_LBB_WRONG, node, index, wrong);
}

/**
 * ParallelRaft-CE's syncCompleteness: for any two nodes, the entries of every term below the
 * smaller of their two sync terms are identical. Checked whenever a node's sync term moves, over
 * the indices both still keep (above both checkpoints).
 */
export function checkSyncComplete(c: Cluster, node: i32): void {
  if (c.mode != MODE_PARALLEL_CE) return;
  c.checker.syncsChecked++;
  for (let m = 0; m < NODES; m++) {
    if (m == node) continue;
    const a = unchecked(c.syncTerm[node]);
    const b = unchecked(c.syncTerm[m]);
    const below = a < b ? a : b;
    const ckA = unchecked(c.checkpoint[node]);
    const ckB = unchecked(c.checkpoint[m]);
    const lo = (ckA > ckB ? ckA : ckB) + 1;
    let hi = unchecked(c.lastIndex[node]);
    if (unchecked(c.lastIndex[m]) > hi) hi = unchecked(c.lastIndex[m]);
    if (hi - lo >= LOG_CAP) hi = lo + LOG_CAP - 1;
    for (let i = lo; i <= hi; i++) {
      const sa = slotOf(node, i);
      const sb = slotOf(m, i);
      const hasA = holds(c, sa, i) && (unchecked(c.lgState[sa]) & SLOT_PRESENT) != 0;
      const hasB = holds(c, sb, i) && (unchecked(c.lgState[sb]) & SLOT_PRESENT) != 0;
      const oldA = hasA && unchecked(c.lgTerm[sa]) < below;
      const oldB = hasB && unchecked(c.lgTerm[sb]) < below;
      if (!oldA && !oldB) continue;
      const same = hasA && hasB && unchecked(c.lgTerm[sa]) == unchecked(c.lgTerm[sb]) &&
        unchecked(c.lgValue[sa]) == unchecked(c.lgValue[sb]) &&
        (unchecked(c.lgState[sa]) & SLOT_SKIP) == (unchecked(c.lgState[sb]) & SLOT_SKIP);
      if (!same) {
        violate(c.checker, c.now, V_SYNC_INCOMPLETE, node, m, i);
        return;
      }
    }
  }
}

/**
 * Copies the node's entries from..end (holes skipped) into the arena, one record each with its
 * commit/skip/applied flags, for one window message; returns the message's size in bytes. The
 * records are the ones from the arena head before the call to the head after it.
 */
export function putWindow(c: Cluster, node: i32, from: i32, end: i32): i32 {
  let bytes = ENTRY_OVERHEAD;
  for (let i = from; i <= end; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i) || (unchecked(c.lgState[s]) & SLOT_PRESENT) == 0) continue;
    arenaPut(c, node, i, unchecked(c.lgState[s]) & (SLOT_COMMITTED | SLOT_SKIP | SLOT_APPLIED));
    bytes += unchecked(c.lgLen[s]) * BLOCK_BYTES + ENTRY_OVERHEAD;
  }
  return bytes;
}

/**
 * Stores a sync window's entry records (the leader's versions win; identical ones stay).
 * `copied`: after a full data copy, entries the leader had applied are already in the copied
 * blocks. Records at or below `floor` are skipped (applied here already). An entry a streaming
 * install dropped but left on disk (SLOT_ON_DISK) is stored durable. Returns the entries stored.
 */
export function storeWindow(c: Cluster, node: i32, start: i32, count: i32, copied: bool, floor: i32): i32 {
  let stored = 0;
  for (let k = 0; k < count; k++) {
    const r = (start + k) & ARENA_MASK;
    const i = unchecked(c.arIndex[r]);
    if (i <= floor) continue;
    const flags = unchecked(c.arState[r]);
    const s = slotOf(node, i);
    const st = unchecked(c.lgState[s]);
    if (holds(c, s, i) && (st & SLOT_PRESENT) != 0 && unchecked(c.lgTerm[s]) == unchecked(c.arTerm[r]) &&
      unchecked(c.lgValue[s]) == unchecked(c.arValue[r]) && (st & SLOT_SKIP) == (flags & SLOT_SKIP)) {
      unchecked((c.lgState[s] = st | (flags & SLOT_COMMITTED)));
      continue;
    }
    // Read before the slot is taken: storing the same entry again keeps it durable.
    const onDisk = unchecked(c.lgIndex[s]) < 0 && (st & SLOT_ON_DISK) != 0 &&
      unchecked(c.lgTerm[s]) == unchecked(c.arTerm[r]) && unchecked(c.lgValue[s]) == unchecked(c.arValue[r]);
    if (!slotFree(c, node, i)) {
      takeCheckpoint(c, node, false);
      if (!slotFree(c, node, i)) continue;
    }
    let state: u8 = SLOT_PRESENT | (flags & (SLOT_COMMITTED | SLOT_SKIP));
    if ((flags & SLOT_SKIP) != 0) state |= SLOT_PERSISTED;
    if (copied && (flags & SLOT_APPLIED) != 0) state |= SLOT_APPLIED | SLOT_PERSISTED;
    if (onDisk && (flags & SLOT_SKIP) == 0) state |= SLOT_PERSISTED;
    const ns = storeEntry(c, node, i, unchecked(c.arTerm[r]), unchecked(c.arValue[r]), unchecked(c.arLba[r]),
      unchecked(c.arLen[r]), unchecked(c.arPrevTerm[r]), state);
    copyLbb(c, ns, r);
    if ((flags & SLOT_SKIP) == 0) checkLbb(c, node, i, unchecked(c.arTerm[r]), r);
    if ((state & SLOT_PERSISTED) != 0 && (state & SLOT_SKIP) == 0) {
      chkPersisted(c.checker, node, i, unchecked(c.arTerm[r]), unchecked(c.arValue[r]));
    }
    stored++;
  }
  return stored;
}

/** After a window (first..end) is stored: sync term, end point, persist it, then acknowledge. */
export function finishWindow(c: Cluster, node: i32, from: i32, term: i32, count: i32, end: i32, first: i32, t: i64): void {
  if (c.mode == MODE_PARALLEL_CE && (c.options & OPT_KEEP_PAST_END) == 0) {
    // CE erases everything past the end point that an older term left behind.
    for (let j = unchecked(c.lastIndex[node]); j > end; j--) {
      const s = slotOf(node, j);
      // Only entries: an LBA-known hole (term 0) is what rule (c) needs to order what follows it.
      if (holds(c, s, j) && (unchecked(c.lgState[s]) & SLOT_PRESENT) != 0 && unchecked(c.lgTerm[s]) < term) dropSlot(c, node, j);
    }
    let last = unchecked(c.lastIndex[node]);
    while (last > end && !holds(c, slotOf(node, last), last)) last--;
    unchecked((c.lastIndex[node] = last));
  }
  unchecked((c.syncTerm[node] = term));
  unchecked((c.mergeEnd[node] = end));
  advanceKnown(c, node);
  checkSyncComplete(c, node);
  if (c.mode == MODE_RAFT) {
    unchecked((c.verifiedUpTo[node] = end));
    unchecked((c.lastIndex[node] = end));
  }
  const span = end - first + 1;
  if (span > 0) diskWrite(c, node, t, count * ENTRY_OVERHEAD, DISK_SYNC_WINDOW, first, term, span);
  else if (c.mode != MODE_RAFT) send(c, t, node, from, EV_SYNC_ACK, term, end, unchecked(c.appliedPrefix[node]), 0, 0, ENTRY_OVERHEAD);
  else raftReply(c, node, t, true, raftMatch(c, node));
  applyProgress(c, node);
}

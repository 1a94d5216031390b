// One node's log slots and data blocks: storing, replacing and dropping entries, the
// per-block cover counts behind the apply rule, and applying (spec §1.2, rule (a)-(c)).
import { Cluster } from './cluster';
import {
  LOG_CAP, LOG_MASK, LBB_MAX, MODE_RAFT, ROLE_LEADER, OPT_IGNORE_LBB, OPT_STALE_LBB, OPT_LOSE_APPLY, LOG_APPLY,
  SLOT_PRESENT, SLOT_PERSISTED, SLOT_COMMITTED, SLOT_APPLIED, SLOT_KNOWN_LBA, SLOT_SKIP, SLOT_COUNTED,
  V_LEADER_OVERWROTE, V_POINTWISE_MATCHING, V_APPLY_MISMATCH, V_APPLY_ORDER, V_APPLY_UNCOMMITTED,
  STRIP_HOLE, STRIP_LBA_KNOWN, STRIP_RECEIVED, STRIP_PERSISTED, STRIP_COMMITTED, STRIP_PENDING_LBB, STRIP_PENDING_GAP,
  STRIP_APPLIED, STRIP_SKIP,
} from './constants';
import {
  violate, chkEntrySeen, chkUnpersisted, isCommitted, committedValue, commitForgotten,
} from './checker';

/** At most this many log slots are examined per apply pass. */
const APPLY_SCAN_LIMIT: i32 = 2048;

// @ts-ignore: decorator
@inline export function slotOf(node: i32, index: i32): i32 {
  return node * LOG_CAP + (index & LOG_MASK);
}

/** The slot holds this index (present, LBA-known or skip). */
// @ts-ignore: decorator
@inline export function holds(c: Cluster, s: i32, index: i32): bool {
  return unchecked(c.lgIndex[s]) == index;
}

export function hasEntry(c: Cluster, node: i32, index: i32): bool {
  const s = slotOf(node, index);
  return holds(c, s, index) && (unchecked(c.lgState[s]) & SLOT_PRESENT) != 0;
}

/** Term of the entry at index (0 for index 0 or when absent). */
export function termAt(c: Cluster, node: i32, index: i32): i32 {
  if (index <= 0) return 0;
  const s = slotOf(node, index);
  if (!holds(c, s, index) || (unchecked(c.lgState[s]) & SLOT_PRESENT) == 0) return -1;
  return unchecked(c.lgTerm[s]);
}

/** The slot can take `index`: empty, already this index, or holding an index below the checkpoint. */
export function slotFree(c: Cluster, node: i32, index: i32): bool {
  const s = slotOf(node, index);
  const held = unchecked(c.lgIndex[s]);
  return held < 0 || held == index || held <= unchecked(c.checkpoint[node]);
}

function addCover(c: Cluster, node: i32, lba: i32, len: i32, delta: i32): void {
  const base = node * c.blocks;
  for (let b = lba; b < lba + len; b++) unchecked((c.cover[base + b] = c.cover[base + b] + delta));
}

function uncount(c: Cluster, node: i32, s: i32): void {
  const st = unchecked(c.lgState[s]);
  if ((st & SLOT_COUNTED) != 0) {
    addCover(c, node, unchecked(c.lgLba[s]), unchecked(c.lgLen[s]), -1);
    unchecked((c.lgState[s] = st & ~SLOT_COUNTED));
  }
}

function count(c: Cluster, node: i32, s: i32): void {
  const st = unchecked(c.lgState[s]);
  if ((st & (SLOT_COUNTED | SLOT_APPLIED | SLOT_SKIP)) == 0 && unchecked(c.lgLen[s]) > 0) {
    addCover(c, node, unchecked(c.lgLba[s]), unchecked(c.lgLen[s]), 1);
    unchecked((c.lgState[s] = st | SLOT_COUNTED));
  }
}

/** Empties a slot (truncation, erase, crash): the checker learns the version is gone. */
export function dropSlot(c: Cluster, node: i32, index: i32): void {
  const s = slotOf(node, index);
  if (!holds(c, s, index)) return;
  const st = unchecked(c.lgState[s]);
  if ((st & SLOT_PRESENT) != 0) {
    if (unchecked(c.role[node]) == ROLE_LEADER) violate(c.checker, c.now, V_LEADER_OVERWROTE, node, index, unchecked(c.lgTerm[s]));
    if ((st & SLOT_PERSISTED) != 0) chkUnpersisted(c.checker, node, index, unchecked(c.lgTerm[s]), unchecked(c.lgValue[s]));
  }
  uncount(c, node, s);
  unchecked((c.lgIndex[s] = -1));
  unchecked((c.lgState[s] = 0));
  unchecked((c.lgAck[s] = 0));
  unchecked((c.lgOpSlot[s] = -1));
  if (index <= unchecked(c.contigKnown[node])) unchecked((c.contigKnown[node] = index - 1));
  if (index <= unchecked(c.appliedPrefix[node]) && (st & SLOT_APPLIED) == 0) {
    unchecked((c.appliedPrefix[node] = index - 1));
  }
}

/**
 * Stores an entry at `index`, replacing whatever version the slot held. `state` carries the
 * flags to start with (PRESENT at least). Returns the slot.
 */
export function storeEntry(
  c: Cluster, node: i32, index: i32, term: i32, value: i32, lba: i32, len: i32, prevTerm: i32, state: u8,
): i32 {
  const s = slotOf(node, index);
  if (holds(c, s, index)) {
    const old = unchecked(c.lgState[s]);
    const same = (old & SLOT_PRESENT) != 0 && unchecked(c.lgTerm[s]) == term && unchecked(c.lgValue[s]) == value &&
      (old & SLOT_SKIP) == (state & SLOT_SKIP);
    if (!same && (old & SLOT_PRESENT) != 0) {
      if (unchecked(c.role[node]) == ROLE_LEADER) violate(c.checker, c.now, V_LEADER_OVERWROTE, node, index, unchecked(c.lgTerm[s]));
      if ((old & SLOT_PERSISTED) != 0) chkUnpersisted(c.checker, node, index, unchecked(c.lgTerm[s]), unchecked(c.lgValue[s]));
      // A replaced applied slot is no longer applied: the new version must be applied on its own.
      if ((old & SLOT_APPLIED) != 0 && index <= unchecked(c.appliedPrefix[node])) unchecked((c.appliedPrefix[node] = index - 1));
    }
    uncount(c, node, s);
  } else {
    uncount(c, node, s);
  }
  unchecked((c.lgIndex[s] = index));
  unchecked((c.lgTerm[s] = term));
  unchecked((c.lgValue[s] = value));
  unchecked((c.lgLba[s] = lba));
  unchecked((c.lgLen[s] = len));
  unchecked((c.lgPrevTerm[s] = prevTerm));
  unchecked((c.lgState[s] = state));
  unchecked((c.lgAck[s] = 0));
  unchecked((c.lgOpSlot[s] = -1));
  count(c, node, s);
  if (index > unchecked(c.lastIndex[node])) unchecked((c.lastIndex[node] = index));
  if ((state & SLOT_SKIP) == 0 && !chkEntrySeen(c.checker, index, term, value)) {
    violate(c.checker, c.now, V_POINTWISE_MATCHING, node, index, term);
  }
  advanceKnown(c, node);
  return s;
}

/** Records the LBA range of a missing entry, learned from a later entry's LBB. */
export function learnHole(c: Cluster, node: i32, index: i32, lba: i32, len: i32): void {
  if (index <= unchecked(c.appliedPrefix[node]) || !slotFree(c, node, index)) return;
  const s = slotOf(node, index);
  if (holds(c, s, index) && (unchecked(c.lgState[s]) & (SLOT_PRESENT | SLOT_KNOWN_LBA)) != 0) return;
  unchecked((c.lgIndex[s] = index));
  unchecked((c.lgTerm[s] = 0));
  unchecked((c.lgValue[s] = 0));
  unchecked((c.lgLba[s] = lba));
  unchecked((c.lgLen[s] = len));
  unchecked((c.lgState[s] = SLOT_KNOWN_LBA));
  unchecked((c.lgAck[s] = 0));
  unchecked((c.lgOpSlot[s] = -1));
  count(c, node, s);
  advanceKnown(c, node);
}

export function advanceKnown(c: Cluster, node: i32): void {
  let k = unchecked(c.contigKnown[node]);
  const applied = unchecked(c.appliedPrefix[node]);
  if (k < applied) k = applied;
  while (true) {
    const s = slotOf(node, k + 1);
    if (!holds(c, s, k + 1) || (unchecked(c.lgState[s]) & (SLOT_PRESENT | SLOT_KNOWN_LBA | SLOT_APPLIED)) == 0) break;
    k++;
  }
  unchecked((c.contigKnown[node] = k));
}

/** The node knows entry `index` (in slot s) is committed. */
// @ts-ignore: decorator
@inline export function knownCommitted(c: Cluster, node: i32, s: i32, index: i32): bool {
  const st = unchecked(c.lgState[s]);
  if ((st & SLOT_COMMITTED) != 0) return true;
  // A commit prefix from the leader covers entries of the leader's own term, and the window
  // the leader synced at its election (committed together when it was promoted); an older
  // term's entry outside that window may be a stale version the leader never had.
  return index <= unchecked(c.commitIndex[node]) &&
    (unchecked(c.lgTerm[s]) == unchecked(c.term[node]) || (index <= unchecked(c.mergeEnd[node]) && unchecked(c.syncTerm[node]) == unchecked(c.term[node])));
}

/** Apply rule (b) and (c) for entry `index` in slot s; `true` when it may be applied now. */
function lbbAllows(c: Cluster, node: i32, s: i32, index: i32): bool {
  if ((c.options & OPT_IGNORE_LBB) != 0) return true;
  if (unchecked(c.contigKnown[node]) < index - c.lbbN - 1) return false;
  const lba = unchecked(c.lgLba[s]);
  const len = unchecked(c.lgLen[s]);
  const base = node * c.blocks;
  let crowded = false;
  for (let b = lba; b < lba + len; b++) {
    if (unchecked(c.cover[base + b]) > 1) {
      crowded = true;
      break;
    }
  }
  if (!crowded) return true;
  // Some other unapplied entry covers one of our blocks: is it an earlier one?
  for (let j = unchecked(c.appliedPrefix[node]) + 1; j < index; j++) {
    const t = slotOf(node, j);
    if (!holds(c, t, j)) return false; // unknown range: rule (b) should have caught it
    const st = unchecked(c.lgState[t]);
    if ((st & (SLOT_APPLIED | SLOT_SKIP)) != 0 || (st & SLOT_COUNTED) == 0) continue;
    const l2 = unchecked(c.lgLba[t]);
    const n2 = unchecked(c.lgLen[t]);
    if (l2 < lba + len && lba < l2 + n2) return false;
  }
  return true;
}

function applyEntry(c: Cluster, node: i32, s: i32, index: i32): void {
  const st = unchecked(c.lgState[s]);
  uncount(c, node, s);
  unchecked((c.lgState[s] = (unchecked(c.lgState[s]) | SLOT_APPLIED)));
  if ((st & SLOT_SKIP) != 0) return;
  const value = unchecked(c.lgValue[s]);
  const lba = unchecked(c.lgLba[s]);
  const len = unchecked(c.lgLen[s]);
  const k = c.checker;
  // State-machine safety / P2: only committed entries, and only the committed version.
  // A slot the shadow has since reused for a later index cannot be checked (counted, not blamed).
  if (commitForgotten(k, index)) k.unverified++;
  else if (!isCommitted(k, index)) violate(k, c.now, V_APPLY_UNCOMMITTED, node, index, value);
  else if (committedValue(k, index) != value) violate(k, c.now, V_APPLY_MISMATCH, node, index, value);
  // P5: conflicting entries apply in log order on every replica.
  const base = node * c.blocks;
  // The broken twin of P6: node 2 loses every 64th apply's data (the checker's shadow still moves).
  const write = (c.options & OPT_LOSE_APPLY) == 0 || node != 2 || (index & 63) != 0;
  for (let b = lba; b < lba + len; b++) {
    const had = unchecked(k.blockIdx[base + b]);
    if (had > index) violate(k, c.now, V_APPLY_ORDER, node, index, had);
    unchecked((k.blockIdx[base + b] = index));
    if (write) unchecked((c.data[base + b] = value));
  }
  k.appliesChecked++;
  if (len > 0) c.log.write(c.now, LOG_APPLY, node, index, value);
}

function advanceApplied(c: Cluster, node: i32): void {
  let p = unchecked(c.appliedPrefix[node]);
  while (true) {
    const s = slotOf(node, p + 1);
    if (!holds(c, s, p + 1) || (unchecked(c.lgState[s]) & SLOT_APPLIED) == 0) break;
    p++;
  }
  unchecked((c.appliedPrefix[node] = p));
  if (unchecked(c.contigKnown[node]) < p) unchecked((c.contigKnown[node] = p));
}

/**
 * ParallelRaft: the last index an apply pass looks at. Only entries the node knows are
 * committed can apply: those up to its commit knowledge, or inside a synced window (flagged
 * committed there).
 */
function applyReach(c: Cluster, node: i32): i32 {
  let last = unchecked(c.commitIndex[node]);
  if (unchecked(c.mergeEnd[node]) > last) last = unchecked(c.mergeEnd[node]);
  if (unchecked(c.role[node]) == ROLE_LEADER || unchecked(c.lastIndex[node]) < last) last = unchecked(c.lastIndex[node]);
  return last;
}

/**
 * ParallelRaft: committed entries lie past the applied prefix, within the node's reach. After a
 * long window arrives at once (a sync or a catch-up), passes of at most APPLY_SCAN_LIMIT entries
 * run on the events that follow; with the clients stopped none may follow, so the tick runs
 * them, down to the last pass (which may stop short of the horizon).
 */
export function applyBacklogged(c: Cluster, node: i32): bool {
  return c.mode != MODE_RAFT && applyReach(c, node) > unchecked(c.appliedPrefix[node]);
}

/**
 * Applies what the node may apply now. Raft: strictly in index order up to the commit index.
 * ParallelRaft: any committed, persisted entry the LBB rules allow; the rest stay pending.
 * Returns the number of entries applied.
 */
export function applyProgress(c: Cluster, node: i32): i32 {
  let applied = 0;
  if (c.mode == MODE_RAFT) {
    let p = unchecked(c.appliedPrefix[node]);
    const limit = unchecked(c.commitIndex[node]);
    while (p < limit) {
      const s = slotOf(node, p + 1);
      if (!holds(c, s, p + 1) || (unchecked(c.lgState[s]) & SLOT_PRESENT) == 0) break;
      applyEntry(c, node, s, p + 1);
      p++;
      applied++;
    }
    unchecked((c.appliedPrefix[node] = p));
    return applied;
  }
  let last = applyReach(c, node);
  // Bounded work per call: entries further out are reached as the applied prefix moves (and by
  // the tick, see applyBacklogged).
  const horizon = unchecked(c.appliedPrefix[node]) + APPLY_SCAN_LIMIT;
  if (last > horizon) last = horizon;
  let pending = 0;
  for (let i = unchecked(c.appliedPrefix[node]) + 1; i <= last; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i)) continue;
    const st = unchecked(c.lgState[s]);
    if ((st & SLOT_APPLIED) != 0 || (st & SLOT_PRESENT) == 0) continue;
    if (!knownCommitted(c, node, s, i)) continue;
    if ((st & SLOT_PERSISTED) == 0) continue;
    if ((st & SLOT_SKIP) != 0 || lbbAllows(c, node, s, i)) {
      applyEntry(c, node, s, i);
      applied++;
    } else {
      pending++;
    }
  }
  unchecked((c.pendingCount[node] = pending));
  advanceApplied(c, node);
  return applied;
}

/** Fast path for the leader: try one newly committed entry, then the pending ones. */
export function applyAfterCommit(c: Cluster, node: i32, index: i32): i32 {
  if (c.mode == MODE_RAFT) return applyProgress(c, node);
  const s = slotOf(node, index);
  let applied = 0;
  if (unchecked(c.pendingCount[node]) == 0) {
    const st = unchecked(c.lgState[s]);
    if ((st & (SLOT_PERSISTED | SLOT_APPLIED)) == SLOT_PERSISTED && holds(c, s, index) && knownCommitted(c, node, s, index)) {
      if ((st & SLOT_SKIP) != 0 || lbbAllows(c, node, s, index)) {
        applyEntry(c, node, s, index);
        applied = 1;
        if (index == unchecked(c.appliedPrefix[node]) + 1) advanceApplied(c, node);
        return applied;
      }
    }
  }
  return applyProgress(c, node);
}

/** Slot status for views (STRIP_* in constants.ts). */
export function slotStatus(c: Cluster, node: i32, index: i32): i32 {
  const s = slotOf(node, index);
  if (!holds(c, s, index)) return index <= unchecked(c.appliedPrefix[node]) ? STRIP_APPLIED : STRIP_HOLE;
  const st = unchecked(c.lgState[s]);
  if ((st & SLOT_SKIP) != 0) return STRIP_SKIP;
  if ((st & SLOT_APPLIED) != 0) return STRIP_APPLIED;
  if ((st & SLOT_PRESENT) == 0) return (st & SLOT_KNOWN_LBA) != 0 ? STRIP_LBA_KNOWN : STRIP_HOLE;
  if ((st & SLOT_PERSISTED) == 0) return STRIP_RECEIVED;
  if (!knownCommitted(c, node, s, index)) return STRIP_PERSISTED;
  if (c.mode == MODE_RAFT) return STRIP_COMMITTED;
  if (unchecked(c.contigKnown[node]) < index - c.lbbN - 1) return STRIP_PENDING_GAP;
  return lbbAllows(c, node, s, index) ? STRIP_COMMITTED : STRIP_PENDING_LBB;
}

/** Copies the LBB of the entry being proposed at `index` from the leader's own log. */
export function fillLbb(c: Cluster, node: i32, index: i32): void {
  const dst = slotOf(node, index) * LBB_MAX * 2;
  // The broken twin of P7 looks one entry too far back.
  const skew = (c.options & OPT_STALE_LBB) != 0 ? 1 : 0;
  for (let k = 0; k < LBB_MAX; k++) {
    let lba = 0;
    let len = 0;
    const j = index - 1 - k - skew;
    if (k < c.lbbN && j > 0) {
      const s = slotOf(node, j);
      if (holds(c, s, j)) {
        lba = unchecked(c.lgLba[s]);
        len = unchecked(c.lgLen[s]);
      }
    }
    unchecked((c.lgLbb[dst + k * 2] = lba));
    unchecked((c.lgLbb[dst + k * 2 + 1] = len));
  }
}

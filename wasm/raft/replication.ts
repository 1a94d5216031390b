// Replication: the leader proposes and sends entries; a follower checks and stores appends
// (Raft's consistency check, ParallelRaft's out-of-order store with LBB-learned holes); the
// leader takes the answers (Raft's reject + resend probe, ParallelRaft's per-entry acks).
// A follower that lacks what the leader's log no longer holds is handed to catchup.ts.
import { Cluster } from './cluster';
import {
  ARENA_MASK, BLOCK_BYTES, DISK_ENTRY, EV_ACK, EV_APPEND, EV_RAFT_RESP, LBB_MAX, MODE_RAFT, NODES,
  OPT_SKIP_PREV_CHECK, OPT_WIDEGAP_REFUSE, ROLE_LEADER, ROLE_LEADER_CANDIDATE, SLOT_APPLIED, SLOT_COMMITTED,
  SLOT_KNOWN_LBA, SLOT_PERSISTED, SLOT_PRESENT, V_LOG_MATCHING,
} from './constants';
import { cpu } from '../lib/cpu';
import { arenaPut, arenaValid, diskWrite, send } from './sim';
import {
  applyProgress, dropSlot, fillLbb, hasEntry, holds, learnHole, slotFree, slotOf, storeEntry, termAt,
} from './logstore';
import { chkProposed, violate } from './checker';
import { recheckReads } from './clients';
import { ENTRY_OVERHEAD, bit, follow, followPromoted, lastTermOf, recoveredUpTo, stepDown } from './roles';
import { ack, raftMatch, raftReply } from './replies';
import { parallelMaybeCommit, raftAdvanceCommit } from './commit';
import { checkLbb, copyLbb } from './window';
import { catchUp, catchUpAcked, catchUpWord, knownPrefix, streamingIn } from './catchup';

const MAX_BATCH: i32 = 256;

/** Appends an entry at the leader and sends it; returns false when the log window is full. */
export function proposeEntry(c: Cluster, node: i32, slot: i32, gen: i32, value: i32, lba: i32, len: i32, t: i64): bool {
  const index = unchecked(c.lastIndex[node]) + 1;
  if (!slotFree(c, node, index)) return false;
  const term = unchecked(c.term[node]);
  const prev = lastTermOf(c, node, index - 1);
  const s = storeEntry(c, node, index, term, value, lba, len, prev, SLOT_PRESENT);
  chkProposed(c.checker, index, term, lba, len);
  fillLbb(c, node, index);
  unchecked((c.lgOpSlot[s] = slot));
  unchecked((c.lgOpGen[s] = gen));
  unchecked((c.lgSentAt[s] = t));
  diskWrite(c, node, t, len * BLOCK_BYTES, DISK_ENTRY, index, term, 1);
  const bytes = len * BLOCK_BYTES + ENTRY_OVERHEAD;
  const commit = unchecked(c.commitIndex[node]);
  // One arena record serves both followers: records are never changed once written.
  let pos = -1;
  for (let f = 0; f < NODES; f++) {
    if (f == node) continue;
    const p = node * NODES + f;
    if (c.mode == MODE_RAFT) {
      // A follower that is probing or being caught up gets this entry in a later batch.
      if (unchecked(c.probing[p]) != 0 || unchecked(c.nextIndex[p]) != index) continue;
      unchecked((c.nextIndex[p] = index + 1));
    }
    if (pos < 0) pos = arenaPut(c, node, index, 0);
    send(c, t, node, f, EV_APPEND, term, pos, 1, commit, index - 1, bytes);
    unchecked((c.commitSent[p] = commit));
  }
  return true;
}

/**
 * Raft: a leader with no entry of its own term yet proposes a no-op, so that it can commit
 * (Figure 8 rule) and its followers learn what is committed. Used while settling, when no
 * client writes arrive to do it.
 */
export function raftNoopIfIdle(c: Cluster, node: i32): void {
  if (c.mode != MODE_RAFT || unchecked(c.role[node]) != ROLE_LEADER || unchecked(c.up[node]) == 0) return;
  const last = unchecked(c.lastIndex[node]);
  if (termAt(c, node, last) == unchecked(c.term[node])) return;
  proposeEntry(c, node, -1, 0, 0, 0, 0, cpu(c, node, c.cpuMsg));
}

export function proposeWrite(c: Cluster, node: i32, slot: i32, t: i64): bool {
  return proposeEntry(c, node, slot, unchecked(c.opGen[slot]), unchecked(c.opValue[slot]), unchecked(c.opLba[slot]), unchecked(c.opLen[slot]), t);
}

/** Sends entries from..to (at most MAX_BATCH) in one message; returns the last index sent. */
export function sendBatch(c: Cluster, node: i32, f: i32, from: i32, to: i32, t: i64): i32 {
  let last = from - 1;
  const start = c.arenaHead;
  let bytes = ENTRY_OVERHEAD;
  let n = 0;
  for (let i = from; i <= to && n < MAX_BATCH; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i) || (unchecked(c.lgState[s]) & SLOT_PRESENT) == 0) break;
    arenaPut(c, node, i, 0);
    unchecked((c.lgSentAt[s] = t));
    bytes += unchecked(c.lgLen[s]) * BLOCK_BYTES + ENTRY_OVERHEAD;
    last = i;
    n++;
  }
  if (n == 0) return last;
  const work = cpu(c, node, c.cpuEntry * <i64>n);
  send(c, work, node, f, EV_APPEND, unchecked(c.term[node]), start, n, unchecked(c.commitIndex[node]), from - 1, bytes);
  c.resends++;
  return last;
}

function truncateFrom(c: Cluster, node: i32, index: i32): void {
  for (let j = unchecked(c.lastIndex[node]); j >= index; j--) dropSlot(c, node, j);
  unchecked((c.lastIndex[node] = index - 1));
  if (unchecked(c.persistedPrefix[node]) >= index) unchecked((c.persistedPrefix[node] = index - 1));
}

function raftAppend(c: Cluster, node: i32, start: i32, count: i32, leaderCommit: i32, prevIndex: i32, t: i64): void {
  // A heartbeat (count 0) carries prevLogTerm in `start`, not an arena position: only real
  // batches can have been overwritten in the arena.
  if (count > 0 && !arenaValid(c, start, count)) return;
  const prevTerm = count > 0 ? unchecked(c.arPrevTerm[start & ARENA_MASK]) : start;
  if (prevIndex > unchecked(c.lastIndex[node])) {
    c.rejects++;
    raftReply(c, node, t, false, unchecked(c.lastIndex[node]));
    return;
  }
  const commit = unchecked(c.commitIndex[node]);
  const checksPrev = (c.options & OPT_SKIP_PREV_CHECK) == 0;
  if (checksPrev && prevIndex > commit && prevIndex > 0 && termAt(c, node, prevIndex) != prevTerm) {
    c.rejects++;
    raftReply(c, node, t, false, commit);
    return;
  }
  let fresh = 0;
  let verified = prevIndex;
  for (let k = 0; k < count; k++) {
    const r = (start + k) & ARENA_MASK;
    const index = unchecked(c.arIndex[r]);
    const term = unchecked(c.arTerm[r]);
    if (index > unchecked(c.commitIndex[node])) {
      const s = slotOf(node, index);
      if (!(holds(c, s, index) && (unchecked(c.lgState[s]) & SLOT_PRESENT) != 0 && unchecked(c.lgTerm[s]) == term)) {
        if (index <= unchecked(c.lastIndex[node])) truncateFrom(c, node, index);
        if (!slotFree(c, node, index)) break;
        // Log matching, checked independently of the append rule: the entry's predecessor term
        // is the one this log holds.
        const before = termAt(c, node, index - 1);
        if (index - 1 > unchecked(c.checkpoint[node]) && before >= 0 && before != unchecked(c.arPrevTerm[r])) {
          violate(c.checker, c.now, V_LOG_MATCHING, node, index, term);
        }
        storeEntry(c, node, index, term, unchecked(c.arValue[r]), unchecked(c.arLba[r]), unchecked(c.arLen[r]), unchecked(c.arPrevTerm[r]), SLOT_PRESENT);
        diskWrite(c, node, t, unchecked(c.arLen[r]) * BLOCK_BYTES, DISK_ENTRY, index, term, 1);
        fresh++;
      }
    }
    verified = index;
  }
  if (verified > unchecked(c.verifiedUpTo[node])) unchecked((c.verifiedUpTo[node] = verified));
  let nc = leaderCommit < unchecked(c.verifiedUpTo[node]) ? leaderCommit : unchecked(c.verifiedUpTo[node]);
  if (nc > unchecked(c.lastIndex[node])) nc = unchecked(c.lastIndex[node]);
  if (nc > unchecked(c.commitIndex[node])) {
    unchecked((c.commitIndex[node] = nc));
    applyProgress(c, node);
  }
  if (fresh == 0) raftReply(c, node, t, true, raftMatch(c, node));
}

function parallelAppend(c: Cluster, node: i32, term: i32, start: i32, count: i32, leaderCommit: i32, t: i64): void {
  if (unchecked(c.syncTerm[node]) != term) {
    // Ask for the sync window first (a catch-up): with the known prefix FL and checkpoint FC.
    const leader = unchecked(c.leaderHint[node]);
    if (leader >= 0 && leader != node) {
      send(c, t, node, leader, EV_ACK, term, -2, knownPrefix(c, node), unchecked(c.appliedPrefix[node]),
        catchUpWord(c, node, term, true), ENTRY_OVERHEAD);
    }
    return;
  }
  if (!arenaValid(c, start, count)) return;
  let commitMoved = false;
  if (leaderCommit > unchecked(c.commitIndex[node])) {
    unchecked((c.commitIndex[node] = leaderCommit));
    commitMoved = true;
  }
  let stored = false;
  for (let k = 0; k < count; k++) {
    const r = (start + k) & ARENA_MASK;
    const index = unchecked(c.arIndex[r]);
    const eterm = unchecked(c.arTerm[r]);
    const value = unchecked(c.arValue[r]);
    if (index <= unchecked(c.appliedPrefix[node])) {
      ack(c, node, t, index, eterm);
      continue;
    }
    const s = slotOf(node, index);
    const st = unchecked(c.lgState[s]);
    if (holds(c, s, index) && (st & SLOT_PRESENT) != 0 && unchecked(c.lgTerm[s]) == eterm && unchecked(c.lgValue[s]) == value) {
      if ((st & SLOT_PERSISTED) != 0) ack(c, node, t, index, eterm);
      continue;
    }
    if (!slotFree(c, node, index)) continue;
    if ((c.options & OPT_WIDEGAP_REFUSE) != 0 && index - unchecked(c.contigKnown[node]) > c.lbbN + 1) continue;
    const ns = storeEntry(c, node, index, eterm, value, unchecked(c.arLba[r]), unchecked(c.arLen[r]), unchecked(c.arPrevTerm[r]), SLOT_PRESENT);
    copyLbb(c, ns, r);
    checkLbb(c, node, index, eterm, r);
    // Learn the LBAs of missing predecessors from the look-behind buffer.
    const lbb = r * LBB_MAX * 2;
    for (let b = 0; b < c.lbbN; b++) {
      const j = index - 1 - b;
      if (j <= unchecked(c.appliedPrefix[node])) break;
      const hs = slotOf(node, j);
      const hst = unchecked(c.lgState[hs]);
      const held = holds(c, hs, j) && (hst & (SLOT_PRESENT | SLOT_KNOWN_LBA)) != 0;
      if (held && (hst & SLOT_PRESENT) != 0 && unchecked(c.lgTerm[hs]) < term && j > unchecked(c.mergeEnd[node]) &&
        (hst & (SLOT_COMMITTED | SLOT_APPLIED)) == 0) {
        dropSlot(c, node, j); // a stale version from an older term: the leader's differs
        learnHole(c, node, j, unchecked(c.arLbb[lbb + b * 2]), unchecked(c.arLbb[lbb + b * 2 + 1]));
      } else if (!held) {
        learnHole(c, node, j, unchecked(c.arLbb[lbb + b * 2]), unchecked(c.arLbb[lbb + b * 2 + 1]));
      }
    }
    diskWrite(c, node, t, unchecked(c.arLen[r]) * BLOCK_BYTES, DISK_ENTRY, index, eterm, 1);
    stored = true;
  }
  if (commitMoved || (stored && unchecked(c.pendingCount[node]) > 0)) applyProgress(c, node);
}

export function onAppend(c: Cluster, node: i32, from: i32, term: i32, a: i32, count: i32, commit: i32, prev: i32): void {
  const t = c.effectAt;
  if (term < unchecked(c.term[node])) {
    // Tell the stale leader about the newer term.
    if (c.mode == MODE_RAFT) send(c, t, node, from, EV_RAFT_RESP, unchecked(c.term[node]), 0, -1, 0, 0, ENTRY_OVERHEAD);
    else send(c, t, node, from, EV_ACK, unchecked(c.term[node]), -1, 0, 0, 0, ENTRY_OVERHEAD);
    return;
  }
  follow(c, node, from, term);
  followPromoted(c, node);
  // A streaming catch-up replaces this replica's blocks and log when it installs: nothing before.
  if (streamingIn(c, node)) return;
  if (c.mode == MODE_RAFT) raftAppend(c, node, a, count, commit, prev, t);
  else parallelAppend(c, node, term, a, count, commit, t);
  recoveredUpTo(c, node, commit);
}

export function onRaftResponse(c: Cluster, node: i32, from: i32, term: i32, word: i32, value: i32, applied: i32, checkpoint: i32): void {
  const t = c.effectAt;
  if (term > unchecked(c.term[node])) {
    stepDown(c, node, term);
    return;
  }
  if (unchecked(c.role[node]) != ROLE_LEADER || term != unchecked(c.term[node])) return;
  const p = node * NODES + from;
  const ok = word & 1;
  const epoch = word >> 1;
  if (epoch < unchecked(c.peerEpoch[p])) return; // sent before the follower last restarted
  if (epoch > unchecked(c.peerEpoch[p])) {
    // The follower restarted since its last reply: what it holds (nothing, after a lost disk)
    // is learned again from this reply on, so its old match no longer stands.
    unchecked((c.peerEpoch[p] = epoch));
    unchecked((c.matchIndex[p] = 0));
  }
  unchecked((c.contact[p] = c.now));
  unchecked((c.peerApplied[p] = applied));
  unchecked((c.peerCheckpoint[p] = checkpoint));
  if (c.waitCount > 0) recheckReads(c, node);
  if (ok != 0) {
    catchUpAcked(c, node, from, value);
    if (value > unchecked(c.matchIndex[p])) unchecked((c.matchIndex[p] = value));
    if (unchecked(c.nextIndex[p]) < value + 1) unchecked((c.nextIndex[p] = value + 1));
    if (unchecked(c.probing[p]) != 0 && value >= unchecked(c.resendFrom[p]) - 1) {
      // Probe answered: back to pipelining, starting with what accumulated meanwhile.
      unchecked((c.probing[p] = 0));
      unchecked((c.nextIndex[p] = value + 1));
      if (value < unchecked(c.lastIndex[node])) {
        const last = sendBatch(c, node, from, value + 1, unchecked(c.lastIndex[node]), t);
        unchecked((c.nextIndex[p] = last + 1));
      }
    }
    raftAdvanceCommit(c, node, t);
    return;
  }
  if (value < 0 || value < unchecked(c.matchIndex[p])) return; // stale reject
  const resendFrom = value + 1;
  if (unchecked(c.resendFrom[p]) == resendFrom && c.now - unchecked(c.resendAt[p]) < c.rto) return;
  raftResend(c, node, from, resendFrom, t);
}

export function raftResend(c: Cluster, node: i32, f: i32, from: i32, t: i64): void {
  const p = node * NODES + f;
  unchecked((c.resendFrom[p] = from));
  unchecked((c.resendAt[p] = c.now));
  // Catch-up (a snapshot install, case 1) when the log no longer holds what the follower lacks,
  // or when a follower that was away comes back behind the checkpoint (spec §1.4).
  const away = unchecked(c.cuAway[p]) != 0;
  if ((from <= unchecked(c.lastIndex[node]) && !hasEntry(c, node, from)) || (away && from <= unchecked(c.checkpoint[node]))) {
    if (catchUp(c, node, f, unchecked(c.peerApplied[p]), from - 1, unchecked(c.peerCheckpoint[p]), false)) unchecked((c.cuAway[p] = 0));
    return;
  }
  unchecked((c.cuAway[p] = 0));
  // Probe: one batch from the follower's hint, then wait for its answer before pipelining again.
  unchecked((c.probing[p] = 1));
  unchecked((c.nextIndex[p] = from));
  sendBatch(c, node, f, from, unchecked(c.lastIndex[node]), t);
}

export function onAck(c: Cluster, node: i32, from: i32, term: i32, index: i32, entryTerm: i32, applied: i32, word: i32): void {
  const t = c.effectAt;
  if (term > unchecked(c.term[node])) {
    stepDown(c, node, term);
    return;
  }
  const role = unchecked(c.role[node]);
  if ((role != ROLE_LEADER && role != ROLE_LEADER_CANDIDATE) || term != unchecked(c.term[node])) return;
  const p = node * NODES + from;
  unchecked((c.contact[p] = c.now));
  unchecked((c.matchIndex[p] = applied));
  if (c.waitCount > 0 && role == ROLE_LEADER) recheckReads(c, node);
  if (index == -1) return;
  if (index == -2) {
    // The follower missed this term's sync window; entryTerm carries its known prefix FL.
    if (role == ROLE_LEADER) catchUp(c, node, from, applied, entryTerm, word, false);
    return;
  }
  const s = slotOf(node, index);
  // Acks are keyed by (term, index): an ack for a version this log no longer holds counts for nothing.
  if (!holds(c, s, index) || (unchecked(c.lgState[s]) & SLOT_PRESENT) == 0 || unchecked(c.lgTerm[s]) != entryTerm) return;
  unchecked((c.lgAck[s] = c.lgAck[s] | <u8>bit(from)));
  parallelMaybeCommit(c, node, s, index, t);
}

// The replication protocols. One code path per step, switched by mode where the papers
// differ:
//  * Raft: in-order acknowledge (a follower acks its persisted, verified prefix), in-order
//    commit with the Figure 8 rule, AppendEntries consistency check with reject + resend.
//  * ParallelRaft (PolarFS §5.1-5.3): per-entry ack keyed by (term, index), per-entry commit,
//    apply with holes under the look-behind buffer; election = vote, merge, sync, promote.
//  * ParallelRaft-CE: as above, with sync terms in the vote, no-op fill and erase past the end point.
// A lagging follower is caught up by catchup.ts (spec §1.4); the triggers are here: a follower
// that missed the sync window, that lacks what the log no longer holds, or that comes back from
// being away behind the leader's checkpoint.
import { Cluster } from './cluster';
import {
  NODES, MAJORITY, MODE_RAFT, MODE_PARALLEL_CE, LOG_CAP, LOG_MASK, LBB_MAX, ARENA_MASK, BLOCK_BYTES,
  ROLE_FOLLOWER, ROLE_CANDIDATE, ROLE_LEADER_CANDIDATE, ROLE_FOLLOWER_CANDIDATE, ROLE_LEADER,
  SLOT_PRESENT, SLOT_PERSISTED, SLOT_COMMITTED, SLOT_APPLIED, SLOT_KNOWN_LBA, SLOT_SKIP,
  OPT_COMMIT_OLD_TERMS, OPT_RAFT_NOOP, OPT_WIDEGAP_REFUSE, OPT_VOTE_TWICE, OPT_SKIP_PREV_CHECK, OPT_KEEP_PAST_END,
  EV_APPEND, EV_ACK, EV_RAFT_RESP, EV_VOTE_REQ, EV_VOTE_RESP, EV_MERGE_REQ, EV_MERGE_RESP, EV_SYNC, EV_SYNC_ACK,
  EV_HEARTBEAT, EV_HEARTBEAT_RESP, EV_INSTALL, EV_PIECE, EV_PIECE_ACK, EV_ELECTION_TIMER, DISK_ENTRY, DISK_SYNC_WINDOW,
  LOG_ROLE, LOG_RECOVERED, LOG_VOTE, LOG_COMMIT, LOG_MERGE, LOG_ELECTION, LOG_SYNC_DONE, LOG_CHECKPOINT,
  MERGE_COMMITTED, MERGE_HIGHEST_TERM, MERGE_SKIP, MERGE_NOOP,
  V_TWO_LEADERS, V_TWO_LEADER_CANDIDATES, V_LEADER_INCOMPLETE, V_COMMITTED_CHANGED, V_ACK_WITHOUT_MAJORITY, V_LOG_MATCHING,
  V_LBB_WRONG, V_SYNC_INCOMPLETE,
} from './constants';
import { send, cpu, at, diskWrite, arenaPut, arenaValid, uniform } from './sim';
import {
  slotOf, holds, hasEntry, termAt, slotFree, storeEntry, dropSlot, learnHole, applyProgress, applyAfterCommit,
  fillLbb, knownCommitted, advanceKnown, applyBacklogged,
} from './logstore';
import {
  violate, chkLeader, chkLeaderCandidate, chkPersisted, persistedMask, recordCommit, SHADOW_CAP, chkProposed, chkLbb,
} from './checker';
import { finishOp, recheckReads, failReads } from './clients';
import {
  catchUp, catchUpAcked, catchUpTick, catchUpLive, catchUpWord, knownPrefix, onPiece, onPieceAck, onInstall, streamingIn,
  forgetAway,
} from './catchup';

export const ENTRY_OVERHEAD: i32 = 64;
const MAX_BATCH: i32 = 256;

function bit(node: i32): i32 {
  return 1 << node;
}

function popcount(mask: i32): i32 {
  return <i32>popcnt<i32>(mask);
}

function setRole(c: Cluster, node: i32, role: i32): void {
  if (unchecked(c.role[node]) == role) return;
  unchecked((c.role[node] = role));
  c.log.write(c.now, LOG_ROLE, node, role, unchecked(c.term[node]));
}

/** Highest index the node holds an entry at (holes and LBA-only slots do not count). */
export function highestPresent(c: Cluster, node: i32): i32 {
  let i = unchecked(c.lastIndex[node]);
  const floor = unchecked(c.appliedPrefix[node]);
  while (i > floor && !hasEntry(c, node, i)) i--;
  return i;
}

function lastTermOf(c: Cluster, node: i32, index: i32): i32 {
  if (index <= 0) return 0;
  const s = slotOf(node, index);
  return holds(c, s, index) ? unchecked(c.lgTerm[s]) : 0;
}

// ---------------------------------------------------------------- timers and roles

/**
 * Draws the node's randomized election timeout, in [min, max) (Raft §5.2). As in etcd it is
 * drawn once per term and per election, not at every message from the leader: a follower that
 * hears from its leader only restarts the same countdown.
 */
export function drawElectionTimeout(c: Cluster, node: i32): void {
  const span = c.electionMax - c.electionMin;
  unchecked((c.electionTimeout[node] = c.electionMin + <i64>(uniform(c) * <f64>span)));
}

export function resetElectionTimer(c: Cluster, node: i32): void {
  const deadline = c.now + unchecked(c.electionTimeout[node]);
  unchecked((c.electionDeadline[node] = deadline));
  if (unchecked(c.timerPending[node]) == 0) {
    unchecked((c.timerPending[node] = 1));
    at(c, deadline, EV_ELECTION_TIMER, node, 0, 0, 0, 0);
  }
}

export function stepDown(c: Cluster, node: i32, term: i32): void {
  const wasLeader = unchecked(c.role[node]) == ROLE_LEADER;
  if (term > unchecked(c.term[node])) {
    unchecked((c.term[node] = term));
    unchecked((c.votedFor[node] = -1));
    drawElectionTimeout(c, node);
    unchecked((c.verifiedUpTo[node] = unchecked(c.commitIndex[node])));
    unchecked((c.leaderHint[node] = -1));
  }
  unchecked((c.votes[node] = 0));
  unchecked((c.leaderReady[node] = 0));
  setRole(c, node, ROLE_FOLLOWER);
  if (wasLeader) failReads(c, node);
}

/** A message from the current term's leader: follow it. */
export function follow(c: Cluster, node: i32, leader: i32, term: i32): void {
  if (term > unchecked(c.term[node]) || (unchecked(c.role[node]) != ROLE_FOLLOWER && unchecked(c.role[node]) != ROLE_FOLLOWER_CANDIDATE)) {
    stepDown(c, node, term);
  }
  unchecked((c.leaderHint[node] = leader));
  unchecked((c.lastLeaderContact[node] = c.now));
  resetElectionTimer(c, node);
}

/**
 * Spec §1.3 step 4: once the leader candidate is promoted, its follower candidates become
 * followers. Only a promoted leader sends appends and heartbeats, so the first one tells.
 */
function followPromoted(c: Cluster, node: i32): void {
  if (unchecked(c.role[node]) == ROLE_FOLLOWER_CANDIDATE) setRole(c, node, ROLE_FOLLOWER);
}

/**
 * A node back from a lost disk votes again once it holds everything the leader has committed:
 * its applied prefix has reached the commit index the leader sends.
 */
function recoveredUpTo(c: Cluster, node: i32, leaderCommit: i32): void {
  if (unchecked(c.recovering[node]) != 0 && unchecked(c.appliedPrefix[node]) >= leaderCommit) {
    unchecked((c.recovering[node] = 0));
    c.log.write(c.now, LOG_RECOVERED, node, leaderCommit, unchecked(c.term[node]));
  }
}

export function onElectionTimer(c: Cluster, node: i32): void {
  unchecked((c.timerPending[node] = 0));
  if (unchecked(c.up[node]) == 0) return;
  if (unchecked(c.role[node]) == ROLE_LEADER) {
    unchecked((c.timerPending[node] = 1));
    at(c, c.now + c.electionMax, EV_ELECTION_TIMER, node, 0, 0, 0, 0);
    return;
  }
  const deadline = unchecked(c.electionDeadline[node]);
  if (c.now < deadline) {
    unchecked((c.timerPending[node] = 1));
    at(c, deadline, EV_ELECTION_TIMER, node, 0, 0, 0, 0);
    return;
  }
  startElection(c, node);
}

export function startElection(c: Cluster, node: i32): void {
  if (unchecked(c.up[node]) == 0 || unchecked(c.role[node]) == ROLE_LEADER || unchecked(c.recovering[node]) != 0) return;
  const term = unchecked(c.term[node]) + 1;
  unchecked((c.term[node] = term));
  unchecked((c.votedFor[node] = node));
  unchecked((c.votes[node] = bit(node)));
  // What this log was known to share with the last term's leader says nothing about the next
  // leader's log past the commit index (stepDown resets it the same way on a newer term).
  unchecked((c.verifiedUpTo[node] = unchecked(c.commitIndex[node])));
  unchecked((c.leaderHint[node] = -1));
  unchecked((c.leaderReady[node] = 0));
  setRole(c, node, ROLE_CANDIDATE);
  c.elections++;
  drawElectionTimeout(c, node);
  c.log.write(c.now, LOG_ELECTION, node, term, 0);
  resetElectionTimer(c, node);
  const t = cpu(c, node, c.cpuMsg);
  const last = highestPresent(c, node);
  const lastTerm = lastTermOf(c, node, last);
  for (let f = 0; f < NODES; f++) {
    if (f != node) send(c, t, node, f, EV_VOTE_REQ, term, last, lastTerm, unchecked(c.syncTerm[node]), unchecked(c.checkpoint[node]), ENTRY_OVERHEAD);
  }
}

function onVoteRequest(c: Cluster, node: i32, from: i32, term: i32, last: i32, lastTerm: i32, sync: i32): void {
  const t = c.effectAt;
  const myTerm = unchecked(c.term[node]);
  if (term > myTerm) stepDown(c, node, term);
  let grant = false;
  if (term == unchecked(c.term[node])) {
    const voted = unchecked(c.votedFor[node]);
    const mine = highestPresent(c, node);
    const mineTerm = lastTermOf(c, node, mine);
    const upToDate = lastTerm > mineTerm || (lastTerm == mineTerm && last >= mine);
    const syncOk = c.mode != MODE_PARALLEL_CE || sync >= unchecked(c.syncTerm[node]);
    const oncePerTerm = (c.options & OPT_VOTE_TWICE) == 0;
    grant = (voted < 0 || voted == from || !oncePerTerm) && upToDate && syncOk && unchecked(c.recovering[node]) == 0;
  }
  if (grant) {
    unchecked((c.votedFor[node] = from));
    resetElectionTimer(c, node);
    c.log.write(c.now, LOG_VOTE, node, from, term);
  }
  send(c, t, node, from, EV_VOTE_RESP, unchecked(c.term[node]), grant ? 1 : 0, 0, 0, 0, ENTRY_OVERHEAD);
}

function onVoteResponse(c: Cluster, node: i32, from: i32, term: i32, granted: i32): void {
  const t = c.effectAt;
  if (term > unchecked(c.term[node])) {
    stepDown(c, node, term);
    return;
  }
  if (unchecked(c.role[node]) != ROLE_CANDIDATE || term != unchecked(c.term[node]) || granted == 0) return;
  const votes = unchecked(c.votes[node]) | bit(from);
  unchecked((c.votes[node] = votes));
  if (popcount(votes) < MAJORITY) return;
  if (c.mode == MODE_RAFT) becomeRaftLeader(c, node, t);
  else becomeLeaderCandidate(c, node, t);
}

/** P4 / Raft leader completeness: every entry committed so far is in the new leader's log. */
function checkLeaderComplete(c: Cluster, node: i32): void {
  const k = c.checker;
  const floor = unchecked(c.checkpoint[node]);
  for (let s = 0; s < SHADOW_CAP; s++) {
    const index = unchecked(k.cIndex[s]);
    if (index <= floor || unchecked(k.cSkip[s]) != 0) continue;
    const ls = slotOf(node, index);
    if (!holds(c, ls, index) || (unchecked(c.lgState[ls]) & SLOT_PRESENT) == 0 ||
      unchecked(c.lgTerm[ls]) != unchecked(k.cTerm[s]) || unchecked(c.lgValue[ls]) != unchecked(k.cValue[s])) {
      violate(k, c.now, V_LEADER_INCOMPLETE, node, index, unchecked(k.cTerm[s]));
      return;
    }
  }
}

function claimLeadership(c: Cluster, node: i32): void {
  const term = unchecked(c.term[node]);
  if (!chkLeader(c.checker, term, node)) violate(c.checker, c.now, V_TWO_LEADERS, term, node, -1);
  unchecked((c.leaderHint[node] = node));
  unchecked((c.leaderReady[node] = 1));
  unchecked((c.heartbeatAt[node] = 0));
  unchecked((c.leaderSince[node] = c.now));
  setRole(c, node, ROLE_LEADER);
  checkLeaderComplete(c, node);
}

function becomeRaftLeader(c: Cluster, node: i32, t: i64): void {
  const last = unchecked(c.lastIndex[node]);
  for (let f = 0; f < NODES; f++) {
    const p = node * NODES + f;
    unchecked((c.nextIndex[p] = last + 1));
    unchecked((c.matchIndex[p] = 0));
    unchecked((c.contact[p] = 0));
    unchecked((c.resendAt[p] = 0));
    unchecked((c.resendFrom[p] = -1));
    unchecked((c.probing[p] = 0));
  }
  forgetAway(c, node);
  unchecked((c.termFirstIndex[node] = last + 1));
  claimLeadership(c, node);
  if ((c.options & OPT_RAFT_NOOP) != 0) proposeEntry(c, node, -1, 0, 0, 0, 0, t);
  for (let f = 0; f < NODES; f++) if (f != node) raftHeartbeat(c, node, f, t);
  unchecked((c.heartbeatAt[node] = c.now));
}

// ---------------------------------------------------------------- proposing

/** Appends an entry at the leader and sends it; returns false when the log window is full. */
function proposeEntry(c: Cluster, node: i32, slot: i32, gen: i32, value: i32, lba: i32, len: i32, t: i64): bool {
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
function sendBatch(c: Cluster, node: i32, f: i32, from: i32, to: i32, t: i64): i32 {
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

// ---------------------------------------------------------------- commit

function commitEntry(c: Cluster, node: i32, index: i32, t: i64): void {
  const s = slotOf(node, index);
  const st = unchecked(c.lgState[s]);
  unchecked((c.lgState[s] = st | SLOT_COMMITTED));
  if ((st & SLOT_SKIP) != 0) return;
  const term = unchecked(c.lgTerm[s]);
  const value = unchecked(c.lgValue[s]);
  const k = c.checker;
  // P8/P10: what is reported committed was persisted, as this exact (term, index), by a majority.
  const mask = persistedMask(k, index, term, value);
  if (mask < 0) k.unverified++;
  else if (popcount(mask) < MAJORITY) violate(k, c.now, V_ACK_WITHOUT_MAJORITY, index, term, mask);
  const before = recordCommit(k, index, term, value, unchecked(c.lgLba[s]), unchecked(c.lgLen[s]));
  if (before != value) violate(k, c.now, V_COMMITTED_CHANGED, index, before, value);
  c.commits++;
  c.log.write(c.now, LOG_COMMIT, index, term, value);
  const slot = unchecked(c.lgOpSlot[s]);
  if (slot >= 0 && unchecked(c.opGen[slot]) == unchecked(c.lgOpGen[s]) && unchecked(c.opActive[slot]) != 0) {
    finishOp(c, slot, true, t + c.clientNet, index, -1);
  }
}

function advanceCommitPrefix(c: Cluster, node: i32): void {
  let p = unchecked(c.commitIndex[node]);
  const last = unchecked(c.lastIndex[node]);
  while (p < last) {
    const s = slotOf(node, p + 1);
    if (!holds(c, s, p + 1) || (unchecked(c.lgState[s]) & SLOT_COMMITTED) == 0) break;
    p++;
  }
  unchecked((c.commitIndex[node] = p));
}

/** Raft: commitIndex = largest N on a majority, if log[N] is of the current term (§5.4.2). */
function raftAdvanceCommit(c: Cluster, node: i32, t: i64): void {
  let a = unchecked(c.persistedPrefix[node]);
  let b = -1;
  let d = -1;
  for (let f = 0; f < NODES; f++) {
    if (f == node) continue;
    const m = unchecked(c.matchIndex[node * NODES + f]);
    if (b < 0) b = m;
    else d = m;
  }
  // Second largest of three = the largest index held by two nodes.
  let hi = a > b ? a : b;
  let lo = a > b ? b : a;
  let n = d > hi ? hi : (d > lo ? d : lo);
  const last = unchecked(c.lastIndex[node]);
  if (n > last) n = last;
  const commit = unchecked(c.commitIndex[node]);
  if (n <= commit) return;
  if ((c.options & OPT_COMMIT_OLD_TERMS) == 0 && termAt(c, node, n) != unchecked(c.term[node])) return;
  for (let i = commit + 1; i <= n; i++) commitEntry(c, node, i, t);
  unchecked((c.commitIndex[node] = n));
  applyProgress(c, node);
  if (c.waitCount > 0) recheckReads(c, node);
}

/** ParallelRaft: entry `index` is committed once a majority (leader included) persisted it. */
function parallelMaybeCommit(c: Cluster, node: i32, s: i32, index: i32, t: i64): void {
  const st = unchecked(c.lgState[s]);
  if ((st & SLOT_COMMITTED) != 0 || popcount(<i32>unchecked(c.lgAck[s])) < MAJORITY) return;
  if (unchecked(c.role[node]) != ROLE_LEADER) return;
  commitEntry(c, node, index, t);
  if (index == unchecked(c.commitIndex[node]) + 1) advanceCommitPrefix(c, node);
  applyAfterCommit(c, node, index);
  if (c.waitCount > 0) recheckReads(c, node);
}

// ---------------------------------------------------------------- follower: appends

/**
 * Raft's AppendEntries response. `a` packs success (bit 0) with the follower's restart count,
 * so the leader can tell a follower that came back (perhaps with an empty disk) from a reply
 * that was merely overtaken.
 */
export function raftReply(c: Cluster, node: i32, t: i64, ok: bool, value: i32): void {
  const leader = unchecked(c.leaderHint[node]);
  if (leader < 0 || leader == node) return;
  const word = (ok ? 1 : 0) | (unchecked(c.epoch[node]) << 1);
  send(c, t, node, leader, EV_RAFT_RESP, unchecked(c.term[node]), word, value, unchecked(c.appliedPrefix[node]),
    unchecked(c.checkpoint[node]), ENTRY_OVERHEAD);
}

export function raftMatch(c: Cluster, node: i32): i32 {
  const p = unchecked(c.persistedPrefix[node]);
  const v = unchecked(c.verifiedUpTo[node]);
  return p < v ? p : v;
}

function truncateFrom(c: Cluster, node: i32, index: i32): void {
  for (let j = unchecked(c.lastIndex[node]); j >= index; j--) dropSlot(c, node, j);
  unchecked((c.lastIndex[node] = index - 1));
  if (unchecked(c.persistedPrefix[node]) >= index) unchecked((c.persistedPrefix[node] = index - 1));
}

/** P7 on a replica that just stored entry (index, term) from arena record r. */
function checkLbb(c: Cluster, node: i32, index: i32, term: i32, r: i32): void {
  if (c.mode == MODE_RAFT) return;
  const wrong = chkLbb(c.checker, index, term, c.arLbb, r * LBB_MAX * 2, c.lbbN);
  if (wrong >= 0) violate(c.checker, c.now, V_LBB_WRONG, node, index, wrong);
}

/**
 * ParallelRaft-CE's syncCompleteness: for any two nodes, the entries of every term below the
 * smaller of their two sync terms are identical. Checked whenever a node's sync term moves, over
 * the indices both still keep (above both checkpoints).
 */
function checkSyncComplete(c: Cluster, node: i32): void {
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

function copyLbb(c: Cluster, s: i32, r: i32): void {
  const dst = s * LBB_MAX * 2;
  const src = r * LBB_MAX * 2;
  for (let k = 0; k < LBB_MAX * 2; k++) unchecked((c.lgLbb[dst + k] = c.arLbb[src + k]));
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

function ack(c: Cluster, node: i32, t: i64, index: i32, entryTerm: i32): void {
  const leader = unchecked(c.leaderHint[node]);
  if (leader < 0 || leader == node) return;
  send(c, t, node, leader, EV_ACK, unchecked(c.term[node]), index, entryTerm, unchecked(c.appliedPrefix[node]), 0, ENTRY_OVERHEAD);
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

function onAppend(c: Cluster, node: i32, from: i32, term: i32, a: i32, count: i32, commit: i32, prev: i32): void {
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

// ---------------------------------------------------------------- leader: responses

function onRaftResponse(c: Cluster, node: i32, from: i32, term: i32, word: i32, value: i32, applied: i32, checkpoint: i32): void {
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

function raftResend(c: Cluster, node: i32, f: i32, from: i32, t: i64): void {
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

function onAck(c: Cluster, node: i32, from: i32, term: i32, index: i32, entryTerm: i32, applied: i32, word: i32): void {
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

// ---------------------------------------------------------------- disks

export function onDiskDone(c: Cluster, node: i32, a: i32, term: i32, count: i32, job: i32): void {
  if (job == DISK_SYNC_WINDOW) {
    onWindowPersisted(c, node, a, term, count);
    return;
  }
  const s = slotOf(node, a);
  if (!holds(c, s, a) || (unchecked(c.lgState[s]) & SLOT_PRESENT) == 0 || unchecked(c.lgTerm[s]) != term) return;
  if ((unchecked(c.lgState[s]) & SLOT_PERSISTED) != 0) return;
  unchecked((c.lgState[s] = c.lgState[s] | SLOT_PERSISTED));
  chkPersisted(c.checker, node, a, term, unchecked(c.lgValue[s]));
  const t = cpu(c, node, c.cpuEntry);
  const isLeader = unchecked(c.role[node]) == ROLE_LEADER;
  if (c.mode == MODE_RAFT) {
    const before = unchecked(c.persistedPrefix[node]);
    advancePersisted(c, node);
    if (unchecked(c.persistedPrefix[node]) == before) return;
    if (isLeader) raftAdvanceCommit(c, node, t);
    else raftReply(c, node, t, true, raftMatch(c, node));
    return;
  }
  if (isLeader) {
    unchecked((c.lgAck[s] = c.lgAck[s] | <u8>bit(node)));
    if ((unchecked(c.lgState[s]) & SLOT_COMMITTED) == 0) {
      parallelMaybeCommit(c, node, s, a, t);
    } else {
      // The followers committed it before this leader's own write finished: it can apply now
      // (nothing else would come back for it once the clients stop).
      applyAfterCommit(c, node, a);
      if (c.waitCount > 0) recheckReads(c, node);
    }
    return;
  }
  ack(c, node, t, a, term);
  if (unchecked(c.commitIndex[node]) >= a) {
    if (unchecked(c.pendingCount[node]) == 0 && a == unchecked(c.appliedPrefix[node]) + 1) applyAfterCommit(c, node, a);
    else applyProgress(c, node);
  }
}

function advancePersisted(c: Cluster, node: i32): void {
  let p = unchecked(c.persistedPrefix[node]);
  while (true) {
    const s = slotOf(node, p + 1);
    if (!holds(c, s, p + 1) || (unchecked(c.lgState[s]) & SLOT_PERSISTED) == 0) break;
    p++;
  }
  unchecked((c.persistedPrefix[node] = p));
}

function onWindowPersisted(c: Cluster, node: i32, from: i32, term: i32, count: i32): void {
  for (let i = from; i < from + count; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i)) continue;
    const st = unchecked(c.lgState[s]);
    if ((st & SLOT_PRESENT) == 0 || (st & SLOT_PERSISTED) != 0) continue;
    unchecked((c.lgState[s] = st | SLOT_PERSISTED));
    if ((st & SLOT_SKIP) == 0) chkPersisted(c.checker, node, i, unchecked(c.lgTerm[s]), unchecked(c.lgValue[s]));
  }
  if (term != unchecked(c.term[node])) return;
  const t = cpu(c, node, c.cpuEntry);
  if (c.mode == MODE_RAFT) {
    advancePersisted(c, node);
    if (unchecked(c.role[node]) != ROLE_LEADER) raftReply(c, node, t, true, raftMatch(c, node));
    return;
  }
  const role = unchecked(c.role[node]);
  if (role == ROLE_LEADER_CANDIDATE) {
    unchecked((c.syncMask[node] = c.syncMask[node] | bit(node)));
    maybePromote(c, node, t);
  } else if (role != ROLE_LEADER) {
    const leader = unchecked(c.leaderHint[node]);
    if (leader >= 0) send(c, t, node, leader, EV_SYNC_ACK, term, from + count - 1, unchecked(c.appliedPrefix[node]), 0, 0, ENTRY_OVERHEAD);
    applyProgress(c, node);
  }
}

// ---------------------------------------------------------------- ParallelRaft election: merge and sync

function becomeLeaderCandidate(c: Cluster, node: i32, t: i64): void {
  const term = unchecked(c.term[node]);
  if (!chkLeaderCandidate(c.checker, term, node)) violate(c.checker, c.now, V_TWO_LEADER_CANDIDATES, term, node, -1);
  unchecked((c.leaderHint[node] = node));
  unchecked((c.mergeMask[node] = bit(node)));
  unchecked((c.syncMask[node] = 0));
  unchecked((c.mergeFrom[node] = unchecked(c.checkpoint[node]) + 1));
  setRole(c, node, ROLE_LEADER_CANDIDATE);
  for (let f = 0; f < NODES; f++) {
    if (f != node) send(c, t, node, f, EV_MERGE_REQ, term, unchecked(c.checkpoint[node]), 0, 0, 0, ENTRY_OVERHEAD);
  }
}

function onMergeRequest(c: Cluster, node: i32, from: i32, term: i32, leaderCheckpoint: i32): void {
  let t = c.effectAt;
  if (term < unchecked(c.term[node])) return;
  // An empty log back from a lost disk would count as a merge voter holding nothing, and a
  // committed entry only the others hold could be skipped.
  if (unchecked(c.recovering[node]) != 0) return;
  follow(c, node, from, term);
  setRole(c, node, ROLE_FOLLOWER_CANDIDATE);
  // Hand over every persisted entry past the leader candidate's checkpoint.
  const start = c.arenaHead;
  let n = 0;
  let bytes = ENTRY_OVERHEAD;
  const last = unchecked(c.lastIndex[node]);
  for (let i = leaderCheckpoint + 1; i <= last; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i)) continue;
    const st = unchecked(c.lgState[s]);
    if ((st & SLOT_PRESENT) == 0 || (st & SLOT_SKIP) != 0 || (st & SLOT_PERSISTED) == 0) continue;
    const committed = (st & SLOT_APPLIED) != 0 || knownCommitted(c, node, s, i);
    arenaPut(c, node, i, committed ? SLOT_COMMITTED : 0);
    bytes += unchecked(c.lgLen[s]) * BLOCK_BYTES + ENTRY_OVERHEAD;
    n++;
  }
  t = cpu(c, node, c.cpuEntry * <i64>n);
  send(c, t, node, from, EV_MERGE_RESP, term, start, n, unchecked(c.appliedPrefix[node]), last, bytes);
}

function onMergeResponse(c: Cluster, node: i32, from: i32, term: i32, start: i32, count: i32): void {
  const t = c.effectAt;
  if (term > unchecked(c.term[node])) {
    stepDown(c, node, term);
    return;
  }
  if (unchecked(c.role[node]) != ROLE_LEADER_CANDIDATE || term != unchecked(c.term[node])) return;
  if ((unchecked(c.mergeMask[node]) & bit(from)) != 0 || !arenaValid(c, start, count)) return;
  const mask = unchecked(c.mergeMask[node]) | bit(from);
  unchecked((c.mergeMask[node] = mask));
  if (popcount(mask) != MAJORITY) return; // decide once, with the first quorum
  contactNow(c, node, from);
  merge(c, node, from, start, count, t);
}

export function contactNow(c: Cluster, node: i32, f: i32): void {
  unchecked((c.contact[node * NODES + f] = c.now));
}

/** Spec §1.3 step 2 (`paper`) or the CE end-point merge (§1.5), over (checkpoint, end]. */
function merge(c: Cluster, node: i32, responder: i32, start: i32, count: i32, t: i64): void {
  const term = unchecked(c.term[node]);
  const from = unchecked(c.mergeFrom[node]);
  let end = highestPresent(c, node);
  if (count > 0) {
    const lastTheirs = unchecked(c.arIndex[(start + count - 1) & ARENA_MASK]);
    if (lastTheirs > end) end = lastTheirs;
  }
  // Slots past the end point hold nothing the new term keeps (LBA-only hints, stale tails).
  for (let j = unchecked(c.lastIndex[node]); j > end; j--) dropSlot(c, node, j);
  unchecked((c.lastIndex[node] = end > from - 1 ? end : from - 1));
  let r = 0;
  let bytes = ENTRY_OVERHEAD;
  for (let i = from; i <= end; i++) {
    while (r < count && unchecked(c.arIndex[(start + r) & ARENA_MASK]) < i) r++;
    const rr = (start + r) & ARENA_MASK;
    const theirs = r < count && unchecked(c.arIndex[rr]) == i;
    const s = slotOf(node, i);
    const st = unchecked(c.lgState[s]);
    const own = holds(c, s, i) && (st & SLOT_PRESENT) != 0 && (st & SLOT_SKIP) == 0;
    const ownCommitted = own && ((st & SLOT_APPLIED) != 0 || knownCommitted(c, node, s, i));
    const theirsCommitted = theirs && (unchecked(c.arState[rr]) & SLOT_COMMITTED) != 0;
    let rule = 0;
    let takeTheirs = false;
    if (ownCommitted) rule = MERGE_COMMITTED;
    else if (theirsCommitted) {
      rule = MERGE_COMMITTED;
      takeTheirs = true;
    } else if (!own && !theirs) {
      rule = c.mode == MODE_PARALLEL_CE ? MERGE_NOOP : MERGE_SKIP;
    } else {
      rule = MERGE_HIGHEST_TERM;
      takeTheirs = !own || (theirs && unchecked(c.arTerm[rr]) > unchecked(c.lgTerm[s]));
    }
    let chosenTerm = own ? unchecked(c.lgTerm[s]) : 0;
    let chosenFrom = node;
    if (takeTheirs) {
      const ns = storeEntry(c, node, i, unchecked(c.arTerm[rr]), unchecked(c.arValue[rr]), unchecked(c.arLba[rr]),
        unchecked(c.arLen[rr]), unchecked(c.arPrevTerm[rr]), SLOT_PRESENT | (theirsCommitted ? SLOT_COMMITTED : 0));
      copyLbb(c, ns, rr);
      bytes += unchecked(c.arLen[rr]) * BLOCK_BYTES;
      chosenTerm = unchecked(c.arTerm[rr]);
      chosenFrom = responder;
    } else if (rule == MERGE_SKIP) {
      if (!(holds(c, s, i) && (st & SLOT_SKIP) != 0)) storeEntry(c, node, i, 0, 0, 0, 0, 0, SLOT_PRESENT | SLOT_SKIP | SLOT_PERSISTED);
      chosenFrom = -1;
    } else if (rule == MERGE_NOOP) {
      storeEntry(c, node, i, term, 0, 0, 0, 0, SLOT_PRESENT);
      chosenTerm = term;
      chosenFrom = -1;
    }
    bytes += ENTRY_OVERHEAD;
    c.log.write(c.now, LOG_MERGE, i, rule | ((chosenFrom + 1) << 4), chosenTerm);
  }
  unchecked((c.mergeEnd[node] = end));
  unchecked((c.syncMask[node] = 0));
  advanceKnown(c, node);
  const count2 = end - from + 1;
  if (count2 > 0) diskWrite(c, node, t, bytes, DISK_SYNC_WINDOW, from, term, count2);
  else unchecked((c.syncMask[node] = bit(node)));
  for (let f = 0; f < NODES; f++) {
    if (f != node) sendWindow(c, node, f, from, end, t, EV_SYNC);
  }
  if (count2 <= 0) maybePromote(c, node, t);
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

/** Sends the leader's entries from..end as the election's sync window. */
function sendWindow(c: Cluster, node: i32, f: i32, from: i32, end: i32, t: i64, kind: i32): void {
  const start = c.arenaHead;
  const bytes = putWindow(c, node, from, end);
  const n = c.arenaHead - start;
  const work = cpu(c, node, c.cpuEntry * <i64>n);
  unchecked((c.syncSentAt[node * NODES + f] = c.now));
  send(c, work, node, f, kind, unchecked(c.term[node]), start, n, end, from, bytes);
}

function onSync(c: Cluster, node: i32, from: i32, term: i32, start: i32, count: i32, end: i32, first: i32): void {
  const t = c.effectAt;
  if (term < unchecked(c.term[node])) return;
  follow(c, node, from, term);
  if (!arenaValid(c, start, count)) return;
  if (first - 1 > unchecked(c.appliedPrefix[node])) {
    // This replica lacks entries below the window: it needs a catch-up (spec §1.4), so it
    // reports its known prefix FL and its checkpoint FC.
    send(c, t, node, from, EV_SYNC_ACK, term, -1, unchecked(c.appliedPrefix[node]), knownPrefix(c, node),
      catchUpWord(c, node, term, true), ENTRY_OVERHEAD);
    return;
  }
  storeWindow(c, node, start, count, false, 0);
  finishWindow(c, node, from, term, count, end, first, t);
}

/**
 * Stores a sync window's entry records (the leader's versions win; identical ones stay).
 * `copied`: after a full data copy, entries the leader had applied are already in the copied
 * blocks. Records at or below `floor` are skipped (applied here already). Returns the entries
 * stored.
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
    if (!slotFree(c, node, i)) {
      takeCheckpoint(c, node, false);
      if (!slotFree(c, node, i)) continue;
    }
    let state: u8 = SLOT_PRESENT | (flags & (SLOT_COMMITTED | SLOT_SKIP));
    if ((flags & SLOT_SKIP) != 0) state |= SLOT_PERSISTED;
    if (copied && (flags & SLOT_APPLIED) != 0) state |= SLOT_APPLIED | SLOT_PERSISTED;
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

function onSyncAck(c: Cluster, node: i32, from: i32, term: i32, end: i32, applied: i32, known: i32, word: i32): void {
  const t = c.effectAt;
  if (term > unchecked(c.term[node])) {
    stepDown(c, node, term);
    return;
  }
  if (term != unchecked(c.term[node])) return;
  const role = unchecked(c.role[node]);
  contactNow(c, node, from);
  unchecked((c.matchIndex[node * NODES + from] = applied));
  if (end < 0) {
    // The follower lacks entries below the window: catch it up (spec §1.4). This answers the
    // window just sent, so the pause that keeps a follower's repeated asks from restarting
    // catch-ups does not apply (a leader candidate would otherwise wait for the next election).
    if ((role == ROLE_LEADER || role == ROLE_LEADER_CANDIDATE) && !catchUpLive(c, node, from)) {
      catchUp(c, node, from, applied, known, word, true);
    }
    return;
  }
  if (role == ROLE_LEADER || role == ROLE_LEADER_CANDIDATE) catchUpAcked(c, node, from, end);
  if (role == ROLE_LEADER_CANDIDATE) {
    unchecked((c.syncMask[node] = c.syncMask[node] | bit(from)));
    maybePromote(c, node, t);
  }
}

/** Spec §1.3 steps 3-4: a quorum holds the merged window; commit it and become leader. */
function maybePromote(c: Cluster, node: i32, t: i64): void {
  if (unchecked(c.role[node]) != ROLE_LEADER_CANDIDATE || popcount(unchecked(c.syncMask[node])) < MAJORITY) return;
  const from = unchecked(c.mergeFrom[node]);
  const end = unchecked(c.mergeEnd[node]);
  for (let i = from; i <= end; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i) || (unchecked(c.lgState[s]) & (SLOT_PRESENT | SLOT_COMMITTED)) != SLOT_PRESENT) continue;
    commitEntry(c, node, i, t);
  }
  advanceCommitPrefix(c, node);
  const term = unchecked(c.term[node]);
  unchecked((c.syncTerm[node] = term));
  checkSyncComplete(c, node);
  const synced = unchecked(c.syncMask[node]);
  for (let f = 0; f < NODES; f++) {
    const p = node * NODES + f;
    unchecked((c.ackFloor[p] = end + 1));
    unchecked((c.commitSent[p] = -1));
    if ((synced & bit(f)) == 0) unchecked((c.contact[p] = 0));
  }
  forgetAway(c, node);
  claimLeadership(c, node);
  c.log.write(c.now, LOG_SYNC_DONE, node, end, term);
  applyProgress(c, node);
  for (let f = 0; f < NODES; f++) if (f != node) parallelHeartbeat(c, node, f, t);
  unchecked((c.heartbeatAt[node] = c.now));
}

// Catch-up (spec §1.4) lives in catchup.ts.

// ---------------------------------------------------------------- heartbeats and the tick

function raftHeartbeat(c: Cluster, node: i32, f: i32, t: i64): void {
  const p = node * NODES + f;
  const prev = unchecked(c.nextIndex[p]) - 1;
  const prevTerm = lastTermOf(c, node, prev);
  send(c, t, node, f, EV_APPEND, unchecked(c.term[node]), prevTerm, 0, unchecked(c.commitIndex[node]), prev, ENTRY_OVERHEAD);
  unchecked((c.commitSent[p] = unchecked(c.commitIndex[node])));
}

function parallelHeartbeat(c: Cluster, node: i32, f: i32, t: i64): void {
  const commit = unchecked(c.commitIndex[node]);
  send(c, t, node, f, EV_HEARTBEAT, unchecked(c.term[node]), commit, unchecked(c.lastIndex[node]), unchecked(c.checkpoint[node]), 0, ENTRY_OVERHEAD);
  unchecked((c.commitSent[node * NODES + f] = commit));
}

function onHeartbeat(c: Cluster, node: i32, from: i32, term: i32, commit: i32, leaderCheckpoint: i32): void {
  const t = c.effectAt;
  if (term < unchecked(c.term[node])) {
    send(c, t, node, from, EV_HEARTBEAT_RESP, unchecked(c.term[node]), 0, 0, 0, 0, ENTRY_OVERHEAD);
    return;
  }
  follow(c, node, from, term);
  followPromoted(c, node);
  if (unchecked(c.syncTerm[node]) == term && commit > unchecked(c.commitIndex[node])) {
    unchecked((c.commitIndex[node] = commit));
    applyProgress(c, node);
  }
  recoveredUpTo(c, node, commit);
  // What a catch-up needs (spec §1.4): the known prefix FL and the checkpoint FC, flagged when
  // uncommitted older-term entries are held (looked for only when a catch-up may follow).
  const behind = unchecked(c.syncTerm[node]) != term || unchecked(c.appliedPrefix[node]) < leaderCheckpoint;
  send(c, t, node, from, EV_HEARTBEAT_RESP, term, unchecked(c.appliedPrefix[node]), unchecked(c.syncTerm[node]),
    knownPrefix(c, node), catchUpWord(c, node, term, behind), ENTRY_OVERHEAD);
}

function onHeartbeatResponse(c: Cluster, node: i32, from: i32, term: i32, applied: i32, sync: i32, known: i32, word: i32): void {
  const t = c.effectAt;
  if (term > unchecked(c.term[node])) {
    stepDown(c, node, term);
    return;
  }
  if (unchecked(c.role[node]) != ROLE_LEADER || term != unchecked(c.term[node])) return;
  contactNow(c, node, from);
  unchecked((c.matchIndex[node * NODES + from] = applied));
  if (c.waitCount > 0) recheckReads(c, node);
  // A replica that missed the sync window, that is behind what this leader's log still holds
  // (its next entry already pruned past the checkpoint), or that comes back from being away
  // behind the checkpoint, is caught up (spec §1.4), not fed from the pruned log.
  const p = node * NODES + from;
  const away = unchecked(c.cuAway[p]) != 0;
  const behind = applied < unchecked(c.checkpoint[node]) && (away || !hasEntry(c, node, applied + 1));
  if (sync < term || behind) {
    if (catchUp(c, node, from, applied, known, word, false)) unchecked((c.cuAway[p] = 0));
  } else {
    unchecked((c.cuAway[p] = 0));
  }
}

function parallelRetransmit(c: Cluster, node: i32, f: i32, t: i64): void {
  const p = node * NODES + f;
  let floor = unchecked(c.ackFloor[p]);
  const last = unchecked(c.lastIndex[node]);
  const old = c.now - c.rto;
  const fb = <u8>bit(f);
  let runFrom = -1;
  let scanned = 0;
  let advancing = true;
  for (let i = floor; i <= last && scanned < 4096; i++) {
    scanned++;
    const s = slotOf(node, i);
    const held = holds(c, s, i) && (unchecked(c.lgState[s]) & SLOT_PRESENT) != 0;
    const done = !held || (unchecked(c.lgAck[s]) & fb) != 0 || (unchecked(c.lgState[s]) & SLOT_SKIP) != 0 ||
      i <= unchecked(c.matchIndex[p]);
    if (done) {
      if (advancing) floor = i + 1;
      if (runFrom >= 0) {
        sendBatch(c, node, f, runFrom, i - 1, t);
        runFrom = -1;
      }
      continue;
    }
    advancing = false;
    if (unchecked(c.lgSentAt[s]) < old) {
      if (runFrom < 0) runFrom = i;
    } else if (runFrom >= 0) {
      sendBatch(c, node, f, runFrom, i - 1, t);
      runFrom = -1;
    }
  }
  if (runFrom >= 0) sendBatch(c, node, f, runFrom, last, t);
  unchecked((c.ackFloor[p] = floor));
}

export function takeCheckpoint(c: Cluster, node: i32, periodic: bool): void {
  const ck = unchecked(c.appliedPrefix[node]);
  if (ck == unchecked(c.checkpoint[node])) return;
  unchecked((c.checkpoint[node] = ck));
  if (periodic) c.log.write(c.now, LOG_CHECKPOINT, node, ck, 0);
}

/** The per-millisecond housekeeping of every live node. */
export function nodeTick(c: Cluster, node: i32): void {
  if (unchecked(c.up[node]) == 0) return;
  if (c.now >= unchecked(c.nextCheckpointAt[node])) {
    takeCheckpoint(c, node, true);
    unchecked((c.nextCheckpointAt[node] = c.now + c.checkpointNs));
  } else if (unchecked(c.lastIndex[node]) - unchecked(c.checkpoint[node]) > LOG_CAP / 2) {
    takeCheckpoint(c, node, false);
  }
  if (applyBacklogged(c, node)) applyProgress(c, node);
  const role = unchecked(c.role[node]);
  if (role == ROLE_LEADER || role == ROLE_LEADER_CANDIDATE) {
    for (let f = 0; f < NODES; f++) if (f != node) catchUpTick(c, node, f);
  }
  if (role != ROLE_LEADER) return;
  // CheckQuorum: a leader that has not heard from a majority for a full timeout steps down.
  let fresh = 1;
  for (let f = 0; f < NODES; f++) {
    if (f != node && unchecked(c.contact[node * NODES + f]) > c.now - c.electionMax) fresh++;
  }
  if (fresh < MAJORITY && c.now - unchecked(c.leaderSince[node]) > c.electionMax) {
    stepDown(c, node, unchecked(c.term[node]));
    return;
  }
  const t = c.now > unchecked(c.cpuFree[node]) ? c.now : unchecked(c.cpuFree[node]);
  // Reads waiting for ReadIndex confirmation get a heartbeat round at once.
  const beat = c.now - unchecked(c.heartbeatAt[node]) >= c.heartbeat || c.waitCount > 0;
  if (beat) unchecked((c.heartbeatAt[node] = c.now));
  for (let f = 0; f < NODES; f++) {
    if (f == node) continue;
    const p = node * NODES + f;
    const responsive = unchecked(c.contact[p]) > c.now - c.electionMin;
    // Unheard of for an election timeout: when it speaks again, check it for a catch-up first.
    if (!responsive && unchecked(c.contact[p]) != 0) unchecked((c.cuAway[p] = 1));
    if (c.mode == MODE_RAFT) {
      if (beat) raftHeartbeat(c, node, f, t);
      const match = unchecked(c.matchIndex[p]);
      if (responsive && match < unchecked(c.lastIndex[node]) && c.now - unchecked(c.resendAt[p]) >= c.rto) {
        const s = slotOf(node, match + 1);
        if (!holds(c, s, match + 1) || unchecked(c.lgSentAt[s]) < c.now - c.rto) raftResend(c, node, f, match + 1, t);
      }
    } else {
      if (beat || unchecked(c.commitSent[p]) < unchecked(c.commitIndex[node])) parallelHeartbeat(c, node, f, t);
      if (responsive && unchecked(c.cuAway[p]) == 0 && !catchUpLive(c, node, f)) parallelRetransmit(c, node, f, t);
    }
  }
}

// ---------------------------------------------------------------- dispatch

export function onMessage(c: Cluster, kind: i32, node: i32, from: i32, term: i32, a: i32, b: i32, cc: i32, d: i32): void {
  switch (kind) {
    case EV_APPEND: onAppend(c, node, from, term, a, b, cc, d); break;
    case EV_ACK: onAck(c, node, from, term, a, b, cc, d); break;
    case EV_RAFT_RESP: onRaftResponse(c, node, from, term, a, b, cc, d); break;
    case EV_VOTE_REQ: onVoteRequest(c, node, from, term, a, b, cc); break;
    case EV_VOTE_RESP: onVoteResponse(c, node, from, term, a); break;
    case EV_MERGE_REQ: onMergeRequest(c, node, from, term, a); break;
    case EV_MERGE_RESP: onMergeResponse(c, node, from, term, a, b); break;
    case EV_SYNC: onSync(c, node, from, term, a, b, cc, d); break;
    case EV_INSTALL: onInstall(c, node, from, term, a, b, cc, d); break;
    case EV_SYNC_ACK: onSyncAck(c, node, from, term, a, b, cc, d); break;
    case EV_HEARTBEAT: onHeartbeat(c, node, from, term, a, cc); break;
    case EV_HEARTBEAT_RESP: onHeartbeatResponse(c, node, from, term, a, b, cc, d); break;
    case EV_PIECE: onPiece(c, node, from, term, a, b, cc); break;
    case EV_PIECE_ACK: onPieceAck(c, node, from, term, a, b, cc, d); break;
    default: break;
  }
}

/** Bootstrap: `node` leads term 1 from time 0 (a reproducible start for labs and tests). */
export function bootstrapLeader(c: Cluster, node: i32): void {
  for (let n = 0; n < NODES; n++) {
    unchecked((c.term[n] = 1));
    unchecked((c.votedFor[n] = node));
    unchecked((c.syncTerm[n] = 1));
    unchecked((c.leaderHint[n] = node));
    unchecked((c.lastLeaderContact[n] = 0));
  }
  unchecked((c.mergeEnd[node] = 0));
  for (let f = 0; f < NODES; f++) {
    const p = node * NODES + f;
    unchecked((c.nextIndex[p] = 1));
    unchecked((c.contact[p] = 0));
    unchecked((c.ackFloor[p] = 1));
  }
  unchecked((c.termFirstIndex[node] = 1));
  if (!chkLeader(c.checker, 1, node)) violate(c.checker, 0, V_TWO_LEADERS, 1, node, -1);
  chkLeaderCandidate(c.checker, 1, node);
  unchecked((c.leaderReady[node] = 1));
  unchecked((c.role[node] = ROLE_LEADER));
  c.log.write(0, LOG_ROLE, node, ROLE_LEADER, 1);
}

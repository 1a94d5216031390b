// ParallelRaft's election after the vote (spec §1.3 steps 2-4, CE's §1.5): the leader
// candidate merges a quorum's entries past its checkpoint, sends the merged window, and is
// promoted once a quorum holds it.
import { Cluster } from './cluster';
import {
  ARENA_MASK, BLOCK_BYTES, DISK_SYNC_WINDOW, EV_MERGE_REQ, EV_MERGE_RESP, EV_SYNC, EV_SYNC_ACK, LOG_MERGE,
  LOG_SYNC_DONE, MAJORITY, MERGE_COMMITTED, MERGE_HIGHEST_TERM, MERGE_NOOP, MERGE_SKIP, MODE_PARALLEL_CE, NODES,
  ROLE_FOLLOWER_CANDIDATE, ROLE_LEADER, ROLE_LEADER_CANDIDATE, SLOT_APPLIED, SLOT_COMMITTED, SLOT_PERSISTED,
  SLOT_PRESENT, SLOT_SKIP, V_TWO_LEADER_CANDIDATES,
} from './constants';
import { cpu } from '../lib/cpu';
import { arenaPut, arenaValid, diskWrite, send } from './sim';
import { advanceKnown, applyProgress, dropSlot, holds, knownCommitted, slotOf, storeEntry } from './logstore';
import { chkLeaderCandidate, violate } from './checker';
import {
  ENTRY_OVERHEAD, bit, claimLeadership, contactNow, follow, highestPresent, popcount, setRole, stepDown,
} from './roles';
import { advanceCommitPrefix, commitEntry } from './commit';
import { checkSyncComplete, copyLbb, finishWindow, putWindow, storeWindow } from './window';
import { catchUp, catchUpAcked, catchUpLive, catchUpWord, forgetAway, knownPrefix } from './catchup';
import { parallelHeartbeat } from './heartbeat';

export function becomeLeaderCandidate(c: Cluster, node: i32, t: i64): void {
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

export function onMergeRequest(c: Cluster, node: i32, from: i32, term: i32, leaderCheckpoint: i32): void {
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

export function onMergeResponse(c: Cluster, node: i32, from: i32, term: i32, start: i32, count: i32): void {
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

/** Sends the leader's entries from..end as the election's sync window. */
function sendWindow(c: Cluster, node: i32, f: i32, from: i32, end: i32, t: i64, kind: i32): void {
  const start = c.arenaHead;
  const bytes = putWindow(c, node, from, end);
  const n = c.arenaHead - start;
  const work = cpu(c, node, c.cpuEntry * <i64>n);
  unchecked((c.syncSentAt[node * NODES + f] = c.now));
  send(c, work, node, f, kind, unchecked(c.term[node]), start, n, end, from, bytes);
}

export function onSync(c: Cluster, node: i32, from: i32, term: i32, start: i32, count: i32, end: i32, first: i32): void {
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

export function onSyncAck(c: Cluster, node: i32, from: i32, term: i32, end: i32, applied: i32, known: i32, word: i32): void {
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
export function maybePromote(c: Cluster, node: i32, t: i64): void {
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

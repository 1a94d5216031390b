// Heartbeats, retransmission and the per-millisecond tick of each node: checkpoints, apply
// backlog, catch-up resends, CheckQuorum, and the catch-up triggers a heartbeat answer carries
// (a follower that missed the sync window or comes back behind the checkpoint).
import { Cluster } from './cluster';
import {
  EV_APPEND, EV_HEARTBEAT, EV_HEARTBEAT_RESP, LOG_CAP, MAJORITY, MODE_RAFT, NODES, ROLE_LEADER,
  ROLE_LEADER_CANDIDATE, SLOT_PRESENT, SLOT_SKIP,
} from './constants';
import { send } from './sim';
import { applyBacklogged, applyProgress, hasEntry, holds, slotOf } from './logstore';
import { recheckReads } from './clients';
import {
  ENTRY_OVERHEAD, bit, contactNow, follow, followPromoted, lastTermOf, recoveredUpTo, stepDown, takeCheckpoint,
} from './roles';
import { catchUp, catchUpLive, catchUpTick, catchUpWord, knownPrefix } from './catchup';
import { raftResend, sendBatch } from './replication';

export function raftHeartbeat(c: Cluster, node: i32, f: i32, t: i64): void {
  const p = node * NODES + f;
  const prev = unchecked(c.nextIndex[p]) - 1;
  const prevTerm = lastTermOf(c, node, prev);
  send(c, t, node, f, EV_APPEND, unchecked(c.term[node]), prevTerm, 0, unchecked(c.commitIndex[node]), prev, ENTRY_OVERHEAD);
  unchecked((c.commitSent[p] = unchecked(c.commitIndex[node])));
}

export function parallelHeartbeat(c: Cluster, node: i32, f: i32, t: i64): void {
  const commit = unchecked(c.commitIndex[node]);
  send(c, t, node, f, EV_HEARTBEAT, unchecked(c.term[node]), commit, unchecked(c.lastIndex[node]), unchecked(c.checkpoint[node]), 0, ENTRY_OVERHEAD);
  unchecked((c.commitSent[node * NODES + f] = commit));
}

export function onHeartbeat(c: Cluster, node: i32, from: i32, term: i32, commit: i32, leaderCheckpoint: i32): void {
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

export function onHeartbeatResponse(c: Cluster, node: i32, from: i32, term: i32, applied: i32, sync: i32, known: i32, word: i32): void {
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

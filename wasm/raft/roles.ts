// A node's term, role and election timer, shared by every protocol step: stepping down,
// following a leader, claiming leadership (with the election-safety and leader-completeness
// checks), and checkpoints. The lowest layer of the protocol: it calls nothing above it.
import { Cluster } from './cluster';
import {
  EV_ELECTION_TIMER, LOG_CHECKPOINT, LOG_RECOVERED, LOG_ROLE, NODES, ROLE_FOLLOWER, ROLE_FOLLOWER_CANDIDATE,
  ROLE_LEADER, SLOT_PRESENT, V_LEADER_INCOMPLETE, V_TWO_LEADERS,
} from './constants';
import { at } from '../lib/events';
import { uniform } from '../lib/draws';
import { hasEntry, holds, slotOf } from './logstore';
import { SHADOW_CAP, chkLeader, violate } from './checker';
import { failReads } from './clients';

export const ENTRY_OVERHEAD: i32 = 64;

export function bit(node: i32): i32 {
  return 1 << node;
}

export function popcount(mask: i32): i32 {
  return <i32>popcnt<i32>(mask);
}

export function setRole(c: Cluster, node: i32, role: i32): void {
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

export function lastTermOf(c: Cluster, node: i32, index: i32): i32 {
  if (index <= 0) return 0;
  const s = slotOf(node, index);
  return holds(c, s, index) ? unchecked(c.lgTerm[s]) : 0;
}

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
export function followPromoted(c: Cluster, node: i32): void {
  if (unchecked(c.role[node]) == ROLE_FOLLOWER_CANDIDATE) setRole(c, node, ROLE_FOLLOWER);
}

/**
 * A node back from a lost disk votes again once it holds everything the leader has committed:
 * its applied prefix has reached the commit index the leader sends.
 */
export function recoveredUpTo(c: Cluster, node: i32, leaderCommit: i32): void {
  if (unchecked(c.recovering[node]) != 0 && unchecked(c.appliedPrefix[node]) >= leaderCommit) {
    unchecked((c.recovering[node] = 0));
    c.log.write(c.now, LOG_RECOVERED, node, leaderCommit, unchecked(c.term[node]));
  }
}

export function contactNow(c: Cluster, node: i32, f: i32): void {
  unchecked((c.contact[node * NODES + f] = c.now));
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

export function claimLeadership(c: Cluster, node: i32): void {
  const term = unchecked(c.term[node]);
  if (!chkLeader(c.checker, term, node)) violate(c.checker, c.now, V_TWO_LEADERS, term, node, -1);
  unchecked((c.leaderHint[node] = node));
  unchecked((c.leaderReady[node] = 1));
  unchecked((c.heartbeatAt[node] = 0));
  unchecked((c.leaderSince[node] = c.now));
  setRole(c, node, ROLE_LEADER);
  checkLeaderComplete(c, node);
}

export function takeCheckpoint(c: Cluster, node: i32, periodic: bool): void {
  const ck = unchecked(c.appliedPrefix[node]);
  if (ck == unchecked(c.checkpoint[node])) return;
  unchecked((c.checkpoint[node] = ck));
  if (periodic) c.log.write(c.now, LOG_CHECKPOINT, node, ck, 0);
}

// Elections: the randomized timer, RequestVote (with CE's sync-term rule), and what a win
// starts: Raft's leader at once, ParallelRaft's leader candidate (merge.ts). Also the
// bootstrap leader a run may start with.
import { Cluster } from './cluster';
import {
  EV_ELECTION_TIMER, EV_VOTE_REQ, EV_VOTE_RESP, LOG_ELECTION, LOG_ROLE, LOG_VOTE, MAJORITY, MODE_PARALLEL_CE,
  MODE_RAFT, NODES, OPT_RAFT_NOOP, OPT_VOTE_TWICE, ROLE_CANDIDATE, ROLE_LEADER, V_TWO_LEADERS,
} from './constants';
import { at } from '../lib/events';
import { cpu } from '../lib/cpu';
import { send } from './sim';
import { chkLeader, chkLeaderCandidate, violate } from './checker';
import {
  ENTRY_OVERHEAD, bit, claimLeadership, drawElectionTimeout, highestPresent, lastTermOf, popcount,
  resetElectionTimer, setRole, stepDown,
} from './roles';
import { forgetAway } from './catchup';
import { proposeEntry } from './replication';
import { raftHeartbeat } from './heartbeat';
import { becomeLeaderCandidate } from './merge';

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

export function onVoteRequest(c: Cluster, node: i32, from: i32, term: i32, last: i32, lastTerm: i32, sync: i32): void {
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

export function onVoteResponse(c: Cluster, node: i32, from: i32, term: i32, granted: i32): void {
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

// WAL completions: an entry or a sync window reached the disk. Raft moves its persisted
// prefix; ParallelRaft acks the entry itself; either may commit or promote from here.
import { Cluster } from './cluster';
import {
  DISK_SYNC_WINDOW, EV_SYNC_ACK, MODE_RAFT, ROLE_LEADER, ROLE_LEADER_CANDIDATE, SLOT_COMMITTED, SLOT_PERSISTED,
  SLOT_PRESENT, SLOT_SKIP,
} from './constants';
import { cpu } from '../lib/cpu';
import { send } from './sim';
import { applyAfterCommit, applyProgress, holds, slotOf } from './logstore';
import { chkPersisted } from './checker';
import { recheckReads } from './clients';
import { ENTRY_OVERHEAD, bit } from './roles';
import { ack, raftMatch, raftReply } from './replies';
import { parallelMaybeCommit, raftAdvanceCommit } from './commit';
import { maybePromote } from './merge';

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

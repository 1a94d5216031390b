// Committing (Raft's in-order rule with Figure 8's term check; ParallelRaft's per-entry
// majority) and what a commit sets off: the checker's P2/P8 checks, the client's answer,
// applying, and reads waiting on the leader.
import { Cluster } from './cluster';
import {
  LOG_COMMIT, MAJORITY, NODES, OPT_COMMIT_OLD_TERMS, ROLE_LEADER, SLOT_COMMITTED, SLOT_SKIP, V_ACK_WITHOUT_MAJORITY,
  V_COMMITTED_CHANGED,
} from './constants';
import { applyAfterCommit, applyProgress, holds, slotOf, termAt } from './logstore';
import { persistedMask, recordCommit, violate } from './checker';
import { finishOp, recheckReads } from './clients';
import { popcount } from './roles';

export function commitEntry(c: Cluster, node: i32, index: i32, t: i64): void {
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

export function advanceCommitPrefix(c: Cluster, node: i32): void {
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
export function raftAdvanceCommit(c: Cluster, node: i32, t: i64): void {
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
export function parallelMaybeCommit(c: Cluster, node: i32, s: i32, index: i32, t: i64): void {
  const st = unchecked(c.lgState[s]);
  if ((st & SLOT_COMMITTED) != 0 || popcount(<i32>unchecked(c.lgAck[s])) < MAJORITY) return;
  if (unchecked(c.role[node]) != ROLE_LEADER) return;
  commitEntry(c, node, index, t);
  if (index == unchecked(c.commitIndex[node]) + 1) advanceCommitPrefix(c, node);
  applyAfterCommit(c, node, index);
  if (c.waitCount > 0) recheckReads(c, node);
}

// Fault commands (spec issue item 3): crashes with and without the disk, partitions, link
// delay/loss/duplication/reordering, limping disks, and forced election timeouts. Each is
// applied at the current simulated time; the run's randomness stays in the seeded generator.
import { Cluster } from './cluster';
import {
  NODES, LOG_CAP, LBB_MAX, ROLE_FOLLOWER, ROLE_LEADER, MODE_RAFT,
  SLOT_PRESENT, SLOT_PERSISTED, SLOT_COMMITTED, SLOT_APPLIED, SLOT_KNOWN_LBA,
} from './constants';
import { dropSlot, slotOf, holds, hasEntry, advanceKnown, applyProgress, learnHole } from './logstore';
import { drawElectionTimeout, resetElectionTimer, highestPresent } from './roles';
import { startElection } from './election';
import { failReads } from './clients';
import { setLink, LINK_FIELDS } from '../lib/links';
import { diskRestart, diskLimp } from '../lib/disks';

export function crash(c: Cluster, node: i32, wipe: bool): void {
  if (unchecked(c.up[node]) == 0 && !wipe) return;
  if (unchecked(c.role[node]) == ROLE_LEADER) failReads(c, node);
  unchecked((c.up[node] = 0));
  unchecked((c.epoch[node] = unchecked(c.epoch[node]) + 1));
  unchecked((c.role[node] = ROLE_FOLLOWER));
  unchecked((c.leaderReady[node] = 0));
  unchecked((c.votes[node] = 0));
  unchecked((c.timerPending[node] = 0));
  unchecked((c.leaderHint[node] = -1));
  const base = node * LOG_CAP;
  c.checker.wiping = wipe;
  for (let s = 0; s < LOG_CAP; s++) {
    const index = unchecked(c.lgIndex[base + s]);
    if (index < 0) continue;
    const st = unchecked(c.lgState[base + s]);
    // Memory is lost: entries not yet durable, LBB hints, and commit knowledge.
    if (wipe || (st & SLOT_PERSISTED) == 0 || (st & SLOT_PRESENT) == 0) dropSlot(c, node, index);
    else if ((st & SLOT_APPLIED) == 0) unchecked((c.lgState[base + s] = st & ~SLOT_COMMITTED));
  }
  c.checker.wiping = false;
  if (wipe) {
    unchecked((c.recovering[node] = 1));
    const b0 = node * c.blocks;
    for (let b = 0; b < c.blocks; b++) {
      unchecked((c.data[b0 + b] = 0));
      unchecked((c.cover[b0 + b] = 0));
      unchecked((c.checker.blockIdx[b0 + b] = 0));
    }
    unchecked((c.term[node] = 0));
    unchecked((c.votedFor[node] = -1));
    unchecked((c.syncTerm[node] = 0));
    unchecked((c.appliedPrefix[node] = 0));
    unchecked((c.checkpoint[node] = 0));
  }
  const applied = unchecked(c.appliedPrefix[node]);
  unchecked((c.commitIndex[node] = applied));
  unchecked((c.verifiedUpTo[node] = applied));
  unchecked((c.contigKnown[node] = applied));
  let last = unchecked(c.lastIndex[node]);
  if (c.mode == MODE_RAFT) {
    // A Raft log is a prefix: recovery stops at the first entry the WAL lost. WAL writes finish
    // out of order here, so durable entries can lie past a lost one; kept, they would pass the
    // prevLogTerm check with a hole below them (a follower once "matched" past its hole that way
    // and never applied again). The leader never counted them: replies stop at the prefix.
    let p = applied;
    while (p < last && hasEntry(c, node, p + 1)) p++;
    for (let j = last; j > p; j--) dropSlot(c, node, j);
    last = p;
  }
  while (last > applied && !holds(c, slotOf(node, last), last)) last--;
  if (last < applied) last = applied;
  unchecked((c.lastIndex[node] = last));
  if (unchecked(c.persistedPrefix[node]) > last) unchecked((c.persistedPrefix[node] = last));
  // Raft: what is applied is in the durable blocks; a follower may apply a committed entry before
  // its own WAL write of it finishes, and replying below the applied prefix after a crash would
  // have the leader resend entries the follower ignores (they are at or below its commit index).
  if (c.mode == MODE_RAFT && unchecked(c.persistedPrefix[node]) < applied) unchecked((c.persistedPrefix[node] = applied));
  if (wipe) unchecked((c.persistedPrefix[node] = 0));
  unchecked((c.pendingCount[node] = 0));
  unchecked((c.mergeEnd[node] = 0));
  if (!wipe && c.mode != MODE_RAFT) relearnHoles(c, node, applied, last);
  advanceKnown(c, node);
}

/**
 * ParallelRaft: the LBA ranges of the holes a crash left are in the LBBs of the durable entries
 * after them (each entry carries its look-behind buffer into the WAL). Without them, an entry
 * past a lost one whose range it overlaps could apply first (P5).
 */
function relearnHoles(c: Cluster, node: i32, applied: i32, last: i32): void {
  if (last - applied > LOG_CAP) last = applied + LOG_CAP;
  for (let i = applied + 1; i <= last; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i) || (unchecked(c.lgState[s]) & SLOT_PRESENT) == 0) continue;
    const lbb = s * LBB_MAX * 2;
    for (let b = 0; b < c.lbbN; b++) {
      const j = i - 1 - b;
      if (j <= applied) break;
      learnHole(c, node, j, unchecked(c.lgLbb[lbb + b * 2]), unchecked(c.lgLbb[lbb + b * 2 + 1]));
    }
  }
}

export function restart(c: Cluster, node: i32): void {
  if (unchecked(c.up[node]) != 0) return;
  unchecked((c.up[node] = 1));
  unchecked((c.role[node] = ROLE_FOLLOWER));
  unchecked((c.leaderHint[node] = -1));
  unchecked((c.lastLeaderContact[node] = 0));
  unchecked((c.cpuFree[node] = c.now));
  diskRestart(c, node, c.now);
  unchecked((c.nextCheckpointAt[node] = c.now + c.checkpointNs));
  drawElectionTimeout(c, node);
  resetElectionTimer(c, node);
  applyProgress(c, node);
}

/** Sets a link property (LINK_* in wasm/lib/links.ts) from a to b, both ways when `both`; b = -1 means every peer of a. */
export function linkFault(c: Cluster, a: i32, b: i32, field: i32, value: i64, both: bool): void {
  for (let x = 0; x < NODES; x++) {
    if (x == a || (b >= 0 && x != b)) continue;
    setLink(c, a * NODES + x, field, value);
    if (both) setLink(c, x * NODES + a, field, value);
  }
}

export function heal(c: Cluster, a: i32, b: i32): void {
  for (let x = 0; x < NODES; x++) {
    for (let y = 0; y < NODES; y++) {
      if (x == y) continue;
      if (a >= 0 && !((x == a && (b < 0 || y == b)) || (y == a && (b < 0 || x == b)))) continue;
      for (let field = 0; field < LINK_FIELDS; field++) setLink(c, x * NODES + y, field, 0);
    }
  }
}

export function limp(c: Cluster, node: i32, factorPermille: i32): void {
  diskLimp(c, node, factorPermille);
}

export function elect(c: Cluster, node: i32): void {
  startElection(c, node);
}

export function lastHeld(c: Cluster, node: i32): i32 {
  return highestPresent(c, node);
}

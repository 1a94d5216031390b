// What a follower sends its leader about its log: Raft's AppendEntries reply (with the
// follower's restart count) and ParallelRaft's per-entry ack.
import { Cluster } from './cluster';
import { EV_ACK, EV_RAFT_RESP } from './constants';
import { send } from './sim';
import { ENTRY_OVERHEAD } from './roles';

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

export function ack(c: Cluster, node: i32, t: i64, index: i32, entryTerm: i32): void {
  const leader = unchecked(c.leaderHint[node]);
  if (leader < 0 || leader == node) return;
  send(c, t, node, leader, EV_ACK, unchecked(c.term[node]), index, entryTerm, unchecked(c.appliedPrefix[node]), 0, ENTRY_OVERHEAD);
}

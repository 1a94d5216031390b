// Named scripted scenarios: a config and a fault schedule that reproduce a known case.
//  * figure8 (Raft): the Raft paper's Figure 8 on three nodes. With the correct commit rule the
//    old-term entry is never committed; with `commitOldTerms` it is, and a later leader lacks it.
//  * ghost (ParallelRaft): spec §1.5. An uncommitted entry k lives only on node 2; the next
//    leader's merge skips k (paper) or seals it with a no-op (CE); later writes overlap k; a
//    third leader merges with node 2 and, in paper mode, revives k over newer data.
import type { RaftConfig } from './types';

export interface Scenario {
  name: string;
  summary: string;
  config: Partial<RaftConfig>;
  faults: string;
  durationNs: number;
  /**
   * Simulated ns per wall second the raft tab plays the scenario at: fast enough that its key
   * event (the last scripted command, where the case comes to a head) shows within 5 s of
   * wall time, slow enough to follow the elections before it.
   */
  speedNsPerSecond: number;
  /** What happens at the key event, for the tab's reply to `raft scenario`. */
  keyEvent: string;
}

const MS = 1e6;

export const SCENARIOS: Record<string, Scenario> = {
  figure8: {
    name: 'figure8',
    summary: 'Raft paper Figure 8 on 3 nodes: an old-term entry replicated to a majority is not yet committed',
    // Election timers of 10 s: every election here is an explicit `elect`.
    config: { mode: 'raft', clients: 0, iodepth: 0, blocks: 64, checkpointNs: 10_000 * MS, electionMinNs: 10_000 * MS, electionMaxNs: 10_000 * MS },
    faults: [
      // Term 1, leader 0: a write reaches only node 0.
      '10ms oneway 0 1; 10ms oneway 0 2; 10ms write 0',
      '11ms crash 0; 11ms heal',
      // Term 2: node 1 leads (node 2 votes) and takes a different write at index 1, which reaches nobody.
      '400ms elect 1',
      '700ms oneway 1 0; 700ms oneway 1 2; 700ms write 0',
      '701ms crash 1; 701ms heal',
      // Term 3: node 0 returns and leads with node 2 (its first try collides with term 2);
      // it re-replicates its term-1 entry to node 2: now on a majority, but of an old term.
      '1000ms restart 0; 1400ms elect 0; 1500ms elect 0',
      // Node 0 dies before any term-3 entry commits; node 1 returns and wins with node 2's vote.
      '1700ms crash 0; 1701ms restart 1; 2100ms elect 1; 2200ms elect 1',
      // A write in the new term commits, and with it whatever index 1 holds now.
      '2500ms write 1',
    ].join('; '),
    durationNs: 3000 * MS,
    // The commit at 2500 ms comes 2.5 s after the start.
    speedNsPerSecond: 1000 * MS,
    keyEvent: 'at 2500 ms a write in the new term commits, and index 1 with it',
  },
  ghost: {
    name: 'ghost',
    summary: 'ParallelRaft ghost log entry (spec §1.5): paper merge revives a skipped entry; CE seals it',
    config: { mode: 'parallel', clients: 1, iodepth: 4, blocks: 32, thinkNs: 1_000_000, checkpointNs: 20_000 * MS },
    faults: [
      // Leader 0's disk limps and node 2's acks are lost: nothing commits; entries reach node 2 only.
      '500ms limp 0 10000x; 500ms oneway 2 0; 500ms oneway 0 1',
      // Then the link to node 1 returns and a scripted write reaches node 1 but not node 2.
      '503ms heal 0 1; 503ms oneway 0 2; 503100us write 0 32',
      // Leader 0 crashes (its slow writes are lost); node 2 is cut off; node 0 restarts.
      '503300us crash 0; 503400us heal; 503400us partition 2; 503400us limp 0 off',
      '600ms restart 0',
      // Node 1 leads term 2 with node 0; new writes overlap the hole. Then node 0 goes,
      // node 2 returns, and node 1 must merge with node 2.
      '1500ms crash 0; 1500ms heal',
    ].join('; '),
    durationNs: 3000 * MS,
    // The merge at 1500 ms shows 3 s after the start, and the checker stops the paper's
    // merge (seed 1: at 1630.79 ms) about a quarter of a second later.
    speedNsPerSecond: 500 * MS,
    keyEvent: 'from 1500 ms node 1 must merge with node 2',
  },
};

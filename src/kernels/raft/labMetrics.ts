// The raft metrics a lab's check may name: what `hlab raft` and `raft status` report of a
// run. Data only, so the lab engine, the headless runner and the raft tab share one list.
import type { ValueType } from '../../labs/expr/vocabulary';

/**
 * Raft metrics, named as `hlab raft` reports a run (RunResult). In side-by-side they describe
 * the column of the current mode (raft, or parallel / parallel-ce beside raft).
 */
export const RAFT_METRICS = {
  mode: { type: 'string', description: 'the mode the metrics describe: raft, parallel or parallel-ce' },
  verdict: { type: 'string', description: "the live checker's verdict: valid, invalid or unknown" },
  scenario: { type: 'string', description: 'the scripted scenario (ghost, figure8), or "none"' },
  sideBySide: { type: 'bool', description: 'raft and ParallelRaft run side by side on one clock' },
  timeMs: { type: 'number', description: 'simulated time of the run, ms' },
  iops: { type: 'number', description: 'completed reads and writes per simulated second since the run began' },
  p50Us: { type: 'number', description: 'median op latency since the run began, µs' },
  p99Us: { type: 'number', description: '99th percentile op latency, µs' },
  p999Us: { type: 'number', description: '99.9th percentile op latency, µs' },
  iodepth: { type: 'number', description: 'outstanding writes per client' },
  seed: { type: 'number', description: "the run's seed" },
  commits: { type: 'number', description: 'entries committed' },
  elections: { type: 'number', description: 'elections started' },
  leader: { type: 'number', description: 'the current leader, -1 when there is none' },
  failedOps: { type: 'number', description: 'ops refused (no leader, not the leader), retried' },
  timedOut: { type: 'number', description: 'ops whose outcome the client never heard' },
} as const satisfies Record<string, { type: ValueType; description: string }>;
export type RaftMetric = keyof typeof RAFT_METRICS;
export const RAFT_METRIC_NAMES = Object.keys(RAFT_METRICS) as RaftMetric[];
export const VERDICTS = ['valid', 'invalid', 'unknown'] as const;

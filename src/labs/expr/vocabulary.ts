// The names a check may use, and their types, per kernel. GPU-pool metrics are exactly what
// `query` answers (QUERY_METRICS), so a check can only ask what a learner could ask in the
// terminal; raft metrics are what `raft status` and the raft tab show (RAFT_METRICS).
import { COMMAND_NAMES, QUERY_METRIC_NAMES } from '../../commands/registry';
import type { NodeInspection } from '../../kernels/gpupool/types';
import type { LabKernel } from '../lab';

export type ValueType = 'number' | 'string' | 'bool';
export type Value = number | string | boolean;

/** GPU-pool metrics whose value is text; every other one is a number. */
const STRING_METRICS: ReadonlySet<string> = new Set(['policy']);

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

/** The metric names a lab on this kernel may use. */
export function metricNames(kernel: LabKernel): readonly string[] {
  return kernel === 'raft' ? RAFT_METRIC_NAMES : QUERY_METRIC_NAMES;
}

export function metricType(name: string, kernel: LabKernel = 'gpupool'): ValueType | undefined {
  if (kernel === 'raft') return (RAFT_METRICS as Record<string, { type: ValueType }>)[name]?.type;
  if (!(QUERY_METRIC_NAMES as readonly string[]).includes(name)) return undefined;
  return STRING_METRICS.has(name) ? 'string' : 'number';
}

/** Whether `name` is a metric of some other kernel (for a clearer error). */
export function otherKernelOf(name: string, kernel: LabKernel): LabKernel | null {
  const other: LabKernel = kernel === 'raft' ? 'gpupool' : 'raft';
  return metricType(name, other) !== undefined ? other : null;
}

/**
 * Event kinds count(...) accepts: what happened to each submitted pod, and every command
 * the learner ran (count(node) = how many times a node was inspected in this step).
 */
export const POD_EVENTS = ['submitted', 'placed', 'failed'] as const;
export const EVENT_KINDS: readonly string[] = [...POD_EVENTS, ...COMMAND_NAMES];

/** A raft lab has no pods: count(...) counts commands only (count(raft) = raft commands run). */
export function eventKinds(kernel: LabKernel): readonly string[] {
  return kernel === 'raft' ? COMMAND_NAMES : EVENT_KINDS;
}

/** Facts about one node, read from the node inspector (`node <id>`). */
export const NODE_FACTS = {
  nodeGpus: { description: 'GPUs on the node', of: (n: NodeInspection) => n.gpuRemaining.length },
  nodeGpuFree: { description: 'unallocated milli-GPU on the node', of: (n: NodeInspection) => n.gpuRemaining.reduce((a, b) => a + b, 0) },
  nodeIdleGpus: { description: 'GPUs with nothing allocated', of: (n: NodeInspection) => n.gpuRemaining.filter((r) => r === 1000).length },
  nodeSharedGpus: { description: 'GPUs partly allocated (0 < free < 1000 milli)', of: (n: NodeInspection) => n.gpuRemaining.filter((r) => r > 0 && r < 1000).length },
  nodeCpuFree: { description: 'unallocated milli-CPU on the node', of: (n: NodeInspection) => n.cpuFree },
  nodePods: { description: 'pods placed on the node', of: (n: NodeInspection) => n.pods.length },
  nodeFragment: { description: "the node's fragment amount, milli-GPU", of: (n: NodeInspection) => n.fragmentTotal },
} as const;
export type NodeFact = keyof typeof NODE_FACTS;
export const NODE_FACT_NAMES = Object.keys(NODE_FACTS) as NodeFact[];

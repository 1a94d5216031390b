// The names a check may use, and their types. Metrics are exactly what `query` answers
// (QUERY_METRICS), so a check can only ask what a learner could ask in the terminal.
import { COMMAND_NAMES, QUERY_METRIC_NAMES } from '../../commands/registry';
import type { NodeInspection } from '../../kernels/gpupool/types';

export type ValueType = 'number' | 'string' | 'bool';
export type Value = number | string | boolean;

/** Metrics whose value is text; every other metric is a number. */
const STRING_METRICS: ReadonlySet<string> = new Set(['policy']);

export function metricType(name: string): ValueType | undefined {
  if (!(QUERY_METRIC_NAMES as readonly string[]).includes(name)) return undefined;
  return STRING_METRICS.has(name) ? 'string' : 'number';
}

/**
 * Event kinds count(...) accepts: what happened to each submitted pod, and every command
 * the learner ran (count(node) = how many times a node was inspected in this step).
 */
export const POD_EVENTS = ['submitted', 'placed', 'failed'] as const;
export const EVENT_KINDS: readonly string[] = [...POD_EVENTS, ...COMMAND_NAMES];

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

// The names a check may use, and their types, per kernel: each kernel's lab definition
// (src/kernels/<kernel>/lab.ts, found through the kernel registry) lists its metrics and
// event kinds; a check can only ask what a learner could ask in the terminal.
import type { NodeInspection } from '../../kernels/gpupool/types';
import { KERNEL_IDS, KERNELS, labKernel } from '../../kernels/registry';

export type ValueType = 'number' | 'string' | 'bool';
export type Value = number | string | boolean;

/** The metric names a lab on this kernel may use. */
export function metricNames(kernel: string): readonly string[] {
  return Object.keys(labKernel(kernel).metrics);
}

export function metricType(name: string, kernel: string = KERNEL_IDS[0]): ValueType | undefined {
  const metrics = labKernel(kernel).metrics;
  return Object.hasOwn(metrics, name) ? metrics[name].type : undefined;
}

/** The other kernel whose metric `name` is (for a clearer error), or null. */
export function otherKernelOf(name: string, kernel: string): string | null {
  return KERNELS.find((k) => k.id !== kernel && metricType(name, k.id) !== undefined)?.id ?? null;
}

/** Event kinds count(...) accepts in a lab on this kernel. */
export function eventKinds(kernel: string): readonly string[] {
  return labKernel(kernel).eventKinds;
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

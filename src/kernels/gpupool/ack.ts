// ACK's intelligent scheduler (the seventh policy): what the kernel needs per node and pod,
// with documented defaults where the openb traces carry no labels. The scoring and the
// batches live in wasm/gpupool/ack.ts; these are only the inputs.
import type { NodeRow, PodRow } from './types';

/**
 * Default RDMA-capable models. openb has no RDMA labels; we assume the 8-GPU training
 * models carry RDMA NICs (eRDMA/RoCE) and the inference cards (T4, P100, A10, V100M16) do not.
 * A node CSV may say otherwise with an `rdma` column.
 */
export const DEFAULT_RDMA_MODELS = ['G2', 'G3', 'V100M32'];

/** Default NUMA domains: 8-GPU nodes have 2 x 4 GPUs, 4-GPU nodes 2 x 2, smaller ones 1. */
export function defaultNumaGpus(gpus: number): number {
  if (gpus >= 8) return 4;
  if (gpus >= 4) return 2;
  return Math.max(1, gpus);
}

/** Default: a pod that needs 2 or more GPUs is distributed training and wants RDMA. */
export const DEFAULT_RDMA_MIN_GPUS = 2;

/** Priority from the trace's qos column: latency-sensitive first, best effort last. */
export function priorityFromQos(qos: string): number {
  switch (qos.trim()) {
    case 'LS': case 'Guaranteed': return 3;
    case 'Burstable': case '': return 2;
    case 'BE': return 1;
    default: return 2;
  }
}

export const ACK_WEIGHT_NAMES = ['balance', 'affinity', 'topology', 'utilization', 'interference'] as const;
export const ACK_DEFAULT_WEIGHTS = [0.25, 0.2, 0.15, 0.15, 0.1];
export const ACK_FILTERS = ['rdma', 'numa', 'taints'] as const;
export type AckFilter = (typeof ACK_FILTERS)[number];

/** Why a weight vector is unusable, or null. */
export function ackWeightsProblem(weights: number[]): string | null {
  if (weights.length !== 5 || weights.some((w) => !(w >= 0 && Number.isFinite(w))) || weights.every((w) => w === 0)) {
    return `ACK weights are five non-negative numbers (${ACK_WEIGHT_NAMES.join(' ')}), not all zero`;
  }
  return null;
}

export function ackBatchProblem(size: number): string | null {
  return Number.isInteger(size) && size >= 1 && size <= 1024 ? null : `ACK batch size must be 1..1024, not ${size}`;
}

export interface AckNodeWords { rdma: number; numa: number; taints: number }
export interface AckPodWords { priority: number; gang: number; flags: number }

/** Taint names map to bits (16 at most), shared by nodes and pods. */
export class TaintTable {
  private readonly bits = new Map<string, number>();
  bit(name: string): number {
    let bit = this.bits.get(name);
    if (bit === undefined) {
      if (this.bits.size >= 16) throw new Error('at most 16 distinct taints are supported');
      bit = 1 << this.bits.size;
      this.bits.set(name, bit);
    }
    return bit;
  }
  mask(names: string[] | undefined): number {
    return (names ?? []).reduce((m, n) => m | this.bit(n), 0);
  }
}

export function ackNodeWords(node: NodeRow, taints: TaintTable): AckNodeWords {
  return {
    rdma: (node.rdma ?? DEFAULT_RDMA_MODELS.includes(node.model)) ? 1 : 0,
    numa: node.numaGpus ?? defaultNumaGpus(node.gpus),
    taints: taints.mask(node.taints),
  };
}

const NEEDS_RDMA = 1 << 16;

export function ackPodWords(pod: Pick<PodRow, 'numGpu' | 'gpuMilli' | 'priority' | 'gang' | 'tolerations' | 'rdma'>, taints: TaintTable, gangs: Map<string, number>): AckPodWords {
  let gang = -1;
  if (pod.gang) {
    gang = gangs.get(pod.gang) ?? gangs.size;
    gangs.set(pod.gang, gang);
  }
  const needsRdma = pod.rdma ?? (pod.gpuMilli > 0 && pod.numGpu >= DEFAULT_RDMA_MIN_GPUS);
  return { priority: pod.priority ?? 2, gang, flags: taints.mask(pod.tolerations) | (needsRdma ? NEEDS_RDMA : 0) };
}

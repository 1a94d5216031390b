// Types shared by every thread that touches the GPU-pool kernel: the worker, the main
// thread and the Node CLI. Nothing here imports UI or Node-only code.

/** Milli-GPU: 1000 is one whole GPU. */
export type MilliGpu = number & { readonly __unit?: 'milli-gpu' };
/** Milli-CPU: 1000 is one core. */
export type MilliCpu = number & { readonly __unit?: 'milli-cpu' };
export type MiB = number & { readonly __unit?: 'MiB' };
/** Index of a node in name order (0-based). */
export type NodeId = number & { readonly __unit?: 'node-id' };
/**
 * The GPU pool has no clock: the paper submits pods one at a time and none ever leaves.
 * Its simulated time is the number of pods submitted so far (a "step").
 */
export type PodStep = number & { readonly __unit?: 'pod-step' };

/** The six policies of the FGD paper's evaluation. */
export const PAPER_POLICIES = ['Random', 'DotProd', 'GpuClustering', 'GpuPacking', 'BestFit', 'FGD'] as const;
/** Every policy the kernel offers: the paper's six and ACK's intelligent scheduler. */
export const POLICIES = [...PAPER_POLICIES, 'ACK'] as const;
export type Policy = (typeof POLICIES)[number];

/** `go` reproduces the artifact's Go math/rand stream; `xoshiro` is the default generator. */
export const RNG_KINDS = ['xoshiro', 'go'] as const;
export type RngKind = (typeof RNG_KINDS)[number];

export interface NodeRow {
  name: string;
  cpu: MilliCpu;
  memory: MiB;
  gpus: number;
  model: string;
  /** Optional columns for ACK (openb has none; defaults come from ack.ts). */
  rdma?: boolean;
  numaGpus?: number;
  taints?: string[];
}

export interface PodRow {
  name: string;
  cpu: MilliCpu;
  memory: MiB;
  numGpu: number;
  /** Per-GPU request after the spec's normalisation (0 for CPU-only pods). */
  gpuMilli: MilliGpu;
  /** Accepted GPU models; empty = any. Duplicates kept as in the trace. */
  gpuSpec: string;
  /** ACK only: higher is scheduled first in a batch (from qos when there is no priority column). */
  priority?: number;
  /** ACK only: pods with the same gang are placed all together or not at all. */
  gang?: string;
  tolerations?: string[];
  /** ACK only: whether the pod needs an RDMA node (default: 2 or more GPUs). */
  rdma?: boolean;
  /** Trace creation and deletion times, seconds (time-aware mode only; the paper ignores them). */
  created?: number;
  deleted?: number;
}

export interface TypicalPod {
  cpu: MilliCpu;
  gpuMilli: MilliGpu;
  numGpu: number;
  gpuSpec: string;
  count: number;
  /** Probability after renormalising the kept keys. */
  weight: number;
}

/** Where a workload came from; a real trace is named, never embedded, in a share link. */
export type WorkloadSource =
  | { kind: 'synthetic'; scale?: number }
  | { kind: 'trace'; nodes: TraceFileRef; pods: TraceFileRef };

export interface TraceFileRef {
  name: string;
  bytes: number;
  /** FNV-1a 64-bit hash of the file's bytes, hex. */
  hash: string;
}

export interface RunConfig {
  policy: Policy;
  seed: number;
  rng: RngKind;
  /** Target total GPU request as a multiple of cluster GPU capacity (the paper's 1.3); 0 = untuned. */
  tune: number;
  /**
   * Time-aware mode (off by default, so the paper mode stays exact): the trace as it is, in
   * creation-time order, each pod leaving at its deletion time.
   */
  timeAware?: boolean;
}

export interface RunSummary {
  /** Pods in the workload after tuning. */
  pods: number;
  nodes: number;
  gpus: number;
  /** Pods submitted so far (= simulated time). */
  step: PodStep;
  placed: number;
  failed: number;
  /** Cumulative GPU demand submitted, milli. */
  arrived: MilliGpu;
  /** Allocated milli-GPU now. */
  used: MilliGpu;
  /** Cluster fragment amount now, milli (spec §6.1). */
  fragment: MilliGpu;
  policy: Policy;
  /** Pods taken off failed hardware, and of those, placed again or lost. */
  evicted: number;
  rescheduled: number;
  lost: number;
  /** GPUs out of service (failed GPUs and GPUs of failed nodes). */
  failedGpus: number;
}

export const FRAG_CATEGORIES = ['q1_lack_both', 'q2_lack_gpu', 'q3_satisfied', 'q4_lack_cpu', 'xl_satisfied', 'xr_lack_cpu', 'no_access'] as const;
export type FragCategory = (typeof FRAG_CATEGORIES)[number];

export interface NodeInspection {
  id: NodeId;
  name: string;
  model: string;
  cpuCapacity: MilliCpu;
  cpuFree: MilliCpu;
  memoryCapacity: MiB;
  memoryFree: MiB;
  /** Remaining milli per GPU, in GPU index order. */
  gpuRemaining: MilliGpu[];
  /** Pods placed on this node so far: workload position, trace name, request. */
  pods: { step: PodStep; name: string; cpu: MilliCpu; numGpu: number; gpuMilli: MilliGpu; gpuIndex: number }[];
  /** Fragment of this node by category for the typical workload, milli. */
  fragment: Record<FragCategory, number>;
  /** Sum of every category but q3_satisfied. */
  fragmentTotal: MilliGpu;
  /** Seeded priority key: the tie-breaker, lower wins. */
  priorityKey: number;
}

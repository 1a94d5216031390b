// The worker's API, declared once. The worker implements `SimWorkerApi`; the main thread's
// bridge holds a comlink `Remote<SimWorkerApi>`, so the two sides cannot drift.
import type { ClusterLayout } from './gpupool/layout';
import type { ClusterFrame, ClusterStatic } from './gpupool/viewFrame';
import type { Explanation } from './gpupool/explain';
import type {
  NodeInspection, Policy, RunConfig, RunSummary, TraceFileRef, PodStep, TypicalPod,
} from './gpupool/types';

/** A state change inside a run, stamped with the step (pods submitted) it applies at. */
export type KernelCommand =
  | { kind: 'policy'; policy: Policy }
  | { kind: 'fail-node'; node: number }
  | { kind: 'fail-gpu'; node: number; gpu: number }
  /** ACK score weights: balance, affinity, topology, utilization, interference. */
  | { kind: 'ack-weights'; weights: number[] }
  | { kind: 'ack-batch'; size: number }
  | { kind: 'ack-filter'; filter: 'rdma' | 'numa' | 'taints'; on: boolean };

export interface StampedCommand {
  step: PodStep;
  command: KernelCommand;
}

/** Description of the workload the session holds. */
export interface WorkloadInfo {
  /** "openb-like (synthetic)" or the pod file name. */
  label: string;
  source: 'synthetic' | 'trace';
  nodesRef: TraceFileRef | null;
  podsRef: TraceFileRef | null;
  nodes: number;
  gpus: number;
  /** Pods in the trace before tuning. */
  tracePods: number;
  typical: TypicalPod[];
}

/**
 * New events since the last frame, as parallel arrays (one entry per submitted pod),
 * plus the run's summary. Arrays are transferred, not cloned.
 */
export interface Frame {
  summary: RunSummary;
  /** Step of the first event in the arrays below. */
  firstStep: PodStep;
  /** Cumulative submitted GPU demand after each pod, milli. */
  arrived: Float64Array;
  /** Allocated milli-GPU after each pod. */
  used: Float64Array;
  /** Cluster fragment amount after each pod, milli. */
  fragment: Float64Array;
  /** Node the pod went to, -1 when it failed. */
  node: Int32Array;
  /** Set when the frame does not continue the previous one (after a seek or a new run). */
  reset: boolean;
}

export interface TrapReport {
  message: string;
  /** The command that was running when the kernel trapped. */
  during: string;
  /** Step of the state that was restored. */
  restoredStep: PodStep;
}

/** Progress of long work (parsing, building typical pods), reported through a callback. */
export type ProgressFn = (phase: string, done: number, total: number) => void;

export interface SimWorkerApi {
  /** Use the embedded openb-like cluster and workload; `scale` multiplies it (default 1). */
  useSynthetic(scale?: number): Promise<WorkloadInfo>;
  /**
   * Parse and keep a real trace (node CSV and pod CSV text). Throws a `TraceError`-shaped
   * message ("file:line:column: why") on malformed input and keeps the previous workload.
   */
  loadTrace(nodes: { name: string; text: string }, pods: { name: string; text: string }, progress?: ProgressFn): Promise<WorkloadInfo>;
  /** Start a new run on the current workload at step 0. */
  start(config: RunConfig): Promise<RunSummary>;
  /** Apply a kernel command at the current step; drops any future beyond it. */
  apply(command: KernelCommand): Promise<RunSummary>;
  /**
   * Run until `toStep` (clamped to the workload) or until about `budgetMs` of wall time
   * has passed, whichever is first. Wall time only cuts the work into chunks; the state
   * at any step does not depend on it.
   */
  advance(toStep: PodStep, budgetMs: number): Promise<RunSummary>;
  /** Go to any step, forwards or backwards: one checkpoint restore plus re-execution. */
  seek(step: PodStep): Promise<RunSummary>;
  /** Events since the last frame (transferred). */
  frame(): Promise<Frame>;
  /** A named metric of the current state (see `gpupool/queries.ts`). */
  query(name: string): Promise<number | string>;
  inspectNode(idOrName: number | string): Promise<NodeInspection>;
  /** Stamped commands of the current run, in order. */
  commandLog(): Promise<StampedCommand[]>;
  /** A hash of the kernel's whole linear memory: equal hashes mean equal state. */
  stateHash(): Promise<string>;
  /** Memory used by checkpoints and the kernel, bytes. */
  memory(): Promise<{ kernelBytes: number; checkpointBytes: number; checkpoints: number; budgetBytes: number }>;
  setCheckpointBudget(bytes: number): Promise<void>;
  /** The 3D layout and its fixed instance buffers (transferred). */
  clusterLayout(): Promise<{ layout: ClusterLayout; fixed: ClusterStatic }>;
  /** The 3D view's instance buffers for the current state (transferred). */
  clusterFrame(): Promise<ClusterFrame>;
  /** "Why this node" for the pod about to be placed. */
  explain(): Promise<Explanation | null>;
  /** Deliberately trap inside the kernel (the `debug trap` command), to exercise recovery. */
  debugTrap(): Promise<TrapReport>;
}

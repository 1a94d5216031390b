// The host side of one GPU-pool kernel instance: the same code runs in the browser's
// worker, in the Node CLI and in the unit tests, over the same gpupool.wasm.
import type { NodeId, NodeInspection, Policy, RunConfig, RunSummary, PodStep } from './types';
import { FRAG_CATEGORIES, POLICIES } from './types';
import type { Workload } from './workload';
import { podName } from './workload';
import { encodeInput } from './input';
import { instantiateKernel, type KernelInstance } from '../wasmKernel';
import * as K from '../../../wasm/gpupool/constants';
import { RNG_GO, RNG_XOSHIRO } from '../../../wasm/lib/rngKinds';

export { KernelTrap } from '../wasmKernel';
import { ackBatchProblem, ackWeightsProblem } from './ack';

interface GpuPoolExports {
  memory: WebAssembly.Memory;
  inputAlloc(bytes: number): number;
  init(seed: number, rngKind: number, policy: number, tune: number, timeAware: number): number;
  setPolicy(policy: number): void;
  failNode(node: number): number;
  setAckWeights(balance: number, affinity: number, topology: number, utilization: number, interference: number): void;
  setAckBatch(size: number): void;
  setAckFilter(which: number, on: number): void;
  failGpu(node: number, gpu: number): number;
  advance(untilStep: number, maxEvents: number): number;
  frame(): number;
  query(id: number): number;
  eventArrivedPtr(): number;
  eventUsedPtr(): number;
  eventFragmentPtr(): number;
  eventNodePtr(): number;
  eventGpuPtr(): number;
  listPtr(): number;
  nodePriorityPtr(): number;
  inspectNode(node: number): number;
  podCpuPtr(): number;
  podNumGpuPtr(): number;
  podMilliPtr(): number;
  podNodePtr(): number;
  podGpuMaskPtr(): number;
  originalCount(): number;
  debugTrap(): void;
  clearScratch(): void;
  explain(): number;
  explainPtr(): number;
  explainRowLength(): number;
  nodeCategories(): number;
  gpuRemainingPtr(): number;
  nodeGpuCountPtr(): number;
  nodeDownPtr(): number;
  rngProbe(kind: number, seed: number, count: number, mode: number, bound: number): number;
}

export const RNG_IDS = { xoshiro: RNG_XOSHIRO, go: RNG_GO } as const;

/** The kernel's id of each policy (wasm/gpupool/constants.ts). */
const POLICY_IDS: Record<Policy, number> = {
  Random: K.POLICY_RANDOM, DotProd: K.POLICY_DOTPROD, GpuClustering: K.POLICY_CLUSTERING, GpuPacking: K.POLICY_PACKING,
  BestFit: K.POLICY_BESTFIT, FGD: K.POLICY_FGD, ACK: K.POLICY_ACK,
};
const POLICY_BY_ID: Policy[] = [];
for (const p of POLICIES) POLICY_BY_ID[POLICY_IDS[p]] = p;

const CATEGORY_IDS: Record<(typeof FRAG_CATEGORIES)[number], number> = {
  q1_lack_both: K.CAT_Q1, q2_lack_gpu: K.CAT_Q2, q3_satisfied: K.CAT_Q3, q4_lack_cpu: K.CAT_Q4,
  xl_satisfied: K.CAT_XL, xr_lack_cpu: K.CAT_XR, no_access: K.CAT_NO_ACCESS,
};
const ACK_FILTER_IDS = { rdma: K.ACK_FILTER_RDMA, numa: K.ACK_FILTER_NUMA, taints: K.ACK_FILTER_TAINTS } as const;

export function policyId(policy: Policy): number {
  const id = POLICY_IDS[policy];
  if (id === undefined) throw new Error(`unknown policy "${policy}"`);
  return id;
}

export class GpuPoolKernel {
  readonly workload: Workload;
  readonly config: RunConfig;
  readonly nodeModelNames: string[];
  private readonly exports: GpuPoolExports;
  private readonly instance: KernelInstance<GpuPoolExports>;
  /** Pods in the tuned workload. */
  readonly podCount: number;
  readonly capacity: number;

  constructor(module: WebAssembly.Module, workload: Workload, config: RunConfig) {
    this.workload = workload;
    this.config = config;
    this.instance = instantiateKernel<GpuPoolExports>(module);
    this.exports = this.instance.exports;
    const input = encodeInput(workload);
    this.nodeModelNames = input.models;
    const at = this.exports.inputAlloc(input.bytes.length);
    new Uint8Array(this.exports.memory.buffer, at, input.bytes.length).set(input.bytes);
    const status = this.call('init', () =>
      this.exports.init(config.seed, RNG_IDS[config.rng], policyId(config.policy), config.tune, config.timeAware ? 1 : 0));
    if (status === K.INIT_BAD_VERSION) throw new Error('kernel input version mismatch (rebuild the app)');
    if (status === K.INIT_WORKLOAD_TOO_LARGE) throw new Error('the tuned workload would exceed 20 million pods');
    this.podCount = this.exports.query(K.Q_PODS);
    this.capacity = this.exports.query(K.Q_GPUS) * 1000;
  }

  /** Runs a kernel call; any trap becomes a KernelTrap naming the command. */
  call<T>(during: string, fn: () => T): T {
    return this.instance.call(during, fn);
  }

  get step(): PodStep {
    return this.exports.query(0);
  }

  advance(untilStep: PodStep, maxEvents = 0x7fffffff): number {
    return this.call(`advance to step ${untilStep}`, () => this.exports.advance(untilStep, maxEvents));
  }

  setPolicy(policy: Policy): void {
    this.call(`policy ${policy}`, () => this.exports.setPolicy(policyId(policy)));
  }

  /** ACK score weights from now on; five non-negative numbers, not all zero. */
  setAckWeights(weights: number[]): void {
    const problem = ackWeightsProblem(weights);
    if (problem) throw new Error(problem);
    const [b, a, t, u, i] = weights;
    this.call(`ack weights ${weights.join(' ')}`, () => this.exports.setAckWeights(b, a, t, u, i));
  }

  setAckBatch(size: number): void {
    const problem = ackBatchProblem(size);
    if (problem) throw new Error(problem);
    this.call(`ack batch ${size}`, () => this.exports.setAckBatch(size));
  }

  setAckFilter(filter: 'rdma' | 'numa' | 'taints', on: boolean): void {
    const which = ACK_FILTER_IDS[filter];
    if (which === undefined) throw new Error(`unknown ACK filter "${filter}"`);
    this.call(`ack ${filter} ${on ? 'on' : 'off'}`, () => this.exports.setAckFilter(which, on ? 1 : 0));
  }

  /** Throws unless `gpu` is a GPU index of the node; returns the node id. */
  checkGpu(node: number, gpu: number): NodeId {
    const id = this.findNode(node);
    const gpus = this.workload.nodes[id].gpus;
    if (!Number.isInteger(gpu) || gpu < 0 || gpu >= gpus) throw new Error(`node ${id} has GPUs 0..${gpus - 1}, not ${gpu}`);
    return id;
  }

  /** A node fails now; returns how many pods were evicted. */
  failNode(node: number): number {
    const id = this.findNode(node);
    return this.call(`fail node ${id}`, () => this.exports.failNode(id));
  }

  /** One GPU of a node fails now; returns how many pods were evicted. */
  failGpu(node: number, gpu: number): number {
    const id = this.checkGpu(node, gpu);
    return this.call(`fail gpu ${id} ${gpu}`, () => this.exports.failGpu(id, gpu));
  }

  summary(): RunSummary {
    const f = new Float64Array(this.exports.memory.buffer, this.exports.frame(), K.GP_FRAME_SIZE);
    return {
      step: f[K.GF_STEP], pods: f[K.GF_PODS], placed: f[K.GF_PLACED], failed: f[K.GF_FAILED], arrived: f[K.GF_ARRIVED],
      used: f[K.GF_USED], fragment: f[K.GF_FRAGMENT], policy: POLICY_BY_ID[f[K.GF_POLICY]], nodes: f[K.GF_NODES],
      gpus: f[K.GF_GPUS], evicted: f[K.GF_EVICTED], rescheduled: f[K.GF_RESCHEDULED], lost: f[K.GF_LOST],
      failedGpus: f[K.GF_FAILED_GPUS],
    };
  }

  /** Views over the per-pod event arrays (valid until the next snapshot restore). */
  events(): { arrived: Float64Array; used: Float64Array; fragment: Float64Array; node: Int32Array; gpu: Int32Array } {
    const buffer = this.exports.memory.buffer;
    const n = this.podCount;
    return {
      arrived: new Float64Array(buffer, this.exports.eventArrivedPtr(), n),
      used: new Float64Array(buffer, this.exports.eventUsedPtr(), n),
      fragment: new Float64Array(buffer, this.exports.eventFragmentPtr(), n),
      node: new Int32Array(buffer, this.exports.eventNodePtr(), n),
      gpu: new Int32Array(buffer, this.exports.eventGpuPtr(), n),
    };
  }

  /** Original-pod index of each workload position. */
  workloadList(): Int32Array {
    return new Int32Array(this.exports.memory.buffer, this.exports.listPtr(), this.podCount);
  }

  /** Raw "why this node" rows for the next pod (decoded by explain.ts). */
  explainRows(): { rows: Float64Array; rowLength: number; count: number } {
    const count = this.call('explain', () => this.exports.explain());
    const rowLength = this.exports.explainRowLength();
    return { rows: new Float64Array(this.exports.memory.buffer, this.exports.explainPtr(), count * rowLength), rowLength, count };
  }

  /** The next pod to be submitted: original index, or -1 at the end of the workload. */
  nextPod(): { step: PodStep; original: number; cpu: number; numGpu: number; gpuMilli: number } | null {
    const step = this.step;
    if (step >= this.podCount) return null;
    const original = this.workloadList()[step];
    const buffer = this.exports.memory.buffer;
    const n = this.exports.originalCount();
    return {
      step,
      original,
      cpu: new Int32Array(buffer, this.exports.podCpuPtr(), n)[original],
      numGpu: new Int32Array(buffer, this.exports.podNumGpuPtr(), n)[original],
      gpuMilli: new Int32Array(buffer, this.exports.podMilliPtr(), n)[original],
    };
  }

  /** Per-GPU remaining milli (8 slots per node), GPU counts and dominant categories. */
  clusterView(): { gpuRemaining: Int32Array; gpuCount: Int32Array; category: Int32Array; down: Int32Array } {
    const nodes = this.workload.nodes.length;
    const categoryPtr = this.call('view', () => this.exports.nodeCategories());
    const buffer = this.exports.memory.buffer;
    return {
      gpuRemaining: new Int32Array(buffer, this.exports.gpuRemainingPtr(), nodes * K.MAX_GPUS_PER_NODE),
      gpuCount: new Int32Array(buffer, this.exports.nodeGpuCountPtr(), nodes),
      category: new Int32Array(buffer, categoryPtr, nodes),
      down: new Int32Array(buffer, this.exports.nodeDownPtr(), nodes),
    };
  }

  /** The seeded priority key of every node (the tie-breaker, lower wins). */
  nodePriorities(): Int32Array {
    return new Int32Array(this.exports.memory.buffer, this.exports.nodePriorityPtr(), this.workload.nodes.length);
  }

  query(id: number): number {
    return this.exports.query(id);
  }

  /** The whole state, as a copy of linear memory. */
  snapshot(): Uint8Array {
    return this.instance.snapshot();
  }

  restore(snapshot: Uint8Array): void {
    this.instance.restore(snapshot);
  }

  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** Linear memory with the scratch areas cleared, for hashing the state. */
  stateBytes(): Uint8Array {
    return this.instance.stateBytes(() => this.exports.clearScratch());
  }

  findNode(idOrName: number | string): NodeId {
    if (typeof idOrName === 'number') {
      if (!Number.isInteger(idOrName) || idOrName < 0 || idOrName >= this.workload.nodes.length) {
        throw new Error(`no node ${idOrName}: ids run from 0 to ${this.workload.nodes.length - 1}`);
      }
      return idOrName;
    }
    const id = this.workload.nodes.findIndex((n) => n.name === idOrName);
    if (id < 0) throw new Error(`no node named "${idOrName}"`);
    return id;
  }

  inspectNode(idOrName: number | string): NodeInspection {
    const id = this.findNode(idOrName);
    const ptr = this.call(`node ${id}`, () => this.exports.inspectNode(id));
    const r = new Float64Array(this.exports.memory.buffer, ptr, 24);
    const gpus = r[4];
    const node = this.workload.nodes[id];
    const fragment = Object.fromEntries(FRAG_CATEGORIES.map((c) => [c, r[16 + CATEGORY_IDS[c]]])) as NodeInspection['fragment'];
    const events = this.events();
    const list = this.workloadList();
    const buffer = this.exports.memory.buffer;
    const originals = this.exports.originalCount();
    const podCpu = new Int32Array(buffer, this.exports.podCpuPtr(), originals);
    const podNumGpu = new Int32Array(buffer, this.exports.podNumGpuPtr(), originals);
    const podMilli = new Int32Array(buffer, this.exports.podMilliPtr(), originals);
    const pods: NodeInspection['pods'] = [];
    const step = this.step;
    // Where each pod is now (faults move pods), not where it first went.
    const podNode = new Int32Array(buffer, this.exports.podNodePtr(), this.podCount);
    const podGpuMask = new Int32Array(buffer, this.exports.podGpuMaskPtr(), this.podCount);
    for (let s = 0; s < step; s++) {
      if (podNode[s] !== id) continue;
      const original = list[s];
      pods.push({
        step: s,
        name: podName(this.workload, original),
        cpu: podCpu[original],
        numGpu: podNumGpu[original],
        gpuMilli: podMilli[original],
        gpuIndex: podGpuMask[s] === 0 ? -1 : 31 - Math.clz32(podGpuMask[s] & -podGpuMask[s]),
      });
    }
    return {
      id,
      name: node.name,
      model: node.model,
      cpuCapacity: r[0],
      cpuFree: r[1],
      memoryCapacity: r[2],
      memoryFree: r[3],
      gpuRemaining: Array.from(r.subarray(8, 8 + gpus)),
      pods,
      fragment,
      fragmentTotal: r[7],
      priorityKey: r[6],
    };
  }

  /** Draws from a fresh generator (the self-test of specs/fgd.md §9). */
  static rngProbe(module: WebAssembly.Module, rng: keyof typeof RNG_IDS, seed: number, count: number, bound = 0): bigint[] {
    const { exports } = instantiateKernel<GpuPoolExports>(module);
    const ptr = exports.rngProbe(RNG_IDS[rng], seed, count, bound > 0 ? 1 : 0, bound);
    return Array.from(new BigInt64Array(exports.memory.buffer, ptr, count));
  }

  debugTrap(): never {
    this.call('debug trap', () => this.exports.debugTrap());
    throw new Error('the kernel did not trap');
  }
}

// The GPU pool's whole state: one record whose fields point at preallocated arrays in
// linear memory. `init` allocates everything once; nothing allocates afterwards, so a copy
// of linear memory is a complete snapshot and copying it back restores the run exactly.
import { RingLog } from '../lib/ringLog';
import { EventHeap } from '../lib/eventHeap';
import { MAX_GPUS_PER_NODE, POLICY_FGD, POLICY_COUNT, GP_FRAME_SIZE } from './constants';

/** Tag slots per node for GpuClustering: 0 = share-gpu, k = k-gpu (1..8). */
export const TAG_SLOTS: i32 = 9;
export const POD_LIMIT_PER_NODE: i32 = 1001;

/** podFlags bit: the pod needs an RDMA-capable node (under ACK with RDMA checks on). */
export const POD_NEEDS_RDMA: i32 = 1 << 16;
/** podFlags bits 0..15: taints the pod tolerates. */
export const POD_TOLERATIONS: i32 = 0xffff;
/** The largest batch ACK schedules at once, gangs included. */
export const MAX_BATCH: i32 = 4096;
/** podNode value for a pod of the current batch not yet scheduled. */
export const UNSCHEDULED: i32 = -3;
/** podNode value for a pod that has left (time-aware mode). */
export const DEPARTED: i32 = -4;
export const LOG_DEPARTED: i32 = 7;

export const LOG_PLACED: i32 = 1;
export const LOG_FAILED: i32 = 2;
export const LOG_POLICY: i32 = 3;
export const LOG_FAIL_NODE: i32 = 4;
export const LOG_FAIL_GPU: i32 = 5;
/** a = step of the pod, b = node it left, c = node it went to (-1: lost). */
export const LOG_EVICTED: i32 = 6;

export class Pool {
  // ---- configuration, fixed after init ----
  nodeCount: i32 = 0;
  /** Pods in the trace (or drawn for the synthetic workload), in name order. */
  originalCount: i32 = 0;
  typicalCount: i32 = 0;
  shapeCount: i32 = 0;
  totalGpus: i32 = 0;
  /** Pods in the tuned workload list. */
  listLength: i32 = 0;

  // nodes, in name order
  nodeCpuCapacity: StaticArray<i32>;
  nodeMemCapacity: StaticArray<i32>;
  nodeGpuCount: StaticArray<i32>;
  nodeModel: StaticArray<i32>;
  /** Seeded priority key: the only tie-breaker between equal scores (lower wins). */
  nodePriority: StaticArray<i32>;
  /** 1 when the node has an RDMA NIC (documented per-model defaults, or a CSV column). */
  nodeRdma: StaticArray<i32>;
  /** GPUs per NUMA domain. */
  nodeNuma: StaticArray<i32>;
  /** Taint bits. */
  nodeTaints: StaticArray<i32>;

  // original pods
  podCpu: StaticArray<i32>;
  podMem: StaticArray<i32>;
  podNumGpu: StaticArray<i32>;
  /** Per-GPU milli, 0 for CPU-only pods. */
  podMilli: StaticArray<i32>;
  /** Bit per accepted model id; 0 = any model; bit 31 alone = accepts no model here. */
  podSpecMask: StaticArray<i32>;
  /** Distinct (cpu, milli, numGpu, spec) shape, for the FGD score cache. */
  podShape: StaticArray<i32>;
  /** Higher goes first within an ACK batch (from qos or a priority column). */
  podPriority: StaticArray<i32>;
  /** Gang id (all members placed or none, under ACK); -1 for none. */
  podGang: StaticArray<i32>;
  /** Tolerations (bits 0..15) and POD_NEEDS_RDMA. */
  podFlags: StaticArray<i32>;
  /** Trace creation and deletion times, seconds (time-aware mode only). */
  podCreated: StaticArray<i32>;
  podDeleted: StaticArray<i32>;
  /** The tuned workload: indices into the original pods, in submission order. */
  list: StaticArray<i32>;

  // typical workload (spec §6.2)
  typicalCpu: StaticArray<i32>;
  typicalMilli: StaticArray<i32>;
  typicalNum: StaticArray<i32>;
  typicalMask: StaticArray<i32>;
  typicalWeight: StaticArray<f64>;

  // ---- mutable state ----
  policy: i32 = POLICY_FGD;
  /** Pods submitted so far: the pool's simulated time. */
  cursor: i32 = 0;
  placed: i32 = 0;
  failed: i32 = 0;
  arrived: i64 = 0;
  used: i64 = 0;
  rng: StaticArray<i64>;

  nodeCpuFree: StaticArray<i32>;
  nodeMemFree: StaticArray<i32>;
  nodePods: StaticArray<i32>;
  /** Remaining milli per GPU, 8 slots per node, GPU index order. */
  gpuRemaining: StaticArray<i32>;
  nodeTags: StaticArray<i32>;
  /** Per-node GPU aggregates kept with every change (gpu_stats.ts): filters and scores read these. */
  nodeGpuFree: StaticArray<i32>;
  nodeFullGpus: StaticArray<i32>;
  nodeMaxRemaining: StaticArray<i32>;
  /** Bumped on every placement; stamps the FGD score cache. */
  nodeVersion: StaticArray<i32>;
  /** The node's current fragment amount F (spec §6.1), milli. */
  nodeFragment: StaticArray<f64>;

  /** 1 when the node has failed (it takes no pods). */
  nodeDown: StaticArray<i32>;
  /** Bitmask of failed GPUs per node (their remaining is held at 0). */
  nodeFailedGpus: StaticArray<i32>;
  /** Where the pod submitted at each step is now (-1: failed, lost or never placed). */
  podNode: StaticArray<i32>;
  /** GPUs that pod uses now, as a bitmask. */
  podGpuMask: StaticArray<i32>;
  /** Pods on each GPU slot (for ACK's interference score). */
  gpuPods: StaticArray<i32>;
  /** ACK score weights: balance, affinity, topology, utilization, interference. */
  ackWeights: StaticArray<f64>;
  ackBatch: i32 = 16;
  ackRdma: bool = true;
  ackNuma: bool = true;
  ackTaints: bool = true;
  /** Time-aware mode: pods arrive by creation time and leave at their deletion time. */
  timeAware: bool = false;
  /** Trace time of the last arrival, seconds (time-aware mode). */
  now: i64 = 0;
  departed: i32 = 0;
  departures: EventHeap;
  /** Steps before this were scheduled by an ACK batch already. */
  batchEnd: i32 = 0;
  batchOrder: StaticArray<i32>;
  /** GPU mask of the last placement made by schedule(). */
  lastGpuMask: i32 = 0;
  evicted: i32 = 0;
  rescheduled: i32 = 0;
  lost: i32 = 0;
  failedGpus: i32 = 0;

  /** FGD score cache per (node, shape): valid when stamp == nodeVersion + 1. */
  scoreStamp: StaticArray<i32>;
  /** score * 16 + chosen GPU index (15 = none). */
  scoreValue: StaticArray<i32>;

  // one event per submitted pod
  eventArrived: StaticArray<f64>;
  eventUsed: StaticArray<f64>;
  eventFragment: StaticArray<f64>;
  eventNode: StaticArray<i32>;
  eventGpu: StaticArray<i32>;

  log: RingLog;

  // scratch (contents never outlive a call)
  feasible: StaticArray<i32>;
  sortScratch: StaticArray<i32>;
  categories: StaticArray<f64>;
  frame: StaticArray<f64>;
  inspect: StaticArray<f64>;
  /** FGD's per-GPU F after and score, when asked for detail. */
  fgdDetail: StaticArray<f64>;
  /** Rows of the "why this node" table (explain.ts). */
  explain: StaticArray<f64>;
  /** Dominant fragment category per node, for views (frame.ts). */
  nodeCategory: StaticArray<i32>;

  constructor(nodeCount: i32, originalCount: i32, typicalCount: i32, shapeCount: i32) {
    this.nodeCount = nodeCount;
    this.originalCount = originalCount;
    this.typicalCount = typicalCount;
    this.shapeCount = shapeCount;
    this.nodeCpuCapacity = new StaticArray<i32>(nodeCount);
    this.nodeMemCapacity = new StaticArray<i32>(nodeCount);
    this.nodeGpuCount = new StaticArray<i32>(nodeCount);
    this.nodeModel = new StaticArray<i32>(nodeCount);
    this.nodePriority = new StaticArray<i32>(nodeCount);
    this.podCpu = new StaticArray<i32>(originalCount);
    this.podMem = new StaticArray<i32>(originalCount);
    this.podNumGpu = new StaticArray<i32>(originalCount);
    this.podMilli = new StaticArray<i32>(originalCount);
    this.podSpecMask = new StaticArray<i32>(originalCount);
    this.podShape = new StaticArray<i32>(originalCount);
    this.podPriority = new StaticArray<i32>(originalCount);
    this.podGang = new StaticArray<i32>(originalCount);
    this.podFlags = new StaticArray<i32>(originalCount);
    this.podCreated = new StaticArray<i32>(originalCount);
    this.podDeleted = new StaticArray<i32>(originalCount);
    this.departures = new EventHeap(1);
    this.nodeRdma = new StaticArray<i32>(nodeCount);
    this.nodeNuma = new StaticArray<i32>(nodeCount);
    this.nodeTaints = new StaticArray<i32>(nodeCount);
    this.gpuPods = new StaticArray<i32>(nodeCount * MAX_GPUS_PER_NODE);
    this.ackWeights = new StaticArray<f64>(5);
    this.batchOrder = new StaticArray<i32>(MAX_BATCH);
    this.list = new StaticArray<i32>(0);
    this.typicalCpu = new StaticArray<i32>(typicalCount);
    this.typicalMilli = new StaticArray<i32>(typicalCount);
    this.typicalNum = new StaticArray<i32>(typicalCount);
    this.typicalMask = new StaticArray<i32>(typicalCount);
    this.typicalWeight = new StaticArray<f64>(typicalCount);
    this.rng = new StaticArray<i64>(610);
    this.nodeCpuFree = new StaticArray<i32>(nodeCount);
    this.nodeMemFree = new StaticArray<i32>(nodeCount);
    this.nodePods = new StaticArray<i32>(nodeCount);
    this.gpuRemaining = new StaticArray<i32>(nodeCount * MAX_GPUS_PER_NODE);
    this.nodeTags = new StaticArray<i32>(nodeCount * TAG_SLOTS);
    this.nodeVersion = new StaticArray<i32>(nodeCount);
    this.nodeFragment = new StaticArray<f64>(nodeCount);
    this.nodeDown = new StaticArray<i32>(nodeCount);
    this.nodeGpuFree = new StaticArray<i32>(nodeCount);
    this.nodeFullGpus = new StaticArray<i32>(nodeCount);
    this.nodeMaxRemaining = new StaticArray<i32>(nodeCount);
    this.nodeFailedGpus = new StaticArray<i32>(nodeCount);
    this.podNode = new StaticArray<i32>(0);
    this.podGpuMask = new StaticArray<i32>(0);
    this.scoreStamp = new StaticArray<i32>(nodeCount * shapeCount);
    this.scoreValue = new StaticArray<i32>(nodeCount * shapeCount);
    this.eventArrived = new StaticArray<f64>(0);
    this.eventUsed = new StaticArray<f64>(0);
    this.eventFragment = new StaticArray<f64>(0);
    this.eventNode = new StaticArray<i32>(0);
    this.eventGpu = new StaticArray<i32>(0);
    this.log = new RingLog(4096);
    this.feasible = new StaticArray<i32>(nodeCount);
    this.sortScratch = new StaticArray<i32>(MAX_GPUS_PER_NODE);
    this.categories = new StaticArray<f64>(7);
    this.frame = new StaticArray<f64>(GP_FRAME_SIZE);
    this.inspect = new StaticArray<f64>(32);
    this.fgdDetail = new StaticArray<f64>(2 * MAX_GPUS_PER_NODE);
    this.explain = new StaticArray<f64>(nodeCount * (2 + POLICY_COUNT + 2 + 2 * MAX_GPUS_PER_NODE));
    this.nodeCategory = new StaticArray<i32>(nodeCount);
    // ACK's published default weights (they need not sum to 1; the score is normalised).
    this.ackWeights[0] = 0.25;
    this.ackWeights[1] = 0.2;
    this.ackWeights[2] = 0.15;
    this.ackWeights[3] = 0.15;
    this.ackWeights[4] = 0.1;
  }

  /** Sizes the workload list and the per-event arrays once tuning has fixed the length. */
  allocateWorkload(length: i32): void {
    this.list = new StaticArray<i32>(length);
    this.listLength = length;
    this.eventArrived = new StaticArray<f64>(length);
    this.eventUsed = new StaticArray<f64>(length);
    this.eventFragment = new StaticArray<f64>(length);
    this.eventNode = new StaticArray<i32>(length);
    this.eventGpu = new StaticArray<i32>(length);
    this.podNode = new StaticArray<i32>(length);
    this.podGpuMask = new StaticArray<i32>(length);
  }
}

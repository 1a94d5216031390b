// GPU-pool kernel: the FGD artifact's experiment (specs/fgd.md) behind the kernel contract
// of ARCHITECTURE.md. Exports take and return numbers only; bulk data moves through
// pointers into linear memory that the host reads with typed-array views.
//
// The only module global is `pool`, the pointer to the state record, set once by `init`.
// Everything it points at lives in linear memory, so a memory copy is a snapshot.
import { Pool, LOG_POLICY } from './pool';
import { buildRun, readHeader } from './workload';
import {
  INPUT_VERSION, INIT_BAD_VERSION, INIT_OK, POLICY_COUNT, HDR_VERSION, HDR_NODES, HDR_ROWS, HDR_TYPICAL, HDR_SHAPES,
  HDR_FLAGS, HDR_PODS, FLAG_SYNTHETIC, ACK_FILTER_RDMA, ACK_FILTER_NUMA, ACK_FILTER_TAINTS,
  GF_STEP, GF_PODS, GF_PLACED, GF_FAILED, GF_ARRIVED, GF_USED, GF_FRAGMENT, GF_POLICY, GF_NODES, GF_GPUS, GF_ORIGINAL,
  GF_LOG_TOTAL, GF_EVICTED, GF_RESCHEDULED, GF_LOST, GF_FAILED_GPUS, GP_FRAME_SIZE,
  Q_STEP, Q_PODS, Q_PLACED, Q_FAILED, Q_ARRIVED, Q_USED, Q_FRAGMENT, Q_POLICY, Q_NODES, Q_GPUS, Q_EVICTED,
  Q_RESCHEDULED, Q_LOST, Q_FAILED_GPUS, Q_DEPARTED, Q_TIME,
} from './constants';
import { submitNext } from './schedule';
import { nodeFragment, clusterFragment } from './fragment';
import { rngAlloc, rngSeed, rngNext63, rngIntn } from '../lib/rng';
import { explainNext, EXPLAIN_ROW } from './explain';
import { computeNodeCategories } from './frame';
import { failNode as failNodeNow, failGpu as failGpuNow } from './faults';

let pool!: Pool;
let input: usize = 0;

/** Reserves the input block the host fills before `init` (bytes). */
export function inputAlloc(bytes: i32): usize {
  const block = new StaticArray<u8>(bytes);
  input = changetype<usize>(block);
  return input;
}

/**
 * Builds the world from the input block. Returns 0, or a negative code
 * (-1 bad input version, -2 workload too large).
 */
export function init(seed: f64, rngKind: i32, policy: i32, tune: f64, timeAware: i32): i32 {
  if (readHeader(input, HDR_VERSION) != INPUT_VERSION) return INIT_BAD_VERSION;
  const nodes = readHeader(input, HDR_NODES);
  const rows = readHeader(input, HDR_ROWS);
  const typical = readHeader(input, HDR_TYPICAL);
  const shapes = readHeader(input, HDR_SHAPES);
  const synthetic = (readHeader(input, HDR_FLAGS) & FLAG_SYNTHETIC) != 0;
  const originals = synthetic ? readHeader(input, HDR_PODS) : rows;
  pool = new Pool(nodes, originals, typical, shapes);
  pool.policy = policy;
  pool.timeAware = timeAware != 0;
  const status = buildRun(pool, input, <i64>seed, rngKind, tune);
  if (status != INIT_OK) return status;
  return INIT_OK;
}

/** A policy change at the current step (a logged command). */
export function setPolicy(policy: i32): void {
  assert(policy >= 0 && policy < POLICY_COUNT, 'unknown policy');
  pool.policy = policy;
  pool.log.write(<i64>pool.cursor, LOG_POLICY, policy, 0, 0);
}

/** ACK score weights from now on (balance, affinity, topology, utilization, interference). */
export function setAckWeights(balance: f64, affinity: f64, topology: f64, utilization: f64, interference: f64): void {
  assert(balance >= 0 && affinity >= 0 && topology >= 0 && utilization >= 0 && interference >= 0, 'weights must not be negative');
  const w = pool.ackWeights;
  w[0] = balance;
  w[1] = affinity;
  w[2] = topology;
  w[3] = utilization;
  w[4] = interference;
}

/** ACK batch size from the next batch on. */
export function setAckBatch(size: i32): void {
  assert(size >= 1 && size <= 1024, 'batch size out of range');
  pool.ackBatch = size;
}

/** ACK filter switches: 0 RDMA, 1 NUMA alignment, 2 taints. */
export function setAckFilter(which: i32, on: bool): void {
  if (which == ACK_FILTER_RDMA) pool.ackRdma = on;
  else if (which == ACK_FILTER_NUMA) pool.ackNuma = on;
  else if (which == ACK_FILTER_TAINTS) pool.ackTaints = on;
  else assert(false, 'unknown ACK filter');
}

/** A node fails at the current step; returns the pods evicted (they are rescheduled or lost). */
export function failNode(node: i32): i32 {
  assert(node >= 0 && node < pool.nodeCount, 'node out of range');
  return failNodeNow(pool, node);
}

/** One GPU of a node fails at the current step; returns the pods evicted. */
export function failGpu(node: i32, gpu: i32): i32 {
  assert(node >= 0 && node < pool.nodeCount, 'node out of range');
  assert(gpu >= 0 && gpu < pool.nodeGpuCount[node], 'GPU out of range');
  return failGpuNow(pool, node, gpu);
}

/** Submits pods until `untilStep` or `maxEvents` pods; returns pods submitted. */
export function advance(untilStep: i32, maxEvents: i32): i32 {
  const end = min(untilStep, pool.listLength);
  let done: i32 = 0;
  while (pool.cursor < end && done < maxEvents) {
    submitNext(pool);
    done++;
  }
  return done;
}

/** Writes the summary record and returns its address (16 f64). */
export function frame(): usize {
  const f = pool.frame;
  f[GF_STEP] = <f64>pool.cursor;
  f[GF_PODS] = <f64>pool.listLength;
  f[GF_PLACED] = <f64>pool.placed;
  f[GF_FAILED] = <f64>pool.failed;
  f[GF_ARRIVED] = <f64>pool.arrived;
  f[GF_USED] = <f64>pool.used;
  f[GF_FRAGMENT] = clusterFragment(pool);
  f[GF_POLICY] = <f64>pool.policy;
  f[GF_NODES] = <f64>pool.nodeCount;
  f[GF_GPUS] = <f64>pool.totalGpus;
  f[GF_ORIGINAL] = <f64>pool.originalCount;
  f[GF_LOG_TOTAL] = <f64>pool.log.total;
  f[GF_EVICTED] = <f64>pool.evicted;
  f[GF_RESCHEDULED] = <f64>pool.rescheduled;
  f[GF_LOST] = <f64>pool.lost;
  f[GF_FAILED_GPUS] = <f64>pool.failedGpus;
  return changetype<usize>(f);
}

/** Named facts by id, for lab checks and the terminal (names live in queries.ts). */
export function query(id: i32): f64 {
  switch (id) {
    case Q_STEP: return <f64>pool.cursor;
    case Q_PODS: return <f64>pool.listLength;
    case Q_PLACED: return <f64>pool.placed;
    case Q_FAILED: return <f64>pool.failed;
    case Q_ARRIVED: return <f64>pool.arrived;
    case Q_USED: return <f64>pool.used;
    case Q_FRAGMENT: return clusterFragment(pool);
    case Q_POLICY: return <f64>pool.policy;
    case Q_NODES: return <f64>pool.nodeCount;
    case Q_GPUS: return <f64>pool.totalGpus;
    case Q_EVICTED: return <f64>pool.evicted;
    case Q_RESCHEDULED: return <f64>pool.rescheduled;
    case Q_LOST: return <f64>pool.lost;
    case Q_FAILED_GPUS: return <f64>pool.failedGpus;
    case Q_DEPARTED: return <f64>pool.departed;
    case Q_TIME: return <f64>pool.now;
  }
  return NaN;
}

// ---- typed views for the host ----
export function eventArrivedPtr(): usize { return changetype<usize>(pool.eventArrived); }
export function eventUsedPtr(): usize { return changetype<usize>(pool.eventUsed); }
export function eventFragmentPtr(): usize { return changetype<usize>(pool.eventFragment); }
export function eventNodePtr(): usize { return changetype<usize>(pool.eventNode); }
export function eventGpuPtr(): usize { return changetype<usize>(pool.eventGpu); }
export function podNodePtr(): usize { return changetype<usize>(pool.podNode); }
export function podGpuMaskPtr(): usize { return changetype<usize>(pool.podGpuMask); }
export function listPtr(): usize { return changetype<usize>(pool.list); }
export function nodePriorityPtr(): usize { return changetype<usize>(pool.nodePriority); }
export function logTimesPtr(): usize { return changetype<usize>(pool.log.times); }
export function logFieldsPtr(): usize { return changetype<usize>(pool.log.fields); }
export function logCapacity(): i32 { return pool.log.capacity; }

/**
 * Fills the inspection record of one node and returns its address (f64):
 * [cpuCap, cpuFree, memCap, memFree, gpus, model, priority, fragmentTotal,
 *  gpuRemaining x8, categories x7 (q1 q2 q3 q4 xl xr no_access), pods].
 */
export function inspectNode(node: i32): usize {
  assert(node >= 0 && node < pool.nodeCount, 'node out of range');
  const out = pool.inspect;
  out[0] = <f64>pool.nodeCpuCapacity[node];
  out[1] = <f64>pool.nodeCpuFree[node];
  out[2] = <f64>pool.nodeMemCapacity[node];
  out[3] = <f64>pool.nodeMemFree[node];
  out[4] = <f64>pool.nodeGpuCount[node];
  out[5] = <f64>pool.nodeModel[node];
  out[6] = <f64>pool.nodePriority[node];
  out[7] = nodeFragment(pool, node, pool.nodeCpuFree[node], true);
  for (let j = 0; j < 8; j++) out[8 + j] = <f64>pool.gpuRemaining[node * 8 + j];
  for (let c = 0; c < 7; c++) out[16 + c] = pool.categories[c];
  out[23] = <f64>pool.nodePods[node];
  return changetype<usize>(out);
}

/** Traps on purpose (the `debug trap` command), to exercise the host's recovery path. */
export function debugTrap(): void {
  unreachable();
}

export function podCpuPtr(): usize { return changetype<usize>(pool.podCpu); }
export function podNumGpuPtr(): usize { return changetype<usize>(pool.podNumGpu); }
export function podMilliPtr(): usize { return changetype<usize>(pool.podMilli); }
export function originalCount(): i32 { return pool.originalCount; }

/**
 * Draws from a fresh generator, for the generator's self-test (tests only; allocates).
 * mode 0: Int63 values; mode 1: uniform ints in 0..bound-1. Returns the address of `count` i64.
 */
export function rngProbe(kind: i32, seed: f64, count: i32, mode: i32, bound: i32): usize {
  const state = rngAlloc();
  rngSeed(state, kind, <i64>seed);
  const out = new StaticArray<i64>(count);
  for (let i = 0; i < count; i++) out[i] = mode == 0 ? rngNext63(state) : <i64>rngIntn(state, bound);
  return changetype<usize>(out);
}

/**
 * Zeroes the scratch arrays (frame, inspection, candidate lists). They hold results of
 * reads, not state; clearing them makes a memory hash depend on the state alone.
 */
export function clearScratch(): void {
  memory.fill(changetype<usize>(pool.feasible), 0, <usize>pool.nodeCount << 2);
  memory.fill(changetype<usize>(pool.sortScratch), 0, 8 << 2);
  memory.fill(changetype<usize>(pool.categories), 0, 7 << 3);
  memory.fill(changetype<usize>(pool.frame), 0, <usize>GP_FRAME_SIZE << 3);
  memory.fill(changetype<usize>(pool.inspect), 0, 32 << 3);
  memory.fill(changetype<usize>(pool.fgdDetail), 0, 16 << 3);
  memory.fill(changetype<usize>(pool.explain), 0, <usize>(pool.nodeCount * EXPLAIN_ROW) << 3);
  memory.fill(changetype<usize>(pool.nodeCategory), 0, <usize>pool.nodeCount << 2);
}

/** "Why this node" for the next pod: rows in `explainPtr()`; returns the row count. */
export function explain(): i32 { return explainNext(pool); }
export function explainPtr(): usize { return changetype<usize>(pool.explain); }
export function explainRowLength(): i32 { return EXPLAIN_ROW; }

/** Per-node dominant fragment category (0..6, 7 = full), for views. */
export function nodeCategories(): usize {
  computeNodeCategories(pool);
  return changetype<usize>(pool.nodeCategory);
}
export function gpuRemainingPtr(): usize { return changetype<usize>(pool.gpuRemaining); }
export function nodeGpuCountPtr(): usize { return changetype<usize>(pool.nodeGpuCount); }
export function nodeDownPtr(): usize { return changetype<usize>(pool.nodeDown); }

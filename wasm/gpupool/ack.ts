// ACK's intelligent scheduler as a seventh policy. Filters on top of the common ones
// (RDMA, taints/tolerations, NUMA alignment), a weighted score (resource balance 0.25,
// affinity 0.20, topology 0.15, utilization 0.15, interference 0.10 by default, editable),
// pods scheduled in priority-ordered batches, and gangs placed whole or not at all.
// The paper's six policies never read anything here, so paper mode stays exact.
import {
  Pool, TAG_SLOTS, POD_NEEDS_RDMA, POD_TOLERATIONS, MAX_BATCH, UNSCHEDULED,
} from './pool';
import { gpuFreeTotal, tightestGpu, packScore } from './scores';
import { MAX_GPUS_PER_NODE } from './constants';

/** ACK's own filters, applied after the common ones. */
export function ackAdmits(pool: Pool, node: i32, pod: i32, numGpu: i32, milli: i32): bool {
  const flags = unchecked(pool.podFlags[pod]);
  if (pool.ackRdma && (flags & POD_NEEDS_RDMA) != 0 && unchecked(pool.nodeRdma[node]) == 0) return false;
  if (pool.ackTaints && (unchecked(pool.nodeTaints[node]) & ~(flags & POD_TOLERATIONS)) != 0) return false;
  if (pool.ackNuma && milli > 0 && !(numGpu == 1 && milli < 1000)) {
    if (numGpu <= unchecked(pool.nodeNuma[node]) && numaAlignedMask(pool, node, numGpu) == 0) return false;
  }
  return true;
}

/** k fully free GPUs inside one NUMA domain (lowest domain, lowest indices), or 0. */
function numaAlignedMask(pool: Pool, node: i32, k: i32): i32 {
  const gpus = unchecked(pool.nodeGpuCount[node]);
  const domain = unchecked(pool.nodeNuma[node]);
  const base = node * MAX_GPUS_PER_NODE;
  for (let start = 0; start < gpus; start += domain) {
    let mask: i32 = 0;
    let taken: i32 = 0;
    for (let j = start; j < min(gpus, start + domain) && taken < k; j++) {
      if (unchecked(pool.gpuRemaining[base + j]) == 1000) {
        mask |= 1 << j;
        taken++;
      }
    }
    if (taken == k) return mask;
  }
  return 0;
}

/** The GPUs a whole-GPU pod takes under ACK: one NUMA domain when it can, else lowest free. */
export function ackWholeGpus(pool: Pool, node: i32, k: i32): i32 {
  if (pool.ackNuma && k <= unchecked(pool.nodeNuma[node])) {
    const aligned = numaAlignedMask(pool, node, k);
    if (aligned != 0) return aligned;
  }
  const gpus = unchecked(pool.nodeGpuCount[node]);
  const base = node * MAX_GPUS_PER_NODE;
  let mask: i32 = 0;
  let taken: i32 = 0;
  for (let j = 0; j < gpus && taken < k; j++) {
    if (unchecked(pool.gpuRemaining[base + j]) == 1000) {
      mask |= 1 << j;
      taken++;
    }
  }
  return mask;
}

function withinOneDomain(pool: Pool, node: i32, mask: i32): bool {
  const domain = unchecked(pool.nodeNuma[node]);
  const first = ctz(mask);
  const last = 31 - clz(mask);
  return first / domain == last / domain;
}

/** The five components, each 0..100, weighted and normalised; GPU packed as the other policies do. */
export function ackScore(pool: Pool, node: i32, pod: i32): i32 {
  const cpu = unchecked(pool.podCpu[pod]);
  const numGpu = unchecked(pool.podNumGpu[pod]);
  const milli = unchecked(pool.podMilli[pod]);
  const gpuTotal = milli == 0 ? 0 : numGpu * milli;
  const gpus = unchecked(pool.nodeGpuCount[node]);
  const base = node * MAX_GPUS_PER_NODE;
  const sharing = numGpu == 1 && milli > 0 && milli < 1000;

  const cpuUtil = 1.0 - <f64>(unchecked(pool.nodeCpuFree[node]) - cpu) / <f64>max(1, unchecked(pool.nodeCpuCapacity[node]));
  const gpuUtil = gpus > 0 ? 1.0 - <f64>(gpuFreeTotal(pool, node) - gpuTotal) / <f64>(gpus * 1000) : 0.0;

  // Resource balance: CPU and GPU used in the same proportion leave neither stranded.
  const balance = 100.0 * (1.0 - Math.abs(cpuUtil - gpuUtil));

  // Affinity: pods of a kind together (as GpuClustering), CPU-only pods indifferent.
  let affinity: f64 = 50;
  const tag = milli == 0 ? -1 : sharing ? 0 : min(numGpu, TAG_SLOTS - 1);
  if (tag >= 0) {
    let distinct: i32 = 0;
    for (let t = 0; t < TAG_SLOTS; t++) if (unchecked(pool.nodeTags[node * TAG_SLOTS + t]) > 0) distinct++;
    const own = unchecked(pool.nodeTags[node * TAG_SLOTS + tag]) > 0;
    affinity = own ? (distinct == 1 ? 100 : 66) : distinct == 0 ? 33 : 0;
  }

  // Topology: a shared pod on a GPU already in use keeps whole GPUs whole; a multi-GPU pod
  // inside one NUMA domain keeps its GPUs close.
  let topology: f64 = 50;
  let gpu: i32 = 15;
  let interference: f64 = 100.0 - 5.0 * <f64>unchecked(pool.nodePods[node]);
  if (sharing) {
    gpu = tightestGpu(pool, node, milli);
    topology = unchecked(pool.gpuRemaining[base + gpu]) < 1000 ? 100 : 50;
    interference = 100.0 - 25.0 * <f64>unchecked(pool.gpuPods[base + gpu]);
  } else if (milli > 0) {
    const mask = ackWholeGpus(pool, node, numGpu);
    topology = withinOneDomain(pool, node, mask) ? 100 : 0;
    interference = 100.0 - 10.0 * <f64>unchecked(pool.nodePods[node]);
  }
  if (interference < 0) interference = 0;

  // Utilization: fill nodes that are already busy (bin packing).
  const utilization = 100.0 * (milli > 0 ? gpuUtil : cpuUtil);

  const w = pool.ackWeights;
  const sum = w[0] + w[1] + w[2] + w[3] + w[4];
  const total = sum > 0 ? (w[0] * balance + w[1] * affinity + w[2] * topology + w[3] * utilization + w[4] * interference) / sum : 0;
  return packScore(<i32>total, gpu);
}

function gpuRequest(pool: Pool, pod: i32): i32 {
  const milli = unchecked(pool.podMilli[pod]);
  return milli == 0 ? 0 : unchecked(pool.podNumGpu[pod]) * milli;
}

/**
 * The steps of the batch starting at `start`, in scheduling order: priority first, then the
 * bigger GPU request, then submission order. A gang is never cut at the batch's end.
 */
export function batchSteps(pool: Pool, start: i32): i32 {
  let end = min(start + max(1, pool.ackBatch), pool.listLength);
  while (end < pool.listLength && end - start < MAX_BATCH) {
    const gang = unchecked(pool.podGang[pool.list[end - 1]]);
    if (gang < 0 || unchecked(pool.podGang[pool.list[end]]) != gang) break;
    end++;
  }
  const order = pool.batchOrder;
  const count = end - start;
  for (let i = 0; i < count; i++) {
    const step = start + i;
    const pod = unchecked(pool.list[step]);
    const priority = unchecked(pool.podPriority[pod]);
    const request = gpuRequest(pool, pod);
    let k = i;
    while (k > 0) {
      const other = unchecked(pool.list[order[k - 1]]);
      const otherPriority = unchecked(pool.podPriority[other]);
      if (otherPriority > priority || (otherPriority == priority && gpuRequest(pool, other) >= request)) break;
      unchecked((order[k] = order[k - 1]));
      k--;
    }
    unchecked((order[k] = step));
    unchecked((pool.podNode[step] = UNSCHEDULED));
  }
  return count;
}

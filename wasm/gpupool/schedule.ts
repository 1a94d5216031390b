// One scheduling step: filter, score, pick, place, record (specs/fgd.md §3 step 8-9, §5).
import {
  Pool, TAG_SLOTS, POD_LIMIT_PER_NODE, LOG_PLACED, LOG_FAILED, UNSCHEDULED, DEPARTED, LOG_DEPARTED,
} from './pool';
import {
  MAX_GPUS_PER_NODE, POLICY_RANDOM, POLICY_DOTPROD, POLICY_CLUSTERING, POLICY_PACKING, POLICY_BESTFIT, POLICY_FGD,
  POLICY_ACK,
} from './constants';
import { ackAdmits, ackScore, ackWholeGpus, batchSteps } from './ack';
import { refreshGpuStats } from './gpuStats';
import { nodeFragment, clusterFragment } from './fragment';
import {
  bestFitScore, clusteringScore, dotProdScore, fgdScore, packingScore, tightestGpu,
  packScore, scoreOf, gpuOf,
} from './scores';
import { rngIntn } from '../lib/rng';

/** Tag for GpuClustering: -1 CPU-only, 0 share-gpu, k for a k-GPU pod. */
export function podTag(numGpu: i32, milli: i32): i32 {
  if (milli == 0) return -1;
  if (numGpu == 1 && milli < 1000) return 0;
  return min(numGpu, TAG_SLOTS - 1);
}

export function isFeasible(pool: Pool, node: i32, pod: i32, cpu: i32, mem: i32, numGpu: i32, milli: i32, mask: i32): bool {
  if (unchecked(pool.nodeCpuFree[node]) < cpu) return false;
  if (unchecked(pool.nodeMemFree[node]) < mem) return false;
  if (unchecked(pool.nodePods[node]) >= POD_LIMIT_PER_NODE) return false;
  if (unchecked(pool.nodeDown[node]) != 0) return false;
  if (pool.policy == POLICY_ACK && !ackAdmits(pool, node, pod, numGpu, milli)) return false;
  if (milli == 0) return true;
  const gpus = unchecked(pool.nodeGpuCount[node]);
  if (gpus == 0) return false;
  if (mask != 0 && (mask & (1 << unchecked(pool.nodeModel[node]))) == 0) return false;
  if (numGpu == 1 && milli < 1000) return unchecked(pool.nodeMaxRemaining[node]) >= milli;
  return unchecked(pool.nodeFullGpus[node]) >= numGpu;
}

/**
 * The packed (score, GPU) of a feasible node under `policy`. The FGD cache is used only by
 * the scheduler itself: an explanation must leave memory exactly as a plain run would.
 */
export function scoreNode(pool: Pool, node: i32, pod: i32, policy: i32, useCache: bool): i32 {
  const cpu = unchecked(pool.podCpu[pod]);
  const numGpu = unchecked(pool.podNumGpu[pod]);
  const milli = unchecked(pool.podMilli[pod]);
  const gpuTotal = milli == 0 ? 0 : numGpu * milli;
  switch (policy) {
    case POLICY_DOTPROD:
      return packScore(dotProdScore(pool, node, cpu, gpuTotal), 15);
    case POLICY_CLUSTERING:
      return packScore(clusteringScore(pool, node, podTag(numGpu, milli)), 15);
    case POLICY_PACKING:
      return packScore(packingScore(pool, node, numGpu, milli), 15);
    case POLICY_BESTFIT:
      return packScore(bestFitScore(pool, node, cpu, gpuTotal), 15);
    case POLICY_ACK:
      return ackScore(pool, node, pod);
    case POLICY_FGD: {
      // The score depends only on the node's state and the pod's shape: cache it per
      // (node, shape) until the node changes. Most nodes do not change between pods.
      const shapes = pool.shapeCount;
      if (shapes == 0 || !useCache) return fgdScore(pool, node, cpu, numGpu, milli);
      const slot = node * shapes + unchecked(pool.podShape[pod]);
      const stamp = unchecked(pool.nodeVersion[node]) + 1;
      if (unchecked(pool.scoreStamp[slot]) == stamp) return unchecked(pool.scoreValue[slot]);
      const packed = fgdScore(pool, node, cpu, numGpu, milli);
      unchecked((pool.scoreStamp[slot] = stamp));
      unchecked((pool.scoreValue[slot] = packed));
      return packed;
    }
  }
  return packScore(0, 15);
}

/** Random's GPU: reservoir sampling over fitting GPUs in index order, one draw each. */
function reservoirGpu(pool: Pool, node: i32, milli: i32): i32 {
  const base = node * MAX_GPUS_PER_NODE;
  const gpus = unchecked(pool.nodeGpuCount[node]);
  let seen: i32 = 0;
  let chosen: i32 = -1;
  for (let j = 0; j < gpus; j++) {
    if (unchecked(pool.gpuRemaining[base + j]) < milli) continue;
    seen++;
    if (rngIntn(pool.rng, seen) == 0) chosen = j;
  }
  return chosen;
}

/**
 * Takes the pod's resources on `node`; returns the bitmask of GPUs it uses. A whole-GPU pod
 * takes `wholeMask` when given (ACK's NUMA choice), else the lowest-indexed free GPUs.
 */
function place(pool: Pool, node: i32, pod: i32, sharedGpu: i32, wholeMask: i32): i32 {
  const numGpu = unchecked(pool.podNumGpu[pod]);
  const milli = unchecked(pool.podMilli[pod]);
  unchecked((pool.nodeCpuFree[node] -= pool.podCpu[pod]));
  unchecked((pool.nodeMemFree[node] -= pool.podMem[pod]));
  unchecked((pool.nodePods[node] += 1));
  const base = node * MAX_GPUS_PER_NODE;
  let gpuMask: i32 = 0;
  if (milli > 0) {
    if (numGpu == 1 && milli < 1000) {
      gpuMask = 1 << sharedGpu;
      unchecked((pool.gpuRemaining[base + sharedGpu] -= milli));
    } else if (wholeMask != 0) {
      gpuMask = wholeMask;
      for (let j = 0; j < MAX_GPUS_PER_NODE; j++) {
        if ((wholeMask & (1 << j)) != 0) unchecked((pool.gpuRemaining[base + j] = 1000 - milli));
      }
    } else {
      // Whole-GPU pods always take the lowest-indexed fully free GPUs.
      const gpus = unchecked(pool.nodeGpuCount[node]);
      let taken: i32 = 0;
      for (let j = 0; j < gpus && taken < numGpu; j++) {
        if (unchecked(pool.gpuRemaining[base + j]) == 1000) {
          unchecked((pool.gpuRemaining[base + j] = 1000 - milli));
          gpuMask |= 1 << j;
          taken++;
        }
      }
    }
    const tag = podTag(numGpu, milli);
    unchecked((pool.nodeTags[node * TAG_SLOTS + tag] += 1));
    pool.used += <i64>(numGpu * milli);
    for (let j = 0; j < MAX_GPUS_PER_NODE; j++) if ((gpuMask & (1 << j)) != 0) unchecked((pool.gpuPods[base + j] += 1));
  }
  nodeChanged(pool, node);
  return gpuMask;
}

/** Gives a placed pod's resources back to its node (its GPUs unless they have failed). */
export function release(pool: Pool, node: i32, pod: i32, gpuMask: i32): void {
  const numGpu = unchecked(pool.podNumGpu[pod]);
  const milli = unchecked(pool.podMilli[pod]);
  unchecked((pool.nodeCpuFree[node] += pool.podCpu[pod]));
  unchecked((pool.nodeMemFree[node] += pool.podMem[pod]));
  unchecked((pool.nodePods[node] -= 1));
  if (milli > 0) {
    const base = node * MAX_GPUS_PER_NODE;
    const failed = unchecked(pool.nodeFailedGpus[node]);
    for (let j = 0; j < MAX_GPUS_PER_NODE; j++) {
      if ((gpuMask & (1 << j)) == 0) continue;
      unchecked((pool.gpuPods[base + j] -= 1));
      if ((failed & (1 << j)) == 0) unchecked((pool.gpuRemaining[base + j] += milli));
    }
    unchecked((pool.nodeTags[node * TAG_SLOTS + podTag(numGpu, milli)] -= 1));
    pool.used -= <i64>(numGpu * milli);
  }
  nodeChanged(pool, node);
}

function nodeChanged(pool: Pool, node: i32): void {
  refreshGpuStats(pool, node);
  unchecked((pool.nodeVersion[node] += 1));
  unchecked((pool.nodeFragment[node] = nodeFragment(pool, node, unchecked(pool.nodeCpuFree[node]), false)));
}

/**
 * Filter, score and pick a node for `pod` under the current policy, then place it.
 * Returns the node (-1 when nothing fits); the GPU mask goes to `pool.lastGpuMask`.
 */
export function schedule(pool: Pool, pod: i32): i32 {
  const cpu = unchecked(pool.podCpu[pod]);
  const mem = unchecked(pool.podMem[pod]);
  const numGpu = unchecked(pool.podNumGpu[pod]);
  const milli = unchecked(pool.podMilli[pod]);
  const mask = unchecked(pool.podSpecMask[pod]);
  const sharing = numGpu == 1 && milli > 0 && milli < 1000;

  const feasible = pool.feasible;
  const nodes = pool.nodeCount;
  let feasibleCount: i32 = 0;
  // A cheap first pass over hoisted arrays rejects most nodes (full ones) before the full filter.
  const cpuFree = pool.nodeCpuFree;
  const memFree = pool.nodeMemFree;
  const largest = pool.nodeMaxRemaining;
  const fullGpus = pool.nodeFullGpus;
  for (let n = 0; n < nodes; n++) {
    if (unchecked(cpuFree[n]) < cpu || unchecked(memFree[n]) < mem) continue;
    if (milli > 0 && (sharing ? unchecked(largest[n]) < milli : unchecked(fullGpus[n]) < numGpu)) continue;
    if (isFeasible(pool, n, pod, cpu, mem, numGpu, milli, mask)) {
      unchecked((feasible[feasibleCount] = n));
      feasibleCount++;
    }
  }

  let chosen: i32 = -1;
  let chosenPacked: i32 = packScore(0, 15);
  if (feasibleCount == 1) {
    // A single feasible node is taken without scoring (as kube-scheduler does).
    chosen = unchecked(feasible[0]);
    if (pool.policy == POLICY_FGD && sharing) chosenPacked = fgdScore(pool, chosen, cpu, numGpu, milli);
  } else if (feasibleCount > 1) {
    if (pool.policy == POLICY_RANDOM) {
      chosen = unchecked(feasible[rngIntn(pool.rng, feasibleCount)]);
    } else {
      let bestScore: i32 = -1;
      let bestKey: i32 = i32.MAX_VALUE;
      for (let i = 0; i < feasibleCount; i++) {
        const n = unchecked(feasible[i]);
        const packed = scoreNode(pool, n, pod, pool.policy, true);
        const score = scoreOf(packed);
        const key = unchecked(pool.nodePriority[n]);
        if (score > bestScore || (score == bestScore && key < bestKey)) {
          bestScore = score;
          bestKey = key;
          chosen = n;
          chosenPacked = packed;
        }
      }
    }
  }

  pool.lastGpuMask = 0;
  if (chosen >= 0) {
    let sharedGpu: i32 = -1;
    let wholeMask: i32 = 0;
    if (sharing) {
      if (pool.policy == POLICY_FGD) sharedGpu = gpuOf(chosenPacked);
      else if (pool.policy == POLICY_RANDOM) sharedGpu = reservoirGpu(pool, chosen, milli);
      else sharedGpu = tightestGpu(pool, chosen, milli);
    } else if (milli > 0 && pool.policy == POLICY_ACK) {
      wholeMask = ackWholeGpus(pool, chosen, numGpu);
    }
    pool.lastGpuMask = place(pool, chosen, pod, sharedGpu, wholeMask);
  }
  return chosen;
}

/** Lowest set bit index, or -1. */
export function firstGpuOf(mask: i32): i32 {
  return mask == 0 ? -1 : ctz(mask);
}

/**
 * ACK schedules a whole batch when its first pod arrives: in priority order, each gang all
 * or nothing. The batch's placements are final; its pods are then submitted one by one.
 */
function scheduleBatch(pool: Pool, start: i32): void {
  const count = batchSteps(pool, start);
  const order = pool.batchOrder;
  for (let i = 0; i < count; i++) {
    const step = unchecked(order[i]);
    if (unchecked(pool.podNode[step]) != UNSCHEDULED) continue;
    const gang = unchecked(pool.podGang[pool.list[step]]);
    if (gang < 0) {
      const node = schedule(pool, unchecked(pool.list[step]));
      unchecked((pool.podNode[step] = node));
      unchecked((pool.podGpuMask[step] = pool.lastGpuMask));
      continue;
    }
    let whole = true;
    for (let k = i; k < count; k++) {
      const member = unchecked(order[k]);
      if (unchecked(pool.podGang[pool.list[member]]) != gang) continue;
      const node = schedule(pool, unchecked(pool.list[member]));
      unchecked((pool.podNode[member] = node));
      unchecked((pool.podGpuMask[member] = pool.lastGpuMask));
      if (node < 0) {
        whole = false;
        break;
      }
    }
    // A gang that does not fit whole gives back what its members took, and all of them fail.
    for (let k = i; k < count; k++) {
      const member = unchecked(order[k]);
      if (unchecked(pool.podGang[pool.list[member]]) != gang) continue;
      const node = unchecked(pool.podNode[member]);
      if (!whole && node >= 0) release(pool, node, unchecked(pool.list[member]), unchecked(pool.podGpuMask[member]));
      if (!whole || node == UNSCHEDULED) {
        unchecked((pool.podNode[member] = -1));
        unchecked((pool.podGpuMask[member] = 0));
      }
    }
  }
  pool.batchEnd = start + count;
}

/** Time-aware mode: every pod whose deletion time has come leaves before the next arrives. */
function departUntil(pool: Pool, time: i64): void {
  const heap = pool.departures;
  while (heap.size > 0 && heap.peekTime() <= time) {
    const step = heap.pop();
    const node = unchecked(pool.podNode[step]);
    if (node < 0) continue; // failed, lost, or already gone
    release(pool, node, unchecked(pool.list[step]), unchecked(pool.podGpuMask[step]));
    unchecked((pool.podNode[step] = DEPARTED));
    unchecked((pool.podGpuMask[step] = 0));
    pool.departed++;
    pool.log.write(time, LOG_DEPARTED, step, node, 0);
  }
}

/** Submits the next pod of the workload list. */
export function submitNext(pool: Pool): void {
  const step = pool.cursor;
  const pod = unchecked(pool.list[step]);
  const milli = unchecked(pool.podMilli[pod]);
  if (milli > 0) pool.arrived += <i64>(unchecked(pool.podNumGpu[pod]) * milli);
  if (pool.timeAware) {
    pool.now = <i64>max(0, unchecked(pool.podCreated[pod]));
    departUntil(pool, pool.now);
  }
  // ACK batches place pods ahead of their arrival: with departures in play, batch size is 1.
  if (step >= pool.batchEnd && pool.policy == POLICY_ACK && !pool.timeAware) scheduleBatch(pool, step);
  let chosen: i32;
  if (step < pool.batchEnd) {
    // Placed by its batch already (even if the policy has changed since).
    chosen = unchecked(pool.podNode[step]);
    pool.lastGpuMask = unchecked(pool.podGpuMask[step]);
  } else {
    chosen = schedule(pool, pod);
  }
  const gpu = firstGpuOf(pool.lastGpuMask);
  if (chosen >= 0) {
    pool.placed++;
    pool.log.write(<i64>step, LOG_PLACED, step, chosen, gpu);
  } else {
    pool.failed++;
    pool.log.write(<i64>step, LOG_FAILED, step, -1, -1);
  }
  unchecked((pool.podNode[step] = chosen));
  unchecked((pool.podGpuMask[step] = pool.lastGpuMask));
  if (pool.timeAware && chosen >= 0) {
    const leaves = <i64>unchecked(pool.podDeleted[pod]);
    if (leaves > pool.now) pool.departures.push(leaves, step);
  }
  unchecked((pool.eventArrived[step] = <f64>pool.arrived));
  unchecked((pool.eventUsed[step] = <f64>pool.used));
  unchecked((pool.eventFragment[step] = clusterFragment(pool)));
  unchecked((pool.eventNode[step] = chosen));
  unchecked((pool.eventGpu[step] = gpu));
  pool.cursor = step + 1;
}

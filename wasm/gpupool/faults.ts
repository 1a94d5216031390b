// Faults mid-run: a GPU or a whole node fails. The pods on it are evicted and go back
// through the scheduler at once, in the order they were first submitted; a pod that fits
// nowhere is lost. Capacity figures stay the paper's (the whole cluster), so a fault shows
// up as lost allocation rather than as a smaller denominator.
import { Pool, LOG_FAIL_NODE, LOG_FAIL_GPU, LOG_EVICTED } from './pool';
import { MAX_GPUS_PER_NODE } from './constants';
import { release, schedule } from './schedule';
import { nodeFragment } from './fragment';
import { refreshGpuStats } from './gpuStats';

const WAITING: i32 = -2;

/** Takes off every current pod on `node` using a GPU in `gpuMask` (all pods if -1). */
function evict(pool: Pool, node: i32, gpuMask: i32): i32 {
  let count: i32 = 0;
  // Pods of an ACK batch are placed before they are submitted: they are evicted too.
  const placedUpTo = max(pool.cursor, pool.batchEnd);
  for (let s = 0; s < placedUpTo; s++) {
    if (unchecked(pool.podNode[s]) != node) continue;
    const mask = unchecked(pool.podGpuMask[s]);
    if (gpuMask != -1 && (mask & gpuMask) == 0) continue;
    release(pool, node, unchecked(pool.list[s]), mask);
    unchecked((pool.podNode[s] = WAITING));
    count++;
  }
  pool.evicted += count;
  return count;
}

/** Reschedules the evicted pods (after the failed hardware is down, so none goes back on it). */
function reschedule(pool: Pool, from: i32): void {
  const placedUpTo = max(pool.cursor, pool.batchEnd);
  for (let s = 0; s < placedUpTo; s++) {
    if (unchecked(pool.podNode[s]) != WAITING) continue;
    const to = schedule(pool, unchecked(pool.list[s]));
    unchecked((pool.podNode[s] = to));
    unchecked((pool.podGpuMask[s] = to >= 0 ? pool.lastGpuMask : 0));
    if (to >= 0) pool.rescheduled++;
    else pool.lost++;
    pool.log.write(<i64>pool.cursor, LOG_EVICTED, s, from, to);
  }
}

export function failNode(pool: Pool, node: i32): i32 {
  if (unchecked(pool.nodeDown[node]) != 0) return 0;
  pool.log.write(<i64>pool.cursor, LOG_FAIL_NODE, node, 0, 0);
  const count = evict(pool, node, -1);
  unchecked((pool.nodeDown[node] = 1));
  const gpus = unchecked(pool.nodeGpuCount[node]);
  const base = node * MAX_GPUS_PER_NODE;
  for (let j = 0; j < gpus; j++) {
    if ((unchecked(pool.nodeFailedGpus[node]) & (1 << j)) == 0) pool.failedGpus++;
    unchecked((pool.gpuRemaining[base + j] = 0));
  }
  unchecked((pool.nodeFailedGpus[node] = (1 << gpus) - 1));
  refreshGpuStats(pool, node);
  unchecked((pool.nodeVersion[node] += 1));
  unchecked((pool.nodeFragment[node] = 0));
  reschedule(pool, node);
  return count;
}

export function failGpu(pool: Pool, node: i32, gpu: i32): i32 {
  if ((unchecked(pool.nodeFailedGpus[node]) & (1 << gpu)) != 0) return 0;
  pool.log.write(<i64>pool.cursor, LOG_FAIL_GPU, node, gpu, 0);
  const count = evict(pool, node, 1 << gpu);
  unchecked((pool.nodeFailedGpus[node] |= 1 << gpu));
  unchecked((pool.gpuRemaining[node * MAX_GPUS_PER_NODE + gpu] = 0));
  pool.failedGpus++;
  refreshGpuStats(pool, node);
  unchecked((pool.nodeVersion[node] += 1));
  unchecked((pool.nodeFragment[node] = nodeFragment(pool, node, unchecked(pool.nodeCpuFree[node]), false)));
  reschedule(pool, node);
  return count;
}

// Node scores of the six policies (specs/fgd.md §5.4) and the GPU choice inside a node
// (§5.5). Every score is an integer 0..100; the caller breaks ties by priority key.
import { Pool, TAG_SLOTS } from './pool';
import { MAX_GPUS_PER_NODE } from './constants';
import { nodeFragment } from './fragment';

/** Packs a score with the GPU it would use (15 = no particular GPU). */
export function packScore(score: i32, gpu: i32): i32 {
  return (score << 4) | (gpu & 15);
}
export function scoreOf(packed: i32): i32 {
  return packed >> 4;
}
export function gpuOf(packed: i32): i32 {
  const gpu = packed & 15;
  return gpu == 15 ? -1 : gpu;
}

export function gpuFreeTotal(pool: Pool, node: i32): i32 {
  return unchecked(pool.nodeGpuFree[node]);
}

/** Tightest fit: the GPU with the smallest remaining that still fits; ties to lowest index. */
export function tightestGpu(pool: Pool, node: i32, milli: i32): i32 {
  const base = node * MAX_GPUS_PER_NODE;
  const gpus = unchecked(pool.nodeGpuCount[node]);
  let best: i32 = -1;
  let bestRemaining: i32 = i32.MAX_VALUE;
  for (let j = 0; j < gpus; j++) {
    const r = unchecked(pool.gpuRemaining[base + j]);
    if (r >= milli && r < bestRemaining) {
      best = j;
      bestRemaining = r;
    }
  }
  return best;
}

export function dotProdScore(pool: Pool, node: i32, cpu: i32, gpuTotal: i32): i32 {
  // Free resources of the node against the demand, normalised by the largest node
  // (128 cores, 8 GPUs); the smallest dot product (the fuller node) scores highest.
  const nodeCpu = <f64>unchecked(pool.nodeCpuFree[node]) / 128000.0;
  const nodeGpu = <f64>gpuFreeTotal(pool, node) / 8000.0;
  const podCpu = <f64>cpu / 128000.0;
  const podGpu = <f64>gpuTotal / 8000.0;
  const dot = nodeCpu * podCpu + nodeGpu * podGpu;
  return <i32>(100.0 * (1.0 - dot / 2.0));
}

export function bestFitScore(pool: Pool, node: i32, cpu: i32, gpuTotal: i32): i32 {
  const cpuLeft = <f64>(unchecked(pool.nodeCpuFree[node]) - cpu);
  const gpuLeft = <f64>(gpuFreeTotal(pool, node) - gpuTotal);
  return <i32>(100.0 * (1.0 - ((0.5 * cpuLeft) / 128000.0 + (0.5 * gpuLeft) / 8000.0)));
}

/** tag: 0 share-gpu, k = k-gpu; -1 for CPU-only pods (score 0 everywhere). */
export function clusteringScore(pool: Pool, node: i32, tag: i32): i32 {
  if (tag < 0) return 0;
  // 8000 even for small nodes: the artifact normalises by the largest node.
  const base = (25 * (8000 - gpuFreeTotal(pool, node))) / 8000;
  const tagBase = node * TAG_SLOTS;
  let distinct: i32 = 0;
  for (let t = 0; t < TAG_SLOTS; t++) if (unchecked(pool.nodeTags[tagBase + t]) > 0) distinct++;
  const hasOwn = unchecked(pool.nodeTags[tagBase + tag]) > 0;
  if (hasOwn) return base + (distinct == 1 ? 75 : 50);
  return base + (distinct == 0 ? 25 : 0);
}

export function packingScore(pool: Pool, node: i32, numGpu: i32, milli: i32): i32 {
  if (milli == 0) return 0;
  const base = node * MAX_GPUS_PER_NODE;
  const gpus = unchecked(pool.nodeGpuCount[node]);
  let allFree = true;
  for (let j = 0; j < gpus; j++) if (unchecked(pool.gpuRemaining[base + j]) != 1000) allFree = false;
  if (allFree) return max(33 - gpus, gpus);
  // Remaining values in ascending order (insertion sort keeps equal values stable).
  const sorted = pool.sortScratch;
  for (let j = 0; j < gpus; j++) {
    const r = unchecked(pool.gpuRemaining[base + j]);
    let k = j;
    while (k > 0 && unchecked(sorted[k - 1]) > r) {
      unchecked((sorted[k] = sorted[k - 1]));
      k--;
    }
    unchecked((sorted[k] = r));
  }
  let picked: i32 = 0;
  let freePicked: i32 = 0;
  let tenths: i32 = 0;
  for (let j = 0; j < gpus && picked < numGpu; j++) {
    const r = unchecked(sorted[j]);
    if (r < milli) continue;
    picked++;
    if (r == 1000) freePicked++;
    tenths += r / 10;
  }
  if (freePicked > 0) return max(50 - freePicked, 33);
  return max(100 - tenths / 10, 50);
}

function sigmoidScore(fragmentDrop: f64): i32 {
  return <i32>(100.0 * (1.0 / (1.0 + Math.exp(-(fragmentDrop / 1000.0)))));
}

/**
 * FGD: how much the node's fragment would fall if the pod went there, squashed to 0..100.
 * For a sharing pod every GPU that fits is tried; equal remaining values give equal scores,
 * so only the first GPU of each value is measured (lowest index wins ties anyway).
 */
export function fgdScore(pool: Pool, node: i32, cpu: i32, numGpu: i32, milli: i32, detail: bool = false): i32 {
  const before = unchecked(pool.nodeFragment[node]);
  const cpuAfter = unchecked(pool.nodeCpuFree[node]) - cpu;
  const base = node * MAX_GPUS_PER_NODE;
  const gpus = unchecked(pool.nodeGpuCount[node]);
  const remaining = pool.gpuRemaining;
  // With `detail`, F after and the score per candidate GPU go to pool.fgdDetail (NaN = not tried).
  const detailOut = pool.fgdDetail;
  if (detail) for (let j = 0; j < 2 * MAX_GPUS_PER_NODE; j++) unchecked((detailOut[j] = NaN));

  if (numGpu == 1 && milli < 1000 && milli > 0) {
    let best: i32 = -1;
    let bestGpu: i32 = -1;
    for (let j = 0; j < gpus; j++) {
      const r = unchecked(remaining[base + j]);
      if (r < milli) continue;
      let seen = false;
      for (let k = 0; k < j; k++) {
        if (unchecked(remaining[base + k]) == r) {
          seen = true;
          break;
        }
      }
      if (seen && !detail) continue;
      unchecked((remaining[base + j] = r - milli));
      const after = nodeFragment(pool, node, cpuAfter, false);
      unchecked((remaining[base + j] = r));
      const score = sigmoidScore(before - after);
      if (detail) {
        unchecked((detailOut[j] = after));
        unchecked((detailOut[MAX_GPUS_PER_NODE + j] = <f64>score));
      }
      if (score > best) {
        best = score;
        bestGpu = j;
      }
    }
    return packScore(best, bestGpu);
  }

  // Whole-GPU or CPU-only pod: the lowest-indexed fully free GPUs, undone after measuring.
  let takenMask: i32 = 0;
  if (milli > 0) {
    let taken: i32 = 0;
    for (let j = 0; j < gpus && taken < numGpu; j++) {
      if (unchecked(remaining[base + j]) == 1000) {
        unchecked((remaining[base + j] = 1000 - milli));
        takenMask |= 1 << j;
        taken++;
      }
    }
  }
  const after = nodeFragment(pool, node, cpuAfter, false);
  for (let j = 0; j < gpus; j++) {
    if ((takenMask & (1 << j)) != 0) unchecked((remaining[base + j] = 1000));
  }
  const score = sigmoidScore(before - after);
  if (detail) {
    // One placement for the whole node: reported in the first slot.
    unchecked((detailOut[0] = after));
    unchecked((detailOut[MAX_GPUS_PER_NODE] = <f64>score));
  }
  return packScore(score, 15);
}

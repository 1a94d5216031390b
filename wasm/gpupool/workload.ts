// Building a run from the host's input block: the cluster, the pods, the typical workload,
// then the seeded steps of specs/fgd.md §3 in their exact draw order:
// (synthetic draws,) discard 1, shuffle, tune, discard 10, node permutation.
import { Pool } from './pool';
import { nodeFragment } from './fragment';
import { refreshGpuStats } from './gpuStats';
import { rngSeed, rngNext63, rngShuffle, rngIntn, rngPerm } from '../lib/rng';
import { EventHeap } from '../lib/eventHeap';

// Input block layout (i32 words, written by src/kernels/gpupool/input.ts): constants.ts.
import {
  MAX_GPUS_PER_NODE, HEADER_WORDS, NODE_WORDS, POD_WORDS, TYPICAL_WORDS, FLAG_SYNTHETIC, INIT_OK, INIT_WORKLOAD_TOO_LARGE,
  HDR_NODES, HDR_ROWS, HDR_TYPICAL, HDR_SHAPES, HDR_FLAGS, HDR_PODS,
} from './constants';

/** Upper bound on the tuned list, so a pathological trace fails clearly instead of hanging. */
const MAX_WORKLOAD: i32 = 20_000_000;

export function readHeader(input: usize, word: i32): i32 {
  return load<i32>(input + (<usize>word << 2));
}

/**
 * Pod rows are copied from the input; for the synthetic workload the rows are shapes with
 * a count each, and `originalCount` pods are drawn from them with the run's generator.
 */
export function loadPods(pool: Pool, input: usize, rows: i32, synthetic: bool): void {
  const podsAt = input + (<usize>(HEADER_WORDS + pool.nodeCount * NODE_WORDS) << 2);
  if (!synthetic) {
    for (let i = 0; i < rows; i++) copyPodRow(pool, i, podsAt, i);
    return;
  }
  const countsAt = podsAt + (<usize>(rows * POD_WORDS) << 2);
  let total: i32 = 0;
  for (let r = 0; r < rows; r++) total += load<i32>(countsAt + (<usize>r << 2));
  for (let i = 0; i < pool.originalCount; i++) {
    let ticket = rngIntn(pool.rng, total);
    let row: i32 = 0;
    while (ticket >= load<i32>(countsAt + (<usize>row << 2))) {
      ticket -= load<i32>(countsAt + (<usize>row << 2));
      row++;
    }
    copyPodRow(pool, i, podsAt, row);
  }
}

function copyPodRow(pool: Pool, pod: i32, podsAt: usize, row: i32): void {
  const at = podsAt + (<usize>(row * POD_WORDS) << 2);
  unchecked((pool.podCpu[pod] = load<i32>(at)));
  unchecked((pool.podMem[pod] = load<i32>(at, 4)));
  unchecked((pool.podNumGpu[pod] = load<i32>(at, 8)));
  unchecked((pool.podMilli[pod] = load<i32>(at, 12)));
  unchecked((pool.podSpecMask[pod] = load<i32>(at, 16)));
  unchecked((pool.podShape[pod] = load<i32>(at, 20)));
  unchecked((pool.podPriority[pod] = load<i32>(at, 24)));
  unchecked((pool.podGang[pod] = load<i32>(at, 28)));
  unchecked((pool.podFlags[pod] = load<i32>(at, 32)));
  unchecked((pool.podCreated[pod] = load<i32>(at, 36)));
  unchecked((pool.podDeleted[pod] = load<i32>(at, 40)));
}

export function loadNodes(pool: Pool, input: usize): void {
  const at = input + (<usize>HEADER_WORDS << 2);
  let gpus: i32 = 0;
  for (let n = 0; n < pool.nodeCount; n++) {
    const row = at + (<usize>(n * NODE_WORDS) << 2);
    const g = min(load<i32>(row, 8), MAX_GPUS_PER_NODE);
    unchecked((pool.nodeCpuCapacity[n] = load<i32>(row)));
    unchecked((pool.nodeMemCapacity[n] = load<i32>(row, 4)));
    unchecked((pool.nodeGpuCount[n] = g));
    unchecked((pool.nodeModel[n] = load<i32>(row, 12)));
    unchecked((pool.nodeRdma[n] = load<i32>(row, 16)));
    unchecked((pool.nodeNuma[n] = max(1, load<i32>(row, 20))));
    unchecked((pool.nodeTaints[n] = load<i32>(row, 24)));
    gpus += g;
  }
  pool.totalGpus = gpus;
}

export function loadTypical(pool: Pool, input: usize, podRowWords: i32): void {
  const at = input + (<usize>(HEADER_WORDS + pool.nodeCount * NODE_WORDS + podRowWords) << 2);
  for (let p = 0; p < pool.typicalCount; p++) {
    const row = at + (<usize>(p * TYPICAL_WORDS) << 2);
    unchecked((pool.typicalCpu[p] = load<i32>(row)));
    unchecked((pool.typicalMilli[p] = load<i32>(row, 4)));
    unchecked((pool.typicalNum[p] = load<i32>(row, 8)));
    unchecked((pool.typicalMask[p] = load<i32>(row, 12)));
  }
  // Weights follow as f64, 8-byte aligned.
  let weightsAt = at + (<usize>(pool.typicalCount * TYPICAL_WORDS) << 2);
  weightsAt = (weightsAt + 7) & ~(<usize>7);
  for (let p = 0; p < pool.typicalCount; p++) {
    unchecked((pool.typicalWeight[p] = load<f64>(weightsAt + (<usize>p << 3))));
  }
}

function podTotal(pool: Pool, pod: i32): i64 {
  const milli = unchecked(pool.podMilli[pod]);
  return milli == 0 ? 0 : <i64>unchecked(pool.podNumGpu[pod]) * <i64>milli;
}

/**
 * Tunes the shuffled list towards `tune` x cluster GPU capacity (spec §3 step 5) and
 * allocates the final workload. Below target: append copies drawn from the name-sorted
 * originals (stop test on the per-GPU milli). Above target: remove random pods.
 */
export function tuneWorkload(pool: Pool, shuffled: StaticArray<i32>, tune: f64): i32 {
  const n = pool.originalCount;
  const target = tune * <f64>pool.totalGpus * 1000.0;
  let sum: i64 = 0;
  let anyGpu = false;
  for (let i = 0; i < n; i++) {
    sum += podTotal(pool, i);
    if (unchecked(pool.podMilli[i]) > 0) anyGpu = true;
  }

  // tune <= 0: the trace as it is (hand-made scenarios), only shuffled.
  if (tune <= 0) {
    pool.allocateWorkload(n);
    memory.copy(changetype<usize>(pool.list), changetype<usize>(shuffled), <usize>n << 2);
    return INIT_OK;
  }
  if (<f64>sum < target && anyGpu) {
    // Dry run on a copy of the generator to size the list, then the real run.
    const saved = new StaticArray<i64>(610);
    memory.copy(changetype<usize>(saved), changetype<usize>(pool.rng), 610 * 8);
    let appended: i32 = 0;
    let s = sum;
    while (true) {
      const pick = rngIntn(pool.rng, n);
      const milli = unchecked(pool.podMilli[pick]);
      if (<f64>(s + <i64>milli) > target) break;
      appended++;
      if (n + appended > MAX_WORKLOAD) return INIT_WORKLOAD_TOO_LARGE;
      s += podTotal(pool, pick);
    }
    memory.copy(changetype<usize>(pool.rng), changetype<usize>(saved), 610 * 8);
    pool.allocateWorkload(n + appended);
    memory.copy(changetype<usize>(pool.list), changetype<usize>(shuffled), <usize>n << 2);
    let length = n;
    while (true) {
      const pick = rngIntn(pool.rng, n);
      const milli = unchecked(pool.podMilli[pick]);
      if (<f64>(sum + <i64>milli) > target) break;
      unchecked((pool.list[length] = pick));
      length++;
      sum += podTotal(pool, pick);
    }
    return INIT_OK;
  }

  let length = n;
  while (<f64>sum > target && length > 0) {
    const at = rngIntn(pool.rng, length);
    sum -= podTotal(pool, unchecked(shuffled[at]));
    memory.copy(
      changetype<usize>(shuffled) + (<usize>at << 2),
      changetype<usize>(shuffled) + (<usize>(at + 1) << 2),
      <usize>(length - at - 1) << 2,
    );
    length--;
  }
  pool.allocateWorkload(length);
  memory.copy(changetype<usize>(pool.list), changetype<usize>(shuffled), <usize>length << 2);
  return INIT_OK;
}

/**
 * A job submits its gang (PodGroup) at once: members are moved, in list order, to where the
 * gang's first member stands. Makes no draw, so it changes nothing for traces without gangs.
 */
function gatherGangs(pool: Pool): void {
  const length = pool.listLength;
  let anyGang = false;
  for (let i = 0; i < length && !anyGang; i++) if (unchecked(pool.podGang[pool.list[i]]) >= 0) anyGang = true;
  if (!anyGang) return;
  const gathered = new StaticArray<i32>(length);
  const taken = new StaticArray<u8>(length);
  let out: i32 = 0;
  for (let i = 0; i < length; i++) {
    if (unchecked(taken[i]) != 0) continue;
    const gang = unchecked(pool.podGang[pool.list[i]]);
    if (gang < 0) {
      unchecked((gathered[out++] = pool.list[i]));
      continue;
    }
    for (let j = i; j < length; j++) {
      if (unchecked(taken[j]) == 0 && unchecked(pool.podGang[pool.list[j]]) == gang) {
        unchecked((gathered[out++] = pool.list[j]));
        unchecked((taken[j] = 1));
      }
    }
  }
  memory.copy(changetype<usize>(pool.list), changetype<usize>(gathered), <usize>length << 2);
}

/**
 * Time-aware mode: the trace as it is (no shuffle, no tuning), in order of creation time
 * (ties in name order), with room for every pod's departure in the event heap.
 */
function arriveByCreationTime(pool: Pool): void {
  const n = pool.originalCount;
  const arrivals = new EventHeap(max(1, n));
  for (let i = 0; i < n; i++) arrivals.push(<i64>max(0, unchecked(pool.podCreated[i])), i);
  pool.allocateWorkload(n);
  for (let i = 0; i < n; i++) unchecked((pool.list[i] = arrivals.pop()));
  pool.departures = new EventHeap(max(1, n));
}

export function buildRun(pool: Pool, input: usize, seed: i64, rngKind: i32, tune: f64): i32 {
  const flags = readHeader(input, HDR_FLAGS);
  const synthetic = (flags & FLAG_SYNTHETIC) != 0;
  const rows = readHeader(input, HDR_ROWS);
  loadNodes(pool, input);
  rngSeed(pool.rng, rngKind, seed);
  loadPods(pool, input, rows, synthetic);
  loadTypical(pool, input, rows * POD_WORDS + (synthetic ? rows : 0));

  rngNext63(pool.rng);
  if (pool.timeAware) {
    arriveByCreationTime(pool);
  } else {
    const shuffled = new StaticArray<i32>(pool.originalCount);
    for (let i = 0; i < pool.originalCount; i++) unchecked((shuffled[i] = i));
    rngShuffle(pool.rng, shuffled, pool.originalCount);
    const tuned = tuneWorkload(pool, shuffled, tune);
    if (tuned != INIT_OK) return tuned;
  }
  gatherGangs(pool);
  for (let i = 0; i < 10; i++) rngNext63(pool.rng);
  rngPerm(pool.rng, pool.nodePriority, pool.nodeCount);

  for (let n = 0; n < pool.nodeCount; n++) {
    unchecked((pool.nodeCpuFree[n] = pool.nodeCpuCapacity[n]));
    unchecked((pool.nodeMemFree[n] = pool.nodeMemCapacity[n]));
    const base = n * MAX_GPUS_PER_NODE;
    const gpus = unchecked(pool.nodeGpuCount[n]);
    for (let j = 0; j < gpus; j++) unchecked((pool.gpuRemaining[base + j] = 1000));
  }
  for (let n = 0; n < pool.nodeCount; n++) {
    refreshGpuStats(pool, n);
    unchecked((pool.nodeFragment[n] = nodeFragment(pool, n, unchecked(pool.nodeCpuFree[n]), false)));
  }
  return INIT_OK;
}

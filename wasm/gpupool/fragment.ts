// Fragment amount of one node with respect to the typical workload (specs/fgd.md §6.1).
// Evaluated against the node's arrays as they are right now, with the CPU free passed in,
// so that FGD can try a placement by editing one GPU slot, measuring, and undoing it.
import { Pool } from './pool';
import { MAX_GPUS_PER_NODE, CAT_Q1, CAT_Q2, CAT_Q3, CAT_Q4, CAT_XL, CAT_XR, CAT_NO_ACCESS } from './constants';

/**
 * Returns F(node) = q1 + q2 + q4 + xl + xr + no_access (milli-GPU). Categories are
 * accumulated in typical-pod order and summed in this exact order, because FGD's integer
 * scores make ties common and a different float order would break ties differently.
 * When `writeCategories` is set, the seven sums are left in `pool.categories`.
 */
export function nodeFragment(pool: Pool, node: i32, cpuFree: i32, writeCategories: bool): f64 {
  const gpus = unchecked(pool.nodeGpuCount[node]);
  const base = node * MAX_GPUS_PER_NODE;
  const remaining = pool.gpuRemaining;
  let idle: i32 = 0;
  for (let j = 0; j < gpus; j++) idle += unchecked(remaining[base + j]);

  let q1: f64 = 0, q2: f64 = 0, q3: f64 = 0, q4: f64 = 0, xl: f64 = 0, xr: f64 = 0, noAccess: f64 = 0;
  if (idle > 0) {
    const idleF = <f64>idle;
    const modelBit = 1 << unchecked(pool.nodeModel[node]);
    const count = pool.typicalCount;
    const tCpu = pool.typicalCpu;
    const tMilli = pool.typicalMilli;
    const tNum = pool.typicalNum;
    const tMask = pool.typicalMask;
    const tWeight = pool.typicalWeight;
    for (let p = 0; p < count; p++) {
      const weight = unchecked(tWeight[p]);
      const milli = unchecked(tMilli[p]);
      const cpuFits = cpuFree >= unchecked(tCpu[p]);
      if (milli == 0) {
        // Idle GPUs can never serve a CPU-only task: all of it is fragment for this shape.
        if (cpuFits) xl += weight * idleF;
        else xr += weight * idleF;
        continue;
      }
      const mask = unchecked(tMask[p]);
      if (mask != 0 && (mask & modelBit) == 0) {
        noAccess += weight * idleF;
        continue;
      }
      let fitting: i32 = 0;
      let unusable: i32 = 0;
      for (let j = 0; j < gpus; j++) {
        const r = unchecked(remaining[base + j]);
        if (r >= milli) fitting++;
        else unusable += r;
      }
      const gpuFits = fitting >= unchecked(tNum[p]);
      if (gpuFits && cpuFits) {
        q2 += weight * <f64>unusable;
        q3 += weight * <f64>(idle - unusable);
      } else if (gpuFits) {
        q4 += weight * idleF;
      } else if (cpuFits) {
        q2 += weight * idleF;
      } else {
        q1 += weight * idleF;
      }
    }
  }
  if (writeCategories) {
    const out = pool.categories;
    unchecked((out[CAT_Q1] = q1));
    unchecked((out[CAT_Q2] = q2));
    unchecked((out[CAT_Q3] = q3));
    unchecked((out[CAT_Q4] = q4));
    unchecked((out[CAT_XL] = xl));
    unchecked((out[CAT_XR] = xr));
    unchecked((out[CAT_NO_ACCESS] = noAccess));
  }
  return q1 + q2 + q4 + xl + xr + noAccess;
}

/** Cluster fragment: node fragments summed in node order (spec §6.1). */
export function clusterFragment(pool: Pool): f64 {
  const fragments = pool.nodeFragment;
  const n = pool.nodeCount;
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) sum += unchecked(fragments[i]);
  return sum;
}

// "Why this node": for the next pod, every feasible node's score under every policy, and
// for FGD the fragment before and after per candidate GPU. Reads state, changes nothing
// (scores that try a placement undo it; the FGD cache is bypassed; Random draws nothing).
import { Pool } from './pool';
import { MAX_GPUS_PER_NODE, POLICY_COUNT, POLICY_RANDOM } from './constants';
import { isFeasible, scoreNode } from './schedule';
import { fgdScore, scoreOf, gpuOf } from './scores';

/** f64 per row: node, priority key, 6 scores, FGD GPU, F before, 8 x F after, 8 x FGD score. */
export const EXPLAIN_ROW: i32 = 2 + POLICY_COUNT + 2 + 2 * MAX_GPUS_PER_NODE;

/** Fills `pool.explain` with one row per feasible node; returns the number of rows. */
export function explainNext(pool: Pool): i32 {
  if (pool.cursor >= pool.listLength) return 0;
  const pod = unchecked(pool.list[pool.cursor]);
  const cpu = unchecked(pool.podCpu[pod]);
  const numGpu = unchecked(pool.podNumGpu[pod]);
  const milli = unchecked(pool.podMilli[pod]);
  const out = pool.explain;
  let rows: i32 = 0;
  for (let n = 0; n < pool.nodeCount; n++) {
    if (!isFeasible(pool, n, pod, cpu, unchecked(pool.podMem[pod]), numGpu, milli, unchecked(pool.podSpecMask[pod]))) continue;
    const at = rows * EXPLAIN_ROW;
    out[at] = <f64>n;
    out[at + 1] = <f64>unchecked(pool.nodePriority[n]);
    for (let p = 0; p < POLICY_COUNT; p++) {
      out[at + 2 + p] = p == POLICY_RANDOM ? -1 : <f64>scoreOf(scoreNode(pool, n, pod, p, false));
    }
    const fgd = fgdScore(pool, n, cpu, numGpu, milli, true);
    out[at + 2 + POLICY_COUNT] = <f64>gpuOf(fgd);
    out[at + 3 + POLICY_COUNT] = unchecked(pool.nodeFragment[n]);
    const detail = pool.fgdDetail;
    for (let j = 0; j < 2 * MAX_GPUS_PER_NODE; j++) out[at + 4 + POLICY_COUNT + j] = unchecked(detail[j]);
    rows++;
  }
  return rows;
}

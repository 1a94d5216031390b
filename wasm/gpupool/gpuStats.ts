// Per-node GPU aggregates (free milli, fully free GPUs, largest remaining), refreshed whenever
// a node's GPUs change, so that the filter and the scores do not walk 8 GPU slots per node
// per pod. The values are exactly what a walk would give: they only save the walk.
import { Pool } from './pool';
import { MAX_GPUS_PER_NODE } from './constants';

export function refreshGpuStats(pool: Pool, node: i32): void {
  const gpus = unchecked(pool.nodeGpuCount[node]);
  const base = node * MAX_GPUS_PER_NODE;
  let free: i32 = 0;
  let full: i32 = 0;
  let largest: i32 = 0;
  for (let j = 0; j < gpus; j++) {
    const r = unchecked(pool.gpuRemaining[base + j]);
    free += r;
    if (r == 1000) full++;
    if (r > largest) largest = r;
  }
  unchecked((pool.nodeGpuFree[node] = free));
  unchecked((pool.nodeFullGpus[node] = full));
  unchecked((pool.nodeMaxRemaining[node] = largest));
}

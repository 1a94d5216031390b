// The typical target workload ("pod popularity", specs/fgd.md §6.2): the most common pod
// shapes of the original trace covering 95 % of its pods, with renormalised weights.
import type { PodRow, TypicalPod } from './types';

export const TYPICAL_COVERAGE = 0.95;

export function typicalPods(pods: readonly PodRow[]): TypicalPod[] {
  const byKey = new Map<string, TypicalPod>();
  for (const pod of pods) {
    const key = `${pod.cpu}|${pod.gpuMilli}|${pod.numGpu}|${pod.gpuSpec}`;
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else byKey.set(key, { cpu: pod.cpu, gpuMilli: pod.gpuMilli, numGpu: pod.numGpu, gpuSpec: pod.gpuSpec, count: 1, weight: 0 });
  }
  // Count descending; ties by cpu, milli, GPU count, then spec, all descending.
  const keys = [...byKey.values()].sort((a, b) =>
    b.count - a.count || b.cpu - a.cpu || b.gpuMilli - a.gpuMilli || b.numGpu - a.numGpu ||
    (a.gpuSpec < b.gpuSpec ? 1 : a.gpuSpec > b.gpuSpec ? -1 : 0));
  const kept: TypicalPod[] = [];
  let covered = 0;
  for (const key of keys) {
    kept.push(key);
    covered += key.count;
    if (covered >= TYPICAL_COVERAGE * pods.length) break;
  }
  for (const key of kept) key.weight = key.count / covered;
  return kept;
}

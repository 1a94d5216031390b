// A plain JavaScript FGD, written the straightforward way (objects per node, every feasible
// node and GPU re-measured for every pod, no caches), as the baseline the kernel is compared
// with in the same process. It takes the kernel's tuned pod order and node priority keys so
// both schedule the same workload; its failed-pod count must equal the kernel's.
import type { Workload } from '../src/kernels/gpupool/workload';
import { specMask, modelTable } from '../src/kernels/gpupool/input';

interface PlainNode { cpuFree: number; memFree: number; gpus: number[]; model: number; priority: number }
interface PlainPod { cpu: number; mem: number; numGpu: number; milli: number; mask: number }

export function plainFgd(workload: Workload, order: ArrayLike<number>, priority: ArrayLike<number>, pods: PlainPod[]): number {
  const models = modelTable(workload);
  const nodes: PlainNode[] = workload.nodes.map((n, i) => ({
    cpuFree: n.cpu, memFree: n.memory, gpus: new Array(n.gpus).fill(1000),
    model: n.model === '' ? 30 : models.indexOf(n.model), priority: priority[i],
  }));
  const typical = workload.typical.map((t) => ({ ...t, mask: specMask(t.gpuSpec, models) }));
  const fragment = (node: PlainNode, cpuFree: number, gpus: number[]): number => {
    const idle = gpus.reduce((a, b) => a + b, 0);
    const sums = { q1: 0, q2: 0, q4: 0, xl: 0, xr: 0, na: 0 };
    if (idle === 0) return 0;
    for (const t of typical) {
      const cpuFits = cpuFree >= t.cpu;
      if (t.gpuMilli === 0) { if (cpuFits) sums.xl += t.weight * idle; else sums.xr += t.weight * idle; continue; }
      if (t.mask !== 0 && (t.mask & (1 << node.model)) === 0) { sums.na += t.weight * idle; continue; }
      const fitting = gpus.filter((g) => g >= t.gpuMilli).length;
      const unusable = gpus.filter((g) => g < t.gpuMilli).reduce((a, b) => a + b, 0);
      const gpuFits = fitting >= t.numGpu;
      if (gpuFits && cpuFits) sums.q2 += t.weight * unusable;
      else if (gpuFits) sums.q4 += t.weight * idle;
      else if (cpuFits) sums.q2 += t.weight * idle;
      else sums.q1 += t.weight * idle;
    }
    return sums.q1 + sums.q2 + sums.q4 + sums.xl + sums.xr + sums.na;
  };
  const score = (before: number, after: number) => Math.trunc(100 * (1 / (1 + Math.exp(-((before - after) / 1000)))));
  let failed = 0;
  for (let s = 0; s < order.length; s++) {
    const pod = pods[order[s]];
    const sharing = pod.numGpu === 1 && pod.milli > 0 && pod.milli < 1000;
    const feasible = nodes.filter((n) => n.cpuFree >= pod.cpu && n.memFree >= pod.mem && (pod.milli === 0 || (
      n.gpus.length > 0 && (pod.mask === 0 || (pod.mask & (1 << n.model)) !== 0) &&
      (sharing ? n.gpus.some((g) => g >= pod.milli) : n.gpus.filter((g) => g === 1000).length >= pod.numGpu))));
    if (feasible.length === 0) { failed++; continue; }
    let best: { node: PlainNode; score: number; gpu: number } | null = null;
    for (const node of feasible) {
      const before = fragment(node, node.cpuFree, node.gpus);
      let candidate = { node, score: -1, gpu: -1 };
      if (sharing) {
        node.gpus.forEach((g, j) => {
          if (g < pod.milli) return;
          const after = [...node.gpus];
          after[j] -= pod.milli;
          const sc = score(before, fragment(node, node.cpuFree - pod.cpu, after));
          if (sc > candidate.score) candidate = { node, score: sc, gpu: j };
        });
      } else {
        const after = [...node.gpus];
        let taken = 0;
        for (let j = 0; j < after.length && taken < pod.numGpu && pod.milli > 0; j++) if (after[j] === 1000) { after[j] -= pod.milli; taken++; }
        candidate.score = score(before, fragment(node, node.cpuFree - pod.cpu, after));
      }
      if (!best || candidate.score > best.score || (candidate.score === best.score && node.priority < best.node.priority)) best = candidate;
    }
    const node = best!.node;
    node.cpuFree -= pod.cpu;
    node.memFree -= pod.mem;
    if (sharing) node.gpus[best!.gpu] -= pod.milli;
    else { let taken = 0; for (let j = 0; j < node.gpus.length && taken < pod.numGpu && pod.milli > 0; j++) if (node.gpus[j] === 1000) { node.gpus[j] -= pod.milli; taken++; } }
  }
  return failed;
}

// "Why this node": decodes the kernel's explanation rows into a table of feasible nodes x
// policies, with each policy's winner and whether the seeded tie-break decided it.
import { POLICIES, type Policy, type NodeId, type MilliGpu, type PodStep } from './types';
import type { GpuPoolKernel } from './kernel';
import { podName } from './workload';

export interface FgdCandidate {
  /** GPU index, or null when the pod takes whole GPUs (one placement for the node). */
  gpu: number | null;
  fragmentAfter: MilliGpu;
  score: number;
}

export interface NodeExplanation {
  node: NodeId;
  name: string;
  priorityKey: number;
  /** Integer score 0..100 per policy; null for Random (it draws, it does not score). */
  scores: Record<Policy, number | null>;
  fgd: { gpu: number | null; fragmentBefore: MilliGpu; candidates: FgdCandidate[] };
}

export interface PolicyVerdict {
  node: NodeId;
  score: number;
  /** How many nodes shared the top score; more than one means the priority key decided. */
  tiedAtTop: number;
}

export interface Explanation {
  step: PodStep;
  pod: { name: string; cpu: number; numGpu: number; gpuMilli: number };
  rows: NodeExplanation[];
  winners: Record<Policy, PolicyVerdict | null>;
}

export function explainNextPod(kernel: GpuPoolKernel): Explanation | null {
  const next = kernel.nextPod();
  if (!next) return null;
  const { rows: raw, rowLength, count } = kernel.explainRows();
  const rows: NodeExplanation[] = [];
  for (let r = 0; r < count; r++) {
    const at = r * rowLength;
    const node = raw[at];
    const scores = {} as Record<Policy, number | null>;
    POLICIES.forEach((p, i) => (scores[p] = raw[at + 2 + i] < 0 ? null : raw[at + 2 + i]));
    const gpu = raw[at + 2 + POLICIES.length];
    const candidates: FgdCandidate[] = [];
    const sharing = next.numGpu === 1 && next.gpuMilli > 0 && next.gpuMilli < 1000;
    for (let j = 0; j < 8; j++) {
      const after = raw[at + 4 + POLICIES.length + j];
      if (Number.isNaN(after)) continue;
      candidates.push({ gpu: sharing ? j : null, fragmentAfter: after, score: raw[at + 12 + POLICIES.length + j] });
    }
    rows.push({
      node,
      name: kernel.workload.nodes[node].name,
      priorityKey: raw[at + 1],
      scores,
      fgd: { gpu: gpu < 0 ? null : gpu, fragmentBefore: raw[at + 3 + POLICIES.length], candidates },
    });
  }
  const winners = {} as Record<Policy, PolicyVerdict | null>;
  for (const policy of POLICIES) {
    let best: NodeExplanation | null = null;
    let tied = 0;
    for (const row of rows) {
      const score = row.scores[policy];
      if (score === null) continue;
      const top = best?.scores[policy] ?? -1;
      if (score > top) {
        best = row;
        tied = 1;
      } else if (score === top) {
        tied++;
        if (row.priorityKey < best!.priorityKey) best = row;
      }
    }
    // A single feasible node is taken without scoring; Random draws among the feasible.
    winners[policy] = best ? { node: best.node, score: best.scores[policy]!, tiedAtTop: tied } : null;
  }
  return {
    step: next.step,
    pod: { name: podName(kernel.workload, next.original), cpu: next.cpu, numGpu: next.numGpu, gpuMilli: next.gpuMilli },
    rows,
    winners,
  };
}

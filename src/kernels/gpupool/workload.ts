// A workload ready for the kernel: cluster, pods (or the synthetic shape table), the typical
// workload, and the GPU-model ids that spec masks refer to.
import type { NodeRow, PodRow, TypicalPod, TraceFileRef } from './types';
import { byName, parseNodeCsv, parsePodCsv, TraceError } from './trace';
import { typicalPods } from './typical';
import { SYNTHETIC_LABEL, SYNTHETIC_POD_COUNT, syntheticNodes, syntheticShapes, syntheticTypical, type SyntheticShape } from './synthetic';

export interface Workload {
  label: string;
  source: 'synthetic' | 'trace';
  /** Nodes in name order. */
  nodes: NodeRow[];
  /** Trace pods in name order; empty for the synthetic workload. */
  pods: PodRow[];
  /** Shapes the synthetic workload is drawn from; empty for a trace. */
  shapes: SyntheticShape[];
  /** Pods before tuning (drawn pods for the synthetic workload). */
  podCount: number;
  typical: TypicalPod[];
  nodesRef: TraceFileRef | null;
  podsRef: TraceFileRef | null;
}

/**
 * The embedded default. `scale` (a whole number, 1 = the paper's 1213 nodes) multiplies the
 * cluster and the pod count alike, e.g. 17 gives 105,604 GPUs for big-cluster views.
 */
export function syntheticWorkload(scale = 1): Workload {
  if (!Number.isInteger(scale) || scale < 1 || scale > 64) throw new Error(`synthetic scale must be a whole number 1..64, not ${scale}`);
  return {
    label: scale === 1 ? SYNTHETIC_LABEL : `${SYNTHETIC_LABEL} x${scale}`,
    source: 'synthetic',
    nodes: syntheticNodes(scale),
    pods: [],
    shapes: syntheticShapes(),
    podCount: SYNTHETIC_POD_COUNT * scale,
    typical: syntheticTypical(),
    nodesRef: null,
    podsRef: null,
  };
}

export interface TraceText {
  name: string;
  text: string;
  ref: TraceFileRef;
}

export type ParseProgress = (phase: string, done: number, total: number) => void;

export function traceWorkload(nodesFile: TraceText, podsFile: TraceText, progress?: ParseProgress): Workload {
  const nodes = byName(parseNodeCsv(nodesFile.name, nodesFile.text, (d, t) => progress?.(`parsing ${nodesFile.name}`, d, t)));
  const pods = byName(parsePodCsv(podsFile.name, podsFile.text, (d, t) => progress?.(`parsing ${podsFile.name}`, d, t)));
  if (nodes.every((n) => n.gpus === 0)) {
    throw new TraceError(nodesFile.name, 2, 1, 'no node has a GPU: this does not look like an openb node list');
  }
  progress?.('building typical pods', 0, pods.length);
  const typical = typicalPods(pods);
  progress?.('building typical pods', pods.length, pods.length);
  return {
    label: podsFile.name.replace(/\.csv$/i, ''),
    source: 'trace',
    nodes,
    pods,
    shapes: [],
    podCount: pods.length,
    typical,
    nodesRef: nodesFile.ref,
    podsRef: podsFile.ref,
  };
}

/** The pod's name for the inspector: trace names, or a generated one for drawn pods. */
export function podName(workload: Workload, original: number): string {
  return workload.source === 'trace' ? workload.pods[original].name : `synth-pod-${String(original).padStart(5, '0')}`;
}

// The embedded default: an "openb-like (synthetic)" cluster and workload, so the app runs
// offline with no trace file. The cluster is the node-model table of specs/fgd.md §1
// (1213 nodes, 6212 GPUs); the workload is drawn in the kernel, with the run's seed, from
// the 35 typical pod shapes of openb `default` (§6.2), each with its trace count and the
// memory most pods of that shape ask for. These are facts read off the public trace.
import type { NodeRow, TypicalPod } from './types';

export const SYNTHETIC_LABEL = 'openb-like (synthetic)';
/** As many pods as openb default has before tuning. */
export const SYNTHETIC_POD_COUNT = 8152;

/** [model, GPUs per node, CPU milli, memory MiB, node count] (spec §1). */
const NODE_MODELS: [string, number, number, number, number][] = [
  ['G2', 8, 96000, 393216, 549],
  ['T4', 2, 104000, 524288, 387],
  ['T4', 4, 96000, 393216, 17],
  ['P100', 2, 16000, 122880, 107],
  ['P100', 2, 64000, 262144, 22],
  ['P100', 2, 8000, 61440, 2],
  ['P100', 1, 8000, 61440, 3],
  ['G3', 8, 128000, 786432, 39],
  ['V100M16', 4, 32000, 131072, 28],
  ['V100M16', 1, 8000, 32768, 19],
  ['V100M16', 8, 64000, 262144, 7],
  ['V100M16', 8, 82000, 344064, 1],
  ['V100M32', 8, 96000, 786432, 21],
  ['V100M32', 4, 48000, 376832, 9],
  ['A10', 1, 128000, 1048576, 2],
];

/** [cpu milli, per-GPU milli, GPUs, memory MiB, pods in openb default]. */
const DEFAULT_SHAPES: [number, number, number, number, number][] = [
  [3152, 810, 1, 5600, 1047], [11300, 1000, 1, 49152, 874], [11400, 1000, 1, 48128, 599],
  [3152, 1000, 1, 5600, 470], [11908, 470, 1, 47104, 388], [12500, 0, 0, 57344, 366],
  [8000, 470, 1, 30517, 360], [12000, 1000, 1, 24576, 326], [32000, 0, 0, 49152, 290],
  [18708, 1000, 1, 64512, 255], [11908, 650, 1, 47104, 237], [4000, 320, 1, 22888, 232],
  [9810, 1000, 1, 41560, 195], [8000, 0, 0, 30517, 185], [8000, 1000, 1, 16384, 164],
  [4000, 1000, 1, 24576, 159], [15700, 1000, 1, 58368, 158], [11908, 1000, 1, 47104, 153],
  [16000, 1000, 1, 32768, 150], [4000, 230, 1, 30517, 122], [15400, 0, 0, 51200, 120],
  [6000, 460, 1, 6144, 120], [16500, 0, 0, 51200, 95], [14200, 1000, 1, 58368, 93],
  [24200, 1000, 1, 93184, 84], [3152, 590, 1, 5600, 75], [8000, 320, 1, 30517, 72],
  [4152, 550, 1, 10600, 72], [11900, 1000, 1, 77824, 55], [4000, 160, 1, 15258, 54],
  [4152, 370, 1, 10600, 45], [4000, 220, 1, 15258, 43], [8200, 1000, 1, 33792, 41],
  [15200, 1000, 1, 80896, 36], [4152, 810, 1, 10600, 31],
];

/** The openb-like cluster; `scale` multiplies every node model's count (for big-cluster views). */
export function syntheticNodes(scale = 1): NodeRow[] {
  const nodes: NodeRow[] = [];
  for (const [model, gpus, cpu, memory, count] of NODE_MODELS) {
    for (let i = 0; i < count * scale; i++) {
      nodes.push({ name: `synth-node-${String(nodes.length).padStart(4, '0')}`, cpu, memory, gpus, model });
    }
  }
  return nodes;
}

export interface SyntheticShape {
  cpu: number;
  gpuMilli: number;
  numGpu: number;
  memory: number;
  count: number;
}

export function syntheticShapes(): SyntheticShape[] {
  return DEFAULT_SHAPES.map(([cpu, gpuMilli, numGpu, memory, count]) => ({ cpu, gpuMilli, numGpu, memory, count }));
}

/** The synthetic workload's popularity is its shape table, by construction. */
export function syntheticTypical(): TypicalPod[] {
  const total = DEFAULT_SHAPES.reduce((sum, s) => sum + s[4], 0);
  return DEFAULT_SHAPES.map(([cpu, gpuMilli, numGpu, , count]) => ({
    cpu, gpuMilli, numGpu, gpuSpec: '', count, weight: count / total,
  }));
}

// Instance buffers for the 3D cluster view, filled in the worker from the kernel's state and
// transferred whole: the main thread only swaps them in (no per-object setMatrixAt).
import type { ClusterLayout } from './layout';
import { LAYOUT } from './layout';
import { CATEGORY_FULL, MAX_GPUS_PER_NODE } from '../../../wasm/gpupool/constants';

/**
 * sRGB colour per view category: 0..6 fragment categories, 7 no idle GPU, 8 node down. Okabe and
 * Ito's colour-blind-safe set plus two greys, ordered so that the categories stay apart under
 * protanopia, deuteranopia and tritanopia too (src/ui/palette.test.ts measures it).
 */
export const CATEGORY_HEX = [
  '#d55e00', // q1 lack both: vermillion
  '#e69f00', // q2 lack GPU, the idle GPU split too finely for the typical pods: orange
  '#009e73', // q3 satisfied, idle GPU usable by typical pods: bluish green
  '#cc79a7', // q4 lack CPU: reddish purple
  '#56b4e9', // xl, idle GPU counted against CPU-only pods: sky blue
  '#0072b2', // xr: blue
  '#f0e442', // no access (model constraints): yellow
  '#e5e7eb', // full: light grey
  '#595959', // down: dark grey
] as const;

const linearOf = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** The same colours in linear RGB, as three's instance colours take them. */
export const CATEGORY_COLOURS: [number, number, number][] = CATEGORY_HEX.map((hex) => [
  linearOf(parseInt(hex.slice(1, 3), 16) / 255),
  linearOf(parseInt(hex.slice(3, 5), 16) / 255),
  linearOf(parseInt(hex.slice(5, 7), 16) / 255),
]);
export const CATEGORY_LABELS = ['lack CPU and GPU (q1)', 'GPU too fragmented (q2)', 'usable (q3)', 'lack CPU (q4)',
  'CPU-only share (xl)', 'CPU-only, lack CPU (xr)', 'model not accepted', 'no idle GPU', 'failed'];
/** The host's own view category after the kernel's (a failed node). */
export const CATEGORY_DOWN = CATEGORY_FULL + 1;
/** Height of an idle GPU's fill box: a sliver, so the box never degenerates. */
const IDLE_HEIGHT = Math.fround(0.001);

export interface ClusterStatic {
  nodeMatrices: Float32Array;
  shellMatrices: Float32Array;
}

export interface ClusterFrame {
  fillMatrices: Float32Array;
  fillColours: Float32Array;
  nodeColours: Float32Array;
  /** Category per node (for tooltips). */
  nodeCategory: Int32Array;
}

function writeMatrix(out: Float32Array, at: number, sx: number, sy: number, sz: number, tx: number, ty: number, tz: number): void {
  // Column-major, as three.js stores Matrix4.
  out[at] = sx; out[at + 1] = 0; out[at + 2] = 0; out[at + 3] = 0;
  out[at + 4] = 0; out[at + 5] = sy; out[at + 6] = 0; out[at + 7] = 0;
  out[at + 8] = 0; out[at + 9] = 0; out[at + 10] = sz; out[at + 11] = 0;
  out[at + 12] = tx; out[at + 13] = ty; out[at + 14] = tz; out[at + 15] = 1;
}

export function clusterStatic(layout: ClusterLayout): ClusterStatic {
  const nodeMatrices = new Float32Array(layout.nodes * 16);
  for (let n = 0; n < layout.nodes; n++) {
    const c = layout.nodeCentre;
    const s = layout.nodeSize;
    writeMatrix(nodeMatrices, n * 16, s[n * 3], s[n * 3 + 1], s[n * 3 + 2], c[n * 3], c[n * 3 + 1], c[n * 3 + 2]);
  }
  const shellMatrices = new Float32Array(layout.gpus * 16);
  const size = LAYOUT.gpuSize;
  for (let g = 0; g < layout.gpus; g++) {
    const c = layout.gpuCentre;
    writeMatrix(shellMatrices, g * 16, size, size, size * 0.6, c[g * 3], c[g * 3 + 1], c[g * 3 + 2]);
  }
  return { nodeMatrices, shellMatrices };
}

/**
 * One frame: each GPU's fill box grows with its allocated milli, coloured by its node's
 * category; node slabs take a darker shade of the same colour.
 */
export function clusterFrame(
  layout: ClusterLayout,
  view: { gpuRemaining: Int32Array; category: Int32Array },
  nodeDown: (node: number) => boolean,
): ClusterFrame {
  const fillMatrices = new Float32Array(layout.gpus * 16);
  const fillColours = new Float32Array(layout.gpus * 3);
  const nodeColours = new Float32Array(layout.nodes * 3);
  const nodeCategory = new Int32Array(layout.nodes);
  const size = LAYOUT.gpuSize * 1.02;
  for (let n = 0; n < layout.nodes; n++) {
    const category = nodeDown(n) ? CATEGORY_DOWN : view.category[n];
    nodeCategory[n] = category;
    const colour = CATEGORY_COLOURS[category];
    nodeColours[n * 3] = colour[0] * 0.45;
    nodeColours[n * 3 + 1] = colour[1] * 0.45;
    nodeColours[n * 3 + 2] = colour[2] * 0.45;
    const firstGpu = layout.nodeFirstGpu[n];
    const lastGpu = n + 1 < layout.nodes ? layout.nodeFirstGpu[n + 1] : layout.gpus;
    for (let g = firstGpu; g < lastGpu; g++) {
      const j = g - firstGpu;
      const fill = category === CATEGORY_DOWN ? 1 : (1000 - view.gpuRemaining[n * MAX_GPUS_PER_NODE + j]) / 1000;
      const height = Math.max(IDLE_HEIGHT, size * fill);
      const c = layout.gpuCentre;
      writeMatrix(fillMatrices, g * 16, size, height, size * 0.62, c[g * 3], c[g * 3 + 1] - size / 2 + height / 2, c[g * 3 + 2]);
      fillColours[g * 3] = colour[0];
      fillColours[g * 3 + 1] = colour[1];
      fillColours[g * 3 + 2] = colour[2];
    }
  }
  return { fillMatrices, fillColours, nodeColours, nodeCategory };
}

/**
 * The allocated milli-GPU a frame shows for one GPU, read back from its fill box's height: the
 * node list beside the 3D view shows the same numbers the boxes do, without another worker call.
 */
export function gpuUsedMilli(frame: ClusterFrame, gpu: number): number {
  const height = frame.fillMatrices[gpu * 16 + 5];
  const size = LAYOUT.gpuSize * 1.02;
  // An idle GPU's box keeps a sliver of height (0.001, stored as a float32).
  return height <= IDLE_HEIGHT ? 0 : Math.round((height / size) * 1000);
}

// Where every node and GPU of the cluster sits in the 3D view: racks of servers grouped by
// GPU model. Pure and deterministic; the worker uses it to fill instance buffers and the
// view uses it to map a picked server back to its node.
import type { NodeRow } from './types';

export const LAYOUT = {
  gpuPitch: 1.2,
  gpuSize: 1.0,
  serverHeight: 0.9,
  serverDepth: 3,
  serversPerRack: 16,
  rackGap: 2.5,
  racksPerRow: 20,
  rowGap: 10,
} as const;

export interface ClusterLayout {
  nodes: number;
  gpus: number;
  /** Server slab centre per node (x, y, z). */
  nodeCentre: Float32Array;
  /** Server slab size per node (x, y, z). */
  nodeSize: Float32Array;
  /** Centre of each GPU cube (x, y, z), GPUs in node order then index order. */
  gpuCentre: Float32Array;
  /** First GPU of each node in the GPU arrays. */
  nodeFirstGpu: Int32Array;
  /** Node of each GPU. */
  gpuNode: Int32Array;
  /** Model row labels: model name and the centre of its first rack. */
  rows: { model: string; x: number; y: number; z: number }[];
  /** Bounding box: min and max corners. */
  bounds: [number, number, number, number, number, number];
}

export function clusterLayout(nodes: readonly Pick<NodeRow, 'gpus' | 'model'>[]): ClusterLayout {
  const gpus = nodes.reduce((s, n) => s + n.gpus, 0);
  const out: ClusterLayout = {
    nodes: nodes.length,
    gpus,
    nodeCentre: new Float32Array(nodes.length * 3),
    nodeSize: new Float32Array(nodes.length * 3),
    gpuCentre: new Float32Array(gpus * 3),
    nodeFirstGpu: new Int32Array(nodes.length),
    gpuNode: new Int32Array(gpus),
    rows: [],
    bounds: [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity],
  };
  // Models with the most GPUs per node first, then by name: big 8-GPU racks at the back.
  const byModel = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const key = n.model || '(none)';
    const list = byModel.get(key);
    if (list) list.push(i);
    else byModel.set(key, [i]);
  });
  const maxGpus = (ids: number[]) => Math.max(...ids.map((i) => nodes[i].gpus));
  const models = [...byModel.keys()].sort((a, b) => maxGpus(byModel.get(b)!) - maxGpus(byModel.get(a)!) || (a < b ? -1 : 1));
  const rackWidth = 8 * LAYOUT.gpuPitch + LAYOUT.rackGap;
  let gpuAt = 0;
  let z = 0;
  const first = new Int32Array(nodes.length);
  for (let i = 0, g = 0; i < nodes.length; i++) {
    first[i] = g;
    g += nodes[i].gpus;
  }
  for (const model of models) {
    const ids = byModel.get(model)!;
    const racks = Math.ceil(ids.length / LAYOUT.serversPerRack);
    const rowsForModel = Math.ceil(racks / LAYOUT.racksPerRow);
    out.rows.push({ model, x: -LAYOUT.rackGap, y: 0, z });
    ids.forEach((node, k) => {
      const rack = Math.floor(k / LAYOUT.serversPerRack);
      const slot = k % LAYOUT.serversPerRack;
      const rowInModel = Math.floor(rack / LAYOUT.racksPerRow);
      const x0 = (rack % LAYOUT.racksPerRow) * rackWidth;
      const y = slot * LAYOUT.serverHeight * 1.25 + LAYOUT.serverHeight / 2;
      const zc = z + rowInModel * LAYOUT.rowGap;
      const width = Math.max(1, nodes[node].gpus) * LAYOUT.gpuPitch;
      out.nodeCentre.set([x0 + width / 2, y, zc], node * 3);
      out.nodeSize.set([width, LAYOUT.serverHeight, LAYOUT.serverDepth], node * 3);
      out.nodeFirstGpu[node] = first[node];
      for (let j = 0; j < nodes[node].gpus; j++) {
        const gpu = first[node] + j;
        // GPUs sit on the front face of the server, facing the camera.
        out.gpuCentre.set([x0 + (j + 0.5) * LAYOUT.gpuPitch, y, zc + LAYOUT.serverDepth / 2 + LAYOUT.gpuSize / 2], gpu * 3);
        out.gpuNode[gpu] = node;
        gpuAt++;
      }
      const b = out.bounds;
      b[0] = Math.min(b[0], x0); b[1] = Math.min(b[1], 0); b[2] = Math.min(b[2], zc - LAYOUT.serverDepth);
      b[3] = Math.max(b[3], x0 + width); b[4] = Math.max(b[4], y + LAYOUT.serverHeight); b[5] = Math.max(b[5], zc + LAYOUT.serverDepth + LAYOUT.gpuSize);
    });
    z += rowsForModel * LAYOUT.rowGap + LAYOUT.rowGap / 2;
  }
  if (gpuAt !== gpus) throw new Error('layout lost a GPU');
  return out;
}

// The LogIndex cluster in 3D: shared storage as a disc in the middle, the writer and the
// replicas as compute boxes on a ring around it, each tied to storage (every node reads and
// writes pages there) and the writer tied to each replica (the metadata it ships). Colours
// say a node's state and a link's faults. One instanced mesh for the nodes, one mesh for
// storage and one line set for the links: draw calls do not grow with the replicas.
// Main thread only; loaded behind import() with the tab's 3D pane.
import * as THREE from 'three/webgpu';
import type { NodeView } from '../../kernels/logindex/api';
import { SceneHost, type RendererPreference, type ViewStats } from '../sceneHost';

export type { RendererPreference, ViewStats };

export const NODE_COLOUR = { writer: 0x38bdf8, ready: 0xc084fc, catching: 0xf59e0b, down: 0x7f1d1d } as const;
export const LINK_COLOUR = { healthy: 0x334155, faulty: 0xfacc15, cut: 0xef4444 } as const;

/** Most compute nodes drawn: the first writer and 15 replicas. */
const MAX_NODES = 16;
const RING_RADIUS = 9;

export function nodeState(n: NodeView): keyof typeof NODE_COLOUR {
  if (!n.up) return 'down';
  if (n.writer) return 'writer';
  return n.ready ? 'ready' : 'catching';
}

/** Where node i of `count` sits on the ring (the first writer at the front). */
export function ringPosition(i: number, count: number): { x: number; z: number } {
  const angle = (i / Math.max(1, count)) * Math.PI * 2;
  return { x: Math.sin(angle) * RING_RADIUS, z: Math.cos(angle) * RING_RADIUS };
}

export class NodesScene {
  private readonly boxes: THREE.InstancedMesh;
  private readonly links: THREE.LineSegments;
  private readonly linkPositions: THREE.BufferAttribute;
  private readonly linkColours: THREE.BufferAttribute;
  private count = 0;
  private readonly colour = new THREE.Color();
  private readonly matrix = new THREE.Matrix4();

  private constructor(private readonly host: SceneHost) {
    const scene = host.scene;
    scene.add(new THREE.HemisphereLight(0xdbe7ff, 0x1b2433, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.3);
    sun.position.set(-0.4, 1, 0.8);
    scene.add(sun);
    const storage = new THREE.Mesh(new THREE.CylinderGeometry(3.2, 3.2, 1.2, 40), new THREE.MeshLambertMaterial({ color: 0x64748b }));
    storage.position.set(0, 0, 0);
    scene.add(storage);
    this.boxes = new THREE.InstancedMesh(new THREE.BoxGeometry(1.6, 2.2, 1.6), new THREE.MeshLambertMaterial({ color: 0xffffff }), MAX_NODES);
    this.boxes.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(MAX_NODES * 3), 3);
    this.boxes.frustumCulled = false;
    scene.add(this.boxes);
    // Two links per node: to storage, and (replicas) from the writer.
    const segments = MAX_NODES * 2;
    this.linkPositions = new THREE.BufferAttribute(new Float32Array(segments * 2 * 3), 3);
    this.linkColours = new THREE.BufferAttribute(new Float32Array(segments * 2 * 3), 3);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', this.linkPositions);
    geometry.setAttribute('color', this.linkColours);
    this.links = new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ vertexColors: true }));
    this.links.frustumCulled = false;
    scene.add(this.links);
    this.frameCamera();
  }

  static async create(element: HTMLElement, prefer: RendererPreference = 'auto'): Promise<NodesScene> {
    let view: NodesScene | null = null;
    const host = await SceneHost.create(element, prefer, {
      background: 0x0b1220,
      instances: () => view?.count ?? 0,
      frame: () => view?.frameCamera(),
    });
    view = new NodesScene(host);
    return view;
  }

  get backend(): 'webgpu' | 'webgl2' {
    return this.host.backend;
  }

  get canvas(): HTMLCanvasElement {
    return this.host.canvas;
  }

  onRendered(listener: (stats: ViewStats) => void): void {
    this.host.onRendered(listener);
  }

  onDeviceLost(listener: (reason: string) => void): void {
    this.host.onDeviceLost(listener);
  }

  /** Screen position (CSS px in the canvas) of node i's label, above its box. */
  labelPosition(i: number): { x: number; y: number } {
    const p = ringPosition(i, this.count);
    return this.host.project(p.x, 2.2, p.z);
  }

  /** Shows the nodes of one frame: colours by state, links by fault. */
  setNodes(nodes: NodeView[]): void {
    const started = performance.now();
    this.count = Math.min(MAX_NODES, nodes.length);
    const writer = nodes.findIndex((n) => n.writer);
    const pos = this.linkPositions.array as Float32Array;
    const col = this.linkColours.array as Float32Array;
    pos.fill(0);
    col.fill(0);
    let v = 0;
    const line = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }, hex: number) => {
      this.colour.setHex(hex);
      for (const p of [a, b]) {
        pos[v * 3] = p.x;
        pos[v * 3 + 1] = p.y;
        pos[v * 3 + 2] = p.z;
        col[v * 3] = this.colour.r;
        col[v * 3 + 1] = this.colour.g;
        col[v * 3 + 2] = this.colour.b;
        v++;
      }
    };
    for (let i = 0; i < MAX_NODES; i++) {
      if (i >= this.count) {
        this.matrix.makeScale(0, 0, 0);
        this.boxes.setMatrixAt(i, this.matrix);
        continue;
      }
      const n = nodes[i];
      const p = ringPosition(i, this.count);
      this.matrix.makeTranslation(p.x, 0, p.z);
      this.boxes.setMatrixAt(i, this.matrix);
      this.boxes.setColorAt(i, this.colour.setHex(NODE_COLOUR[nodeState(n)]));
      line({ x: p.x * 0.85, y: -0.6, z: p.z * 0.85 }, { x: p.x * 0.36, y: -0.3, z: p.z * 0.36 }, n.up ? LINK_COLOUR.healthy : LINK_COLOUR.cut);
      if (writer >= 0 && i !== writer && n.id > 0) {
        const w = ringPosition(writer, this.count);
        const hex = n.partitioned ? LINK_COLOUR.cut : n.delayNs > 0 || n.lossPermille > 0 ? LINK_COLOUR.faulty : 0x475569;
        line({ x: w.x, y: 1.2, z: w.z }, { x: p.x, y: 1.2, z: p.z }, hex);
      }
    }
    this.boxes.instanceMatrix.needsUpdate = true;
    if (this.boxes.instanceColor) this.boxes.instanceColor.needsUpdate = true;
    this.linkPositions.needsUpdate = true;
    this.linkColours.needsUpdate = true;
    this.links.geometry.setDrawRange(0, v);
    this.host.noteUpload(performance.now() - started);
    this.host.requestRender();
  }

  frameCamera(): void {
    this.host.camera.position.set(0, 14, 20);
    this.host.controls.target.set(0, 0, 0);
    this.host.controls.update();
  }

  dispose(): void {
    this.host.dispose();
  }
}

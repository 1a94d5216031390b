// The 3D cluster: racks of servers by GPU model, every GPU a box whose fill shows its
// allocated milli-GPU and whose colour shows its node's fragment category. Three instanced
// meshes (server slabs, GPU shells, GPU fills) plus one selection box: draw calls do not grow
// with the cluster. Instance buffers arrive filled from the worker; rendering is on demand.
// The renderer, camera and render loop are the shared SceneHost's. Main thread only; loaded
// behind import() so the first page load stays small.
import * as THREE from 'three/webgpu';
import type { ClusterLayout } from '../../kernels/gpupool/layout';
import { LAYOUT } from '../../kernels/gpupool/layout';
import type { ClusterFrame, ClusterStatic } from '../../kernels/gpupool/viewFrame';
import { SceneHost, type RendererPreference, type ViewStats } from '../sceneHost';

export type { RendererPreference, ViewStats } from '../sceneHost';

export interface PickResult {
  node: number;
  gpu: number | null;
  /** Position in the canvas, CSS pixels, for tooltips. */
  x: number;
  y: number;
}

export class ClusterView {
  private readonly raycaster = new THREE.Raycaster();
  private nodes: THREE.InstancedMesh | null = null;
  private shells: THREE.InstancedMesh | null = null;
  private fills: THREE.InstancedMesh | null = null;
  private readonly selection: THREE.Mesh;
  private layout: ClusterLayout | null = null;
  private pickListener: ((pick: PickResult) => void) | null = null;
  private hoverListener: ((pick: PickResult | null) => void) | null = null;

  private constructor(private readonly host: SceneHost) {
    const scene = host.scene;
    scene.add(new THREE.HemisphereLight(0xdbe7ff, 0x1b2433, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.4);
    sun.position.set(-0.4, 1, 0.8);
    scene.add(sun);
    this.selection = new THREE.Mesh(
      new THREE.BoxGeometry(1, 1, 1),
      new THREE.MeshBasicMaterial({ color: 0xfacc15, wireframe: true }),
    );
    this.selection.visible = false;
    scene.add(this.selection);
    this.installPointer();
  }

  static async create(element: HTMLElement, prefer: RendererPreference = 'auto'): Promise<ClusterView> {
    let view: ClusterView | null = null;
    const host = await SceneHost.create(element, prefer, {
      background: 0x0b1220,
      instances: () => view?.instanceCount() ?? 0,
      frame: () => view?.frameCamera(),
    });
    view = new ClusterView(host);
    return view;
  }

  get backend(): 'webgpu' | 'webgl2' {
    return this.host.backend;
  }

  get canvas(): HTMLCanvasElement {
    return this.host.canvas;
  }

  get deviceLost(): boolean {
    return this.host.deviceLost;
  }

  onPick(listener: (pick: PickResult) => void): void {
    this.pickListener = listener;
  }

  onHover(listener: (pick: PickResult | null) => void): void {
    this.hoverListener = listener;
  }

  onRendered(listener: (stats: ViewStats) => void): void {
    this.host.onRendered(listener);
  }

  /** See SceneHost.onDeviceLost: the owner rebuilds the view on WebGL2. */
  onDeviceLost(listener: (reason: string) => void): void {
    this.host.onDeviceLost(listener);
  }

  /** Builds the meshes for a cluster (once per workload). */
  setLayout(layout: ClusterLayout, fixed: ClusterStatic): void {
    for (const mesh of [this.nodes, this.shells, this.fills]) {
      if (mesh) {
        this.host.scene.remove(mesh);
        mesh.geometry.dispose();
        mesh.dispose();
      }
    }
    this.layout = layout;
    const box = new THREE.BoxGeometry(1, 1, 1);
    this.nodes = this.instanced(box, new THREE.MeshLambertMaterial({ color: 0xffffff }), layout.nodes, fixed.nodeMatrices, true);
    this.shells = this.instanced(box, new THREE.MeshLambertMaterial({ color: 0x1f2a3a, transparent: true, opacity: 0.55 }), layout.gpus, fixed.shellMatrices, false);
    this.fills = this.instanced(box, new THREE.MeshLambertMaterial({ color: 0xffffff }), layout.gpus, new Float32Array(layout.gpus * 16), true);
    this.frameCamera();
    this.host.requestRender();
  }

  private instanced(geometry: THREE.BufferGeometry, material: THREE.Material, count: number, matrices: Float32Array, coloured: boolean): THREE.InstancedMesh {
    const mesh = new THREE.InstancedMesh(geometry, material, count);
    mesh.instanceMatrix.array.set(matrices);
    mesh.instanceMatrix.needsUpdate = true;
    if (coloured) mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(count * 3).fill(0.5), 3);
    // Bounds are computed once from the layout: fills change height but stay inside it.
    mesh.frustumCulled = false;
    this.host.scene.add(mesh);
    return mesh;
  }

  /** Swaps in a frame of instance buffers made by the worker. */
  setFrame(frame: ClusterFrame): void {
    if (!this.nodes || !this.fills) return;
    const started = performance.now();
    this.fills.instanceMatrix.array.set(frame.fillMatrices);
    this.fills.instanceMatrix.needsUpdate = true;
    this.fills.instanceColor!.array.set(frame.fillColours);
    this.fills.instanceColor!.needsUpdate = true;
    this.nodes.instanceColor!.array.set(frame.nodeColours);
    this.nodes.instanceColor!.needsUpdate = true;
    this.host.noteUpload(performance.now() - started);
    this.host.requestRender();
  }

  /** Outlines one node (or none). */
  select(node: number | null): void {
    const layout = this.layout;
    if (node === null || !layout || node < 0 || node >= layout.nodes) {
      this.selection.visible = false;
    } else {
      const c = layout.nodeCentre;
      const s = layout.nodeSize;
      this.selection.position.set(c[node * 3], c[node * 3 + 1], c[node * 3 + 2] + LAYOUT.gpuSize / 2);
      this.selection.scale.set(s[node * 3] + 0.3, s[node * 3 + 1] + 0.3, s[node * 3 + 2] + LAYOUT.gpuSize + 0.3);
      this.selection.visible = true;
    }
    this.host.requestRender();
  }

  /** Screen position (CSS px) of a node's first GPU, for tests and tooltips. */
  screenPositionOf(node: number, gpu = 0): { x: number; y: number } | null {
    const layout = this.layout;
    if (!layout) return null;
    const g = layout.nodeFirstGpu[node] + gpu;
    return this.host.project(layout.gpuCentre[g * 3], layout.gpuCentre[g * 3 + 1], layout.gpuCentre[g * 3 + 2]);
  }

  /** Points the camera at one node, close enough to tell its GPUs apart. */
  focus(node: number): void {
    const layout = this.layout;
    if (!layout) return;
    const c = layout.nodeCentre;
    const target = new THREE.Vector3(c[node * 3], c[node * 3 + 1], c[node * 3 + 2]);
    this.host.controls.target.copy(target);
    // Stand in the aisle in front of the node's row: further back, the next row would hide it.
    const aisle = LAYOUT.rowGap - LAYOUT.serverDepth - LAYOUT.gpuSize - 0.5;
    this.host.camera.position.set(target.x, target.y + 1, target.z + aisle);
    this.host.controls.update();
    this.host.requestRender();
  }

  /** Back to the framing the view opened with: the whole cluster from the front. */
  resetCamera(): void {
    this.host.resetCamera();
  }

  stats(): ViewStats {
    return this.host.stats();
  }

  private instanceCount(): number {
    return (this.nodes?.count ?? 0) + (this.shells?.count ?? 0) + (this.fills?.count ?? 0);
  }

  private frameCamera(): void {
    if (!this.layout) return;
    const b = this.layout.bounds;
    const centre = new THREE.Vector3((b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2);
    const span = Math.max(b[3] - b[0], b[5] - b[2], 20);
    this.host.controls.target.copy(centre);
    this.host.camera.position.set(centre.x, centre.y + span * 0.55, b[5] + span * 0.65);
    this.host.camera.far = span * 6;
    this.host.camera.updateProjectionMatrix();
    this.host.controls.update();
  }

  private pickAt(clientX: number, clientY: number): PickResult | null {
    if (!this.nodes || !this.layout) return null;
    const { x, y } = this.host.rayAt(this.raycaster, clientX, clientY);
    // Servers are few (one per node) and their boxes include the GPU faces' footprint in x.
    const targets = [this.nodes, this.shells!];
    const hit = this.raycaster.intersectObjects(targets, false)[0];
    if (!hit || hit.instanceId === undefined) return null;
    if (hit.object === this.shells) {
      const node = this.layout.gpuNode[hit.instanceId];
      return { node, gpu: hit.instanceId - this.layout.nodeFirstGpu[node], x, y };
    }
    const node = hit.instanceId;
    const left = this.layout.nodeCentre[node * 3] - this.layout.nodeSize[node * 3] / 2;
    const gpu = Math.floor((hit.point.x - left) / LAYOUT.gpuPitch);
    const gpus = (node + 1 < this.layout.nodes ? this.layout.nodeFirstGpu[node + 1] : this.layout.gpus) - this.layout.nodeFirstGpu[node];
    return { node, gpu: gpu >= 0 && gpu < gpus ? gpu : null, x, y };
  }

  private installPointer(): void {
    const canvas = this.host.canvas;
    let downAt: { x: number; y: number } | null = null;
    let hoverQueued = false;
    let lastMove: PointerEvent | null = null;
    canvas.addEventListener('pointerdown', (e) => (downAt = { x: e.clientX, y: e.clientY }));
    canvas.addEventListener('pointerup', (e) => {
      // A click, not the end of an orbit drag.
      if (downAt && Math.hypot(e.clientX - downAt.x, e.clientY - downAt.y) < 5) {
        const pick = this.pickAt(e.clientX, e.clientY);
        if (pick) this.pickListener?.(pick);
      }
      downAt = null;
    });
    canvas.addEventListener('pointermove', (e) => {
      lastMove = e;
      if (hoverQueued) return;
      hoverQueued = true;
      requestAnimationFrame(() => {
        hoverQueued = false;
        if (lastMove) this.hoverListener?.(this.pickAt(lastMove.clientX, lastMove.clientY));
      });
    });
    canvas.addEventListener('pointerleave', () => this.hoverListener?.(null));
  }

  dispose(): void {
    this.host.dispose();
  }
}

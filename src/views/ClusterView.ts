// The 3D cluster: racks of servers by GPU model, every GPU a box whose fill shows its
// allocated milli-GPU and whose colour shows its node's fragment category. Three instanced
// meshes (server slabs, GPU shells, GPU fills) plus one selection box: draw calls do not grow
// with the cluster. Instance buffers arrive filled from the worker; rendering is on demand.
// Main thread only; loaded behind import() so the first page load stays small.
import * as THREE from 'three/webgpu';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import type { ClusterLayout } from '../kernels/gpupool/layout';
import { LAYOUT } from '../kernels/gpupool/layout';
import type { ClusterFrame, ClusterStatic } from '../kernels/gpupool/viewFrame';

export type RendererPreference = 'auto' | 'webgpu' | 'webgl2';

export interface ViewStats {
  backend: 'webgpu' | 'webgl2';
  drawCalls: number;
  triangles: number;
  instances: number;
  /** CPU time of the last render call on the main thread, ms. */
  frameMs: number;
  /** CPU time of the last frame upload (buffer swaps), ms. */
  uploadMs: number;
}

export interface PickResult {
  node: number;
  gpu: number | null;
  /** Position in the canvas, CSS pixels, for tooltips. */
  x: number;
  y: number;
}

export class ClusterView {
  private readonly scene = new THREE.Scene();
  private readonly camera: THREE.PerspectiveCamera;
  private readonly controls: OrbitControls;
  private readonly raycaster = new THREE.Raycaster();
  private nodes: THREE.InstancedMesh | null = null;
  private shells: THREE.InstancedMesh | null = null;
  private fills: THREE.InstancedMesh | null = null;
  private readonly selection: THREE.Mesh;
  private layout: ClusterLayout | null = null;
  private renderQueued = false;
  private lastStats: ViewStats;
  private readonly resizeObserver: ResizeObserver;
  private pickListener: ((pick: PickResult) => void) | null = null;
  private hoverListener: ((pick: PickResult | null) => void) | null = null;
  private renderedListener: ((stats: ViewStats) => void) | null = null;
  private lostListener: ((reason: string) => void) | null = null;
  /** Set once the GPU device is gone: nothing is drawn with this renderer again. */
  private lost = false;
  private disposed = false;

  private constructor(
    private readonly host: HTMLElement,
    private readonly renderer: THREE.WebGPURenderer,
  ) {
    this.scene.background = new THREE.Color(0x0b1220);
    this.camera = new THREE.PerspectiveCamera(45, 1, 0.5, 5000);
    this.scene.add(new THREE.HemisphereLight(0xdbe7ff, 0x1b2433, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.4);
    sun.position.set(-0.4, 1, 0.8);
    this.scene.add(sun);
    this.selection = new THREE.Mesh(
      new THREE.BoxGeometry(1, 1, 1),
      new THREE.MeshBasicMaterial({ color: 0xfacc15, wireframe: true }),
    );
    this.selection.visible = false;
    this.scene.add(this.selection);
    this.controls = new OrbitControls(this.camera, renderer.domElement);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestRender());
    this.lastStats = { backend: this.backend, drawCalls: 0, triangles: 0, instances: 0, frameMs: 0, uploadMs: 0 };
    host.appendChild(renderer.domElement);
    renderer.domElement.style.display = 'block';
    renderer.domElement.style.width = '100%';
    renderer.domElement.style.height = '100%';
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(host);
    this.installPointer();
    this.installKeys();
    this.watchDeviceLoss();
    this.resize();
  }

  /** Creates the renderer: WebGPU where the browser offers it (and it is wanted), else WebGL2. */
  static async create(host: HTMLElement, prefer: RendererPreference = 'auto'): Promise<ClusterView> {
    const wantWebGpu = prefer !== 'webgl2' && typeof navigator !== 'undefined' && 'gpu' in navigator;
    const renderer = new THREE.WebGPURenderer({ antialias: true, forceWebGL: !wantWebGpu });
    await renderer.init();
    renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
    return new ClusterView(host, renderer);
  }

  get backend(): 'webgpu' | 'webgl2' {
    const backend = (this.renderer as unknown as { backend: { isWebGPUBackend?: boolean } }).backend;
    return backend.isWebGPUBackend ? 'webgpu' : 'webgl2';
  }

  get canvas(): HTMLCanvasElement {
    return this.renderer.domElement;
  }

  onPick(listener: (pick: PickResult) => void): void {
    this.pickListener = listener;
  }

  onHover(listener: (pick: PickResult | null) => void): void {
    this.hoverListener = listener;
  }

  onRendered(listener: (stats: ViewStats) => void): void {
    this.renderedListener = listener;
  }

  /**
   * Called once if the WebGPU device is lost (a driver reset, or a headless browser that cannot
   * composite WebGPU): the owner should dispose this view and build one on WebGL2.
   */
  onDeviceLost(listener: (reason: string) => void): void {
    this.lostListener = listener;
  }

  get deviceLost(): boolean {
    return this.lost;
  }

  private watchDeviceLoss(): void {
    // three reports losses it did not cause, but ignores a device destroyed from outside;
    // the device's own promise says both. Our dispose destroys it too: that one is ignored.
    this.renderer.onDeviceLost = (info) => this.loseDevice(info.message);
    const backend = (this.renderer as unknown as { backend: { isWebGPUBackend?: boolean; device?: GPUDevice } }).backend;
    if (backend.isWebGPUBackend && backend.device) {
      void backend.device.lost.then((info) => this.loseDevice(info.message || info.reason || 'unknown'));
    }
  }

  private loseDevice(reason: string): void {
    if (this.disposed || this.lost) return;
    this.lost = true;
    this.lostListener?.(reason);
  }

  /** Builds the meshes for a cluster (once per workload). */
  setLayout(layout: ClusterLayout, fixed: ClusterStatic): void {
    for (const mesh of [this.nodes, this.shells, this.fills]) {
      if (mesh) {
        this.scene.remove(mesh);
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
    this.requestRender();
  }

  private instanced(geometry: THREE.BufferGeometry, material: THREE.Material, count: number, matrices: Float32Array, coloured: boolean): THREE.InstancedMesh {
    const mesh = new THREE.InstancedMesh(geometry, material, count);
    mesh.instanceMatrix.array.set(matrices);
    mesh.instanceMatrix.needsUpdate = true;
    if (coloured) mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(count * 3).fill(0.5), 3);
    // Bounds are computed once from the layout: fills change height but stay inside it.
    mesh.frustumCulled = false;
    this.scene.add(mesh);
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
    this.lastStats.uploadMs = performance.now() - started;
    this.requestRender();
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
    this.requestRender();
  }

  /** Screen position (CSS px) of a node's first GPU, for tests and tooltips. */
  screenPositionOf(node: number, gpu = 0): { x: number; y: number } | null {
    const layout = this.layout;
    if (!layout) return null;
    const g = layout.nodeFirstGpu[node] + gpu;
    const p = new THREE.Vector3(layout.gpuCentre[g * 3], layout.gpuCentre[g * 3 + 1], layout.gpuCentre[g * 3 + 2]).project(this.camera);
    const rect = this.canvas.getBoundingClientRect();
    return { x: ((p.x + 1) / 2) * rect.width, y: ((1 - p.y) / 2) * rect.height };
  }

  /** Points the camera at one node, close enough to tell its GPUs apart. */
  focus(node: number): void {
    const layout = this.layout;
    if (!layout) return;
    const c = layout.nodeCentre;
    const target = new THREE.Vector3(c[node * 3], c[node * 3 + 1], c[node * 3 + 2]);
    this.controls.target.copy(target);
    // Stand in the aisle in front of the node's row: further back, the next row would hide it.
    const aisle = LAYOUT.rowGap - LAYOUT.serverDepth - LAYOUT.gpuSize - 0.5;
    this.camera.position.set(target.x, target.y + 1, target.z + aisle);
    this.controls.update();
    this.requestRender();
  }

  /** Back to the framing the view opened with: the whole cluster from the front. */
  resetCamera(): void {
    if (!this.layout) return;
    this.frameCamera();
    this.requestRender();
  }

  stats(): ViewStats {
    return { ...this.lastStats, backend: this.backend };
  }

  private frameCamera(): void {
    const b = this.layout!.bounds;
    const centre = new THREE.Vector3((b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2);
    const span = Math.max(b[3] - b[0], b[5] - b[2], 20);
    this.controls.target.copy(centre);
    this.camera.position.set(centre.x, centre.y + span * 0.55, b[5] + span * 0.65);
    this.camera.far = span * 6;
    this.camera.updateProjectionMatrix();
    this.controls.update();
  }

  private resize(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  /** Renders once on the next animation frame, however many changes asked for it. */
  requestRender(): void {
    if (this.renderQueued || this.lost || this.disposed) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      if (this.lost || this.disposed) return;
      const started = performance.now();
      this.renderer.render(this.scene, this.camera);
      const info = this.renderer.info.render;
      this.lastStats = {
        backend: this.backend,
        drawCalls: info.drawCalls,
        triangles: info.triangles,
        instances: (this.nodes?.count ?? 0) + (this.shells?.count ?? 0) + (this.fills?.count ?? 0),
        frameMs: performance.now() - started,
        uploadMs: this.lastStats.uploadMs,
      };
      this.renderedListener?.(this.stats());
    });
  }

  private pickAt(clientX: number, clientY: number): PickResult | null {
    if (!this.nodes || !this.layout) return null;
    const rect = this.canvas.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    const pointer = new THREE.Vector2((x / rect.width) * 2 - 1, -(y / rect.height) * 2 + 1);
    this.raycaster.setFromCamera(pointer, this.camera);
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
    const canvas = this.renderer.domElement;
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

  private installKeys(): void {
    const canvas = this.renderer.domElement;
    // Focusable, so the arrow keys pan (OrbitControls) and 0 or Home brings the framing back.
    canvas.tabIndex = 0;
    this.controls.listenToKeyEvents(canvas);
    canvas.addEventListener('keydown', (e) => {
      if ((e.key === '0' || e.key === 'Home') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        this.resetCamera();
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    this.resizeObserver.disconnect();
    this.controls.stopListenToKeyEvents();
    this.controls.dispose();
    // A lost device can make three's asynchronous teardown fail; there is nothing left to free.
    void Promise.resolve(this.renderer.dispose()).catch(() => undefined);
    this.renderer.domElement.remove();
  }
}

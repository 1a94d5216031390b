// The host's NUMA layout in 3D: each socket a plate, each core a block on it, each hardware
// thread a cube on its core coloured by the VM whose vCPU it runs (dark when idle, grey for
// host work, red when offline, orange under an interrupt storm). One instanced mesh for the
// threads, one for the cores and one for the sockets: draw calls do not grow with the host.
// Main thread only; loaded behind import() with the tab's 3D pane.
import * as THREE from 'three/webgpu';
import type { PcpuView, VcpuView } from '../../kernels/vcpu/api';
import { SceneHost, type RendererPreference, type ViewStats } from '../sceneHost';
import { vmColourNumber } from './palette';

export type { RendererPreference, ViewStats };

const MAX_THREADS = 128;
const CORE = 1.6;
const GAP = 0.5;
const SOCKET_GAP = 2.5;
export const THREAD_COLOUR = { idle: 0x1e293b, host: 0x64748b, offline: 0x7f1d1d, storm: 0xf97316 } as const;

export interface HostShape {
  sockets: number;
  coresPerSocket: number;
  smt: number;
}

/** Cores in a square-ish grid per socket, sockets side by side along x. */
export function corePosition(shape: HostShape, socket: number, core: number): { x: number; z: number } {
  const cols = Math.ceil(Math.sqrt(shape.coresPerSocket));
  const rows = Math.ceil(shape.coresPerSocket / cols);
  const pitch = CORE + GAP;
  const socketWidth = cols * pitch;
  const totalWidth = shape.sockets * socketWidth + (shape.sockets - 1) * SOCKET_GAP;
  const x0 = -totalWidth / 2 + socket * (socketWidth + SOCKET_GAP) + pitch / 2;
  return { x: x0 + (core % cols) * pitch, z: -((rows - 1) * pitch) / 2 + Math.floor(core / cols) * pitch };
}

export function threadColour(p: PcpuView, vcpus: readonly VcpuView[]): number {
  if (!p.online) return THREAD_COLOUR.offline;
  if (p.stormUntilNs > 0) return THREAD_COLOUR.storm;
  if (p.phase === 'host') return THREAD_COLOUR.host;
  const v = p.vcpu >= 0 ? vcpus[p.vcpu] : undefined;
  return v === undefined ? THREAD_COLOUR.idle : vmColourNumber(v.vm);
}

export class HostScene {
  private readonly threads: THREE.InstancedMesh;
  private readonly cores: THREE.InstancedMesh;
  private readonly plates: THREE.InstancedMesh;
  private shape: HostShape = { sockets: 1, coresPerSocket: 1, smt: 1 };
  private count = 0;
  private readonly colour = new THREE.Color();
  private readonly matrix = new THREE.Matrix4();

  private constructor(private readonly host: SceneHost) {
    const scene = host.scene;
    scene.add(new THREE.HemisphereLight(0xdbe7ff, 0x1b2433, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.3);
    sun.position.set(-0.4, 1, 0.8);
    scene.add(sun);
    this.plates = new THREE.InstancedMesh(new THREE.BoxGeometry(1, 0.3, 1), new THREE.MeshLambertMaterial({ color: 0x1e3a5f }), 8);
    this.cores = new THREE.InstancedMesh(new THREE.BoxGeometry(CORE, 0.5, CORE), new THREE.MeshLambertMaterial({ color: 0x334155 }), MAX_THREADS);
    this.threads = new THREE.InstancedMesh(new THREE.BoxGeometry(0.62, 0.62, 0.62), new THREE.MeshLambertMaterial({ color: 0xffffff }), MAX_THREADS);
    this.threads.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(MAX_THREADS * 3), 3);
    for (const mesh of [this.plates, this.cores, this.threads]) {
      mesh.frustumCulled = false;
      mesh.count = 0;
      scene.add(mesh);
    }
    this.frameCamera();
  }

  static async create(element: HTMLElement, prefer: RendererPreference = 'auto'): Promise<HostScene> {
    let view: HostScene | null = null;
    const host = await SceneHost.create(element, prefer, {
      background: 0x0b1220,
      instances: () => view?.count ?? 0,
      frame: () => view?.frameCamera(),
    });
    view = new HostScene(host);
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

  /** Screen position (CSS px in the canvas) of a socket's label, in front of its plate. */
  socketLabelPosition(socket: number): { x: number; y: number } {
    const first = corePosition(this.shape, socket, 0);
    const cols = Math.ceil(Math.sqrt(this.shape.coresPerSocket));
    const pitch = CORE + GAP;
    const rows = Math.ceil(this.shape.coresPerSocket / cols);
    return this.host.project(first.x + ((cols - 1) * pitch) / 2, 0, (rows * pitch) / 2 + 0.6);
  }

  /** Lays out the host (when its shape changed) and colours each thread by what it runs. */
  setHost(shape: HostShape, pcpus: readonly PcpuView[], vcpus: readonly VcpuView[]): void {
    const started = performance.now();
    const reshaped = shape.sockets !== this.shape.sockets || shape.coresPerSocket !== this.shape.coresPerSocket || shape.smt !== this.shape.smt;
    this.shape = { ...shape };
    const n = Math.min(MAX_THREADS, pcpus.length);
    if (reshaped || n !== this.count) this.layout(pcpus.slice(0, n));
    this.count = n;
    for (let i = 0; i < n; i++) this.threads.setColorAt(i, this.colour.setHex(threadColour(pcpus[i], vcpus)));
    if (this.threads.instanceColor) this.threads.instanceColor.needsUpdate = true;
    this.host.noteUpload(performance.now() - started);
    this.host.requestRender();
  }

  private layout(pcpus: readonly PcpuView[]): void {
    const s = this.shape;
    const cols = Math.ceil(Math.sqrt(s.coresPerSocket));
    const rows = Math.ceil(s.coresPerSocket / cols);
    const pitch = CORE + GAP;
    const plates = Math.min(8, s.sockets);
    for (let k = 0; k < plates; k++) {
      const first = corePosition(s, k, 0);
      this.matrix.makeScale(cols * pitch + 0.4, 1, rows * pitch + 0.4);
      this.matrix.setPosition(first.x + ((cols - 1) * pitch) / 2, -0.4, 0);
      this.plates.setMatrixAt(k, this.matrix);
    }
    this.plates.count = plates;
    const coreIndex = new Map<string, number>();
    for (const p of pcpus) {
      const key = `${p.socket}:${p.core}`;
      if (!coreIndex.has(key) && coreIndex.size < MAX_THREADS) {
        const at = corePosition(s, p.socket, p.core % s.coresPerSocket);
        this.matrix.makeTranslation(at.x, 0, at.z);
        this.cores.setMatrixAt(coreIndex.size, this.matrix);
        coreIndex.set(key, coreIndex.size);
      }
    }
    this.cores.count = coreIndex.size;
    pcpus.forEach((p, i) => {
      const at = corePosition(s, p.socket, p.core % s.coresPerSocket);
      const offset = s.smt > 1 ? (p.thread === 0 ? -0.36 : 0.36) : 0;
      this.matrix.makeTranslation(at.x + offset, 0.6, at.z);
      this.threads.setMatrixAt(i, this.matrix);
    });
    this.threads.count = pcpus.length;
    for (const mesh of [this.plates, this.cores, this.threads]) mesh.instanceMatrix.needsUpdate = true;
    this.frameCamera();
  }

  frameCamera(): void {
    const s = this.shape;
    const cols = Math.ceil(Math.sqrt(s.coresPerSocket));
    const width = s.sockets * cols * (CORE + GAP) + (s.sockets - 1) * SOCKET_GAP;
    const d = Math.max(8, width * 0.95);
    this.host.camera.position.set(0, d * 0.8, d * 0.9);
    this.host.controls.target.set(0, 0, 0);
    this.host.controls.update();
  }

  dispose(): void {
    this.host.dispose();
  }
}

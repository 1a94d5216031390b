// The part of every 3D view that is not about what it draws: the renderer (WebGPU where the
// browser offers it, else WebGL2), the canvas in its host element, resize, an orbit camera with
// keyboard control, rendering on demand (at most once per animation frame), draw statistics and
// the loss of the WebGPU device. A kernel's view owns one SceneHost and fills its scene.
// Main thread only; loaded behind import() with the view that uses it.
import * as THREE from 'three/webgpu';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

export type RendererPreference = 'auto' | 'webgpu' | 'webgl2';
export type RendererBackend = 'webgpu' | 'webgl2';

export interface ViewStats {
  backend: RendererBackend;
  drawCalls: number;
  triangles: number;
  instances: number;
  /** CPU time of the last render call on the main thread, ms. */
  frameMs: number;
  /** CPU time of the last frame upload (buffer swaps), ms. */
  uploadMs: number;
}

export interface SceneHostOptions {
  background: number;
  /** What the view is showing, counted for the stats. */
  instances: () => number;
  /** Puts the camera back where the view opened (0 or Home on the canvas, `view reset`). */
  frame: () => void;
}

interface BackendInternals {
  isWebGPUBackend?: boolean;
  device?: GPUDevice;
}

export class SceneHost {
  readonly scene = new THREE.Scene();
  readonly camera = new THREE.PerspectiveCamera(45, 1, 0.5, 5000);
  readonly controls: OrbitControls;
  private readonly resizeObserver: ResizeObserver;
  private renderQueued = false;
  private uploadMs = 0;
  private lastStats: ViewStats;
  private renderedListener: ((stats: ViewStats) => void) | null = null;
  private lostListener: ((reason: string) => void) | null = null;
  /** Set once the GPU device is gone: nothing is drawn with this renderer again. */
  private lost = false;
  private disposed = false;

  private constructor(
    private readonly host: HTMLElement,
    private readonly renderer: THREE.WebGPURenderer,
    private readonly options: SceneHostOptions,
  ) {
    this.scene.background = new THREE.Color(options.background);
    this.controls = new OrbitControls(this.camera, renderer.domElement);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestRender());
    this.lastStats = { backend: this.backend, drawCalls: 0, triangles: 0, instances: 0, frameMs: 0, uploadMs: 0 };
    const canvas = renderer.domElement;
    host.appendChild(canvas);
    canvas.style.display = 'block';
    canvas.style.width = '100%';
    canvas.style.height = '100%';
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(host);
    this.installKeys();
    this.watchDeviceLoss();
    this.resize();
  }

  /** Creates the renderer: WebGPU where the browser offers it (and it is wanted), else WebGL2. */
  static async create(host: HTMLElement, prefer: RendererPreference, options: SceneHostOptions): Promise<SceneHost> {
    const wantWebGpu = prefer !== 'webgl2' && typeof navigator !== 'undefined' && 'gpu' in navigator;
    const renderer = new THREE.WebGPURenderer({ antialias: true, forceWebGL: !wantWebGpu });
    await renderer.init();
    renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
    return new SceneHost(host, renderer, options);
  }

  get backend(): RendererBackend {
    return (this.renderer as unknown as { backend: BackendInternals }).backend.isWebGPUBackend ? 'webgpu' : 'webgl2';
  }

  get canvas(): HTMLCanvasElement {
    return this.renderer.domElement;
  }

  get deviceLost(): boolean {
    return this.lost;
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

  /** The view's own time spent swapping buffers before the next render, for the stats. */
  noteUpload(ms: number): void {
    this.uploadMs = ms;
  }

  stats(): ViewStats {
    return { ...this.lastStats, backend: this.backend };
  }

  /** Back to the framing the view opened with. */
  resetCamera(): void {
    this.options.frame();
    this.requestRender();
  }

  /** Screen position (CSS px, relative to the canvas) of a point in the scene. */
  project(x: number, y: number, z: number): { x: number; y: number } {
    const p = new THREE.Vector3(x, y, z).project(this.camera);
    const rect = this.canvas.getBoundingClientRect();
    return { x: ((p.x + 1) / 2) * rect.width, y: ((1 - p.y) / 2) * rect.height };
  }

  /** The pointer ray through a point given in client coordinates. */
  rayAt(raycaster: THREE.Raycaster, clientX: number, clientY: number): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    raycaster.setFromCamera(new THREE.Vector2((x / rect.width) * 2 - 1, -(y / rect.height) * 2 + 1), this.camera);
    return { x, y };
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
        instances: this.options.instances(),
        frameMs: performance.now() - started,
        uploadMs: this.uploadMs,
      };
      this.renderedListener?.(this.stats());
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

  private resize(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
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

  private watchDeviceLoss(): void {
    // three reports losses it did not cause, but ignores a device destroyed from outside;
    // the device's own promise says both. Our dispose destroys it too: that one is ignored.
    this.renderer.onDeviceLost = (info) => this.loseDevice(info.message);
    const backend = (this.renderer as unknown as { backend: BackendInternals }).backend;
    if (backend.isWebGPUBackend && backend.device) {
      void backend.device.lost.then((info) => this.loseDevice(info.message || info.reason || 'unknown'));
    }
  }

  private loseDevice(reason: string): void {
    if (this.disposed || this.lost) return;
    this.lost = true;
    this.lostListener?.(reason);
  }
}

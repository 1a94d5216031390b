// A/B: two policies on the same workload and seed, side by side, with one clock. Each side
// is its own SimClient (its own worker), so the two runs advance in parallel; after every
// advance both stand at the same step, and the diff chart compares them at the same arrived
// demand. Main thread only; the AppState routes run/pause/step/seek/reset here while it is on.
import { CancelledError, KernelTrapError, SimClient } from '../../kernels/client';
import type { Policy, RunConfig, RunSummary } from '../../kernels/gpupool/types';
import { chartCurves, chartGrid, EventSeries, type ChartGrid } from './series';
import { PacedClock, type Pace, type PacedRun } from '../pacedClock';

export type AbSpeed = Pace;

export interface AbChart {
  x: Float64Array;
  /** Allocation, % of capacity, per side. */
  a: (number | null)[];
  b: (number | null)[];
  /** Allocation A − B, percentage points, where both sides have a value. */
  diff: (number | null)[];
}

/** At `max`, pods per advance start here and adapt so one advance takes about a frame. */
const FIRST_MAX_CHUNK = 256;
const FRAME_BUDGET_MS = 16;


export function diffCurve(a: (number | null)[], b: (number | null)[]): (number | null)[] {
  return a.map((v, i) => (v === null || b[i] === null ? null : v - (b[i] as number)));
}

class AbSide {
  summary = $state.raw<RunSummary | null>(null);
  version = $state(0);
  readonly series = new EventSeries();

  constructor(
    readonly policy: Policy,
    readonly client: SimClient,
  ) {}

  async pull(): Promise<void> {
    const frame = await this.client.frame();
    this.series.append(frame);
    this.summary = frame.summary;
    this.version++;
  }
}

export class AbState {
  readonly a: AbSide;
  readonly b: AbSide;
  get playing(): boolean {
    return this.clock.playing;
  }
  chart = $state.raw<AbChart>({ x: new Float64Array(0), a: [], b: [], diff: [] });
  /** The node selected in either 3D view (the clusters are the same). */
  selected = $state<number | null>(null);
  private grid: ChartGrid;
  /** Whether play is on, reactive for the views (the clock sets it). */
  private readonly playFlag = $state({ value: false });
  private readonly clock = new PacedClock(this.pacedRun(), this.playFlag);
  private pace: () => AbSpeed = () => 0;
  private maxChunk = FIRST_MAX_CHUNK;
  private disposed = false;

  private constructor(
    a: SimClient,
    b: SimClient,
    readonly config: RunConfig,
    policyA: Policy,
    policyB: Policy,
    private readonly onError: (message: string) => void,
  ) {
    this.a = new AbSide(policyA, a);
    this.b = new AbSide(policyB, b);
    this.grid = chartGrid(config.tune * 100 + 10);
  }

  /** Two fresh workers with the workload `source` holds, each started with its policy. */
  static async create(source: SimClient, config: RunConfig, policyA: Policy, policyB: Policy, onError: (message: string) => void): Promise<AbState> {
    const make = () => new SimClient({ onTrap: (m) => onError(`Kernel trap in the A/B run: ${m}`), onWorkerError: (m) => onError(`A/B worker error: ${m}`) });
    const a = make();
    const b = make();
    try {
      await Promise.all([source.copyWorkloadTo(a), source.copyWorkloadTo(b)]);
      const ab = new AbState(a, b, config, policyA, policyB, onError);
      await ab.reset();
      return ab;
    } catch (error) {
      a.dispose();
      b.dispose();
      throw error;
    }
  }

  get sides(): [AbSide, AbSide] {
    return [this.a, this.b];
  }

  /** The shared clock: the step both sides have reached. */
  get step(): number {
    return Math.min(this.a.summary?.step ?? 0, this.b.summary?.step ?? 0);
  }

  get pods(): number {
    return this.a.summary?.pods ?? 0;
  }

  get label(): string {
    return `${this.a.policy} vs ${this.b.policy}`;
  }

  async reset(): Promise<void> {
    await this.stop();
    await Promise.all(this.sides.map(async (side) => {
      await side.client.start({ ...this.config, policy: side.policy });
      side.series.clear();
    }));
    await this.pullBoth();
  }

  /** Both sides to `step` (clamped to the workload), then one frame each. */
  async advanceTo(step: number): Promise<void> {
    const target = Math.max(0, Math.min(step, this.pods));
    await Promise.all(this.sides.map(async (side) => {
      let s = side.summary;
      while (s !== null && s.step < target) {
        const before = s.step;
        s = await side.client.advance(target, 200);
        if (s.step === before) break;
      }
    }));
    await this.pullBoth();
  }

  async seek(step: number): Promise<void> {
    const target = Math.max(0, Math.min(step, this.pods));
    await Promise.all(this.sides.map((side) => side.client.seek(target)));
    await this.pullBoth();
  }

  private async pullBoth(): Promise<void> {
    await Promise.all(this.sides.map((side) => side.pull()));
    const gpus = this.a.summary?.gpus ?? 0;
    const a = chartCurves(this.a.series, gpus, this.grid).alloc;
    const b = chartCurves(this.b.series, gpus, this.grid).alloc;
    this.chart = { x: this.grid.x, a, b, diff: diffCurve(a, b) };
  }

  play(speed: () => AbSpeed): void {
    if (this.playing || this.disposed) return;
    this.pace = speed;
    this.clock.play();
  }

  pause(): void {
    this.clock.pause();
  }

  stop(): Promise<void> {
    return this.clock.stop();
  }

  /** Both sides on one paced clock: simulated time is pods submitted. */
  private pacedRun(): PacedRun {
    return {
      position: () => this.step,
      canAdvance: () => !this.disposed && this.step < this.pods,
      pace: () => this.pace(),
      advanceTo: (target) => this.advanceTo(Math.min(target, this.pods)),
      // Both sides go to the same target; the chunk adapts so an advance takes about one
      // frame on the slower side.
      runFlatOut: async () => {
        const started = performance.now();
        await this.advanceTo(Math.min(this.pods, this.step + this.maxChunk));
        const took = performance.now() - started;
        this.maxChunk = took < FRAME_BUDGET_MS ? Math.min(8192, this.maxChunk * 2) : Math.max(16, Math.floor(this.maxChunk / 2));
      },
      failed: (error) => {
        if (!(error instanceof CancelledError) && !(error instanceof KernelTrapError)) this.onError(`The A/B run stopped: ${error instanceof Error ? error.message : String(error)}`);
      },
    };
  }

  dispose(): void {
    this.disposed = true;
    this.clock.pause();
    this.a.client.dispose();
    this.b.client.dispose();
  }
}

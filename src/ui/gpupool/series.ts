// The event series of the current run, accumulated from frames, and the chart's view of it.
// Index i holds the event recorded after the pod at workload position i (step i + 1).
import type { Frame } from '../../kernels/api';

export const MAX_CHART_POINTS = 2000;

export class EventSeries {
  arrived = new Float64Array(1024);
  used = new Float64Array(1024);
  fragment = new Float64Array(1024);
  node = new Int32Array(1024);
  length = 0;

  private grow(need: number): void {
    if (need <= this.arrived.length) return;
    let size = this.arrived.length;
    while (size < need) size *= 2;
    const copy = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.arrived = copy(this.arrived, (n) => new Float64Array(n));
    this.used = copy(this.used, (n) => new Float64Array(n));
    this.fragment = copy(this.fragment, (n) => new Float64Array(n));
    this.node = copy(this.node, (n) => new Int32Array(n));
  }

  clear(): void {
    this.length = 0;
  }

  /** Forget events from `step` on (after a command changed the future). */
  truncate(step: number): void {
    this.length = Math.max(0, Math.min(this.length, step));
  }

  /**
   * Adds a frame's events at their steps. A reset frame drops what lies at or after its first
   * step (earlier events of the same run stay valid: runs are deterministic); a gap before
   * the frame is filled with NaN so the chart shows a break, not a false line.
   */
  append(frame: Frame): void {
    const first = frame.firstStep;
    if (frame.reset) this.truncate(first);
    const n = frame.arrived.length;
    if (n === 0) return;
    const end = first + n;
    this.grow(end);
    if (first > this.length) {
      this.arrived.fill(NaN, this.length, first);
      this.used.fill(NaN, this.length, first);
      this.fragment.fill(NaN, this.length, first);
      this.node.fill(-1, this.length, first);
    }
    this.arrived.set(frame.arrived, first);
    this.used.set(frame.used, first);
    this.fragment.set(frame.fragment, first);
    this.node.set(frame.node, first);
    this.length = Math.max(this.length, end);
  }
}

/** The chart's shared x axis: arrived demand in %, in equal buckets. */
export interface ChartGrid {
  x: Float64Array;
  width: number;
}

/** Buckets of arrived demand from 0 to `maxPercent`, at most `maxPoints` of them. */
export function chartGrid(maxPercent: number, maxPoints = MAX_CHART_POINTS): ChartGrid {
  const extent = Math.max(10, maxPercent);
  const width = Math.max(0.1, extent / maxPoints);
  const n = Math.min(maxPoints, Math.floor(extent / width) + 1);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.round(i * width * 1000) / 1000;
  return { x, width };
}

/**
 * Percent curves of the first `series.length` events on the grid: each bucket holds the mean
 * over the events whose arrived demand rounds into it (as the paper's discrete analysis
 * does), null where no event fell. At most one value per grid point, so a curve never has
 * more points than the grid.
 */
export function chartCurves(series: EventSeries, gpus: number, grid: ChartGrid): { alloc: (number | null)[]; frag: (number | null)[] } {
  const n = grid.x.length;
  const sumAlloc = new Float64Array(n);
  const sumFrag = new Float64Array(n);
  const count = new Uint32Array(n);
  const capacity = gpus * 1000;
  if (capacity > 0) {
    for (let i = 0; i < series.length; i++) {
      const arrived = series.arrived[i];
      if (Number.isNaN(arrived)) continue;
      const b = Math.round((100 * arrived) / capacity / grid.width);
      if (b < 0 || b >= n) continue;
      const used = series.used[i];
      const idle = capacity - used;
      sumAlloc[b] += (100 * used) / capacity;
      sumFrag[b] += idle > 0 ? (100 * series.fragment[i]) / idle : 0;
      count[b]++;
    }
  }
  const alloc: (number | null)[] = new Array(n);
  const frag: (number | null)[] = new Array(n);
  for (let b = 0; b < n; b++) {
    alloc[b] = count[b] > 0 ? sumAlloc[b] / count[b] : null;
    frag[b] = count[b] > 0 ? sumFrag[b] / count[b] : null;
  }
  return { alloc, frag };
}

export function allocPercent(used: number, gpus: number): number {
  return gpus > 0 ? (100 * used) / (gpus * 1000) : 0;
}

export function fragPercent(fragment: number, used: number, gpus: number): number {
  const idle = gpus * 1000 - used;
  return idle > 0 ? (100 * fragment) / idle : 0;
}

/** Index of the last event that placed a pod on `node`, or -1. */
export function lastChangeOf(series: EventSeries, node: number): number {
  for (let i = series.length - 1; i >= 0; i--) if (series.node[i] === node) return i;
  return -1;
}

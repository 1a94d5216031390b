// The Gantt chart's feed: pCPU phase changes from the trace ring turned into segments,
// GANTT_STRIDE numbers each [startNs, endNs, pcpu, phaseCode, vcpu]. Each pCPU has one open
// segment; a phase change closes it. `take` hands over the closed ones and the open ones cut
// at `now`, which carry on from `now` in the next take. Memory is bounded: past
// GANTT_MAX_SEGMENTS the oldest go and the next take says `reset` (the chart starts afresh).
import { GANTT_STRIDE } from './api';
import type { SimNs } from './types';

/**
 * Segments one take carries at most (1.3 MB): several frames' worth of a busy host at play
 * speed; a flat-out stretch or a seek keeps its latest ones.
 */
export const GANTT_MAX_SEGMENTS = 32_768;

export interface GanttTake {
  segments: Float64Array;
  /** The segments do not continue the previous take's (a new start, a restore, dropped segments). */
  reset: boolean;
}

export class GanttRecorder {
  private openStart = new Float64Array(0);
  private openPhase = new Int32Array(0);
  private openVcpu = new Int32Array(0);
  private readonly ring: Float64Array;
  /** Segments written to the ring since the last take (may exceed its capacity: the oldest went). */
  private written = 0;
  private fresh = true;

  constructor(private readonly capacity = GANTT_MAX_SEGMENTS) {
    this.ring = new Float64Array(capacity * GANTT_STRIDE);
  }

  /** Starts afresh at `nowNs`, each pCPU in the phase (and with the vCPU) it has then. */
  begin(nowNs: SimNs, phases: ArrayLike<number>, vcpus: ArrayLike<number>): void {
    const n = phases.length;
    this.openStart = new Float64Array(n).fill(nowNs);
    this.openPhase = Int32Array.from(phases);
    this.openVcpu = Int32Array.from(vcpus);
    this.written = 0;
    this.fresh = true;
  }

  /** pCPU `pcpu` enters `phase` at `t` (trace order, so never before its open segment's start). */
  change(t: SimNs, pcpu: number, phase: number, vcpu: number): void {
    if (pcpu < 0 || pcpu >= this.openStart.length) return;
    const start = this.openStart[pcpu];
    if (t > start) this.push(start, t, pcpu, this.openPhase[pcpu], this.openVcpu[pcpu]);
    this.openStart[pcpu] = Math.max(t, start);
    this.openPhase[pcpu] = phase;
    this.openVcpu[pcpu] = vcpu;
  }

  private push(start: number, end: number, pcpu: number, phase: number, vcpu: number): void {
    const o = (this.written % this.capacity) * GANTT_STRIDE;
    const r = this.ring;
    r[o] = start;
    r[o + 1] = end;
    r[o + 2] = pcpu;
    r[o + 3] = phase;
    r[o + 4] = vcpu;
    this.written++;
  }

  /** The segments since the last take, the open ones cut at `nowNs` (and continued from there). */
  take(nowNs: SimNs): GanttTake {
    const lost = this.written > this.capacity;
    const closed = Math.min(this.written, this.capacity);
    const first = lost ? this.written % this.capacity : 0;
    let open = 0;
    for (let p = 0; p < this.openStart.length; p++) if (nowNs > this.openStart[p]) open++;
    const out = new Float64Array((closed + open) * GANTT_STRIDE);
    for (let i = 0; i < closed; i++) {
      const o = ((first + i) % this.capacity) * GANTT_STRIDE;
      out.set(this.ring.subarray(o, o + GANTT_STRIDE), i * GANTT_STRIDE);
    }
    let at = closed * GANTT_STRIDE;
    for (let p = 0; p < this.openStart.length; p++) {
      if (!(nowNs > this.openStart[p])) continue;
      out[at] = this.openStart[p];
      out[at + 1] = nowNs;
      out[at + 2] = p;
      out[at + 3] = this.openPhase[p];
      out[at + 4] = this.openVcpu[p];
      at += GANTT_STRIDE;
      this.openStart[p] = nowNs;
    }
    const reset = this.fresh || lost;
    this.written = 0;
    this.fresh = false;
    return { segments: out, reset };
  }
}

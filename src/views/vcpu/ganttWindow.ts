// The stretch of pCPU time the Gantt chart shows: the segments of the last `spanNs` of
// simulated time, per pCPU in time order, fed by each frame's new segments. A frame that does
// not continue the previous one (a seek, a new run, a lapped drain) starts the window afresh.
import { GANTT_STRIDE, type PcpuPhaseName } from '../../kernels/vcpu/api';

export const PHASES: readonly PcpuPhaseName[] = ['idle', 'entry', 'guest', 'exit', 'poll', 'host', 'offline'];

export interface GanttSegment {
  startNs: number;
  endNs: number;
  phase: PcpuPhaseName;
  /** The vCPU of a guest, entry, exit or poll segment; -1 otherwise. */
  vcpu: number;
}

/** What a pCPU did over the window: ns per kind (guest time per VM). */
export interface PcpuShare {
  pcpu: number;
  guestNsByVm: number[];
  hypervisorNs: number;
  pollNs: number;
  hostNs: number;
  idleNs: number;
  offlineNs: number;
  spanNs: number;
}

export class GanttWindow {
  private rows: GanttSegment[][] = [];
  /** Simulated time the window has reached. */
  nowNs = 0;

  constructor(public spanNs: number) {}

  get pcpus(): number {
    return this.rows.length;
  }

  get startNs(): number {
    return Math.max(0, this.nowNs - this.spanNs);
  }

  row(pcpu: number): readonly GanttSegment[] {
    return this.rows[pcpu] ?? [];
  }

  clear(): void {
    this.rows = [];
    this.nowNs = 0;
  }

  /** Adds a frame's segments (GANTT_STRIDE numbers each); `reset` starts afresh first. */
  add(segments: Float64Array, nowNs: number, reset: boolean): void {
    if (reset) this.rows = [];
    for (let o = 0; o + GANTT_STRIDE <= segments.length; o += GANTT_STRIDE) {
      const pcpu = segments[o + 2];
      if (!Number.isInteger(pcpu) || pcpu < 0 || pcpu > 4096) continue;
      const phase = PHASES[segments[o + 3]];
      if (phase === undefined || !(segments[o + 1] > segments[o])) continue;
      while (this.rows.length <= pcpu) this.rows.push([]);
      const row = this.rows[pcpu];
      const last = row[row.length - 1];
      const seg = { startNs: segments[o], endNs: segments[o + 1], phase, vcpu: segments[o + 4] };
      // The open segment a frame cut at its time continues in the next: one bar, not two.
      if (last && last.phase === seg.phase && last.vcpu === seg.vcpu && last.endNs === seg.startNs) last.endNs = seg.endNs;
      else row.push(seg);
    }
    this.nowNs = Math.max(reset ? 0 : this.nowNs, nowNs);
    this.trim();
  }

  private trim(): void {
    const from = this.startNs;
    for (const row of this.rows) {
      let cut = 0;
      while (cut < row.length && row[cut].endNs <= from) cut++;
      if (cut > 0) row.splice(0, cut);
    }
  }

  /** Each pCPU's time in the window by kind: the Gantt chart as a table. */
  shares(vmOfVcpu: readonly number[], vms: number): PcpuShare[] {
    const from = this.startNs;
    return this.rows.map((row, pcpu) => {
      const share: PcpuShare = { pcpu, guestNsByVm: new Array<number>(vms).fill(0), hypervisorNs: 0, pollNs: 0, hostNs: 0, idleNs: 0, offlineNs: 0, spanNs: 0 };
      for (const seg of row) {
        const ns = Math.min(seg.endNs, this.nowNs) - Math.max(seg.startNs, from);
        if (ns <= 0) continue;
        share.spanNs += ns;
        switch (seg.phase) {
          case 'guest': {
            const vm = vmOfVcpu[seg.vcpu];
            if (vm !== undefined && vm < vms) share.guestNsByVm[vm] += ns;
            break;
          }
          case 'entry':
          case 'exit': share.hypervisorNs += ns; break;
          case 'poll': share.pollNs += ns; break;
          case 'host': share.hostNs += ns; break;
          case 'idle': share.idleNs += ns; break;
          case 'offline': share.offlineNs += ns; break;
        }
      }
      return share;
    });
  }
}

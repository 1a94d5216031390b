import { describe, expect, it } from 'vitest';
import { GanttWindow } from './ganttWindow';

const seg = (...s: number[][]) => Float64Array.from(s.flat());
const GUEST = 2;
const IDLE = 0;
const EXIT = 3;

describe('GanttWindow', () => {
  it('joins a segment cut at a frame with its continuation, and keeps only the span', () => {
    const w = new GanttWindow(1000);
    w.add(seg([0, 400, 0, GUEST, 3], [0, 400, 1, IDLE, -1]), 400, true);
    w.add(seg([400, 900, 0, GUEST, 3], [400, 900, 1, EXIT, 2]), 900, false);
    expect(w.row(0)).toEqual([{ startNs: 0, endNs: 900, phase: 'guest', vcpu: 3 }]);
    expect(w.row(1).map((s) => s.phase)).toEqual(['idle', 'exit']);
    w.add(seg([900, 2000, 1, GUEST, 2]), 2000, false);
    expect(w.startNs).toBe(1000);
    expect(w.row(1)).toEqual([{ startNs: 900, endNs: 2000, phase: 'guest', vcpu: 2 }]);
  });

  it('starts afresh on a reset and skips malformed segments', () => {
    const w = new GanttWindow(1000);
    w.add(seg([0, 500, 0, GUEST, 0]), 500, true);
    w.add(seg([100, 200, 0, IDLE, -1], [300, 250, 0, IDLE, -1], [0, 10, -1, IDLE, -1], [0, 10, 0, 99, -1]), 200, true);
    expect(w.nowNs).toBe(200);
    expect(w.row(0)).toEqual([{ startNs: 100, endNs: 200, phase: 'idle', vcpu: -1 }]);
  });

  it('sums each pCPU window by kind, guest time per VM', () => {
    const w = new GanttWindow(1000);
    w.add(seg([0, 300, 0, GUEST, 0], [300, 400, 0, EXIT, 0], [400, 1000, 0, GUEST, 1], [0, 1000, 1, IDLE, -1]), 1000, true);
    const [p0, p1] = w.shares([0, 1], 2);
    expect(p0.guestNsByVm).toEqual([300, 600]);
    expect(p0.hypervisorNs).toBe(100);
    expect(p0.spanNs).toBe(1000);
    expect(p1.idleNs).toBe(1000);
  });
});

// The tab's view of the kernel on the real built wasm: the pCPU and vCPU views agree with the
// accounts and the pick rules, the histograms hold every wake-up, reading leaves the state hash
// alone, and the Gantt segments tile each pCPU's time and match the trace's phase changes.
import { describe, expect, it } from 'vitest';
import { vcpuModule } from '../../testing/fixtures';
import { defaultConfig, vm } from './config';
import { GANTT_STRIDE } from './api';
import { VcpuKernel, type TraceRecord } from './kernel';
import { FR, PCPU_PHASES, PRIO_NAMES, PRIO_VIEW_CODES } from './protocol';
import { GanttRecorder } from './gantt';
import type { VcpuConfig } from './types';

const MS = 1e6;

function overcommitted(sched: VcpuConfig['sched']): VcpuConfig {
  return {
    ...defaultConfig('kvm'), sched, host: { sockets: 2, coresPerSocket: 2, smt: 2 },
    vms: [vm({ name: 'web', vcpus: 4, workload: 'latency' }), vm({ name: 'batch', vcpus: 8 }), vm({ name: 'lock', vcpus: 3, workload: 'spin', periodNs: 20_000, runNs: 5_000 })],
  };
}

describe('vcpu view', () => {
  it('names priority classes in the kernel code order', () => {
    PRIO_NAMES.forEach((name, code) => expect(PRIO_VIEW_CODES[name]).toBe(code));
  });

  it('gives the topology socket-major with hyperthreads adjacent', () => {
    const k = new VcpuKernel(vcpuModule(), overcommitted('credit'), 1);
    const { pcpus } = k.view();
    expect(pcpus.map((p) => [p.socket, p.core, p.thread])).toEqual([
      [0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1],
    ]);
    expect(pcpus.every((p) => p.online)).toBe(true);
  });

  it.each(['credit', 'cfs', 'eevdf'] as const)('%s: queues hold exactly the runnable vCPUs, in pick order', (sched) => {
    const k = new VcpuKernel(vcpuModule(), overcommitted(sched), 3);
    let holders = 0;
    for (let t = 1; t <= 40; t++) {
      k.advance(t * 0.73 * MS);
      const { pcpus, vcpus } = k.view();
      holders += vcpus.filter((v) => v.holdsLock).length;
      const queued = pcpus.flatMap((p) => p.queue.map((v) => ({ v, p: p.id })));
      const runnable = vcpus.filter((v) => v.state === 'runnable');
      expect(queued.map((q) => q.v).sort((a, b) => a - b)).toEqual(runnable.map((v) => v.id));
      for (const q of queued) expect(vcpus[q.v].pcpu).toBe(q.p);
      for (const p of pcpus) {
        if (p.vcpu >= 0) expect(vcpus[p.vcpu].state).toBe('running');
        const pickable = p.queue.map((v) => vcpus[v]).filter((v) => v.prio !== 'parked');
        // During host work the vCPU it took the pCPU from heads the queue: it resumes first.
        for (let i = p.phase === 'host' ? 2 : 1; i < pickable.length; i++) {
          const a = pickable[i - 1];
          const b = pickable[i];
          if (sched === 'credit') {
            const rank = { boost: 2, under: 1, over: 0 } as Record<string, number>;
            if (b.prio in rank && a.prio in rank) expect(rank[a.prio]).toBeGreaterThanOrEqual(rank[b.prio]);
          } else if (sched === 'cfs') expect(a.vruntimeNs).toBeLessThanOrEqual(b.vruntimeNs);
          else if (a.eligible === b.eligible && a.eligible) expect(a.deadlineNs).toBeLessThanOrEqual(b.deadlineNs);
          else if (!a.eligible) expect(b.eligible).toBe(false);
        }
      }
      for (const v of vcpus) {
        expect(v.prio).toBe(sched === 'credit' ? (v.state === 'offline' ? 'none' : v.prio) : 'fair');
        if (sched !== 'eevdf') expect([v.lagNs, v.deadlineNs, v.eligible]).toEqual([0, 0, false]);
        if (sched === 'credit') expect(['boost', 'under', 'over', 'parked']).toContain(v.prio);
        if (v.spinning) expect(v.state).toBe('running');
      }
    }
    const { vcpus } = k.view();
    expect(vcpus.map((v) => `${v.vm}/${v.index}`).slice(3, 6)).toEqual(['0/3', '1/0', '1/1']);
    expect(holders).toBeGreaterThan(0);
  });

  it('counts every wake-up in the histograms, overall and per VM', () => {
    const k = new VcpuKernel(vcpuModule(), overcommitted('eevdf'), 1);
    k.advance(50 * MS);
    const { latency, latencyPerVm } = k.view();
    const sum = (c: number[]) => c.reduce((x, y) => x + y, 0);
    expect(sum(latency.counts)).toBe(k.frame()[FR.wakeups]);
    expect(sum(latencyPerVm.map((h) => sum(h.counts)))).toBe(sum(latency.counts));
    expect(latency.counts[latency.counts.length - 1]).toBeGreaterThan(0);
    for (let i = 1; i < latency.upperNs.length; i++) expect(latency.upperNs[i]).toBeGreaterThan(latency.upperNs[i - 1]);
    const p99 = k.summary().latency.total.p99Ns;
    let seen = 0;
    const rank = Math.ceil(0.99 * sum(latency.counts));
    const at = latency.counts.findIndex((c) => (seen += c) >= rank);
    // The kernel's percentile is its bucket's middle: within the bucket's bounds.
    expect(p99).toBeLessThan(latency.upperNs[at]);
    expect(p99).toBeGreaterThanOrEqual(at > 0 ? latency.upperNs[at - 1] : 0);
  });

  it('leaves the state hash alone when read', () => {
    const a = new VcpuKernel(vcpuModule(), overcommitted('eevdf'), 5, undefined, { gantt: true });
    const b = new VcpuKernel(vcpuModule(), overcommitted('eevdf'), 5, undefined, { gantt: true });
    a.advance(10 * MS);
    b.advance(10 * MS);
    const before = b.stateHash();
    b.view();
    b.drainGantt();
    b.summary();
    expect(b.stateHash()).toBe(before);
    expect(a.stateHash()).toBe(before);
  });

  it('tiles each pCPU with contiguous segments that follow the trace', () => {
    const config = overcommitted('credit');
    const k = new VcpuKernel(vcpuModule(), config, 2, undefined, { gantt: true });
    const lines: TraceRecord[] = [];
    const t = new VcpuKernel(vcpuModule(), config, 2, (r) => lines.push(r));
    const rows: number[][][] = [];
    let frames = 0;
    for (let now = 0.37 * MS; now <= 30 * MS; now += 0.37 * MS) {
      k.advance(Math.round(now));
      if (Math.round(now) === 15 * MS) k.apply({ kind: 'storm', pcpu: 2, ns: 2 * MS });
      const take = k.drainGantt();
      expect(take.reset).toBe(frames++ === 0);
      for (let o = 0; o < take.segments.length; o += GANTT_STRIDE) {
        const seg = Array.from(take.segments.subarray(o, o + GANTT_STRIDE));
        (rows[seg[2]] ??= []).push(seg);
      }
    }
    const end = k.now;
    t.advance(end);
    expect(rows.length).toBe(8);
    rows.forEach((row, p) => {
      expect(row[0][0]).toBe(0);
      let length = 0;
      for (let i = 0; i < row.length; i++) {
        expect(row[i][1]).toBeGreaterThan(row[i][0]);
        if (i > 0) expect(row[i][0]).toBe(row[i - 1][1]);
        length += row[i][1] - row[i][0];
      }
      expect(length).toBe(end);
      // Joined where a frame cut one phase, the row is the trace's phase changes of p.
      const joined: number[][] = [];
      for (const seg of row) {
        const last = joined[joined.length - 1];
        if (last && last[3] === seg[3] && last[4] === seg[4]) last[1] = seg[1];
        else joined.push([...seg]);
      }
      let phase = 0;
      let vcpu = -1;
      let since = 0;
      const expected: number[][] = [];
      for (const r of lines) {
        if (!('phase' in r) || r.pcpu !== p) continue;
        if (r.t > since) expected.push([since, r.t, p, phase, vcpu]);
        since = r.t;
        phase = PCPU_PHASES.indexOf(r.phase);
        vcpu = r.vcpu;
      }
      if (end > since) expected.push([since, end, p, phase, vcpu]);
      const merged: number[][] = [];
      for (const seg of expected) {
        const last = merged[merged.length - 1];
        if (last && last[3] === seg[3] && last[4] === seg[4]) last[1] = seg[1];
        else merged.push(seg);
      }
      expect(joined).toEqual(merged);
    });
    expect(rows[2].some((s) => PCPU_PHASES[s[3]] === 'host')).toBe(true);
  });

  it('keeps the newest segments past its capacity and says reset', () => {
    const g = new GanttRecorder(4);
    g.begin(0, [0, 0], [-1, -1]);
    g.take(0);
    for (let i = 1; i <= 6; i++) g.change(i * 10, i % 2, i % 3, -1);
    const take = g.take(100);
    expect(take.reset).toBe(true);
    expect(take.segments.length).toBe((4 + 2) * GANTT_STRIDE);
    expect(Array.from(take.segments.subarray(0, GANTT_STRIDE))).toEqual([10, 30, 1, 1, -1]);
    expect(g.take(100).segments.length).toBe(0);
    expect(g.take(110).reset).toBe(false);
  });
});

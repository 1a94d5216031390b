// The vCPU kernel's credit1 loop written the way plain TypeScript usually is: one object per
// event, a binary heap of objects, vCPU objects in per-pCPU arrays. The same model as the
// kernel's kvm profile for CPU-bound and request/response vCPUs: VM entry, host jitter,
// credit1's 10 ms tick, 30 ms accounting by weight, BOOST on wake, the 1 ms rate limit, the
// 30 ms slice and idle stealing. No I/O, no spinlocks, no faults, no checker, no metrics but
// the event count. Used only by bench/vcpu.ts to compare events per second with the wasm kernel.

interface Ev { time: number; seq: number; kind: number; target: number; gen: number }
interface Vcpu {
  id: number; vm: number; latency: boolean; period: number; run: number;
  state: 0 | 1 | 2; credit: number; boost: boolean; pcpu: number; work: number; lastSync: number; ranSince: number; seq: number;
}
interface Pcpu { cur: Vcpu | null; gen: number; phase: 0 | 1 | 2 | 3; phaseEnd: number; sliceEnd: number; resched: number; queue: Vcpu[] }

const PCPU = 1, WAKE = 2, TICK = 3, JITTER = 4;
const TSLICE = 30e6, RATELIMIT = 1e6, TICK_NS = 10e6, ENTRY = 1000, JIT_PERIOD = 1e6, JIT = 5000;

class Heap {
  items: Ev[] = [];
  seq = 0;
  push(e: Ev): void {
    e.seq = this.seq++;
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].time < e.time || (a[p].time === e.time && a[p].seq < e.seq)) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = e;
  }
  pop(): Ev {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && (a[r].time < a[l].time || (a[r].time === a[l].time && a[r].seq < a[l].seq)) ? r : l;
        if (last.time < a[c].time || (last.time === a[c].time && last.seq < a[c].seq)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

export interface PlainVm { vcpus: number; weight: number; latency: boolean; periodNs: number; runNs: number }

export function plainVcpu(pcpus: number, vms: PlainVm[], durationNs: number, seed = 1): { events: number; seconds: number } {
  let rng = seed >>> 0 || 1;
  const rand = (n: number) => {
    rng ^= rng << 13; rng >>>= 0; rng ^= rng >>> 17; rng ^= rng << 5; rng >>>= 0;
    return rng % n;
  };
  const heap = new Heap();
  const ps: Pcpu[] = Array.from({ length: pcpus }, () => ({ cur: null, gen: 0, phase: 0, phaseEnd: 0, sliceEnd: Infinity, resched: Infinity, queue: [] }));
  const vs: Vcpu[] = [];
  vms.forEach((vm, i) => {
    for (let k = 0; k < vm.vcpus; k++) {
      vs.push({ id: vs.length, vm: i, latency: vm.latency, period: vm.periodNs, run: vm.runNs, state: 0, credit: 1, boost: false, pcpu: -1, work: 0, lastSync: 0, ranSince: 0, seq: 0 });
    }
  });
  let now = 0;
  let seq = 0;
  const prio = (v: Vcpu) => (v.boost ? 0 : v.credit > 0 ? -1 : -2);
  const sync = (p: Pcpu) => {
    const v = p.cur;
    if (!v) return;
    const dt = now - v.lastSync;
    v.lastSync = now;
    v.credit -= dt;
    if (p.phase === 2 && v.work !== Infinity) v.work = Math.max(0, v.work - dt);
  };
  const plan = (i: number) => {
    const p = ps[i];
    let t = Infinity;
    if (p.phase === 1 || p.phase === 3) t = p.phaseEnd;
    else if (p.phase === 2) t = Math.min(p.cur!.work === Infinity ? Infinity : now + p.cur!.work, p.sliceEnd, p.resched);
    p.gen++;
    if (t !== Infinity) heap.push({ time: t, seq: 0, kind: PCPU, target: i, gen: p.gen });
  };
  const best = (q: Vcpu[]) => {
    let b: Vcpu | null = null;
    for (const v of q) if (!b || prio(v) > prio(b) || (prio(v) === prio(b) && v.seq < b.seq)) b = v;
    return b;
  };
  const dispatch = (i: number, v: Vcpu) => {
    const p = ps[i];
    p.queue.splice(p.queue.indexOf(v), 1);
    p.cur = v; v.state = 2; v.pcpu = i; v.lastSync = now; v.ranSince = now;
    p.phase = 1; p.phaseEnd = now + ENTRY; p.sliceEnd = now + TSLICE; p.resched = Infinity;
  };
  const schedule = (i: number) => {
    const p = ps[i];
    if (p.cur || p.phase === 3) return;
    let v = best(p.queue);
    if (!v || prio(v) < -1) {
      let steal: Vcpu | null = null;
      for (const q of ps) if (q !== p) { const c = best(q.queue); if (c && (!steal || prio(c) > prio(steal)) && prio(c) > (v ? prio(v) : -64)) steal = c; }
      if (steal) { const from = ps[steal.pcpu]; from.queue.splice(from.queue.indexOf(steal), 1); steal.pcpu = i; p.queue.push(steal); v = steal; }
    }
    if (!v) { p.phase = 0; plan(i); return; }
    dispatch(i, v);
    plan(i);
  };
  const enqueue = (v: Vcpu, i: number) => { v.state = 1; v.pcpu = i; v.seq = seq++; ps[i].queue.push(v); };
  const deschedule = (i: number) => {
    const p = ps[i];
    sync(p);
    const v = p.cur!;
    v.boost = false;
    p.cur = null; p.phase = 0;
    enqueue(v, i);
  };
  const wake = (v: Vcpu) => {
    if (v.state !== 0) return;
    v.work = v.run;
    if (v.credit > 0) v.boost = true;
    let q = ps.findIndex((p) => p.phase === 0);
    if (q < 0) q = v.pcpu >= 0 ? v.pcpu : v.id % pcpus;
    enqueue(v, q);
    const p = ps[q];
    if (p.phase === 0) { schedule(q); return; }
    if (p.cur && p.phase === 2 && prio(v) > prio(p.cur)) {
      sync(p);
      if (now - p.cur.ranSince < RATELIMIT) { p.resched = Math.min(p.resched, p.cur.ranSince + RATELIMIT); plan(q); }
      else { deschedule(q); schedule(q); }
    }
  };
  for (const v of vs) {
    if (v.latency) heap.push({ time: (v.id * 7919 * v.period / 64) % v.period, seq: 0, kind: WAKE, target: v.id, gen: 0 });
    else { v.work = Infinity; v.state = 0; v.credit = 1; wake(v); v.boost = false; }
  }
  heap.push({ time: TICK_NS, seq: 0, kind: TICK, target: 0, gen: 0 });
  for (let i = 0; i < pcpus; i++) heap.push({ time: 1 + rand(JIT_PERIOD), seq: 0, kind: JITTER, target: i, gen: 0 });
  let ticks = 0;
  let events = 0;
  const started = performance.now();
  while (heap.items.length && heap.items[0].time <= durationNs) {
    const e = heap.pop();
    now = e.time;
    events++;
    if (e.kind === WAKE) {
      const v = vs[e.target];
      heap.push({ time: now + v.period, seq: 0, kind: WAKE, target: v.id, gen: 0 });
      wake(v);
    } else if (e.kind === JITTER) {
      heap.push({ time: now + JIT_PERIOD / 2 + rand(JIT_PERIOD), seq: 0, kind: JITTER, target: e.target, gen: 0 });
      const p = ps[e.target];
      if (p.phase === 3) { p.phaseEnd += JIT; plan(e.target); continue; }
      if (p.cur) deschedule(e.target);
      p.phase = 3; p.phaseEnd = now + JIT / 2 + rand(JIT);
      plan(e.target);
    } else if (e.kind === TICK) {
      heap.push({ time: now + TICK_NS, seq: 0, kind: TICK, target: 0, gen: 0 });
      for (const p of ps) { sync(p); if (p.cur) p.cur.boost = false; }
      if (++ticks % 3 === 0) {
        const total = pcpus * TSLICE;
        const wsum = vms.reduce((s, vm) => s + vm.weight, 0);
        for (const v of vs) v.credit = Math.max(-TSLICE, Math.min(TSLICE, v.credit + total * vms[v.vm].weight / wsum / vms[v.vm].vcpus));
      }
      ps.forEach((p, i) => { if (p.cur && p.phase === 2) { const w = best(p.queue); if (w && prio(w) > prio(p.cur) && now - p.cur.ranSince >= RATELIMIT) { deschedule(i); schedule(i); } } });
    } else {
      const i = e.target;
      const p = ps[i];
      if (e.gen !== p.gen) continue;
      sync(p);
      if (p.phase === 3) { p.phase = 0; schedule(i); continue; }
      const v = p.cur;
      if (!v) continue;
      if (p.phase === 1) { p.phase = 2; v.lastSync = now; }
      else if (v.work === 0) { v.state = 0; v.boost = false; p.cur = null; p.phase = 0; schedule(i); continue; }
      else if (now >= p.resched || now >= p.sliceEnd) {
        const w = best(p.queue);
        if (w && prio(w) >= prio(v)) { deschedule(i); schedule(i); continue; }
        p.sliceEnd = now + TSLICE; p.resched = Infinity;
      }
      plan(i);
    }
  }
  return { events, seconds: (performance.now() - started) / 1000 };
}

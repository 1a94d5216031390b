// The host side of one vCPU kernel instance, the same in the CLI, the tests and the worker:
// encodes the host and VMs, applies fault commands, advances time, decodes the frame, the
// trace, the tab's view (pCPUs, vCPUs, histograms) and the Gantt chart's segments.
import { instantiateKernel, type KernelInstance } from '../wasmKernel';
import { fnv1a64Hex } from '../../state/hash';
import {
  BROKEN_OPTIONS, CFG, CFG_HEADER, CMD, CONFIG_SLOTS, CONFIG_VERSION, FR, FRAME_SIZE, H, HISTOGRAMS, MITIGATIONS,
  OPT_TRACE, PCPU_PHASES, PROFILE_CODES, PROPERTIES, SCHED_CODES, TRACE_CAP, TRACE_DRAIN_EVENTS, TRACE_PCPU,
  VCPU_STATES, VCPU_STRIDE, VERDICTS, VM, VM_STRIDE, VV, WORKLOAD_CODES, type Verdict,
  PCPU_STRIDE, PRIO_NAMES, PV, SCHED_VIEW_STRIDE, SV,
} from './protocol';
import type { SimNs, VcpuCommand, VcpuConfig } from './types';
import type { LatencyHistogramView, PcpuView, VcpuView } from './api';
import { GanttRecorder, type GanttTake } from './gantt';
import { applyDelta } from '../logindex/deltaSnapshot';
import { OPT_LINUX_615 } from '../../../wasm/vcpu/constants';

/** One line of the --trace file: a vCPU state change or a pCPU phase change. */
export type TraceRecord =
  | { t: SimNs; vcpu: number; vm: string; state: (typeof VCPU_STATES)[number]; pcpu: number }
  | { t: SimNs; pcpu: number; phase: (typeof PCPU_PHASES)[number]; vcpu: number };

interface VcpuExports {
  memory: WebAssembly.Memory;
  configPtr(): number;
  init(seed: number): number;
  apply(kind: number, a: number, b: number): number;
  advance(untilNs: number, maxEvents: number): number;
  frame(): number;
  pctPtr(): number;
  vcpusPtr(): number;
  clearScratch(): void;
  traceTotal(): number;
  traceTimePtr(): number;
  traceWhoPtr(): number;
  traceStatePtr(): number;
  tracePcpuPtr(): number;
  stateEnd(): number;
  pcpusPtr(): number;
  queuePtr(): number;
  vcpuSchedPtr(): number;
  histogramBuckets(): number;
  histogramUpperPtr(): number;
  histogramCountsPtr(h: number): number;
}

/** What the tab draws of the state now, besides the report and the Gantt segments. */
export interface VcpuKernelView {
  pcpus: PcpuView[];
  vcpus: VcpuView[];
  latency: LatencyHistogramView;
  latencyPerVm: LatencyHistogramView[];
}

export interface VcpuKernelOptions {
  /** Record pCPU phase changes for the Gantt chart (turns the trace ring on). */
  gantt?: boolean;
}

export interface Percentiles {
  p50Ns: number;
  p99Ns: number;
  p999Ns: number;
}

export interface VcpuAccount {
  vm: number;
  state: string;
  runNs: number;
  waitNs: number;
  blockNs: number;
  stealNs: number;
  usefulNs: number;
  aliveNs: number;
  migrations: number;
}

export interface VcpuSummary {
  nowNs: number;
  events: number;
  pcpus: number;
  vcpus: number;
  verdict: Verdict;
  violation: { property: string; vcpu: number | null; pcpu: number | null; atNs: number } | null;
  frame: Float64Array;
  latency: { total: Percentiles; queue: Percentiles; preempt: Percentiles; entry: Percentiles; perVm: Percentiles[] };
  accounts: VcpuAccount[];
}

const CHUNK_EVENTS = 1 << 20;

export class VcpuKernel {
  private readonly instance: KernelInstance<VcpuExports>;
  private nowNs: SimNs = 0;
  /** The ring's record count (an i32 in the kernel) at the last drain. */
  private drained = 0;
  private readonly gantt: GanttRecorder | null;
  private upperNs: Float64Array | null = null;

  constructor(
    module: WebAssembly.Module, readonly config: VcpuConfig, seed: number, private readonly trace?: (r: TraceRecord) => void,
    kernelOptions: VcpuKernelOptions = {},
  ) {
    this.instance = instantiateKernel<VcpuExports>(module);
    this.gantt = kernelOptions.gantt ? new GanttRecorder() : null;
    const e = this.instance.exports;
    const slots = new Float64Array(CONFIG_SLOTS);
    const c = config.costs;
    slots[CFG.version] = CONFIG_VERSION;
    slots[CFG.sched] = SCHED_CODES[config.sched];
    slots[CFG.profile] = PROFILE_CODES[config.profile];
    let options = trace || this.gantt ? OPT_TRACE : 0;
    for (const m of config.mitigations) options |= MITIGATIONS[m];
    for (const b of config.broken) options |= BROKEN_OPTIONS[b];
    if (config.linux615) options |= OPT_LINUX_615;
    slots[CFG.options] = options;
    slots[CFG.sockets] = config.host.sockets;
    slots[CFG.cores] = config.host.coresPerSocket;
    slots[CFG.smt] = config.host.smt;
    slots[CFG.vms] = config.vms.length;
    slots[CFG.entryNs] = c.entryNs;
    slots[CFG.exitNs] = c.exitNs;
    slots[CFG.jitterPeriodNs] = c.jitterPeriodNs;
    slots[CFG.jitterNs] = c.jitterNs;
    slots[CFG.haltPollNs] = c.haltPollNs;
    slots[CFG.ioHostNs] = c.ioHostNs;
    slots[CFG.ioDeviceNs] = c.ioDeviceNs;
    slots[CFG.coldPermille] = c.coldPermille;
    slots[CFG.coldNs] = c.coldNs;
    slots[CFG.remotePermille] = c.remotePermille;
    slots[CFG.upgradeBaseNs] = c.upgradeBaseNs;
    slots[CFG.upgradePerVcpuNs] = c.upgradePerVcpuNs;
    config.vms.forEach((vm, i) => {
      const b = CFG_HEADER + i * VM_STRIDE;
      slots[b + VM.vcpus] = vm.vcpus;
      slots[b + VM.weight] = vm.weight;
      slots[b + VM.cap] = vm.cap;
      slots[b + VM.workload] = WORKLOAD_CODES[vm.workload];
      slots[b + VM.pin] = vm.pin ?? -1;
      slots[b + VM.periodNs] = vm.periodNs;
      slots[b + VM.runNs] = vm.runNs;
      slots[b + VM.dormant] = vm.dormant ? 1 : 0;
    });
    new Float64Array(e.memory.buffer, e.configPtr(), CONFIG_SLOTS).set(slots);
    const code = this.instance.call('init', () => e.init(seed));
    if (code === -1) throw new Error('vcpu.wasm refused the config block (another kernel version?)');
    if (code !== 0) throw new Error('vcpu.wasm: the host or its VMs do not fit the kernel');
    this.drainTrace();
    this.beginGantt();
  }

  private get tracing(): boolean {
    return this.trace !== undefined || this.gantt !== null;
  }

  get now(): SimNs {
    return this.nowNs;
  }

  /** Hands the trace records written since the last drain to the sink. */
  private drainTrace(): void {
    if (!this.tracing) return;
    const e = this.instance.exports;
    const total = e.traceTotal();
    // The count is an i32 that may wrap in a long run: the difference is taken mod 2^32.
    const count = (total - this.drained) | 0;
    if (count < 0 || count > TRACE_CAP) throw new Error('the trace ring lapped between drains');
    const buf = e.memory.buffer;
    const time = new BigInt64Array(buf, e.traceTimePtr(), TRACE_CAP);
    const who = new Int32Array(buf, e.traceWhoPtr(), TRACE_CAP);
    const st = new Int32Array(buf, e.traceStatePtr(), TRACE_CAP);
    const pc = new Int32Array(buf, e.tracePcpuPtr(), TRACE_CAP);
    const vmOf = this.trace ? this.vmOfVcpu() : [];
    const sink = this.trace;
    const gantt = this.gantt;
    for (let j = 0; j < count; j++) {
      const k = (this.drained + j) & (TRACE_CAP - 1);
      const id = who[k] & 0xffff;
      const t = Number(time[k]);
      if (who[k] >> 16 === TRACE_PCPU) {
        gantt?.change(t, id, st[k], pc[k]);
        sink?.({ t, pcpu: id, phase: PCPU_PHASES[st[k]], vcpu: pc[k] });
      } else sink?.({ t, vcpu: id, vm: vmOf[id], state: VCPU_STATES[st[k]], pcpu: pc[k] });
    }
    this.drained = total;
  }

  /** The Gantt recorder starts from each pCPU's phase now (a new run, a restore). */
  private beginGantt(): void {
    if (!this.gantt) return;
    const pcpus = this.pcpuSlots();
    const n = pcpus.length / PCPU_STRIDE;
    const phases: number[] = [];
    const vcpus: number[] = [];
    for (let p = 0; p < n; p++) {
      phases.push(pcpus[p * PCPU_STRIDE + PV.phase]);
      vcpus.push(pcpus[p * PCPU_STRIDE + PV.vcpu]);
    }
    this.gantt.begin(this.nowNs, phases, vcpus);
  }

  /**
   * The pCPU segments since the last call (api.ts GANTT_STRIDE layout), the open ones cut at
   * now; `reset` when they do not continue the last call's. Needs the `gantt` option.
   */
  drainGantt(): GanttTake {
    if (!this.gantt) throw new Error('this vcpu kernel records no Gantt segments (the gantt option is off)');
    return this.gantt.take(this.nowNs);
  }

  private vmNames: string[] | null = null;
  private vmOfVcpu(): string[] {
    if (!this.vmNames) this.vmNames = this.config.vms.flatMap((vm) => Array.from({ length: vm.vcpus }, () => vm.name));
    return this.vmNames;
  }

  advance(untilNs: SimNs): void {
    const e = this.instance.exports;
    const chunk = this.tracing ? TRACE_DRAIN_EVENTS : CHUNK_EVENTS;
    for (;;) {
      const ran = this.instance.call(`advance to ${untilNs} ns`, () => e.advance(untilNs, chunk));
      this.drainTrace();
      if (ran < chunk) break;
    }
    this.nowNs = untilNs;
  }

  /** Applies a command now; false when it does not apply (e.g. offlining the last pCPU). */
  apply(command: VcpuCommand): boolean {
    const [kind, a, b] = encodeCommand(command);
    const ok = this.instance.call(`apply ${command.kind}`, () => this.instance.exports.apply(kind, a, b)) === 0;
    this.drainTrace();
    return ok;
  }

  frame(): Float64Array {
    const e = this.instance.exports;
    return new Float64Array(e.memory.buffer, this.instance.call('frame', () => e.frame()), FRAME_SIZE).slice();
  }

  summary(): VcpuSummary {
    const e = this.instance.exports;
    const f = this.frame();
    const pct = new Float64Array(e.memory.buffer, e.pctPtr(), HISTOGRAMS * 3).slice();
    const p = (h: number): Percentiles => ({ p50Ns: pct[h * 3], p99Ns: pct[h * 3 + 1], p999Ns: pct[h * 3 + 2] });
    const nV = f[FR.vcpus];
    const acc = new Float64Array(e.memory.buffer, e.vcpusPtr(), nV * VCPU_STRIDE).slice();
    const accounts: VcpuAccount[] = [];
    for (let v = 0; v < nV; v++) {
      const b = v * VCPU_STRIDE;
      accounts.push({
        vm: acc[b + VV.vm], state: VCPU_STATES[acc[b + VV.state]], runNs: acc[b + VV.runNs], waitNs: acc[b + VV.waitNs],
        blockNs: acc[b + VV.blockNs], stealNs: acc[b + VV.stealNs], usefulNs: acc[b + VV.usefulNs],
        aliveNs: acc[b + VV.aliveNs], migrations: acc[b + VV.migrations],
      });
    }
    const code = f[FR.violation];
    return {
      nowNs: f[FR.now], events: f[FR.events], pcpus: f[FR.pcpus], vcpus: nV, verdict: VERDICTS[f[FR.verdict]],
      violation: code === 0 ? null : {
        property: PROPERTIES[code], vcpu: f[FR.vVcpu] < 0 ? null : f[FR.vVcpu], pcpu: f[FR.vPcpu] < 0 ? null : f[FR.vPcpu],
        atNs: f[FR.vTime],
      },
      frame: f,
      latency: {
        total: p(H.total), queue: p(H.queue), preempt: p(H.preempt), entry: p(H.entry),
        perVm: this.config.vms.map((_, i) => p(H.vm0 + i)),
      },
      accounts,
    };
  }

  /** FNV-1a 64 of the whole kernel state (linear memory). */
  stateHash(): string {
    const e = this.instance.exports;
    return fnv1a64Hex(this.instance.stateBytes(() => e.clearScratch()));
  }

  private pcpuSlots(): Float64Array {
    const e = this.instance.exports;
    const ptr = this.instance.call('pcpus', () => e.pcpusPtr());
    return new Float64Array(e.memory.buffer, ptr, this.frame()[FR.pcpus] * PCPU_STRIDE).slice();
  }

  /** Each pCPU with its run queue, each vCPU with its accounts and scheduler fields, the wake-up latency histograms. */
  view(): VcpuKernelView {
    const e = this.instance.exports;
    const f = this.frame();
    const nP = f[FR.pcpus];
    const nV = f[FR.vcpus];
    const pv = this.pcpuSlots();
    const queue = new Int32Array(e.memory.buffer, e.queuePtr(), nV).slice();
    const pcpus: PcpuView[] = [];
    let q = 0;
    for (let p = 0; p < nP; p++) {
      const b = p * PCPU_STRIDE;
      const len = pv[b + PV.queueLen];
      pcpus.push({
        id: p, socket: pv[b + PV.socket], core: pv[b + PV.core], thread: pv[b + PV.thread], online: pv[b + PV.online] !== 0,
        phase: PCPU_PHASES[pv[b + PV.phase]], vcpu: pv[b + PV.vcpu], stormUntilNs: pv[b + PV.stormUntilNs],
        queue: Array.from(queue.subarray(q, q + len)),
      });
      q += len;
    }
    const acc = new Float64Array(e.memory.buffer, this.instance.call('vcpus', () => e.vcpusPtr()), nV * VCPU_STRIDE).slice();
    const sv = new Float64Array(e.memory.buffer, this.instance.call('vcpu sched', () => e.vcpuSchedPtr()), nV * SCHED_VIEW_STRIDE).slice();
    const vcpus: VcpuView[] = [];
    let vm = 0;
    let first = 0;
    for (let v = 0; v < nV; v++) {
      const a = v * VCPU_STRIDE;
      const b = v * SCHED_VIEW_STRIDE;
      while (vm < this.config.vms.length - 1 && v >= first + this.config.vms[vm].vcpus) first += this.config.vms[vm++].vcpus;
      vcpus.push({
        id: v, vm: acc[a + VV.vm], index: v - first, state: VCPU_STATES[acc[a + VV.state]], pcpu: acc[a + VV.pcpu],
        spinning: sv[b + SV.spinning] !== 0, holdsLock: sv[b + SV.holdsLock] !== 0,
        runNs: acc[a + VV.runNs], waitNs: acc[a + VV.waitNs], blockNs: acc[a + VV.blockNs], stealNs: acc[a + VV.stealNs],
        migrations: acc[a + VV.migrations], prio: PRIO_NAMES[sv[b + SV.prio]], credit: sv[b + SV.credit],
        vruntimeNs: sv[b + SV.vruntimeNs], lagNs: sv[b + SV.lagNs], deadlineNs: sv[b + SV.deadlineNs], eligible: sv[b + SV.eligible] !== 0,
      });
    }
    return {
      pcpus, vcpus, latency: this.histogram(H.total),
      latencyPerVm: this.config.vms.map((_, i) => this.histogram(H.vm0 + i)),
    };
  }

  /** Histogram h (H_* order) as bucket upper bounds and counts, the empty tail left out. */
  private histogram(h: number): LatencyHistogramView {
    const e = this.instance.exports;
    const buckets = e.histogramBuckets();
    this.upperNs ??= new Float64Array(e.memory.buffer, e.histogramUpperPtr(), buckets).slice();
    const counts = new BigInt64Array(e.memory.buffer, e.histogramCountsPtr(h), buckets);
    let last = buckets - 1;
    while (last >= 0 && counts[last] === 0n) last--;
    const view: LatencyHistogramView = { upperNs: [], counts: [] };
    for (let b = 0; b <= last; b++) {
      view.upperNs.push(this.upperNs[b]);
      view.counts.push(Number(counts[b]));
    }
    return view;
  }

  // ---- for the session (time travel): sliced runs, snapshots, linear memory ----

  /**
   * Runs at most `maxEvents` of the events due by `untilNs` and returns how many ran; fewer
   * than asked means every event up to `untilNs` has run and the clock stands there. While
   * tracing, the ring is drained every TRACE_DRAIN_EVENTS events so that it never laps.
   */
  step(untilNs: SimNs, maxEvents: number): number {
    const e = this.instance.exports;
    const chunk = this.tracing ? Math.min(maxEvents, TRACE_DRAIN_EVENTS) : maxEvents;
    let ran = 0;
    while (ran < maxEvents) {
      const want = Math.min(chunk, maxEvents - ran);
      const n = this.instance.call(`advance to ${untilNs} ns`, () => e.advance(untilNs, want));
      this.drainTrace();
      ran += n;
      if (n < want) break;
    }
    this.nowNs = ran < maxEvents ? untilNs : this.frame()[FR.now];
    return ran;
  }

  /** The live checker has found a violation (the verdict is red). */
  violated(): boolean {
    return this.frame()[FR.violation] !== 0;
  }

  /** A copy of the whole state, up to the kernel's end of allocations. */
  snapshot(): Uint8Array {
    return this.instance.snapshot();
  }

  /**
   * Puts back a snapshot taken at `atNs`, with a checkpoint's delta over it (deltaSnapshot.ts)
   * when given. It reads nothing from the kernel first, so it also repairs a state a trap left
   * damaged. The trace carries on from the restored ring; the Gantt segments start afresh.
   */
  restore(base: Uint8Array, atNs: SimNs, delta?: Uint8Array): void {
    this.instance.restore(base);
    if (delta) applyDelta(this.memoryBytes(), base.length, delta);
    this.nowNs = atNs;
    if (this.tracing) this.drained = this.instance.exports.traceTotal();
    this.beginGantt();
  }

  /** Linear memory itself (valid until it grows; the kernel allocates nothing after init). */
  memoryBytes(): Uint8Array {
    return new Uint8Array(this.instance.exports.memory.buffer);
  }
}

function encodeCommand(c: VcpuCommand): [number, number, number] {
  switch (c.kind) {
    case 'arrive': return [CMD.arrive, c.vm, 0];
    case 'storm': return [CMD.storm, c.pcpu, c.ns];
    case 'offline': return [CMD.offline, c.pcpu, 0];
    case 'online': return [CMD.online, c.pcpu, 0];
    case 'upgrade': return [CMD.upgrade, 0, 0];
  }
}

// The host side of one vCPU kernel instance, the same in the CLI and the tests: encodes the
// host and VMs, applies fault commands, advances time, decodes the frame and the trace.
import { instantiateKernel, type KernelInstance } from '../wasmKernel';
import { fnv1a64Hex } from '../../state/hash';
import {
  BROKEN_OPTIONS, CFG, CFG_HEADER, CMD, CONFIG_SLOTS, CONFIG_VERSION, FR, FRAME_SIZE, H, HISTOGRAMS, MITIGATIONS,
  OPT_TRACE, PCPU_PHASES, PROFILE_CODES, PROPERTIES, SCHED_CODES, TRACE_CAP, TRACE_DRAIN_EVENTS, TRACE_PCPU,
  VCPU_STATES, VCPU_STRIDE, VERDICTS, VM, VM_STRIDE, VV, WORKLOAD_CODES, type Verdict,
} from './protocol';
import type { SimNs, VcpuCommand, VcpuConfig } from './types';
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
  private drained = 0;

  constructor(module: WebAssembly.Module, readonly config: VcpuConfig, seed: number, private readonly trace?: (r: TraceRecord) => void) {
    this.instance = instantiateKernel<VcpuExports>(module);
    const e = this.instance.exports;
    const slots = new Float64Array(CONFIG_SLOTS);
    const c = config.costs;
    slots[CFG.version] = CONFIG_VERSION;
    slots[CFG.sched] = SCHED_CODES[config.sched];
    slots[CFG.profile] = PROFILE_CODES[config.profile];
    let options = trace ? OPT_TRACE : 0;
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
  }

  get now(): SimNs {
    return this.nowNs;
  }

  /** Hands the trace records written since the last drain to the sink. */
  private drainTrace(): void {
    if (!this.trace) return;
    const e = this.instance.exports;
    const total = e.traceTotal();
    if (total - this.drained > TRACE_CAP) throw new Error('the trace ring lapped between drains');
    const buf = e.memory.buffer;
    const time = new BigInt64Array(buf, e.traceTimePtr(), TRACE_CAP);
    const who = new Int32Array(buf, e.traceWhoPtr(), TRACE_CAP);
    const st = new Int32Array(buf, e.traceStatePtr(), TRACE_CAP);
    const pc = new Int32Array(buf, e.tracePcpuPtr(), TRACE_CAP);
    const vmOf = this.vmOfVcpu();
    for (let i = this.drained; i < total; i++) {
      const k = i & (TRACE_CAP - 1);
      const id = who[k] & 0xffff;
      const t = Number(time[k]);
      if (who[k] >> 16 === TRACE_PCPU) this.trace({ t, pcpu: id, phase: PCPU_PHASES[st[k]], vcpu: pc[k] });
      else this.trace({ t, vcpu: id, vm: vmOf[id], state: VCPU_STATES[st[k]], pcpu: pc[k] });
    }
    this.drained = total;
  }

  private vmNames: string[] | null = null;
  private vmOfVcpu(): string[] {
    if (!this.vmNames) this.vmNames = this.config.vms.flatMap((vm) => Array.from({ length: vm.vcpus }, () => vm.name));
    return this.vmNames;
  }

  advance(untilNs: SimNs): void {
    const e = this.instance.exports;
    const chunk = this.trace ? TRACE_DRAIN_EVENTS : CHUNK_EVENTS;
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

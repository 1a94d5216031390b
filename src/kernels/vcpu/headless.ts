// The vCPU kernel driven by `vcpu ...` commands with no terminal, no worker and no wall clock:
// the lab verifier, `hlab lab try --kernel vcpu` and the tests use it. It follows the vCPU tab
// command for command: one run, or two host profiles side by side on one seed and one
// simulated clock; what sets a run up, and what a typed fault means for this run, is
// setup.ts's (reshapeRun, resolveFault), shared with the tab; faults are stamped at the
// current time in every column.
//
// Each column is a VcpuKernel plus its stamped commands (the preset's schedule and the faults
// typed so far). Going back rebuilds the kernel from time 0 and replays them: a vCPU run is
// cheap (about 50 ms of wall time for a simulated second), so no checkpoints are kept here.
//
// The lab engine reads three internal metrics from every simulation: `step` (the run's
// position, here simulated ns, which `seek` takes back), `placed` and `failed` (here wake-ups
// measured, and 0). Lab checks cannot name them: a vCPU lab's metrics are VCPU_METRICS.
import { helpLines } from '../../commands/registry';
import { formatCommand } from '../../commands/parse';
import type { Command, CommandResult } from '../../commands/types';
import type { NodeInspection } from '../gpupool/types';
import { fnv1a64Hex } from '../../state/hash';
import type { AnyLabScenario, LabKernel } from '../../labs/lab';
import type { LabSimulation } from '../../labs/simulation';
import type { VcpuAction, VcpuFault } from './action';
import { vcpuMetric, type VcpuColumnView } from './frameMetrics';
import { VcpuKernel } from './kernel';
import type { VcpuLabScenario } from './lab';
import { FR, type ProfileName } from './protocol';
import { columnConfig, columnProfiles, initialSetup, reshapeRun, resolveFault, scenarioEndNs, setupProblem, type VcpuSetup } from './setup';
import type { SimNs, StampedVcpuCommand, VcpuConfig } from './types';

const MS = 1_000_000;
/** `vcpu run` headless with no duration and no scenario to finish: this much further. */
const RUN_WITHOUT_END_NS = 1000 * MS;

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const fail = (...lines: string[]): CommandResult => ({ ok: false, lines });
const msText = (ns: number) => `${(ns / MS).toFixed(3)} ms`;
const us = (ns: number): number => Math.round(ns / 10) / 100;

/** One column: a kernel at `now`, and every command stamped into its run (applied or due). */
class Column {
  kernel: VcpuKernel;
  /** The stamped commands, sorted by time; those before `next` have been applied. */
  private next = 0;
  stopped = false;

  constructor(private readonly module: WebAssembly.Module, readonly profile: ProfileName, readonly config: VcpuConfig,
    private readonly seed: number, readonly log: StampedVcpuCommand[]) {
    this.kernel = new VcpuKernel(module, config, seed);
  }

  get now(): SimNs {
    return this.kernel.now;
  }

  /** To `to`, applying each stamped command at its time; stops at a checker violation. */
  advance(to: SimNs): void {
    while (!this.stopped && this.next < this.log.length && this.log[this.next].at <= to) {
      const { at, command } = this.log[this.next++];
      this.kernel.advance(Math.max(at, this.now));
      this.kernel.apply(command);
      this.stopped = this.kernel.summary().verdict === 'invalid';
    }
    if (!this.stopped && to > this.now) this.kernel.advance(to);
    this.stopped = this.kernel.summary().verdict === 'invalid';
  }

  /** A command now: it joins the log (a later future is dropped, as in the tab) and applies. */
  apply(stamped: StampedVcpuCommand): boolean {
    this.log.splice(this.next);
    this.log.push(stamped);
    this.next = this.log.length;
    const applied = this.kernel.apply(stamped.command);
    this.stopped = this.kernel.summary().verdict === 'invalid';
    return applied;
  }

  /** The same run rebuilt from time 0 to `to` (backwards too). */
  rebuilt(to: SimNs, log = this.log): Column {
    const c = new Column(this.module, this.profile, this.config, this.seed, log.map((s) => ({ at: s.at, command: { ...s.command } })));
    c.advance(to);
    return c;
  }

  view(): VcpuColumnView {
    return { profile: this.profile, config: this.config, summary: this.kernel.summary() };
  }

  /** Commands applied so far (what the run has seen). */
  applied(): StampedVcpuCommand[] {
    return this.log.slice(0, this.next);
  }
}

function statusLine(c: VcpuColumnView): string {
  const s = c.summary;
  const f = s.frame;
  const lat = s.latency.total;
  const pct = (x: number) => (f[FR.usefulNs] > 0 ? ((100 * x) / f[FR.usefulNs]).toFixed(2) : '0.00');
  const overhead = f[FR.guestNs] + f[FR.entryNs] + f[FR.exitNs] + f[FR.pollNs] + f[FR.hostNs] - f[FR.usefulNs];
  const sched = c.profile === 'bare-metal' ? 'none' : c.config.sched;
  return `${c.profile}/${sched} at ${msText(s.nowNs)}: wake p50/p99/p99.9 ${us(lat.p50Ns)}/${us(lat.p99Ns)}/${us(lat.p999Ns)} us` +
    ` (p99 queue ${us(s.latency.queue.p99Ns)}, preempt ${us(s.latency.preempt.p99Ns)}, entry ${us(s.latency.entry.p99Ns)}),` +
    ` overhead ${pct(overhead)}% (poll ${pct(f[FR.pollNs])}, host ${pct(f[FR.hostNs])}, entry+exit ${pct(f[FR.entryNs] + f[FR.exitNs])}, guest ${pct(f[FR.guestNs] - f[FR.usefulNs])}),` +
    ` useful ${(f[FR.usefulNs] / 1e6).toFixed(1)} ms, LHP ${f[FR.runNs] > 0 ? ((100 * f[FR.lhpNs]) / f[FR.runNs]).toFixed(3) : '0'}%: ${s.verdict}`;
}

export class HeadlessVcpu implements LabSimulation {
  private setup: VcpuSetup = initialSetup();
  private columns: Column[] = [];

  constructor(private readonly module: WebAssembly.Module) {}

  async setUp(lab: AnyLabScenario, seed: number, kernel: LabKernel = 'vcpu'): Promise<string[]> {
    if (kernel !== 'vcpu') throw new Error(`this lab runs kernel ${kernel}, not vcpu`);
    const s = lab as VcpuLabScenario;
    const setup = initialSetup({
      preset: s.preset, seed,
      ...(s.profile !== null ? { profile: s.profile } : {}),
      ...(s.sched !== null ? { sched: s.sched } : {}),
      mitigations: s.mitigations,
      ...(s['side-by-side'] !== null ? { sideBySide: true, other: s['side-by-side'] } : {}),
    });
    const problem = setupProblem(setup);
    if (problem !== null) throw new Error(`the lab's scenario cannot run: ${problem}`);
    this.setup = setup;
    this.restart();
    return [];
  }

  /** New runs at time 0 with the current setup, one per column. */
  private restart(): void {
    this.columns = columnProfiles(this.setup).map((profile) =>
      new Column(this.module, profile, columnConfig(this.setup, profile), this.setup.seed, this.setup.schedule.map((s) => ({ ...s }))));
  }

  /** The shared clock: the latest time any column reached (a stopped one stays where it stopped). */
  private get now(): SimNs {
    return Math.max(0, ...this.columns.map((c) => c.now));
  }

  private live(): Column[] {
    return this.columns.filter((c) => !c.stopped);
  }

  private advanceTo(to: SimNs): void {
    for (const c of this.live()) c.advance(to);
  }

  private seekTo(ns: SimNs): void {
    this.columns = this.columns.map((c) => (ns >= c.now && !c.stopped ? (c.advance(ns), c) : c.rebuilt(ns)));
  }

  private statusLines(): string[] {
    return this.columns.map((c) => statusLine(c.view()));
  }

  async execute(command: Command): Promise<CommandResult> {
    try {
      if (command.name === 'vcpu') return this.vcpu(command);
      switch (command.name) {
        case 'help': return ok(...helpLines(command.topic));
        case 'pause': case 'speed': case 'clear': case 'history': case 'view': case 'lab': case 'presenter': case 'share':
          return ok(`${formatCommand(command)}: nothing to do headless`);
        default:
          return fail(`${formatCommand(command)}: a vCPU lab drives the kernel with "vcpu ..." commands`);
      }
    } catch (error) {
      // A kernel trap, a refused command: the lab carries on.
      return fail(`${formatCommand(command)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private vcpu(c: VcpuAction): CommandResult {
    const reshaped = reshapeRun(this.setup, c);
    if (reshaped !== null) {
      if (reshaped.refused !== undefined) return fail(...reshaped.lines);
      this.setup = reshaped.setup;
      this.restart();
      return ok(...reshaped.lines);
    }
    const { config } = this.setup;
    switch (c.action) {
      case 'open':
        return ok(`vCPU scheduling: ${columnProfiles(this.setup).join(' | ')}, ${config.profile === 'bare-metal' ? 'no scheduler' : config.sched}, seed ${this.setup.seed}` +
          `${this.setup.preset ? `, preset ${this.setup.preset}` : ''}${config.mitigations.length ? `, mitigations ${config.mitigations.join(', ')}` : ''}`);
      case 'close': case 'pause': case 'speed':
        return ok(`vcpu ${c.action}: nothing to do headless`);
      case 'run': {
        if (this.live().length === 0) return fail('the run has stopped (the checker found a violation); vcpu reset or vcpu seek back first');
        // The tab plays until paused; headless, run goes the duration, else to the scenario's end, else 1 s more.
        const end = scenarioEndNs(this.setup);
        this.advanceTo(c.ns !== null ? this.now + c.ns : end !== null && end > this.now ? end : this.now + RUN_WITHOUT_END_NS);
        return ok(...this.statusLines());
      }
      case 'step':
        this.advanceTo(this.now + c.ns);
        return ok(...this.statusLines());
      case 'seek':
        this.seekTo(c.ns);
        return ok(`at ${msText(this.now)}`);
      case 'status':
        return ok(...this.statusLines());
      case 'hash':
        return ok(...this.columns.map((col) => `${col.profile}: state hash ${col.kernel.stateHash()} at ${msText(col.now)}`));
      case 'fault':
        return this.fault(c.fault);
      default:
        // Every other action sets the run up again and was handled by reshapeRun above.
        return fail(`vcpu ${c.action}: not a command this simulation knows`);
    }
  }

  private fault(f: VcpuFault): CommandResult {
    const text = f.kind === 'arrive' ? `arrive ${f.vm}` : 'pcpu' in f ? `${f.kind} p${f.pcpu}` : f.kind;
    const live = this.live();
    if (live.length === 0) return fail('the run has stopped (the checker found a violation); vcpu reset or vcpu seek back first');
    // One instant in every column: bring the live runs to the shared clock first.
    const at = this.now;
    for (const col of live) col.advance(at);
    const resolved = resolveFault(this.setup, f, at, live[0].applied());
    if (!resolved.ok) return fail(`vcpu ${text}: ${resolved.reason}`);
    const refused: string[] = [];
    for (const col of live) if (!col.apply({ at, command: { ...resolved.command } })) refused.push(col.profile);
    if (refused.length === live.length) return fail(`vcpu ${text} at ${msText(at)}: the kernel refused it (offlining the last online pCPU...)`);
    return ok(`${text} at ${msText(at)}${live.length > 1 ? ` in ${live.map((col) => col.profile).join(' and ')}` : ''}${refused.length ? ` (refused in ${refused.join(', ')})` : ''}`);
  }

  async query(metric: string): Promise<number | string | boolean> {
    // The engine's own bookkeeping (see the header).
    if (metric === 'step') return this.now;
    if (metric === 'placed') return this.columns[0].kernel.summary().frame[FR.wakeups];
    if (metric === 'failed') return 0;
    const value = vcpuMetric(this.columns.map((c) => c.view()), {
      profile: this.setup.config.profile, seed: this.setup.seed, preset: this.setup.preset, sideBySide: this.setup.sideBySide,
    }, metric);
    if (value === undefined) throw new Error(`unknown vcpu metric "${metric}"`);
    return value;
  }

  async inspectNode(): Promise<NodeInspection> {
    throw new Error('a vCPU lab has no GPU-pool nodes to inspect');
  }

  async seek(step: number): Promise<void> {
    this.seekTo(step);
  }

  /** Kernel state and command log of every column (see LabSimulation.stateHash). */
  async stateHash(): Promise<string> {
    const cols = this.columns.map((c) => `${c.profile}@${c.now}:${c.kernel.stateHash()}/log ${fnv1a64Hex(encoder.encode(JSON.stringify(c.log)))}`).join('|');
    return `${this.setup.sideBySide ? 'side-by-side' : 'single'} ${cols}`;
  }

  /** A copy for a predict's look-ahead: each column rebuilt from its config and whole log to the same time. */
  async scratchCopy(): Promise<HeadlessVcpu> {
    const copy = new HeadlessVcpu(this.module);
    copy.setup = { ...this.setup, config: { ...this.setup.config }, schedule: [...this.setup.schedule] };
    copy.columns = this.columns.map((c) => c.rebuilt(c.now));
    return copy;
  }
}

const encoder = new TextEncoder();

// The vCPU tab's state and the handler of every `vcpu ...` command. One run, or two host
// profiles side by side on the same seed, on one simulated clock. Components read this
// object and send commands through the bus; only this class talks to the runs' worker
// bridges. What each configuring command means is src/kernels/vcpu/setup.ts, shared with the
// headless lab runner.
import type { CommandResult } from '../../commands/types';
import type { VcpuAction } from '../../kernels/vcpu/action';
import { BREAKS, PROFILES, type ProfileName } from '../../kernels/vcpu/protocol';
import { formatSchedule } from '../../kernels/vcpu/schedule';
import { columnConfig, columnProfiles, initialSetup, reshapeRun, resolveFault, scenarioEndNs, type VcpuSetup } from '../../kernels/vcpu/setup';
import type { SimNs, StampedVcpuCommand, VcpuCommand } from '../../kernels/vcpu/types';
import { describeVcpuRun, type VcpuRunDescription } from '../../kernels/vcpu/runDescription';
import { vcpuReplayAsk, timeToReplay } from '../../kernels/vcpu/replayCost';
import type { ReplayAsk } from '../../kernels/replayBudget';
import { ColumnsState, failed, msText, ok, type ColumnsProgress, type Notify } from '../columnsState.svelte';
import { GANTT_SPAN_NS, VcpuRun } from './vcpuRun.svelte';
import { statusLine, violationSentence } from './vcpuText';
import { t, translator } from './messages';

const MS = 1_000_000;
/** `vcpu run` plays on at 20 ms of simulated time per second: slow enough to watch a 30 ms slice. */
export const DEFAULT_SPEED = 20 * MS;
/** The Gantt chart's spans the tab offers. */
export const GANTT_SPANS: readonly SimNs[] = [1 * MS, GANTT_SPAN_NS, 30 * MS, 100 * MS];

export { speedText, type Notify } from '../columnsState.svelte';

/** Command results stay in English: the terminal speaks the command language. */
const english = translator('en');

export class VcpuState extends ColumnsState<VcpuRun, VcpuCommand> {
  setup = $state.raw<VcpuSetup>(initialSetup());
  /** The Gantt chart's span of simulated time (a view choice, not part of the run). */
  span = $state<SimNs>(GANTT_SPAN_NS);
  /** The setup the current runs were started from. */
  private started: VcpuSetup | null = null;
  /** A saved run to rebuild when the tab first starts (a reload with the tab behind). */
  private pending: VcpuRunDescription | null = null;

  constructor(notify: Notify, onChange: () => void = () => undefined) {
    super('vcpu', notify, onChange, DEFAULT_SPEED);
  }

  /** The profile `side-by-side` with no argument puts beside the front one. */
  get otherProfile(): ProfileName {
    const front = this.setup.config.profile;
    return this.setup.other !== front ? this.setup.other : PROFILES[(PROFILES.indexOf(front) + 1) % PROFILES.length];
  }

  setSpan(ns: SimNs): void {
    this.span = ns;
    for (const r of this.runs) r.setSpan(ns);
  }

  /** New runs with the current setup (one per column) at 0, or rebuilt from commands to a time. */
  async restart(from: { commands: StampedVcpuCommand[]; time: SimNs } | null = null, progress?: ColumnsProgress): Promise<void> {
    const setup = this.setup;
    const runs = columnProfiles(setup).map((profile) => new VcpuRun(
      profile,
      (report) => this.notify('error', t('vcpu.kernelTrap', { run: profile, message: `${report.message} during ${report.during}; back at ${msText(report.restoredNs)}` })),
      (m) => this.notify('error', t('vcpu.workerError', { run: profile, message: m })),
    ));
    for (const r of runs) r.setSpan(this.span);
    await this.replaceRuns(runs, (r, column) => {
      const config = columnConfig(setup, r.label as ProfileName);
      return from
        ? r.replay(config, setup.schedule, from.commands, from.time, setup.seed, progress && ((ns) => progress(column, ns)))
        : r.start(config, setup.schedule, setup.seed);
    }, from ? t('vcpu.busyReplaying') : t('vcpu.busyStarting'), from?.commands ?? [], () => {
      this.pending = null;
      this.started = setup;
    });
  }

  /** Starts the first runs once (a saved run waiting to be rebuilt, else a new one); later calls wait for that start. */
  ensureStarted(): Promise<void> {
    this.starting ??= this.runs.length > 0 ? Promise.resolve() : this.pending !== null ? this.openPending(this.pending) : this.restart();
    return this.starting;
  }

  private async openPending(run: VcpuRunDescription): Promise<void> {
    try {
      await this.openNow(run);
    } catch (error) {
      this.notify('error', t('vcpu.restoreFailed', { error: error instanceof Error ? error.message : String(error) }));
      await this.restart();
    }
  }

  private adopt(run: VcpuRunDescription): void {
    this.setup = describeVcpuRun(run.setup, [], 0, run.speed).setup;
    this.speed = run.speed;
  }

  private async openNow(run: VcpuRunDescription, progress?: ColumnsProgress): Promise<void> {
    this.adopt(run);
    this.pending = null;
    await this.restart({ commands: run.commands, time: run.time }, progress);
  }

  /** What replaying `run` asks of the workers, for the question before a big one. */
  replayAsk(run: VcpuRunDescription): { ask: ReplayAsk; ns: SimNs; columns: number; what: string; timeText: (ns: SimNs) => string } {
    const columns = run.setup.sideBySide ? 2 : 1;
    const ns = timeToReplay(run.time, run.commands.map((c) => c.at));
    const timeText = (at: SimNs): string => (at >= 1e9 ? `${(at / 1e9).toLocaleString('en-US', { maximumFractionDigits: 3 })} s` : `${(at / 1e6).toFixed(3)} ms`);
    const what = t(columns === 2 ? 'vcpu.replayWhatSideBySide' : 'vcpu.replayWhat', { time: timeText(ns) });
    return { ask: vcpuReplayAsk(run.setup.config, ns, columns), ns, columns, what, timeText };
  }

  /** Opens a described run (a share link, the saved session), replacing the current one. */
  openRun(run: VcpuRunDescription, progress?: ColumnsProgress): Promise<void> {
    return this.exclusive(() => this.openNow(run, progress));
  }

  /** Takes a saved run's setup now and rebuilds it when the tab first starts. */
  restoreLater(run: VcpuRunDescription): void {
    if (this.runs.length > 0) return;
    this.adopt(run);
    this.pending = run;
  }

  /** The current run as a link or the saved session carries it; null before any run. */
  describe(): VcpuRunDescription | null {
    const s = this.started;
    if (s === null || this.runs.length === 0) return this.pending;
    return describeVcpuRun(s, this.given, this.now, this.speed);
  }

  /** The run to share: the columns brought to one instant first. A playing run plays on afterwards. */
  shareable(): Promise<VcpuRunDescription> {
    return this.exclusive(async () => {
      await this.ensureStarted();
      const run = await this.atOneInstant(() => this.describe());
      if (run === null) throw new Error('no vCPU run to share yet');
      return run;
    });
  }

  protected async pullRuns(): Promise<void> {
    await Promise.all(this.runs.map((r) => r.pull()));
  }

  protected async reportStop(r: VcpuRun): Promise<void> {
    const v = r.frame?.report.violation;
    if (!v) this.notify('warning', t('vcpu.runUnknown', { run: r.label }));
    else this.notify('error', t('vcpu.runVerdict', { run: r.label, reason: violationSentence(v) }));
  }

  protected scenarioEnd(): SimNs | null {
    return scenarioEndNs(this.setup);
  }

  protected stoppedText(error: string): string {
    return t('vcpu.runStopped', { error });
  }

  statusLines(): string[] {
    return this.runs.map((r) => (r.frame === null ? `${r.label}: starting` : statusLine(r.label, r.frame.report)));
  }

  handle(c: VcpuAction): Promise<CommandResult> {
    return this.exclusive(() => this.handleNow(c));
  }

  /** A lab's starting point, taken by the next configuring command. */
  prepare(setup: VcpuSetup): void {
    this.setup = setup;
  }

  private describeSetup(): string {
    const s = this.setup;
    const c = s.config;
    const pcpus = c.host.sockets * c.host.coresPerSocket * c.host.smt;
    const vcpus = c.vms.reduce((n, vm) => n + vm.vcpus, 0);
    return `vCPU scheduling: ${columnProfiles(s).join(' | ')}, ${c.sched}, ${pcpus} pCPUs, ${vcpus} vCPUs in ${c.vms.length} VMs, seed ${s.seed}`
      + `${c.mitigations.length > 0 ? `, mitigations ${c.mitigations.join(', ')}` : ''}`
      + `${c.broken.length > 0 ? `, broken on purpose: ${c.broken.join(', ')}` : ''}${s.preset ? `, preset ${s.preset}` : ''}; vcpu run to start`;
  }

  private async handleNow(c: VcpuAction): Promise<CommandResult> {
    const reshaped = reshapeRun(this.setup, c);
    if (reshaped !== null) {
      if (reshaped.refused !== undefined) return failed(...reshaped.lines);
      this.setup = reshaped.setup;
      await this.restart();
      const sentences = c.action === 'break' ? c.broken.map((name) => `  ${name}: ${english(`vcpu.broken.${name}`)} (${BREAKS[name]})`) : [];
      return ok(...reshaped.lines, ...sentences);
    }
    switch (c.action) {
      case 'open':
        await this.ensureStarted();
        return ok(this.describeSetup());
      case 'close':
        await this.clock.stop();
        return ok('paused');
      case 'run':
        await this.ensureStarted();
        return this.runCommand(c.ns, () => this.statusLines());
      case 'pause':
        return this.pauseCommand();
      case 'status':
        await this.ensureStarted();
        return ok(...this.statusLines());
      case 'hash':
        await this.ensureStarted();
        return this.hashLines();
      case 'speed':
        return this.speedCommand(c.nsPerSecond);
      case 'step':
        await this.ensureStarted();
        return this.stepCommand(c.ns, () => this.statusLines());
      case 'seek':
        await this.ensureStarted();
        return this.seekCommand(c.ns);
      case 'fault': {
        await this.ensureStarted();
        const resolved = resolveFault(this.setup, c.fault, this.now);
        if (!resolved.ok) return failed(resolved.reason);
        const vmNames = this.setup.config.vms.map((vm) => vm.name);
        const text = formatSchedule([{ at: 0, command: resolved.command }], vmNames).replace(/^\S+\s/, '');
        return this.faultCommand(resolved.command, (r, f) => r.apply(f), text, faultRefusal(resolved.command));
      }
      default:
        return failed(`vcpu ${c.action}: not a command this tab knows`);
    }
  }
}

function faultRefusal(c: VcpuCommand): string {
  switch (c.kind) {
    case 'arrive': return 'that VM is already online';
    case 'offline': return 'the pCPU is offline already, is the last one online, or the host is bare metal';
    case 'online': return 'the pCPU is online';
    case 'storm': return 'the pCPU is offline';
    case 'upgrade': return 'a bare-metal host has no hypervisor to upgrade';
  }
}

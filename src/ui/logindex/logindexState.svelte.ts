// The LogIndex tab's state and the handler of every `logindex ...` command. One run, or lazy
// beside full on the same seed, on one simulated clock. Components read this object and send
// commands through the bus; only this class talks to the runs' worker bridges. What each
// configuring command means is src/kernels/logindex/setup.ts, shared with the headless runner.
import type { CommandResult } from '../../commands/types';
import type { LogIndexAction } from '../../kernels/logindex/action';
import type { LogIndexCommand } from '../../kernels/logindex/types';
import { BREAKS, type LogIndexMode } from '../../kernels/logindex/protocol';
import { formatSchedule } from '../../kernels/logindex/schedule';
import { columnConfig, columnModes, initialSetup, reshapeRun, scenarioEndNs, type LogIndexSetup } from '../../kernels/logindex/setup';
import type { SimNs, StampedLogIndexCommand } from '../../kernels/logindex/types';
import { ColumnsState, failed, msText, ok, type ColumnsProgress, type Notify } from '../columnsState.svelte';
import { LOGINDEX_FORMAT_VERSION, type LogIndexRunDescription } from '../../kernels/logindex/runDescription';
import { logIndexReplayAsk, timeToReplay } from '../../kernels/logindex/replayCost';
import type { ReplayAsk } from '../../kernels/replayBudget';
import { LogIndexRun } from './logindexRun.svelte';
import { inspectionLines, statusLine } from '../../kernels/logindex/statusText';
import { violationSentence } from './logindexText';
import { t, translator } from './messages';

const MS = 1_000_000;
/** `logindex run` plays on; a scenario plays to its end. */
export const DEFAULT_SPEED = 200 * MS;

export { speedText, type Notify } from '../columnsState.svelte';

/** Command results stay in English: the terminal speaks the command language. */
const english = translator('en');

export class LogIndexState extends ColumnsState<LogIndexRun, LogIndexCommand> {
  setup = $state.raw<LogIndexSetup>(initialSetup());
  /** The page inspector's page and replica, or null when it is closed. */
  inspect = $state.raw<{ page: number; node: number } | null>(null);
  /** The setup the current runs were started from. */
  private started: LogIndexSetup | null = null;

  constructor(notify: Notify, onChange: () => void = () => undefined) {
    super('logindex', notify, onChange, DEFAULT_SPEED);
  }

  /** New runs with the current setup (one per column) at 0, or rebuilt from commands to a time. */
  async restart(from: { commands: StampedLogIndexCommand[]; time: SimNs } | null = null, progress?: ColumnsProgress): Promise<void> {
    const setup = this.setup;
    const runs = columnModes(setup).map((mode) => new LogIndexRun(
      mode,
      (report) => this.notify('error', t('logindex.kernelTrap', { mode, message: `${report.message} during ${report.during}; back at ${msText(report.restoredNs)}` })),
      (m) => this.notify('error', t('logindex.workerError', { mode, message: m })),
    ));
    await this.replaceRuns(runs, (r, column) => {
      const config = columnConfig(setup, r.label as typeof setup.config.mode);
      return from
        ? r.replay(config, setup.schedule, from.commands, from.time, setup.seed, progress && ((ns) => progress(column, ns)))
        : r.start(config, setup.schedule, setup.seed);
    }, from ? t('logindex.busyReplaying') : t('logindex.busyStarting'), from?.commands ?? [], () => {
      this.pending = null;
      this.started = setup;
    });
  }

  /** Starts the first runs once (a saved run waiting to be rebuilt, else a new one); later calls wait for that start. */
  ensureStarted(): Promise<void> {
    this.starting ??= this.runs.length > 0 ? Promise.resolve() : this.pending !== null ? this.openPending(this.pending) : this.restart();
    return this.starting;
  }

  /** A saved run to rebuild when the tab first starts (a reload with the tab behind). */
  private pending: LogIndexRunDescription | null = null;

  private async openPending(run: LogIndexRunDescription): Promise<void> {
    try {
      await this.openNow(run);
    } catch (error) {
      this.notify('error', t('logindex.restoreFailed', { error: error instanceof Error ? error.message : String(error) }));
      await this.restart();
    }
  }

  /** The setup a description starts from (its scheduled commands stand for its scenario). */
  private adopt(run: LogIndexRunDescription): void {
    this.setup = {
      config: { ...run.config, broken: [...run.config.broken] }, writeScale: run.writeScale, seed: run.seed, sideBySide: run.sideBySide,
      scenario: null, schedule: run.schedule.map(({ at, command }) => ({ at, command })),
    };
    this.speed = run.speed;
    this.inspect = run.page === null ? null : { page: run.page, node: run.node ?? 1 };
  }

  private async openNow(run: LogIndexRunDescription, progress?: ColumnsProgress): Promise<void> {
    this.adopt(run);
    this.pending = null;
    await this.restart({ commands: run.commands, time: run.time }, progress);
  }

  /** What replaying `run` asks of the workers, for the question before a big one. */
  replayAsk(run: LogIndexRunDescription): { ask: ReplayAsk; ns: SimNs; columns: number; what: string; timeText: (ns: SimNs) => string } {
    const columns = run.sideBySide ? 2 : 1;
    const ns = timeToReplay(run.time, run.commands.map((c) => c.at));
    const timeText = (at: SimNs): string => (at >= 1e9 ? `${(at / 1e9).toLocaleString('en-US', { maximumFractionDigits: 3 })} s` : `${(at / 1e6).toFixed(3)} ms`);
    const what = t(columns === 2 ? 'logindex.replayWhatSideBySide' : 'logindex.replayWhat', { time: timeText(ns) });
    return { ask: logIndexReplayAsk(run.config, ns, columns), ns, columns, what, timeText };
  }

  /** Opens a described run (a share link, the saved session), replacing the current one. */
  openRun(run: LogIndexRunDescription, progress?: ColumnsProgress): Promise<void> {
    return this.exclusive(() => this.openNow(run, progress));
  }

  /** Takes a saved run's setup now and rebuilds it when the tab first starts. */
  restoreLater(run: LogIndexRunDescription): void {
    if (this.runs.length > 0) return;
    this.adopt(run);
    this.pending = run;
  }

  /** The current run as a link or the saved session carries it; null before any run. */
  describe(): LogIndexRunDescription | null {
    const s = this.started;
    if (s === null || this.runs.length === 0) return this.pending;
    return {
      v: LOGINDEX_FORMAT_VERSION, kernel: 'logindex', config: { ...s.config, broken: [...s.config.broken] }, seed: s.seed,
      writeScale: s.writeScale, sideBySide: s.sideBySide, schedule: s.schedule.map(({ at, command }) => ({ at, command })),
      commands: this.given.map(({ at, command }) => ({ at, command })), time: this.now, speed: this.speed,
      page: this.inspect?.page ?? null, node: this.inspect?.node ?? null,
    };
  }

  /** The run to share: the columns brought to one instant first. A playing run plays on afterwards. */
  shareable(): Promise<LogIndexRunDescription> {
    return this.exclusive(async () => {
      await this.ensureStarted();
      const run = await this.atOneInstant(() => this.describe());
      if (run === null) throw new Error('no LogIndex run to share yet');
      return run;
    });
  }

  protected async pullRuns(): Promise<void> {
    const inspect = this.inspect;
    await Promise.all(this.runs.map((r) => r.pull(inspect)));
  }

  protected async reportStop(r: LogIndexRun): Promise<void> {
    const v = r.frame?.summary.violation;
    if (!v) {
      this.notify('warning', t('logindex.runUnknown', { run: r.label }));
      return;
    }
    this.notify('error', t('logindex.runVerdict', { run: r.label, reason: violationSentence(v) }));
    // The inspector opens on the page the checker names.
    if (v.page !== null && this.inspect === null) {
      const node = /^ro(\d+)$/.exec(v.node);
      this.inspect = { page: v.page, node: node ? Number(node[1]) : 1 };
      await Promise.all(this.runs.map((x) => x.pull(this.inspect)));
    }
  }

  protected scenarioEnd(): SimNs | null {
    return scenarioEndNs(this.setup);
  }

  protected stoppedText(error: string): string {
    return t('logindex.runStopped', { error });
  }

  statusLines(): string[] {
    return this.runs.map((r) => (r.frame === null ? `${r.label}: starting` : statusLine(r.label as LogIndexMode, r.frame.summary)));
  }

  handle(c: LogIndexAction): Promise<CommandResult> {
    return this.exclusive(() => this.handleNow(c));
  }

  /** Closes the page inspector (a view choice, not a change of the run). */
  closeInspector(): void {
    this.inspect = null;
    for (const r of this.runs) r.page = null;
    this.onChange();
  }

  /** A lab's starting point, taken by the next configuring command. */
  prepare(setup: LogIndexSetup): void {
    this.setup = setup;
  }

  private async handleNow(c: LogIndexAction): Promise<CommandResult> {
    const reshaped = reshapeRun(this.setup, c);
    if (reshaped !== null) {
      this.setup = reshaped.setup;
      await this.restart();
      const sentences = c.action === 'break' ? c.broken.map((name) => `  ${name}: ${english(`logindex.broken.${name}`)} (${BREAKS[name]})`) : [];
      return ok(...reshaped.lines, ...sentences);
    }
    switch (c.action) {
      case 'open': {
        await this.ensureStarted();
        const s = this.setup;
        return ok(`PolarDB LogIndex: ${columnModes(s).join(' | ')}, ${s.config.ro} replicas, writes x${s.writeScale}, seed ${s.seed}${s.config.broken.length > 0 ? `, broken on purpose: ${s.config.broken.join(', ')}` : ''}${s.scenario ? `, scenario ${s.scenario}` : ''}; logindex run to start`);
      }
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
      case 'inspect': {
        await this.ensureStarted();
        if (c.node > this.setup.config.ro) return failed(`ro${c.node}: this run has ${this.setup.config.ro} replica${this.setup.config.ro === 1 ? '' : 's'} (ro1..ro${this.setup.config.ro})`);
        this.inspect = { page: c.page, node: c.node };
        await this.pullAll();
        return ok(...this.runs.flatMap((r) => {
          const lines = r.page ? inspectionLines(r.page) : ['no page yet'];
          return this.runs.length > 1 ? lines.map((l) => `${r.label}: ${l}`) : lines;
        }));
      }
      case 'fault': {
        await this.ensureStarted();
        const text = formatSchedule([{ at: 0, command: c.fault }]).replace(/^\S+\s/, '');
        return this.faultCommand(c.fault, (r, f) => r.apply(f), text, faultRefusal(c.fault.kind));
      }
      default:
        return failed(`logindex ${c.action}: not a command this tab knows`);
    }
  }

}

function faultRefusal(kind: string): string {
  switch (kind) {
    case 'restart': return 'the node is up';
    case 'crash': return 'the node is already down';
    case 'promote': return 'promote needs the writer down and the replica up';
    default: return 'no such replica up in this run';
  }
}

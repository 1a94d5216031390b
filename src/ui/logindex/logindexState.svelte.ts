// The LogIndex tab's state and the handler of every `logindex ...` command. One run, or lazy
// beside full on the same seed, on one simulated clock. Components read this object and send
// commands through the bus; only this class talks to the runs' worker bridges. What each
// configuring command means is src/kernels/logindex/setup.ts, shared with the headless runner.
import type { CommandResult } from '../../commands/types';
import { CancelledError, KernelTrapError } from '../../kernels/client';
import type { LogIndexAction } from '../../kernels/logindex/action';
import type { LogIndexStatus } from '../../kernels/logindex/api';
import { BREAKS, type LogIndexMode } from '../../kernels/logindex/protocol';
import { formatSchedule } from '../../kernels/logindex/schedule';
import { columnConfig, columnModes, initialSetup, reshapeRun, scenarioEndNs, type LogIndexSetup } from '../../kernels/logindex/setup';
import type { SimNs, StampedLogIndexCommand } from '../../kernels/logindex/types';
import { FIRST_MAX_SPAN_NS, nextMaxSpan } from '../maxSpeed';
import { PacedClock, type PacedRun } from '../pacedClock';
import type { ColumnsProgress } from '../tabReplay';
import { LOGINDEX_FORMAT_VERSION, type LogIndexRunDescription } from '../../kernels/logindex/runDescription';
import { logIndexReplayAsk, timeToReplay } from '../../kernels/logindex/replayCost';
import type { ReplayAsk } from '../../kernels/replayBudget';
import { LogIndexRun } from './logindexRun.svelte';
import { inspectionLines, statusLine } from '../../kernels/logindex/statusText';
import { violationSentence } from './logindexText';
import { t, translator } from './messages';

const MS = 1_000_000;
/** Wall time an advance may take in the worker before the page gets a frame. */
const PACED_CHUNK_MS = 12;
const MAX_CHUNK_MS = 14;
/** `logindex run` plays on; a scenario plays to its end. */
export const DEFAULT_SPEED = 200 * MS;

export type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;

/** Command results stay in English: the terminal speaks the command language. */
const english = translator('en');
const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const failed = (...lines: string[]): CommandResult => ({ ok: false, lines });
const msText = (ns: number) => `${(ns / MS).toFixed(3)} ms`;

export function speedText(speed: number | 'max'): string {
  if (speed === 'max') return 'max';
  return speed >= 1e9 ? `${speed / 1e9} s/s` : `${speed / MS} ms/s`;
}


export class LogIndexState {
  setup = $state.raw<LogIndexSetup>(initialSetup());
  runs = $state.raw<LogIndexRun[]>([]);
  speed = $state<number | 'max'>(DEFAULT_SPEED);
  busy = $state<string | null>(null);
  /** The page inspector's page and replica, or null when it is closed. */
  inspect = $state.raw<{ page: number; node: number } | null>(null);
  get playing(): boolean {
    return this.clock.playing;
  }
  /** Faults given during the run, stamped with the time they applied at (a seek back drops the later ones). */
  private given: StampedLogIndexCommand[] = [];
  /** The setup the current runs were started from. */
  private started: LogIndexSetup | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly playFlag = $state({ value: false });
  private readonly clock = new PacedClock(this.pacedRun(), this.playFlag);
  private maxClock: SimNs = 0;
  private maxSpan: SimNs = FIRST_MAX_SPAN_NS;
  private reported = new Set<LogIndexRun>();
  private starting: Promise<void> | null = null;

  constructor(private readonly notify: Notify, private readonly onChange: () => void = () => undefined) {}

  get now(): SimNs {
    let at = 0;
    for (const r of this.runs) at = Math.max(at, r.now);
    return at;
  }

  /** New runs with the current setup (one per column) at 0, or rebuilt from commands to a time. */
  async restart(from: { commands: StampedLogIndexCommand[]; time: SimNs } | null = null, progress?: ColumnsProgress): Promise<void> {
    await this.clock.stop();
    for (const r of this.runs) r.dispose();
    this.reported.clear();
    const setup = this.setup;
    const runs = columnModes(setup).map((mode) => new LogIndexRun(
      mode,
      (report) => this.notify('error', t('logindex.kernelTrap', { mode, message: `${report.message} during ${report.during}; back at ${msText(report.restoredNs)}` })),
      (m) => this.notify('error', t('logindex.workerError', { mode, message: m })),
    ));
    this.busy = from ? t('logindex.busyReplaying') : t('logindex.busyStarting');
    try {
      await Promise.all(runs.map((r, column) => {
        const config = columnConfig(setup, r.label as typeof setup.config.mode);
        return from
          ? r.replay(config, setup.schedule, from.commands, from.time, setup.seed, progress && ((ns) => progress(column, ns)))
          : r.start(config, setup.schedule, setup.seed);
      }));
    } catch (error) {
      for (const r of runs) r.dispose();
      this.runs = [];
      throw error;
    } finally {
      this.busy = null;
    }
    this.runs = runs;
    this.pending = null;
    this.given = from ? from.commands.map(({ at, command }) => ({ at, command })) : [];
    this.started = setup;
    this.starting = Promise.resolve();
    await this.pullAll();
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
      const wasPlaying = this.playing;
      await this.clock.stop();
      await this.align();
      await this.pullAll();
      const run = this.describe();
      if (wasPlaying) this.play();
      if (run === null) throw new Error('no LogIndex run to share yet');
      return run;
    });
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Frames for every run; a run that has just broken a property stops the clock and is pointed at. */
  async pullAll(): Promise<void> {
    const inspect = this.inspect;
    await Promise.all(this.runs.map((r) => r.pull(inspect)));
    for (const r of this.runs) {
      const v = r.frame?.summary.violation;
      if (!r.stopped || this.reported.has(r)) continue;
      this.reported.add(r);
      this.clock.pause();
      if (v) {
        this.notify('error', t('logindex.runVerdict', { run: r.label, reason: violationSentence(v) }));
        // The inspector opens on the page the checker names.
        if (v.page !== null && this.inspect === null) {
          const node = /^ro(\d+)$/.exec(v.node);
          this.inspect = { page: v.page, node: node ? Number(node[1]) : 1 };
          await Promise.all(this.runs.map((x) => x.pull(this.inspect)));
        }
      } else this.notify('warning', t('logindex.runUnknown', { run: r.label }));
    }
    this.onChange();
  }

  play(): void {
    if (this.runs.every((r) => r.stopped)) return;
    this.clock.play();
  }

  private live(): LogIndexRun[] {
    return this.runs.filter((r) => !r.stopped);
  }

  private pacedRun(): PacedRun {
    return {
      position: () => {
        const live = this.live();
        return live.length === 0 ? this.now : Math.min(...live.map((r) => r.now));
      },
      canAdvance: () => this.live().length > 0 && !this.pastScenarioEnd(),
      pace: () => this.speed,
      begin: () => {
        this.maxClock = this.now;
        this.maxSpan = FIRST_MAX_SPAN_NS;
      },
      advanceTo: async (target) => {
        await Promise.all(this.live().map((r) => r.client.advance(this.capped(target), PACED_CHUNK_MS)));
        await this.pullAll();
      },
      runFlatOut: () => this.maxStretch(),
      failed: (error) => {
        if (!(error instanceof CancelledError) && !(error instanceof KernelTrapError)) this.notify('error', t('logindex.runStopped', { error: error instanceof Error ? error.message : String(error) }));
      },
    };
  }

  /** A scenario plays to its scripted end and stops there (a step or run goes on past it). */
  private pastScenarioEnd(): boolean {
    const end = scenarioEndNs(this.setup);
    return end !== null && this.now >= end && this.playStopsAtEnd;
  }
  private playStopsAtEnd = false;
  private capped(target: SimNs): SimNs {
    const end = scenarioEndNs(this.setup);
    return end !== null && this.playStopsAtEnd ? Math.min(target, end) : target;
  }

  private async maxStretch(): Promise<void> {
    const live = this.live();
    this.maxClock = Math.max(this.maxClock, Math.min(...live.map((r) => r.now)));
    const clock = this.maxClock;
    const span = this.maxSpan;
    const statuses: LogIndexStatus[] = await Promise.all(live.map((r) => r.client.advance(Math.round(this.capped(clock + span)), MAX_CHUNK_MS)));
    const reached = Math.min(...statuses.map((s) => s.now));
    this.maxSpan = nextMaxSpan(span, reached - clock, statuses.every((s) => s.now >= clock + span || s.stopped));
    this.maxClock = Math.max(clock, reached);
    await this.pullAll();
  }

  /** Brings every live run to one time (the latest any reached, or `to`). */
  private async align(to?: SimNs): Promise<void> {
    const live = this.live();
    const target = to ?? Math.max(this.now, ...live.map((r) => r.client.now));
    await Promise.all(live.map(async (r) => {
      let s = { now: r.client.now, stopped: false };
      while (s.now < target && !s.stopped) s = await r.client.advance(target, 200);
    }));
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
      case 'run': {
        await this.ensureStarted();
        if (this.runs.every((r) => r.stopped)) return failed('the run has stopped (the checker found a violation); logindex reset, or logindex seek back');
        if (c.ns !== null) {
          await this.clock.stop();
          await this.align(this.now + c.ns);
          await this.pullAll();
          return ok(...this.statusLines());
        }
        this.playStopsAtEnd = scenarioEndNs(this.setup) !== null && this.now < scenarioEndNs(this.setup)!;
        this.play();
        return ok(`running at ${speedText(this.speed)}${this.playStopsAtEnd ? ` to the scenario's end at ${msText(scenarioEndNs(this.setup)!)}` : ''}`);
      }
      case 'pause':
        await this.clock.stop();
        if (this.runs.length > 1) {
          await this.align();
          await this.pullAll();
        }
        return ok(`paused at ${msText(this.now)}`);
      case 'status':
        await this.ensureStarted();
        return ok(...this.statusLines());
      case 'hash': {
        await this.ensureStarted();
        return ok(...(await Promise.all(this.runs.map(async (r) => `${r.label}: state hash ${await r.client.stateHash()} at ${msText(r.client.now)}`))));
      }
      case 'speed':
        this.speed = c.nsPerSecond;
        return ok(`speed ${speedText(c.nsPerSecond)} of simulated time per second`);
      case 'step': {
        await this.ensureStarted();
        await this.clock.stop();
        await this.align(this.now + c.ns);
        await this.pullAll();
        return ok(...this.statusLines());
      }
      case 'seek': {
        await this.ensureStarted();
        await this.clock.stop();
        this.reported.clear();
        // The commands after the seek stay: the worker keeps its future until a command is given in the past.
        await Promise.all(this.runs.map((r) => r.client.seek(c.ns)));
        await this.pullAll();
        return ok(`at ${msText(this.now)}`);
      }
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
        const wasPlaying = this.playing;
        await this.clock.stop();
        const live = this.live();
        if (live.length === 0) return failed('the run has stopped (the checker found a violation); logindex reset or logindex seek back first');
        await this.align();
        const applied = await Promise.all(live.map((r) => r.apply(c.fault)));
        const at = Math.max(...live.map((r) => r.client.now));
        const text = formatSchedule([{ at, command: c.fault }]).replace(/^\S+\s/, '');
        if (!applied.some((a) => a)) {
          await this.pullAll();
          return failed(`${text}: does not apply now (${faultRefusal(c.fault.kind)})`);
        }
        this.given = [...this.given.filter((g) => g.at <= at), { at, command: c.fault }];
        await this.pullAll();
        if (wasPlaying) this.play();
        return ok(`${text} at ${msText(at)}${live.length > 1 ? ` in ${live.map((r) => r.label).join(' and ')}` : ''}`);
      }
      default:
        return failed(`logindex ${c.action}: not a command this tab knows`);
    }
  }

  async dispose(): Promise<void> {
    await this.clock.stop();
    for (const r of this.runs) r.dispose();
    this.runs = [];
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

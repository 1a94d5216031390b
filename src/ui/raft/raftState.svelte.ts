// The ParallelRaft tab's state and the handler of every `raft ...` command. One or two runs
// (side by side: raft and parallel on the same seed and workload) share one simulated clock.
// Components read this object and send commands through the bus; only this class talks to
// the runs' worker bridges.
import type { CommandResult, RaftAction, RaftScenarioName } from '../../commands/types';
import { CancelledError, KernelTrapError } from '../../kernels/client';
import type { RaftEntryInfo, RaftStatus } from '../../kernels/raft/api';
import { brokenNamesOf } from '../../kernels/raft/brokenOptions';
import { appConfig, columnModes, reshapeRun, speedText, type RaftSetup } from '../../kernels/raft/setup';
import { FRAME } from '../../kernels/raft/kernel';
import type { RaftMode } from '../../kernels/raft/protocol';
import { ROLES } from '../../kernels/raft/protocol';
import { SCENARIOS } from '../../kernels/raft/scenarios';
import { formatCommand } from '../../kernels/raft/schedule';
import type { RaftConfig, SimNs, StampedRaftCommand } from '../../kernels/raft/types';
import { RAFT_FORMAT_VERSION, type RaftRunDescription } from '../../state/raftRunDescription';
import { raftReplayAsk, timeToReplay } from '../../kernels/raft/replayCost';
import type { ReplayAsk } from '../../kernels/replayBudget';
import { t, translator } from './messages';
import { RaftRun, violationIndex } from './raftRun.svelte';
import { entryLine, verdictReason } from './raftText';
import { FIRST_MAX_SPAN_NS, nextMaxSpan } from '../maxSpeed';
import { PacedClock, type PacedRun } from '../pacedClock';
import type { ColumnsProgress } from '../tabReplay';
import { p9Sentence } from './p9Text';
import { brokenSentence } from './brokenText';

const MS = 1_000_000;
/** Wall time an advance may take in the worker before the page gets a frame. */
const PACED_CHUNK_MS = 12;
/** At speed max: worker time per advance, about one animation frame, so a frame follows each. */
const MAX_CHUNK_MS = 14;
/** Log indices the strips show. */
export const WINDOW_COUNT = 96;

export type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;

/** Command results stay in English: the terminal speaks the command language. */
const english = translator('en');
const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const failed = (...lines: string[]): CommandResult => ({ ok: false, lines });

/** The tab's config: messages traced for the space-time diagram, a sample every simulated ms. */
export const uiConfig = appConfig;

const msText = (ns: number) => `${(ns / MS).toFixed(3)} ms`;

export { speedText };


export class RaftState {
  config = $state.raw<RaftConfig>(uiConfig());
  runs = $state.raw<RaftRun[]>([]);
  sideBySide = $state(false);
  /** Whether the runs play (the paced clock's). */
  get playing(): boolean {
    return this.clock.playing;
  }
  /** Simulated nanoseconds per wall second, or as fast as the machine goes. */
  speed = $state<number | 'max'>(500_000);
  selected = $state<number | null>(null);
  selectedMessage = $state.raw<{ sendAt: number; from: number; to: number; text: string } | null>(null);
  entry = $state.raw<RaftEntryInfo | null>(null);
  /** The run whose log the selected entry was read from. */
  entryRun = $state.raw<RaftRun | null>(null);
  scenario = $state<RaftScenarioName | null>(null);
  /** The workers check P9 as the runs go (`raft p9 off` trades it for speed). */
  liveCheck = $state(true);
  busy = $state<string | null>(null);
  private schedule: StampedRaftCommand[] = [];
  /**
   * Commands given during the run (faults, writes, iodepth), stamped with the time they
   * applied at; a command given after a seek back drops the later ones, as the worker does.
   */
  private given: StampedRaftCommand[] = [];
  /** What the current runs were started from: the description's config and view. */
  private started: RaftSetup | null = null;
  /** A saved run to rebuild when the tab first starts (a reload with the tab behind). */
  private pending: RaftRunDescription | null = null;
  /** Commands and link openings run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Whether play is on, reactive for the views (the clock sets it). */
  private readonly playFlag = $state({ value: false });
  private readonly clock = new PacedClock(this.pacedRun(), this.playFlag);
  /** Speed max: the time every live run has reached, the span of the next stretch, and the advance queued ahead. */
  private maxClock: SimNs = 0;
  private maxSpan: SimNs = FIRST_MAX_SPAN_NS;
  private ahead: Promise<RaftStatus[]> | null = null;
  private reported = new Set<RaftRun>();
  /** Runs whose P9 violation was announced (per timeline: a seek back forgets it). */
  private reportedP9 = new Set<RaftRun>();
  private starting: Promise<void> | null = null;

  /** `onChange` hears of every new frame or command, so the session can be saved. */
  constructor(private readonly notify: Notify, private readonly onChange: () => void = () => undefined) {}

  /** The shared clock: the latest time any live run reached. */
  get now(): SimNs {
    let t = 0;
    for (const r of this.runs) t = Math.max(t, r.now);
    return t;
  }

  private modesFor(): RaftMode[] {
    return columnModes(this.setup);
  }

  /**
   * New runs with the current config (one per column) and their first frames: at time 0, or
   * rebuilt in the worker from a description's commands to its time.
   */
  private async restart(from: RaftRunDescription | null = null, progress?: ColumnsProgress): Promise<void> {
    await this.stopLoop();
    for (const r of this.runs) r.dispose();
    this.pending = null;
    this.reported.clear();
    this.reportedP9.clear();
    this.selected = null;
    this.selectedMessage = null;
    this.entry = null;
    const runs = this.modesFor().map((mode) => new RaftRun(
      mode,
      (m) => this.notify('error', t('raft.kernelTrap', { mode, message: m.replace(/^KernelTrap:\s*/, '') })),
      (m) => this.notify('error', t('raft.workerError', { mode, message: m })),
    ));
    this.busy = from ? t('raft.busyReplaying') : t('raft.busyStarting');
    try {
      await Promise.all(runs.map((r, column) => {
        const config = { ...this.config, mode: r.label as RaftMode };
        return from ? r.replay(config, this.schedule, from.commands, from.time, this.liveCheck, progress && ((ns) => progress(column, ns))) : r.start(config, this.schedule, this.liveCheck);
      }));
    } catch (error) {
      for (const r of runs) r.dispose();
      this.runs = [];
      throw error;
    } finally {
      this.busy = null;
    }
    this.runs = runs;
    this.given = from ? from.commands.map(({ at, command }) => ({ at, command })) : [];
    this.started = { config: this.config, sideBySide: this.sideBySide, scenario: this.scenario, schedule: this.schedule };
    await this.pullAll();
  }

  /** The config and view of a description, without starting anything. */
  private adopt(run: RaftRunDescription): void {
    this.config = run.config;
    this.sideBySide = run.sideBySide;
    this.scenario = run.scenario;
    this.schedule = run.schedule.map(({ at, command }) => ({ at, command }));
    this.speed = run.speed;
    this.liveCheck = run.p9Off !== true;
  }

  /** Rebuilds a described run in the worker: its config, its commands at their times, its time and selection. */
  private async openNow(run: RaftRunDescription, progress?: ColumnsProgress): Promise<void> {
    this.adopt(run);
    await this.restart(run, progress);
    // The iodepth menu shows the last depth given, as it did in the run the link came from.
    const depth = [...run.commands].reverse().find((c) => c.command.kind === 'iodepth')?.command;
    if (depth?.kind === 'iodepth') this.config = { ...this.config, iodepth: depth.depth };
    if (run.selected !== null) await this.select(run.selected);
  }

  /** Opens a described run (a share link, the saved session), replacing the current one. */
  /** What replaying `run` asks of the worker, for the question before a big one. */
  replayAsk(run: RaftRunDescription): { ask: ReplayAsk; ns: SimNs; columns: number; what: string; timeText: (ns: SimNs) => string } {
    const columns = run.sideBySide ? 2 : 1;
    const ns = timeToReplay(run.time, run.commands.map((c) => c.at));
    const timeText = (at: SimNs): string => (at >= 1e9 ? `${(at / 1e9).toLocaleString('en-US', { maximumFractionDigits: 3 })} s` : `${(at / 1e6).toFixed(3)} ms`);
    const what = t(columns === 2 ? 'raft.replayWhatSideBySide' : 'raft.replayWhat', { time: timeText(ns) });
    return { ask: raftReplayAsk(ns, columns), ns, columns, what, timeText };
  }

  /** `progress` hears each column's simulated time as its replay goes (and may throw to stop it). */
  openRun(run: RaftRunDescription, progress?: ColumnsProgress): Promise<void> {
    return this.exclusive(() => this.openNow(run, progress));
  }

  /** Takes a saved run's config and view now and rebuilds it when the tab first starts. */
  restoreLater(run: RaftRunDescription): void {
    if (this.runs.length > 0) return;
    this.adopt(run);
    this.pending = run;
  }

  /** The current run as a link or the saved session carries it; null before any run. */
  describe(): RaftRunDescription | null {
    const s = this.started;
    if (s === null || this.runs.length === 0) return this.pending;
    return {
      v: RAFT_FORMAT_VERSION,
      kernel: 'raft',
      config: s.config,
      sideBySide: s.sideBySide,
      scenario: s.scenario,
      schedule: s.schedule.map(({ at, command }) => ({ at, command })),
      commands: this.given.map(({ at, command }) => ({ at, command })),
      time: this.now,
      speed: this.speed,
      selected: this.selected,
      ...(this.liveCheck ? {} : { p9Off: true as const }),
    };
  }

  /**
   * The run to share: the columns brought to one instant first, so the one time in the
   * description is every column's time. A playing run plays on afterwards.
   */
  shareable(): Promise<RaftRunDescription> {
    return this.exclusive(async () => {
      await this.ensureStarted();
      const wasPlaying = this.playing;
      await this.stopLoop();
      await this.align();
      await this.pullAll();
      const run = this.describe();
      if (wasPlaying) this.play();
      if (run === null) throw new Error('no raft run to share yet');
      return run;
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private window() {
    const s = this.selected;
    return s === null ? { from: null, count: WINDOW_COUNT } : { from: Math.max(1, s - Math.floor(WINDOW_COUNT / 2)), count: WINDOW_COUNT };
  }

  /** Frames for every run; a run that has just broken a property stops the clock and is pointed at. */
  async pullAll(): Promise<void> {
    const window = this.window();
    await Promise.all(this.runs.map((r) => r.pull(window)));
    for (const r of this.runs) {
      const v = r.verdict;
      if (v === null || v.verdict !== 'invalid' || this.reported.has(r)) continue;
      this.reported.add(r);
      this.clock.pause();
      const index = violationIndex(v.violations[0]);
      this.notify('error', t('raft.runVerdict', { run: r.label, reason: verdictReason(v, r.raw) }));
      if (index !== null) await this.select(index);
    }
    // P9 does not stop the kernel, but a history found not linearizable stops the clock and says why.
    for (const r of this.runs) {
      if (r.p9?.state !== 'not-linearizable' || this.reportedP9.has(r)) continue;
      this.reportedP9.add(r);
      this.clock.pause();
      this.notify('error', t('raft.p9.runBroken', { run: r.label, sentence: p9Sentence(r.p9) }));
    }
    this.onChange();
  }

  /**
   * A lab's starting point, taken by the next `raft reset` or `raft scenario`: one column,
   * this config, and no scripted schedule (a scenario command brings its own).
   */
  prepareLab(config: RaftConfig): void {
    this.sideBySide = false;
    this.config = config;
    this.scenario = null;
    this.schedule = [];
    this.pending = null;
  }

  /** Starts the first runs once; later calls wait for that start. */
  ensureStarted(): Promise<void> {
    this.starting ??= this.runs.length > 0 ? Promise.resolve() : this.pending !== null ? this.openPending(this.pending) : this.restart();
    return this.starting;
  }

  /** The saved run, or a new one if it cannot be rebuilt (the reason is shown). */
  private async openPending(run: RaftRunDescription): Promise<void> {
    try {
      await this.openNow(run);
    } catch (error) {
      this.notify('error', t('raft.restoreFailed', { error: error instanceof Error ? error.message : String(error) }));
      await this.restart();
    }
  }

  play(): void {
    if (this.runs.every((r) => r.stopped)) return;
    this.clock.play();
  }

  private stopLoop(): Promise<void> {
    return this.clock.stop();
  }

  private live(): RaftRun[] {
    return this.runs.filter((r) => !r.stopped);
  }

  /** The raft runs as the paced clock drives them: simulated time is nanoseconds, one clock for every column. */
  private pacedRun(): PacedRun {
    return {
      position: () => {
        const live = this.live();
        return live.length === 0 ? this.now : Math.min(...live.map((r) => r.now));
      },
      canAdvance: () => this.live().length > 0,
      pace: () => this.speed,
      begin: () => {
        this.maxClock = this.now;
        this.maxSpan = FIRST_MAX_SPAN_NS;
        this.ahead = null;
      },
      advanceTo: async (target) => {
        // The speed left max: finish the advance already queued.
        await this.finishAhead();
        await Promise.all(this.live().map((r) => r.client.advance(target, PACED_CHUNK_MS)));
        await this.pullAll();
      },
      runFlatOut: () => this.maxStretch(),
      // A pipelined advance still running when play stopped: show where it ended.
      settle: async () => {
        if (await this.finishAhead()) await this.pullAll();
      },
      failed: (error) => {
        if (!(error instanceof CancelledError) && !(error instanceof KernelTrapError)) this.notify('error', t('raft.runStopped', { error: error instanceof Error ? error.message : String(error) }));
      },
    };
  }

  /** Waits for the advance queued ahead at speed max, if any; true when there was one. */
  private async finishAhead(): Promise<boolean> {
    const ahead = this.ahead;
    if (ahead === null) return false;
    this.ahead = null;
    await ahead;
    return true;
  }

  /**
   * One stretch at speed max: every live run to the same time, as far as a span that adapts
   * so an advance takes about a frame. Pipelined: the frame requests go first and the next
   * advance queues right behind them, so the workers compute while this thread decodes and draws.
   */
  private async maxStretch(): Promise<void> {
    const live = this.live();
    this.maxClock = Math.max(this.maxClock, Math.min(...live.map((r) => r.now)));
    const clock = this.maxClock;
    const span = this.maxSpan;
    const statuses = await (this.ahead ?? this.advanceAll(live, clock + span));
    this.ahead = null;
    const reached = Math.min(...statuses.map((s) => s.now));
    this.maxSpan = nextMaxSpan(span, reached - clock, statuses.every((s) => s.now >= clock + span || s.stopped));
    this.maxClock = Math.max(clock, reached);
    if (!this.playing) return;
    const frames = this.pullAll();
    if (statuses.some((s) => !s.stopped)) this.ahead = this.advanceAll(live, this.maxClock + this.maxSpan);
    await frames;
  }

  private advanceAll(live: RaftRun[], target: SimNs): Promise<RaftStatus[]> {
    return Promise.all(live.map((r) => r.client.advance(Math.round(target), MAX_CHUNK_MS)));
  }

  /** Brings every live run to the same time, so a command lands at one instant in each column. */
  private async align(to?: SimNs): Promise<void> {
    const live = this.runs.filter((r) => !r.stopped);
    // By default the latest time any worker reached, asked after the calls already queued (the
    // play loop's advance sent ahead may still be running when play stops).
    const target = to ?? Math.max(this.now, ...(await Promise.all(live.map((r) => r.client.query('now')))));
    await Promise.all(live.map(async (r) => {
      let s = { now: r.client.now, stopped: false };
      while (s.now < target && !s.stopped) s = await r.client.advance(target, 200);
    }));
  }

  async select(index: number | null, node?: number): Promise<void> {
    this.selected = index;
    this.selectedMessage = null;
    this.entry = null;
    this.entryRun = null;
    if (index === null || this.runs.length === 0) return;
    // The first column (and replica, the leader first) whose log holds the entry describes it.
    search: for (const run of this.runs) {
      const leader = run.raw ? run.raw[FRAME.leader] : -1;
      const candidates = node !== undefined ? [node] : [leader, 0, 1, 2].filter((n, i, all) => n >= 0 && all.indexOf(n) === i);
      for (const n of candidates) {
        const info = await run.client.entry(n, index).catch(() => null);
        if (info) {
          this.entry = info;
          this.entryRun = run;
          break search;
        }
      }
    }
    if (!this.playing) await this.pullAll();
  }

  selectMessage(message: { sendAt: number; from: number; to: number; text: string; index: number | null }): void {
    this.selectedMessage = message;
    if (message.index !== null) void this.select(message.index).then(() => {
      this.selectedMessage = message;
    });
  }

  statusLines(): string[] {
    return this.runs.map((r) => {
      const f = r.raw;
      if (f === null) return `${r.label}: starting`;
      const leader = f[FRAME.leader];
      const nodes = [0, 1, 2].map((n) => `${n}:${f[64 + n * 16] ? ROLES[f[64 + n * 16 + 1]] : 'down'}`).join(' ');
      const p9 = r.p9 === null ? (this.liveCheck ? '' : ' · P9 not checked (raft p9 on)') : ` · P9 ${r.p9.state}: ${p9Sentence(r.p9, english)}`;
      const broken = r.config === null ? [] : brokenNamesOf(r.config.broken);
      const badge = broken.length > 0 ? ` · broken on purpose: ${broken.join(', ')}` : '';
      return `${r.label.padEnd(11)} t=${msText(f[FRAME.now])} leader ${leader < 0 ? 'none' : leader} · ${nodes} · commits ${f[FRAME.commits]} · p50 ${(f[FRAME.p50] / 1000).toFixed(1)} µs p99 ${(f[FRAME.p99] / 1000).toFixed(1)} µs${badge} · ${r.verdict?.verdict ?? '?'}: ${r.verdict?.reason ?? ''}${p9}`;
    });
  }

  handle(c: RaftAction): Promise<CommandResult> {
    return this.exclusive(() => this.handleNow(c));
  }

  /** The run's setup as one record (the fields stay apart, so views react to each). */
  private get setup(): RaftSetup {
    return { config: this.config, sideBySide: this.sideBySide, scenario: this.scenario, schedule: this.schedule };
  }

  private async handleNow(c: RaftAction): Promise<CommandResult> {
    const reshaped = reshapeRun(this.setup, c);
    if (reshaped !== null) {
      ({ config: this.config, sideBySide: this.sideBySide, scenario: this.scenario, schedule: this.schedule } = reshaped.setup);
      // A scenario plays at its own speed: at the default 500 µs/s nothing would happen for minutes.
      if (c.action === 'scenario') this.speed = SCENARIOS[c.scenario].speedNsPerSecond;
      await this.restart();
      const sentences = c.action === 'break' ? c.broken.map((name) => `  ${name}: ${brokenSentence(name, english)}`) : [];
      return ok(...reshaped.lines, ...sentences);
    }
    switch (c.action) {
      case 'open': {
        await this.ensureStarted();
        const broken = brokenNamesOf(this.config.broken);
        return ok(`ParallelRaft: ${this.modesFor().join(' | ')}, iodepth ${this.config.iodepth}, ${this.config.net}, ${this.config.disk}, seed ${this.config.seed}${broken.length > 0 ? `, broken on purpose: ${broken.join(', ')}` : ''}; raft run to start`);
      }
      case 'close':
        await this.stopLoop();
        return ok('paused');
      case 'run':
        await this.ensureStarted();
        if (this.runs.every((r) => r.stopped)) return failed('the run has stopped (the checker found a violation); raft reset to run again');
        this.play();
        return ok(`running at ${speedText(this.speed)}`);
      case 'pause':
        await this.stopLoop();
        // Side by side, a column the last frame left behind catches up: both show one instant.
        if (this.runs.length > 1) {
          await this.align();
          await this.pullAll();
        }
        return ok(`paused at ${msText(this.now)}`);
      case 'reset':
        await this.restart();
        return ok(`new run at 0 ms${this.scenario ? ` (scenario ${this.scenario})` : ''}`);
      case 'status':
        await this.ensureStarted();
        return ok(...this.statusLines());
      case 'hash': {
        await this.ensureStarted();
        const lines = await Promise.all(this.runs.map(async (r) => `${r.label}: state hash ${await r.client.stateHash()} at ${msText(r.client.now)}`));
        return ok(...lines);
      }
      case 'p9': {
        await this.ensureStarted();
        const wasPlaying = this.playing;
        await this.stopLoop();
        // One instant in every column, so a rebuild lands each at the same time.
        await this.align();
        this.liveCheck = c.on;
        if (c.on) this.busy = t('raft.busyReplaying');
        try {
          await Promise.all(this.runs.map((r) => r.setLiveCheck(c.on)));
        } finally {
          this.busy = null;
        }
        this.reportedP9.clear();
        await this.pullAll();
        if (wasPlaying) this.play();
        return ok(c.on
          ? `P9 checked again: ${this.runs.map((r) => r.label).join(' and ')} rebuilt to ${msText(this.now)} with the check on`
          : 'P9 not checked: the workers run faster; raft p9 on checks again (the run is rebuilt to where it is)');
      }
      case 'speed':
        this.speed = c.nsPerSecond;
        return ok(`speed ${speedText(c.nsPerSecond)} of simulated time per second`);
      case 'step': {
        await this.ensureStarted();
        await this.stopLoop();
        await this.align(this.now + c.ns);
        await this.pullAll();
        return ok(...this.statusLines());
      }
      case 'seek': {
        await this.ensureStarted();
        await this.stopLoop();
        this.reported.clear();
        this.reportedP9.clear();
        await Promise.all(this.runs.map((r) => r.client.seek(c.ns)));
        await this.pullAll();
        return ok(`at ${msText(this.now)}`);
      }
      case 'select':
        await this.ensureStarted();
        await this.select(c.index);
        return ok(this.entry ? entryLine(this.entry, english) : `#${c.index}: no replica holds it in its log window`);
      case 'fault': {
        await this.ensureStarted();
        const wasPlaying = this.playing;
        await this.stopLoop();
        const live = this.runs.filter((r) => !r.stopped);
        if (live.length === 0) return failed('the run has stopped (the checker found a violation); raft reset or raft seek back first');
        await this.align();
        const applied = await Promise.allSettled(live.map((r) => r.apply(c.fault)));
        const took = live.filter((_, i) => applied[i].status === 'fulfilled');
        if (took.length > 0) {
          const at = Math.max(...took.map((r) => r.client.now));
          this.given = [...this.given.filter((g) => g.at <= at), { at, command: c.fault }];
        }
        const refused = applied.find((a): a is PromiseRejectedResult => a.status === 'rejected');
        if (refused !== undefined) throw refused.reason;
        if (c.fault.kind === 'iodepth') this.config = { ...this.config, iodepth: c.fault.depth };
        await this.pullAll();
        if (wasPlaying) this.play();
        return ok(`${formatCommand(c.fault)} at ${msText(this.now)}${live.length > 1 ? ` in ${live.map((r) => r.label).join(' and ')}` : ''}`);
      }
      default:
        // Every other action sets the run up again and was handled by reshapeRun above.
        return failed(`raft ${c.action}: not a command this tab knows`);
    }
  }

  describeVerdict(run: RaftRun): string {
    const v = run.verdict;
    if (v === null) return '';
    return verdictReason(v, run.raw);
  }

  async dispose(): Promise<void> {
    await this.stopLoop();
    for (const r of this.runs) r.dispose();
    this.runs = [];
  }
}

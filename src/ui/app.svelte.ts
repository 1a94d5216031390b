// The app's state and the handlers of every command. Components read this object and send
// Commands through the bus; only this class talks to the simulation client.
import { CommandBus, type CommandOrigin } from '../commands/bus';
import { CommandHistory } from '../commands/history';
import { formatCommand, parseCommand } from '../commands/parse';
import { commandOfKernel, kernelCommandOf } from '../commands/kernelCommand';
import { findCommandSpec, helpLines, QUERY_METRICS } from '../commands/registry';
import { grammarOf, loadGrammar } from '../commands/kernelGrammar';
import { DEFAULT_KERNEL } from '../kernels/catalog';
import type { SharedRun } from './frontTab';
import { PacedClock, type Pace, type PacedRun } from './pacedClock';
import { ReplayGate, ReplayStopped, type ReplayProgress, type ReplayView } from './replayGate';
import { gpupoolReplayAsk, podsToReplay } from '../kernels/gpupool/replayCost';
import { timesBudget } from '../kernels/replayBudget';
import type { Command, CommandResult, RendererChoice } from '../commands/types';
import type { Frame, KernelCommand, WorkloadInfo } from '../kernels/api';
import { POLICIES } from '../kernels/gpupool/types';
import { CancelledError, KernelTrapError, SimClient } from '../kernels/client';
import type { NodeInspection, Policy, RunConfig, RunSummary, TraceFileRef, WorkloadSource } from '../kernels/gpupool/types';
import type { Explanation } from '../kernels/gpupool/explain';
import { runChange, seekStep } from '../kernels/gpupool/setup';
import type { ViewStats } from '../views/sceneHost';
import type { AbState } from './gpupool/ab.svelte';
import type { SweepState } from './gpupool/sweep.svelte';
import { fnv1a64Hex } from '../state/hash';
import { FORMAT_VERSION, type RunDescription } from '../state/runDescription';
import { saveSession } from '../state/session';
import { encodeShareFragment } from '../state/shareLink';
import { memoryTraceBackend, openIndexedDbTraceBackend, TraceStore, traceRefOf } from '../state/traceStore';
import { pairTraceFiles, type NamedText } from './gpupool/csvFiles';
import { locale, t, translator, type Translate } from '../i18n';
import type { Translate as GpuPoolTranslate } from './gpupool/messages';
import { chartCurves, chartGrid, EventSeries, lastChangeOf, type ChartGrid } from './gpupool/series';
import { cameraRequests } from './gpupool/cameraRequests.svelte';

export const DEFAULT_CONFIG: RunConfig = { policy: 'FGD', seed: 42, rng: 'xoshiro', tune: 1.3 };
export const SYNTHETIC_LABEL = 'openb-like (synthetic)';
/** Speeds the slider spans, pods per simulated second (log scale); its top end is 'max'. */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 10000;
/** Wall time a `max` chunk may take in the worker before the main thread gets a frame. */
const MAX_CHUNK_MS = 30;
/** Budget of one paced advance; the pace, not the budget, decides how far it goes. */
const PACED_CHUNK_MS = 12;
const MAX_MESSAGES = 6;

export type Speed = Pace;

export interface Message {
  id: number;
  kind: 'error' | 'warning' | 'info';
  text: string;
}

export interface ChartSeries {
  label: string;
  alloc: (number | null)[];
  frag: (number | null)[];
  current: boolean;
}

export interface ChartData {
  x: Float64Array;
  series: ChartSeries[];
  /** Arrived demand (%) of the event where the selected node last changed, or null. */
  marker: number | null;
}

export interface ParseProgress {
  phase: string;
  done: number;
  total: number;
}

/** What the terminal offers the app: a place to print and a way to clear. */
export interface TerminalSink {
  print(lines: string[], kind?: 'result' | 'error' | 'echo' | 'info'): void;
  clear(): void;
}

/** A trace the current run (from a link or the saved session) needs but does not have. */
export interface WantedTrace {
  nodes: TraceFileRef;
  pods: TraceFileRef;
  run: RunDescription;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const failed = (...lines: string[]): CommandResult => ({ ok: false, lines });

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function describeRef(ref: TraceFileRef, tr: Translate = t): string {
  return tr('state.fileRef', { name: ref.name, size: formatBytes(ref.bytes), hash: ref.hash });
}

/** Command results stay in English: the terminal speaks the command language. */
const english = translator('en');
/** The same English, reading the GPU pool tab's keys too (they are added when its code loads). */
const englishGpuPool = english as unknown as GpuPoolTranslate;

export function speedLabel(speed: Speed): string {
  if (speed === 'max') return 'max';
  return speed >= 10 ? `${Math.round(speed)} pods/s` : `${speed.toPrecision(2)} pods/s`;
}

/** The typed form of a stamped kernel command, as share links and the saved session keep it. */
export function kernelCommandText(command: KernelCommand): string {
  return formatCommand(commandOfKernel(command));
}



export class AppState {
  // Settings of the run (replaced, never mutated, so they can be posted to the worker).
  config = $state.raw<RunConfig>({ ...DEFAULT_CONFIG });
  workload = $state.raw<WorkloadInfo | null>(null);
  summary = $state.raw<RunSummary | null>(null);
  /** Whether the run plays (the paced clock's). */
  get playing(): boolean {
    return this.clock.playing;
  }
  speed = $state<Speed>(200);
  /** Short description of work in progress (loading, parsing), or null. */
  busy = $state<string | null>(null);
  progress = $state.raw<ParseProgress | null>(null);
  messages = $state.raw<Message[]>([]);
  inspected = $state.raw<NodeInspection | null>(null);
  chart = $state.raw<ChartData>({ x: new Float64Array(0), series: [], marker: null });
  wanted = $state.raw<WantedTrace | null>(null);
  loadPanelOpen = $state(false);
  /** The last share link made on each tab, by kernel id: a tab shows only its own. */
  shares = $state<Record<string, string>>({});
  /** The first pod file or node file picked while waiting for its partner. */
  pendingFiles = $state.raw<{ nodes: NamedText | null; pods: NamedText | null }>({ nodes: null, pods: null });

  /** Whether the 3D cluster view is shown, and which renderer it asks for. */
  show3d = $state(true);
  renderer = $state<RendererChoice>('auto');
  /** Figures of the 3D view's last render (the stats panel and `stats` read them). */
  viewStats = $state.raw<ViewStats | null>(null);
  /** Bumped whenever the kernel state a view shows may have changed (a step, a fault, a new run). */
  stateVersion = $state(0);
  /** Bumped when the workload (and so the 3D layout) changes. */
  workloadVersion = $state(0);
  /** "Why this node": whether the panel is open, and the explanation for the next pod. */
  whyOpen = $state(false);
  explanation = $state.raw<Explanation | null>(null);
  /** The A/B comparison while it is on; run, pause, step, seek and reset then drive it. */
  ab = $state.raw<AbState | null>(null);
  /** The browser sweep, made on first use (its code loads behind import()). */
  sweep = $state.raw<SweepState | null>(null);
  sweepOpen = $state(false);

  readonly series = new EventSeries();
  readonly bus = new CommandBus();
  readonly history = new CommandHistory({ storage: safeStorage() });
  readonly client: SimClient;
  terminal: TerminalSink | null = null;
  /** Set by the load panel: opens the browser's file picker. */
  openFilePicker: (() => void) | null = null;
  /** Each kernel tab in front of the GPU pool's shares its own run: `share` asks the one in front. */
  readonly shareProviders = new Map<string, () => Promise<SharedRun>>();
  /** The question before a big replay, or its progress bar: every tab's, one at a time. */
  readonly replayView = $state<ReplayView>({ state: null });
  readonly replays = new ReplayGate(this.replayView);

  private source: WorkloadSource = { kind: 'synthetic' };
  private grid: ChartGrid = chartGrid(DEFAULT_CONFIG.tune * 100 + 10);
  private overlays = new Map<string, Map<string, ChartSeries>>();
  private recorded = false;
  /** Whether play is on, reactive for the views (the clock sets it). */
  private readonly playFlag = $state({ value: false });
  private readonly clock = new PacedClock(this.pacedRun(), this.playFlag);
  private messageId = 0;
  private traceStore: Promise<TraceStore>;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Why the run on screen must not be saved over the saved session, or null when it may be:
   * 'replay' while a run is being rebuilt (half a replay, or one that failed, is not a run to
   * keep); 'stand-in' while the default run stands in for a saved run that could not be opened.
   */
  private saveHold: 'replay' | 'stand-in' | null = null;

  constructor(client?: SimClient) {
    this.client =
      client ??
      new SimClient({
        onTrap: (message) => this.notify('error', t('state.kernelTrap', { message: message.replace(/^KernelTrap:\s*/, '') })),
        onWorkerError: (message) => this.notify('error', t('state.workerError', { message })),
        onRestart: (step) => this.notify('info', t('state.workerRestarted', { step })),
      });
    this.traceStore = openIndexedDbTraceBackend()
      .catch(() => memoryTraceBackend())
      .then((backend) => new TraceStore(backend));
    if (this.history.problem) this.notify('warning', this.history.problem);
    this.registerHandlers();
  }

  // ---- messages ---------------------------------------------------------------------

  notify(kind: Message['kind'], text: string): void {
    const message = { id: ++this.messageId, kind, text };
    this.messages = [...this.messages, message].slice(-MAX_MESSAGES);
  }

  dismiss(id: number): void {
    this.messages = this.messages.filter((m) => m.id !== id);
  }

  get workloadLabel(): string {
    const w = this.workload;
    if (w === null) return SYNTHETIC_LABEL;
    return w.label;
  }

  /** Label of the current run in the chart: its policy, with mid-run changes. */
  private runLabel(): string {
    const changes = this.client.stampedCommands.map((c) => `${c.command.kind === 'policy' ? c.command.policy : kernelCommandText(c.command)}@${c.step}`);
    return [this.config.policy, ...changes].join(' → ');
  }

  private overlayKey(): string {
    const w = this.source.kind === 'synthetic' ? 'synthetic' : `${this.source.nodes.hash}+${this.source.pods.hash}`;
    return `${w}|${this.config.seed}|${this.config.rng}|${this.config.tune}`;
  }

  // ---- the run ----------------------------------------------------------------------

  /** The run as a share link or the saved session describes it. */
  describe(): RunDescription {
    return {
      v: FORMAT_VERSION,
      kernel: 'gpupool',
      workload: this.source,
      config: { ...this.config },
      commands: this.client.stampedCommands.map((c) => ({ step: c.step, text: kernelCommandText(c.command) })),
      step: this.summary?.step ?? 0,
    };
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      const storage = safeStorage();
      if (storage === null || this.saveHold !== null) return;
      const result = saveSession(storage, this.describe());
      if (!result.ok) this.notify('warning', result.reason);
    }, 300);
  }

  /** Fetches the events since the last frame and redraws; called at most once per animation frame. */
  async pullFrame(): Promise<Frame> {
    const frame = await this.client.frame();
    this.series.append(frame);
    const changed = frame.reset || frame.arrived.length > 0 || frame.summary.step !== this.summary?.step;
    this.summary = frame.summary;
    if (changed) this.stateVersion++;
    if (changed && this.whyOpen && !this.playing) void this.refreshWhy();
    this.refreshChart();
    if (frame.summary.step >= frame.summary.pods && frame.summary.pods > 0 && !this.recorded) this.recordOverlay();
    this.scheduleSave();
    return frame;
  }

  private refreshChart(): void {
    const gpus = this.summary?.gpus ?? this.workload?.gpus ?? 0;
    const current = chartCurves(this.series, gpus, this.grid);
    const label = this.runLabel();
    const others = [...(this.overlays.get(this.overlayKey())?.values() ?? [])].filter((s) => s.label !== label);
    this.chart = { x: this.grid.x, series: [{ label, alloc: current.alloc, frag: current.frag, current: true }, ...others], marker: this.selectionMarker(gpus) };
  }

  /** Arrived demand (%) of the last event that placed a pod on the selected node. */
  private selectionMarker(gpus: number): number | null {
    const node = this.inspected?.id;
    if (node === undefined || gpus <= 0) return null;
    const at = lastChangeOf(this.series, node);
    return at < 0 ? null : (100 * this.series.arrived[at]) / (gpus * 1000);
  }

  /** Selects a node everywhere: inspector, 3D view, chart marker. */
  private setInspected(n: NodeInspection | null): void {
    this.inspected = n;
    const gpus = this.summary?.gpus ?? 0;
    this.chart = { ...this.chart, marker: this.selectionMarker(gpus) };
  }

  /** Fetches "why this node" for the next pod; only while the panel is open. */
  async refreshWhy(): Promise<void> {
    if (!this.whyOpen || this.summary === null) return;
    try {
      this.explanation = await this.client.explain();
    } catch (error) {
      if (!(error instanceof CancelledError)) this.notify('error', t('state.explainFailed', { error: errorText(error) }));
    }
  }

  setWhyOpen(open: boolean): void {
    this.whyOpen = open;
    if (open) void this.refreshWhy();
    else this.explanation = null;
  }

  /** Keeps the finished run's curves to draw under later runs of the same workload and seed. */
  private recordOverlay(): void {
    const gpus = this.summary?.gpus ?? 0;
    if (gpus <= 0 || this.series.length < (this.summary?.pods ?? 0)) return;
    this.recorded = true;
    const key = this.overlayKey();
    const curves = chartCurves(this.series, gpus, this.grid);
    let byLabel = this.overlays.get(key);
    if (byLabel === undefined) {
      byLabel = new Map();
      this.overlays.set(key, byLabel);
    }
    const label = this.runLabel();
    byLabel.set(label, { label, alloc: curves.alloc, frag: curves.frag, current: false });
  }

  /** Stops the play loop and waits (briefly: a hidden tab has no animation frames) for it to end. */
  private stopLoop(): Promise<void> {
    return this.clock.stop();
  }

  /** A new run of the current workload at step 0 with the current config. */
  private async startRun(): Promise<RunSummary> {
    await this.stopLoop();
    const summary = await this.client.start(this.config);
    this.grid = chartGrid(this.config.tune * 100 + 10);
    this.series.clear();
    this.recorded = false;
    this.setInspected(null);
    this.summary = summary;
    await this.pullFrame();
    return summary;
  }

  private setWorkload(info: WorkloadInfo, source: WorkloadSource): void {
    // `wanted` stays: the default run may play while the user finds the files a link needs.
    this.workload = info;
    this.source = source;
    this.workloadVersion++;
    // A/B compares runs of one workload: a new workload ends it.
    void this.closeAb();
  }

  async useSynthetic(scale = 1): Promise<void> {
    this.busy = scale > 1 ? t('state.loadingSyntheticScaled', { scale }) : t('state.loadingSynthetic');
    try {
      const info = await this.client.useSynthetic(scale);
      this.setWorkload(info, scale === 1 ? { kind: 'synthetic' } : { kind: 'synthetic', scale });
    } finally {
      this.busy = null;
    }
  }

  /**
   * Parses a trace in the worker, stores it for later links and reloads, and makes it the
   * workload. On a malformed file the previous workload and run stay as they were.
   */
  async loadTraceTexts(nodes: NamedText, pods: NamedText): Promise<WorkloadInfo> {
    this.busy = t('state.parsing', { nodes: nodes.name, pods: pods.name });
    this.progress = null;
    try {
      const info = await this.client.loadTrace(nodes, pods, (phase, done, total) => {
        this.progress = { phase, done, total };
      });
      const encoder = new TextEncoder();
      const nodesRef = info.nodesRef ?? traceRefOf(nodes.name, encoder.encode(nodes.text));
      const podsRef = info.podsRef ?? traceRefOf(pods.name, encoder.encode(pods.text));
      this.setWorkload(info, { kind: 'trace', nodes: nodesRef, pods: podsRef });
      this.pendingFiles = { nodes: null, pods: null };
      try {
        const store = await this.traceStore;
        await store.putTrace(nodesRef, nodes.text);
        await store.putTrace(podsRef, pods.text);
      } catch (error) {
        this.notify('warning', t('state.traceNotKept', { error: errorText(error) }));
      }
      return info;
    } finally {
      this.busy = null;
      this.progress = null;
    }
  }

  /** Files from the picker or a drop: sort them into node and pod lists, then load both. */
  async acceptFiles(files: File[]): Promise<void> {
    let texts: NamedText[];
    try {
      texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    } catch (error) {
      this.notify('error', t('state.readFailed', { error: errorText(error) }));
      return;
    }
    const pair = pairTraceFiles(texts, this.pendingFiles);
    if (!pair.ok) {
      this.pendingFiles = { nodes: pair.nodes, pods: pair.pods };
      const stillNeed = pair.reason.startsWith('still need');
      this.notify(stillNeed ? 'info' : 'error', pair.reason);
      this.terminal?.print(pair.reason.split('\n'), stillNeed ? 'info' : 'error');
      return;
    }
    const wanted = this.wanted;
    if (wanted !== null) {
      const encoder = new TextEncoder();
      const problems = [
        [pair.nodes, wanted.nodes],
        [pair.pods, wanted.pods],
      ]
        .map(([file, ref]) => {
          const hash = fnv1a64Hex(encoder.encode((file as NamedText).text));
          const want = ref as TraceFileRef;
          return hash === want.hash ? null : t('state.hashMismatch', { name: (file as NamedText).name, hash, ref: describeRef(want) });
        })
        .filter((p): p is string => p !== null);
      if (problems.length > 0) {
        this.notify('error', t('state.wrongFiles', { problems: problems.join('; ') }));
        this.pendingFiles = { nodes: null, pods: null };
        return;
      }
    }
    // Through the bus queue, so the load cannot interleave with a running command; the
    // handler picks the files up from here.
    this.pendingFilesToLoad = { nodes: pair.nodes, pods: pair.pods };
    await this.bus.dispatch({ name: 'load', source: 'file' }, 'button');
  }

  /** Set by `acceptFiles` and consumed by the `load file` handler it dispatches. */
  private pendingFilesToLoad: { nodes: NamedText; pods: NamedText } | null = null;

  // ---- play loop --------------------------------------------------------------------

  play(): void {
    if (this.summary === null) return;
    this.clock.play();
  }

  pause(): void {
    this.clock.pause();
    void this.refreshWhy();
  }

  /** The GPU pool as the paced clock drives it: simulated time is pods submitted. */
  private pacedRun(): PacedRun {
    return {
      position: () => this.summary?.step ?? 0,
      canAdvance: () => this.summary !== null && this.summary.step < this.summary.pods,
      pace: () => this.speed,
      advanceTo: async (target) => {
        const pods = this.summary?.pods ?? 0;
        await this.client.advance(Math.min(target, pods), PACED_CHUNK_MS);
        await this.pullFrame();
      },
      // The kernel runs back to back and never waits on rendering: frames are pulled on their
      // own, at most one per animation frame, between the worker's chunks.
      runFlatOut: async () => {
        if (this.summary !== null) await this.runFlatOut(this.summary);
        await this.pullFrame();
      },
      failed: (error) => {
        if (!(error instanceof CancelledError) && !(error instanceof KernelTrapError)) this.notify('error', t('state.runStopped', { error: errorText(error) }));
      },
    };
  }

  /** `speed max`: advance in back-to-back chunks while a separate rAF loop pulls frames. */
  private async runFlatOut(from: RunSummary): Promise<void> {
    let s = from;
    let pulling = false;
    let running = true;
    const render = () => {
      if (!running) return;
      if (!pulling) {
        pulling = true;
        void this.pullFrame().finally(() => (pulling = false));
      }
      requestAnimationFrame(render);
    };
    requestAnimationFrame(render);
    try {
      while (this.playing && s.step < s.pods) s = await this.client.advance(s.pods, MAX_CHUNK_MS);
    } finally {
      running = false;
    }
  }

  // ---- commands ---------------------------------------------------------------------

  /** Runs a command as a button would; the bus echoes it into the terminal. */
  send(command: Command, origin: CommandOrigin = 'button'): Promise<CommandResult> {
    return this.bus.dispatch(command, origin);
  }

  private requireRun(): RunSummary {
    if (this.summary === null) throw new Error('no run yet: the workload is still loading');
    return this.summary;
  }

  private async advanceTo(step: number, progress: ReplayProgress | null = null): Promise<RunSummary> {
    let s = this.requireRun();
    const target = Math.min(step, s.pods);
    while (s.step < target) {
      const before = s.step;
      // Chunks of 200 ms: a cancel, a typed command or a frame gets in between two of them.
      s = await this.client.advance(target, 200);
      progress?.update(s.step);
      if (s.step === before) break;
    }
    await this.pullFrame();
    return this.summary ?? s;
  }

  private statusLine(): string {
    const s = this.summary;
    if (s === null) return 'no run';
    const cap = s.gpus * 1000;
    const alloc = cap > 0 ? ((100 * s.used) / cap).toFixed(2) : '0';
    const frag = cap - s.used > 0 ? ((100 * s.fragment) / (cap - s.used)).toFixed(2) : '0';
    return `step ${s.step}/${s.pods} · placed ${s.placed} · failed ${s.failed} · alloc ${alloc}% · frag ${frag}% · ${s.policy}`;
  }

  /** Replays a stored run description: config, each stamped command at its step, then the step. */
  async replay(run: RunDescription, origin: CommandOrigin): Promise<void> {
    this.saveHold = 'replay';
    this.config = { ...run.config };
    const start = await this.startRun();
    const pods = podsToReplay(run.step, run.commands.map((c) => c.step), start.pods);
    const fmt = (n: number): string => n.toLocaleString('en-US');
    const what = t('replay.gpupoolWhat', { pods: fmt(pods), nodes: fmt(start.nodes) });
    const ask = gpupoolReplayAsk(pods, start.nodes);
    // A link is anybody's: past the budget it runs only when the person says so.
    if (origin === 'link' && !(await this.replays.ask(ask, t('replay.ask', { what, times: timesBudget(ask) })))) {
      throw new ReplayStopped(t('replay.declined'));
    }
    const progress = this.replays.track(t('replay.progress', { what }), pods, (done) => t('replay.cancelled', { done: fmt(done), total: fmt(pods) }));
    try {
      await this.replayCommands(run, origin, progress);
    } finally {
      progress.close();
    }
  }

  private async replayCommands(run: RunDescription, origin: CommandOrigin, progress: ReplayProgress): Promise<void> {
    for (const stamped of run.commands) {
      const parsed = parseCommand(stamped.text);
      const kernelCommand = parsed.ok ? kernelCommandOf(parsed.command) : null;
      if (kernelCommand === null) {
        this.notify('warning', t('state.skippedReplay', { command: stamped.text, step: stamped.step }));
        continue;
      }
      await this.advanceTo(stamped.step, progress);
      // Applied directly, not through the bus: replay may itself run inside a command.
      this.terminal?.print([`${stamped.text}    (replayed at step ${stamped.step}, from ${origin === 'link' ? 'the link' : 'the saved session'})`], 'echo');
      if (kernelCommand.kind === 'policy') await this.applyPolicy(kernelCommand.policy);
      else await this.applyKernel(kernelCommand);
    }
    // Forward in chunks (cancellable); a step before the last command's is one restore away.
    if (run.step > (this.summary?.step ?? 0)) await this.advanceTo(run.step, progress);
    const summary = await this.client.seek(run.step);
    this.summary = summary;
    this.saveHold = null;
    await this.pullFrame();
  }

  /** Loads the workload a run description names; false (and the user is asked) when the trace is missing. */
  async loadWorkloadOf(run: RunDescription): Promise<boolean> {
    if (run.workload.kind === 'synthetic') {
      await this.useSynthetic(run.workload.scale ?? 1);
      return true;
    }
    const { nodes, pods } = run.workload;
    const store = await this.traceStore;
    const [n, p] = await Promise.all([store.getTrace(nodes.hash).catch(() => null), store.getTrace(pods.hash).catch(() => null)]);
    if (n !== null && p !== null) {
      await this.loadTraceTexts({ name: n.ref.name, text: n.text }, { name: p.ref.name, text: p.text });
      return true;
    }
    if (this.wanted !== null) {
      // A link's files are asked for already (this is the saved run behind it): that request stays.
      this.notify('info', t('state.savedRunNeedsTraceToo', { nodes: describeRef(nodes), pods: describeRef(pods), then: t('state.savedRunStays') }));
      return false;
    }
    this.wanted = { nodes, pods, run };
    this.loadPanelOpen = true;
    this.notify('info', t('state.needTraceFiles', { nodes: describeRef(nodes), pods: describeRef(pods) }));
    return false;
  }

  /**
   * Opens a run description: loads its workload (or asks for it: false, nothing changed) and
   * replays it. Nothing is saved until the replay is through; after a failure, nothing until
   * another run is in place.
   */
  async open(run: RunDescription, origin: CommandOrigin): Promise<boolean> {
    const held = this.saveHold;
    this.saveHold = 'replay';
    if (!(await this.loadWorkloadOf(run))) {
      this.saveHold = held;
      return false;
    }
    await this.replay(run, origin);
    return true;
  }

  /** The default run; `standIn` keeps saves held, so the saved run it stands in for is kept. */
  async startDefault(standIn = false): Promise<void> {
    this.saveHold = 'replay';
    this.config = { ...DEFAULT_CONFIG };
    await this.useSynthetic();
    await this.startRun();
    this.saveHold = standIn ? 'stand-in' : null;
    this.scheduleSave();
  }

  private registerHandlers(): void {
    const bus = this.bus;
    bus.register('help', async (c) => {
      // A Chinese page's help loads its summaries with it; the syntax stays the terminal's words.
      let texts = locale() === 'zh-CN' ? (await import('../commands/help/zh-CN')).helpZhCN : null;
      if (c.topic === null) return ok(...helpLines(null, texts));
      await loadGrammar(c.topic); // a kernel's details load with its grammar
      const spec = findCommandSpec(c.topic);
      if (spec === undefined) return failed(helpLines(c.topic, texts)[0], ...helpLines(null, texts));
      const kernelHelp = grammarOf(spec.name)?.localHelp?.[locale()];
      if (texts !== null && kernelHelp !== undefined) texts = { ...texts, details: { ...texts.details, [spec.name]: await kernelHelp() } };
      return ok(...helpLines(spec.name, texts));
    });

    bus.register('load', async (c) => {
      if (c.source === 'synthetic') {
        if (this.wanted !== null) {
          this.wanted = null;
          this.notify('info', t('state.linkSetAside'));
        }
        await this.closeAb();
        await this.useSynthetic(c.scale ?? 1);
        await this.startRun();
        // A new run the person chose: from now it is the one to save.
        this.saveHold = null;
        this.scheduleSave();
        return ok(`workload: ${this.workload?.label ?? SYNTHETIC_LABEL}, ${this.workload?.nodes ?? 0} nodes, ${this.workload?.gpus ?? 0} GPUs`);
      }
      if (c.source === 'file') {
        const pair = this.pendingFilesToLoad;
        if (pair === null) {
          this.loadPanelOpen = true;
          this.openFilePicker?.();
          return ok('choose the node list CSV and the pod list CSV (or drop both files on the page)');
        }
        this.pendingFilesToLoad = null;
        return this.finishTraceLoad(pair.nodes, pair.pods);
      }
      const fetched: NamedText[] = [];
      for (const url of [c.nodesUrl, c.podsUrl]) {
        let response: Response;
        this.busy = t('state.fetching', { url });
        try {
          response = await fetch(url);
        } catch (error) {
          this.busy = null;
          return failed(`load url: could not fetch ${url}: ${errorText(error)} (the server must allow cross-origin reads)`);
        }
        this.busy = null;
        if (!response.ok) return failed(`load url: ${url} answered ${response.status} ${response.statusText}`);
        const name = decodeURIComponent(new URL(response.url || url, location.href).pathname.split('/').pop() || url);
        fetched.push({ name, text: await response.text() });
      }
      const pair = pairTraceFiles(fetched);
      if (!pair.ok) return failed(`load url: ${pair.reason}`);
      return this.finishTraceLoad(pair.nodes, pair.pods);
    });

    bus.register('policy', async (c) => ok(...(await this.change(c))));
    bus.register('seed', async (c) => ok(...(await this.change(c))));
    bus.register('time-aware', async (c) => ok(...(await this.change(c))));
    bus.register('rng', async (c) => ok(...(await this.change(c))));

    bus.register('run', async () => {
      const ab = this.ab;
      if (ab !== null) {
        if (ab.step >= ab.pods) return ok(`the A/B runs are complete (${ab.pods} pods); seek back or reset to run again`);
        ab.play(() => this.speed);
        return ok(`A/B running at ${speedLabel(this.speed)}`);
      }
      const s = this.requireRun();
      if (s.step >= s.pods) return ok(`the run is complete (${s.pods} pods); seek back or reset to run again`);
      this.play();
      return ok(`running at ${speedLabel(this.speed)}`);
    });

    bus.register('pause', async () => {
      if (this.ab !== null) {
        await this.ab.stop();
        return ok(`A/B paused at step ${this.ab.step}`);
      }
      this.pause();
      return ok(`paused at step ${this.summary?.step ?? 0}`);
    });

    bus.register('step', async (c) => {
      const ab = this.ab;
      if (ab !== null) {
        await ab.stop();
        await ab.advanceTo(ab.step + c.count);
        return ok(this.abStatusLine(ab));
      }
      await this.stopLoop();
      const s = this.requireRun();
      await this.advanceTo(s.step + c.count);
      return ok(this.statusLine());
    });

    bus.register('speed', async (c) => {
      this.speed = c.podsPerSecond;
      return ok(`speed ${speedLabel(c.podsPerSecond)}`);
    });

    bus.register('seek', async (c) => {
      const ab = this.ab;
      if (ab !== null) {
        await ab.stop();
        const t = c.target;
        await ab.seek(t.kind === 'absolute' ? t.step : t.kind === 'relative' ? ab.step + t.delta : ab.pods);
        return ok(this.abStatusLine(ab));
      }
      const wasPlaying = this.playing;
      await this.stopLoop();
      const s = this.requireRun();
      const clamped = seekStep(c.target, s.step, s.pods);
      this.summary = await this.client.seek(clamped);
      await this.pullFrame();
      if (this.inspected !== null) this.setInspected(await this.client.inspectNode(this.inspected.id));
      if (wasPlaying && this.summary !== null && this.summary.step < this.summary.pods) this.play();
      return ok(this.statusLine());
    });

    bus.register('reset', async (c) => {
      if (this.ab !== null) {
        await this.ab.reset();
        return ok(`A/B: both runs back at step 0 (${this.ab.label}, seed ${this.ab.config.seed})`);
      }
      return ok(...(await this.change(c)));
    });

    bus.register('node', async (c) => {
      this.requireRun();
      const n = await this.client.inspectNode(c.node);
      this.setInspected(n);
      const gpus = n.gpuRemaining.map((r) => `${((1000 - r) / 10).toFixed(0)}%`).join(' ');
      return ok(
        `node ${n.id} ${n.name} (${n.model || 'no GPU model'})`,
        `  cpu free ${n.cpuFree}/${n.cpuCapacity} milli · memory free ${n.memoryFree}/${n.memoryCapacity} MiB`,
        `  GPU used: ${gpus || 'none'}`,
        `  pods: ${n.pods.length} · fragment ${n.fragmentTotal.toFixed(1)} milli-GPU`,
      );
    });

    bus.register('query', async (c) => {
      this.requireRun();
      const value = await this.client.query(c.metric);
      const description = QUERY_METRICS.find((m) => m.name === c.metric)?.description;
      return ok(`${c.metric} = ${value}${description ? `   (${description})` : ''}`);
    });

    bus.register('share', async () => {
      const kernel = this.bus.front ?? DEFAULT_KERNEL;
      const other = this.shareProviders.get(kernel);
      const notes: string[] = [];
      let fragment: string;
      if (other !== undefined) {
        const shared = await other();
        fragment = shared.fragment;
        notes.push(...shared.notes);
      } else {
        this.requireRun();
        fragment = await encodeShareFragment(this.describe());
        if (this.source.kind === 'trace') notes.push('the trace files are named in the link, not embedded: whoever opens it needs the same files');
      }
      const url = `${location.origin}${location.pathname}${location.search}${fragment}`;
      this.shares = { ...this.shares, [kernel]: url };
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        // Clipboard needs permission and focus; the link is printed either way.
      }
      const lines = [url, ...notes];
      lines.push(copied ? 'copied to the clipboard' : 'select and copy the link above');
      return ok(...lines);
    });

    bus.register('clear', async () => {
      this.terminal?.clear();
      return ok();
    });

    bus.register('history', async () => {
      const entries = this.history.entries();
      if (entries.length === 0) return ok('no commands typed yet');
      const width = String(entries.length).length;
      return ok(...entries.map((line, i) => `${String(i + 1).padStart(width)}  ${line}`));
    });

    bus.register('stats', async () => {
      const m = await this.client.memory();
      const s = this.summary;
      return ok(
        `kernel memory      ${formatBytes(m.kernelBytes)}`,
        `checkpoints        ${m.checkpoints} using ${formatBytes(m.checkpointBytes)} of ${formatBytes(m.budgetBytes)}`,
        `events on chart    ${this.series.length}`,
        `run                ${s ? `${s.step}/${s.pods} pods` : 'none'}`,
        ...this.viewStatsLines(),
      );
    });

    bus.register('ack', async (c) => {
      this.requireRun();
      return ok(...(await this.change(c)));
    });

    bus.register('fail', async (c) => {
      this.requireRun();
      return ok(...(await this.change(c)));
    });

    bus.register('view', async (c) => {
      if (c.action === 'reset') {
        if (!this.show3d) this.show3d = true;
        cameraRequests.reset++;
        return ok('3D camera back on the whole cluster');
      }
      if (c.action === '3d') {
        this.show3d = c.on;
        return ok(c.on ? '3D view on' : '3D view off');
      }
      this.renderer = c.renderer;
      this.viewStats = null;
      const offered = typeof navigator !== 'undefined' && 'gpu' in navigator;
      const note = c.renderer === 'webgpu' && !offered ? ' (this browser offers no WebGPU: three falls back to WebGL2)' : '';
      if (!this.show3d) this.show3d = true;
      return ok(`3D renderer: ${c.renderer}${note}; type stats to see which backend drew the last frame`);
    });

    bus.register('why', async () => {
      this.whyOpen = true;
      await this.stopLoop();
      const s = this.requireRun();
      await this.refreshWhy();
      const e = this.explanation;
      if (e === null) return ok(`no pod left to place (step ${s.step}/${s.pods})`);
      const lines = [`next pod (step ${e.step + 1}): ${e.pod.name}, cpu ${e.pod.cpu}, ${e.pod.numGpu} GPU × ${e.pod.gpuMilli} milli; ${e.rows.length} feasible nodes`];
      for (const policy of POLICIES) {
        const w = e.winners[policy];
        if (w === null) lines.push(`  ${policy.padEnd(13)} ${policy === 'Random' ? 'draws among the feasible nodes' : 'no feasible node'}`);
        else lines.push(`  ${policy.padEnd(13)} node ${w.node} (score ${w.score})${w.tiedAtTop > 1 ? `, ${w.tiedAtTop} nodes tied at the top: the priority key decided` : ''}`);
      }
      return ok(...lines);
    });

    bus.register('ab', async (c) => {
      if (c.action === 'off') {
        if (this.ab === null) return ok('A/B is not on');
        await this.closeAb();
        return ok('A/B off: back to the single run');
      }
      this.requireRun();
      await this.closeAb();
      await this.stopLoop();
      this.busy = t('state.startingAb', { a: c.a, b: c.b });
      try {
        const { AbState } = await import('./gpupool/ab.svelte');
        this.ab = await AbState.create(this.client, { ...this.config }, c.a, c.b, (m) => this.notify('error', m));
      } finally {
        this.busy = null;
      }
      return ok(`A/B: A = ${c.a}, B = ${c.b} on ${this.workloadLabel}, seed ${this.config.seed}; run, step, seek and reset drive both`);
    });

    bus.register('sweep', async (c) => {
      const sweep = await this.ensureSweep();
      this.sweepOpen = true;
      if (c.action !== 'start') {
        if (c.action === 'open') return ok('sweep panel open: choose workloads, policies and seeds, or type e.g. sweep FGD,BestFit 2');
        return sweep.cancel() ? ok('sweep cancelled') : ok('no sweep is running');
      }
      if (sweep.running) return failed('sweep: a sweep is already running; type sweep cancel first');
      sweep.policies = c.policies;
      const problem = sweep.problem(englishGpuPool);
      if (problem !== null) return failed(`sweep: ${problem}`);
      const workloads = sweep.workloadLabels();
      const jobs = workloads.length * c.policies.length * c.seeds;
      // The sweep runs in its own workers; the bus stays free (for `sweep cancel`).
      void sweep.run(c.policies, c.seeds, { rng: this.config.rng, tune: this.config.tune }).then(
        (results) => {
          if (results === null) this.terminal?.print(['sweep cancelled'], 'info');
          else this.terminal?.print([`sweep done: ${results.length} runs; the charts and the CSV are in the sweep panel`], 'info');
        },
        (error: unknown) => this.notify('error', t('state.sweepFailed', { error: errorText(error) })),
      );
      return ok(`sweep: ${jobs} runs (${workloads.join(', ')} × ${c.policies.join(', ')} × seeds 1..${c.seeds})`);
    });

    bus.register('debug', async (c) => {
      if (c.action === 'hash') {
        this.requireRun();
        return ok(`state hash ${await this.client.stateHash()} at step ${this.summary?.step ?? 0}`);
      }
      await this.stopLoop();
      const report = await this.client.debugTrap();
      this.summary = await this.client.seek(report.restoredStep);
      await this.pullFrame();
      return ok(`kernel trapped during "${report.during}": ${report.message}`, `restored the state at step ${report.restoredStep}; the run continues from there`);
    });
  }

  private abStatusLine(ab: AbState): string {
    const line = (side: AbState['a']) => {
      const s = side.summary;
      return s ? `${side.policy} placed ${s.placed} alloc ${((100 * s.used) / Math.max(1, s.gpus * 1000)).toFixed(2)}%` : side.policy;
    };
    return `A/B step ${ab.step}/${ab.pods} · A ${line(ab.a)} · B ${line(ab.b)}`;
  }

  private async closeAb(): Promise<void> {
    const ab = this.ab;
    if (ab === null) return;
    this.ab = null;
    await ab.stop();
    ab.dispose();
  }

  private async ensureSweep(): Promise<SweepState> {
    if (this.sweep !== null) return this.sweep;
    const { SweepState } = await import('./gpupool/sweep.svelte');
    this.sweep ??= new SweepState();
    return this.sweep;
  }

  private viewStatsLines(): string[] {
    const v = this.viewStats;
    if (!this.show3d) return ['3D view            off (view 3d on)'];
    if (v === null) return ['3D view            not drawn yet'];
    return [
      `3D backend         ${v.backend === 'webgpu' ? 'WebGPU' : 'WebGL2'} (asked for ${this.renderer})`,
      `draw calls         ${v.drawCalls}`,
      `triangles          ${v.triangles}`,
      `instances          ${v.instances}`,
      `frame (CPU)        ${v.frameMs.toFixed(2)} ms render · ${v.uploadMs.toFixed(2)} ms upload`,
    ];
  }

  /** Applies a kernel command at the current step; the events after it are recomputed. */
  private async applyKernel(command: KernelCommand): Promise<RunSummary> {
    const s = await this.client.apply(command);
    this.series.truncate(s.step);
    this.recorded = false;
    this.summary = s;
    this.stateVersion++;
    await this.pullFrame();
    if (this.inspected !== null) this.setInspected(await this.client.inspectNode(this.inspected.id));
    if (this.whyOpen) void this.refreshWhy();
    return s;
  }

  /**
   * Does what a command means for the run (src/kernels/gpupool/setup.ts, shared with the
   * headless lab runner): a new run at step 0, or a kernel command at the current step.
   */
  private async change(command: Command): Promise<string[]> {
    const change = runChange(command, this.config, this.summary?.step ?? 0);
    if (change === null) throw new Error(`${command.name} does not change the run`);
    if (change.kind === 'restart') {
      this.config = change.config;
      await this.startRun();
      return [change.line];
    }
    return change.lines(await this.applyKernel(change.command));
  }

  /** At step 0 the run's own policy; later, a kernel command stamped with the current step. */
  private async applyPolicy(policy: Policy): Promise<void> {
    await this.change({ name: 'policy', policy });
  }

  private async finishTraceLoad(nodes: NamedText, pods: NamedText): Promise<CommandResult> {
    const wanted = this.wanted;
    let info: WorkloadInfo;
    try {
      info = await this.loadTraceTexts(nodes, pods);
    } catch (error) {
      const text = errorText(error);
      this.notify('error', t('state.traceLoadFailed', { error: text }));
      return failed(`load: ${text}`, 'the previous workload is still loaded');
    }
    this.loadPanelOpen = false;
    if (wanted !== null) {
      this.wanted = null;
      await this.replay(wanted.run, 'link');
      return ok(`workload: ${info.label}; replayed the run to step ${this.summary?.step ?? 0}`);
    }
    await this.startRun();
    this.saveHold = null;
    this.scheduleSave();
    return ok(`workload: ${info.label}, ${info.nodes} nodes, ${info.gpus} GPUs, ${info.tracePods} pods in the trace, ${this.summary?.pods ?? 0} after tuning`);
  }
}

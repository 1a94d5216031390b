// The lab engine's browser simulation for a tab of columns on one clock (LogIndex, vCPU): the
// tab driven through the app's bus with the semantics of the kernel's headless runner. What
// the learner should see goes through the bus as origin 'lab'. A predict's look-ahead runs on
// scratch clients rebuilt from the visible runs (config, seed, whole command log, time), so
// the tab's views never jump or lose history. Each kernel's src/ui/<id>/labSimulation.ts
// binds it to its tab, client and metrics.
import type { CommandBus } from '../../commands/bus';
import { formatCommand } from '../../commands/parse';
import type { Command, CommandResult } from '../../commands/types';
import type { NodeInspection } from '../../kernels/gpupool/types';
import type { AnyLabScenario, LabKernel } from '../../labs/lab';
import type { BrowserLabKernel } from './kernelLabSimulation';

type SimNs = number;
const MS = 1_000_000;
/** `<word> run` with no duration and no scenario to finish: this much further (as headless). */
export const RUN_WITHOUT_END_NS = 1000 * MS;
/** A scratch worker draws nothing, so each advance runs in one go. */
const SCRATCH_BUDGET_MS = 600_000;

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const fail = (...lines: string[]): CommandResult => ({ ok: false, lines });
const waitFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/** What a scratch column needs of a kernel's worker client. */
export interface ScratchClient<Config, Stamped, Fault, Frame> {
  readonly now: SimNs;
  start(config: Config, schedule: Stamped[], seed: number): Promise<unknown>;
  advance(toNs: SimNs, budgetMs: number): Promise<{ now: SimNs; stopped: boolean }>;
  apply(command: Fault): Promise<unknown>;
  frame(): Promise<Frame>;
  commandLog(): Promise<Stamped[]>;
  stateHash(): Promise<string>;
  dispose(): void;
}

/** What the simulation reads of the tab's state. */
export interface ColumnsLabState<Setup, Config, Stamped, Frame> {
  readonly setup: Setup;
  readonly now: SimNs;
  readonly playing: boolean;
  readonly runs: readonly {
    readonly label: string;
    readonly stopped: boolean;
    readonly config: Config | null;
    readonly frame: Frame | null;
    readonly client: { readonly now: SimNs; commandLog(): Promise<Stamped[]>; stateHash(): Promise<string> };
  }[];
  prepare(setup: Setup): void;
}

/** One column as the metrics read it: its label and its latest summary. */
export interface LabColumn<Summary> {
  label: string;
  summary: Summary;
}

/** The kernel's side: its command word, setup, client, frame reading and metrics. */
export interface ColumnsLabKernel<Setup, Config, Stamped, Fault, Frame, Summary> {
  readonly word: string;
  readonly noun: string;
  state(): ColumnsLabState<Setup, Config, Stamped, Frame> | null;
  tabActive(): boolean;
  /** The setup a lab's scenario starts from, on `seed`. */
  labSetup(lab: AnyLabScenario, seed: number): Setup;
  scenarioEnd(setup: Setup): SimNs | null;
  columnConfig(setup: Setup, label: string): Config;
  seed(setup: Setup): number;
  newClient(): ScratchClient<Config, Stamped, Fault, Frame>;
  summaryOf(frame: Frame): Summary;
  nowOf(summary: Summary): SimNs;
  verdictOf(summary: Summary): string;
  /** The fault a `fault` command applies, or why it does not (e.g. an unknown VM). */
  faultOf(command: Command, setup: Setup, now: SimNs): { ok: true; fault: Fault } | { ok: false; reason: string };
  /** Commands a look-ahead only reads (status, hash, an inspector). */
  readonly reads: readonly string[];
  metric(columns: readonly LabColumn<Summary>[], setup: Setup, name: string, now: SimNs): number | string | boolean | undefined;
  /** The engine's own bookkeeping metric `placed`: the count of what the run served. */
  placed(columns: readonly LabColumn<Summary>[], setup: Setup): number;
}

interface ScratchRun<Config, Stamped, Fault, Frame, Summary> {
  label: string;
  client: ScratchClient<Config, Stamped, Fault, Frame>;
  config: Config | null;
  log: Stamped[];
  summary: Summary | null;
}

async function advanceClient(client: { now: SimNs; advance(to: SimNs, budgetMs: number): Promise<{ now: SimNs; stopped: boolean }> }, to: SimNs): Promise<void> {
  let s = { now: client.now, stopped: false };
  while (s.now < to && !s.stopped) s = await client.advance(to, SCRATCH_BUDGET_MS);
}

type ActionCommand = Command & { action: string; ns?: SimNs | null };

export class ColumnsLabSimulation<Setup, Config, Stamped, Fault, Frame, Summary> implements BrowserLabKernel {
  private lookAhead = false;
  private scratch: ScratchRun<Config, Stamped, Fault, Frame, Summary>[] = [];
  private scratchSynced = false;

  constructor(private readonly bus: CommandBus, private readonly k: ColumnsLabKernel<Setup, Config, Stamped, Fault, Frame, Summary>) {}

  private get stopped(): string {
    return `the run has stopped (the checker found a violation); ${this.k.word} reset or ${this.k.word} seek back first`;
  }

  setLookAhead(on: boolean): void {
    this.lookAhead = on;
    if (on) this.scratchSynced = false;
  }

  /** Back to the GPU pool: a lab on another kernel is opening. */
  async hide(): Promise<void> {
    if (this.k.tabActive()) await this.dispatch({ action: 'close' });
  }

  private get state(): ColumnsLabState<Setup, Config, Stamped, Frame> {
    const state = this.k.state();
    if (state === null) throw new Error(`the ${this.k.noun} tab has not loaded`);
    return state;
  }

  private dispatch(action: { action: string; [field: string]: unknown }): Promise<CommandResult> {
    return this.bus.dispatch({ name: this.k.word, ...action } as unknown as Command, 'lab');
  }

  async setUp(lab: AnyLabScenario, seed: number, kernel: LabKernel = this.k.word as LabKernel): Promise<string[]> {
    if (kernel !== this.k.word) throw new Error(`this lab runs kernel ${kernel}, not ${this.k.word}`);
    // Any command of the word opens the tab and loads its state; pause starts no run.
    const paused = await this.dispatch({ action: 'pause' });
    if (!paused.ok) throw new Error(`the ${this.k.noun} tab could not be opened: ${paused.lines.join(' ')}`);
    this.state.prepare(this.k.labSetup(lab, seed));
    // One command the learner sees starts the run.
    const result = await this.dispatch({ action: 'reset' });
    if (!result.ok) throw new Error(`the lab's scenario could not be set up: ${result.lines.join(' ')}`);
    this.scratchSynced = false;
    return [];
  }

  async execute(command: Command): Promise<CommandResult> {
    return this.lookAhead ? this.executeAhead(command) : this.executeLive(command);
  }

  /** Where `run` ends headless: its duration, else the scenario's end, else 1 s further. */
  private runTarget(now: SimNs, ns: SimNs | null | undefined): SimNs {
    if (ns !== null && ns !== undefined) return now + ns;
    const end = this.k.scenarioEnd(this.state.setup);
    return end !== null && end > now ? end : now + RUN_WITHOUT_END_NS;
  }

  /** A command on the visible runs; `run` goes straight to where the headless run ends. */
  async executeLive(command: Command): Promise<CommandResult> {
    const c = command as ActionCommand;
    if (command.name !== this.k.word || c.action !== 'run') return this.bus.dispatch(command, 'lab');
    await this.bus.idle();
    const state = this.state;
    if (state.runs.length > 0 && state.runs.every((r) => r.stopped)) return fail(this.stopped);
    const now = state.now;
    return this.dispatch({ action: 'step', ns: this.runTarget(now, c.ns) - now });
  }

  async untilPaused(): Promise<void> {
    await this.bus.idle();
    while (this.k.state()?.playing) await waitFrame();
  }

  private columnsAndNow(scratch: ScratchRun<Config, Stamped, Fault, Frame, Summary>[] | null): { columns: LabColumn<Summary>[]; now: SimNs } {
    if (scratch !== null) {
      const columns = scratch.filter((r) => r.summary !== null).map((r) => ({ label: r.label, summary: r.summary! }));
      return { columns, now: Math.max(0, ...columns.map((c) => this.k.nowOf(c.summary))) };
    }
    const state = this.state;
    const columns = state.runs.filter((r) => r.frame !== null).map((r) => ({ label: r.label, summary: this.k.summaryOf(r.frame!) }));
    return { columns, now: state.now };
  }

  async query(metric: string): Promise<number | string | boolean> {
    const { columns, now } = this.columnsAndNow(this.lookAhead ? await this.scratchRuns() : null);
    if (columns.length === 0) throw new Error(`the ${this.k.noun} run has not started`);
    // The engine's own bookkeeping, as headless.
    if (metric === 'step') return now;
    if (metric === 'placed') return this.k.placed(columns, this.state.setup);
    if (metric === 'failed') return 0;
    const value = this.k.metric(columns, this.state.setup, metric, now);
    if (value === undefined) throw new Error(`unknown ${this.k.word} metric "${metric}"`);
    return value;
  }

  async inspectNode(): Promise<NodeInspection> {
    throw new Error(`a ${this.k.noun} lab has no GPU-pool nodes to inspect`);
  }

  async seek(step: number): Promise<void> {
    if (this.lookAhead) {
      const scratch = await this.scratchRuns();
      await Promise.all(scratch.map((r) => this.moveTo(r, step)));
      await this.refresh(scratch);
      return;
    }
    await this.dispatch({ action: 'seek', ns: step });
  }

  async stateHash(): Promise<string> {
    const state = this.state;
    const runs = this.lookAhead
      ? await Promise.all((await this.scratchRuns()).map(async (r) => `${r.label}@${r.client.now}:${await r.client.stateHash()}`))
      : await Promise.all(state.runs.map(async (r) => `${r.label}@${r.client.now}:${await r.client.stateHash()}`));
    return `${state.runs.length > 1 ? 'side-by-side' : 'single'} ${runs.join('|')}`;
  }

  dispose(): void {
    for (const r of this.scratch) r.client.dispose();
    this.scratch = [];
  }

  /** A scratch column at `to` from its config and whole command log: forward runs on, backward rebuilds. */
  private async moveTo(run: ScratchRun<Config, Stamped, Fault, Frame, Summary>, to: SimNs): Promise<void> {
    if (to < run.client.now) {
      if (run.config === null) throw new Error(`the ${this.k.noun} run has not started`);
      await run.client.start(run.config, run.log, this.k.seed(this.state.setup));
    }
    await advanceClient(run.client, to);
  }

  /** A predict's forward commands on the scratch runs: time moves forward, faults land there only. */
  private async executeAhead(command: Command): Promise<CommandResult> {
    if (command.name !== this.k.word) return fail(`${formatCommand(command)}: a ${this.k.noun} look-ahead takes ${this.k.word} commands only`);
    const c = command as ActionCommand;
    const scratch = await this.scratchRuns();
    const now = Math.max(0, ...scratch.map((r) => (r.summary === null ? 0 : this.k.nowOf(r.summary))));
    const live = scratch.filter((r) => r.summary !== null && this.k.verdictOf(r.summary) === 'valid');
    switch (c.action) {
      case 'step':
        await Promise.all(live.map((r) => advanceClient(r.client, now + (c.ns ?? 0))));
        break;
      case 'run':
        if (live.length === 0) return fail(this.stopped);
        await Promise.all(live.map((r) => advanceClient(r.client, this.runTarget(now, c.ns))));
        break;
      case 'seek':
        await Promise.all(scratch.map((r) => this.moveTo(r, c.ns ?? 0)));
        break;
      case 'fault': {
        if (live.length === 0) return fail(this.stopped);
        const fault = this.k.faultOf(command, this.state.setup, now);
        if (!fault.ok) return fail(fault.reason);
        for (const r of live) {
          await advanceClient(r.client, now);
          await r.client.apply(fault.fault);
        }
        break;
      }
      default:
        if (!this.k.reads.includes(c.action)) return fail(`${formatCommand(command)}: a look-ahead only moves time forward or injects a fault`);
    }
    await this.refresh(scratch);
    return ok(...scratch.map((r) => `${r.label}: t=${((r.summary === null ? 0 : this.k.nowOf(r.summary)) / MS).toFixed(3)} ms, ${r.summary === null ? 'starting' : this.k.verdictOf(r.summary)}`));
  }

  private async refresh(scratch: ScratchRun<Config, Stamped, Fault, Frame, Summary>[]): Promise<void> {
    await Promise.all(scratch.map(async (r) => {
      r.summary = this.k.summaryOf(await r.client.frame());
    }));
  }

  /** The scratch runs, rebuilt from the visible ones on first use in a look-ahead. */
  private async scratchRuns(): Promise<ScratchRun<Config, Stamped, Fault, Frame, Summary>[]> {
    if (this.scratchSynced) return this.scratch;
    await this.bus.idle();
    const state = this.state;
    const runs = state.runs;
    while (this.scratch.length > runs.length) this.scratch.pop()!.client.dispose();
    while (this.scratch.length < runs.length) this.scratch.push({ label: '', client: this.k.newClient(), config: null, log: [], summary: null });
    await Promise.all(runs.map(async (run, i) => {
      const scratch = this.scratch[i];
      scratch.label = run.label;
      scratch.config = run.config ?? this.k.columnConfig(state.setup, run.label);
      scratch.log = await run.client.commandLog();
      await scratch.client.start(scratch.config, scratch.log, this.k.seed(state.setup));
      await advanceClient(scratch.client, run.client.now);
    }));
    await this.refresh(this.scratch);
    this.scratchSynced = true;
    return this.scratch;
  }
}

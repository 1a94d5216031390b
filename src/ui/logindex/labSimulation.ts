// The lab engine's simulation for `kernel: logindex` labs in the browser: the LogIndex tab (its
// LogIndexState and workers) driven through the app's bus, with the semantics of the headless
// one (src/kernels/logindex/headless.ts). What the learner should see goes through the bus as
// origin 'lab'. A predict's look-ahead runs on scratch clients rebuilt from the visible runs
// (config, seed, whole command log, time), so the tab's views never jump or lose history.
import type { CommandBus } from '../../commands/bus';
import { formatCommand } from '../../commands/parse';
import type { Command, CommandResult } from '../../commands/types';
import type { NodeInspection } from '../../kernels/gpupool/types';
import type { LogIndexAction } from '../../kernels/logindex/action';
import { LogIndexClient } from '../../kernels/logindex/client';
import { logindexMetric, type LogIndexColumnView } from '../../kernels/logindex/frameMetrics';
import type { LogIndexLabScenario } from '../../kernels/logindex/lab';
import type { LogIndexMode } from '../../kernels/logindex/protocol';
import { columnConfig, initialSetup, scenarioEndNs, withScenario } from '../../kernels/logindex/setup';
import type { LogIndexConfig, LogIndexSummary, SimNs, StampedLogIndexCommand } from '../../kernels/logindex/types';
import type { AnyLabScenario, LabKernel } from '../../labs/lab';
import type { BrowserLabFactory, BrowserLabKernel } from '../labs/kernelLabSimulation';
import type { LogIndexState } from './logindexState.svelte';
import { logindexTabFor, type LogIndexTab } from './logindexTab.svelte';

const MS = 1_000_000;
/** `logindex run` with no duration and no scenario to finish: this much further (as headless). */
const RUN_WITHOUT_END_NS = 1000 * MS;
/** A scratch worker draws nothing, so each advance runs in one go. */
const SCRATCH_BUDGET_MS = 600_000;

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const fail = (...lines: string[]): CommandResult => ({ ok: false, lines });
const waitFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

interface ScratchRun {
  mode: LogIndexMode;
  client: LogIndexClient;
  config: LogIndexConfig | null;
  log: StampedLogIndexCommand[];
  summary: LogIndexSummary | null;
}

async function advanceClient(client: LogIndexClient, to: SimNs): Promise<void> {
  let s = { now: client.now, stopped: false };
  while (s.now < to && !s.stopped) s = await client.advance(to, SCRATCH_BUDGET_MS);
}

export class BrowserLogIndexLabSimulation implements BrowserLabKernel {
  private lookAhead = false;
  private scratch: ScratchRun[] = [];
  private scratchSynced = false;

  constructor(private readonly bus: CommandBus, private readonly tab: LogIndexTab) {}

  setLookAhead(on: boolean): void {
    this.lookAhead = on;
    if (on) this.scratchSynced = false;
  }

  /** Back to the GPU pool: a lab on another kernel is opening. */
  async hide(): Promise<void> {
    if (this.tab.active) await this.bus.dispatch({ name: 'logindex', action: 'close' }, 'lab');
  }

  private get state(): LogIndexState {
    const state = this.tab.state;
    if (state === null) throw new Error('the LogIndex tab has not loaded');
    return state;
  }

  private dispatch(action: LogIndexAction): Promise<CommandResult> {
    return this.bus.dispatch({ name: 'logindex', ...action }, 'lab');
  }

  async setUp(lab: AnyLabScenario, seed: number, kernel: LabKernel = 'logindex'): Promise<string[]> {
    if (kernel !== 'logindex') throw new Error(`this lab runs kernel ${kernel}, not logindex`);
    const s = lab as LogIndexLabScenario;
    // Any logindex command opens the tab and loads its state; pause starts no run.
    const paused = await this.dispatch({ action: 'pause' });
    if (!paused.ok) throw new Error(`the LogIndex tab could not be opened: ${paused.lines.join(' ')}`);
    const setup = initialSetup({ mode: s.mode, ro: s.ro, writeScale: s['write-scale'], broken: s.broken, seed, sideBySide: s['side-by-side'] });
    this.state.prepare(s.scenario !== null ? withScenario(setup, s.scenario) : setup);
    // One command the learner sees starts the run.
    const result = await this.dispatch({ action: 'reset' });
    if (!result.ok) throw new Error(`the lab's scenario could not be set up: ${result.lines.join(' ')}`);
    this.scratchSynced = false;
    return [];
  }

  async execute(command: Command): Promise<CommandResult> {
    return this.lookAhead ? this.executeAhead(command) : this.executeLive(command);
  }

  /** Where `logindex run` ends headless: its duration, else the scenario's end, else 1 s further. */
  private runTarget(now: SimNs, ns: SimNs | null): SimNs {
    if (ns !== null) return now + ns;
    const end = scenarioEndNs(this.state.setup);
    return end !== null && end > now ? end : now + RUN_WITHOUT_END_NS;
  }

  /** A command on the visible runs; `logindex run` goes straight to where the headless run ends. */
  async executeLive(command: Command): Promise<CommandResult> {
    if (command.name !== 'logindex' || command.action !== 'run') return this.bus.dispatch(command, 'lab');
    await this.bus.idle();
    const state = this.state;
    if (state.runs.length > 0 && state.runs.every((r) => r.stopped)) return fail('the run has stopped (the checker found a violation); logindex reset or logindex seek back first');
    const now = state.now;
    return this.dispatch({ action: 'step', ns: this.runTarget(now, command.ns) - now });
  }

  async untilPaused(): Promise<void> {
    await this.bus.idle();
    while (this.tab.state?.playing) await waitFrame();
  }

  private columnsAndNow(scratch: ScratchRun[] | null): { columns: LogIndexColumnView[]; now: SimNs } {
    if (scratch !== null) {
      const columns = scratch.filter((r) => r.summary !== null).map((r) => ({ mode: r.mode, summary: r.summary! }));
      return { columns, now: Math.max(0, ...columns.map((c) => c.summary.nowNs)) };
    }
    const state = this.state;
    const columns = state.runs.filter((r) => r.frame !== null).map((r) => ({ mode: r.label as LogIndexMode, summary: r.frame!.summary }));
    return { columns, now: state.now };
  }

  async query(metric: string): Promise<number | string | boolean> {
    const { columns, now } = this.columnsAndNow(this.lookAhead ? await this.scratchRuns() : null);
    if (columns.length === 0) throw new Error('the LogIndex run has not started');
    const setup = this.state.setup;
    const primary = columns.find((c) => c.mode === setup.config.mode) ?? columns[0];
    // The engine's own bookkeeping, as headless.
    if (metric === 'step') return now;
    if (metric === 'placed') return primary.summary.writes + primary.summary.reads;
    if (metric === 'failed') return 0;
    const value = logindexMetric(columns, {
      mode: setup.config.mode, ro: setup.config.ro, writeScale: setup.writeScale, seed: setup.seed,
      broken: setup.config.broken, scenario: setup.scenario, sideBySide: setup.sideBySide,
    }, metric);
    if (value === undefined) throw new Error(`unknown logindex metric "${metric}"`);
    return value;
  }

  async inspectNode(): Promise<NodeInspection> {
    throw new Error('a LogIndex lab has no GPU-pool nodes to inspect (use "logindex inspect <page>")');
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
      ? await Promise.all((await this.scratchRuns()).map(async (r) => `${r.mode}@${r.client.now}:${await r.client.stateHash()}`))
      : await Promise.all(state.runs.map(async (r) => `${r.label}@${r.client.now}:${await r.client.stateHash()}`));
    return `${state.setup.sideBySide ? 'side-by-side' : 'single'} ${runs.join('|')}`;
  }

  dispose(): void {
    for (const r of this.scratch) r.client.dispose();
    this.scratch = [];
  }

  /** A scratch column at `to` from its config and whole command log: forward runs on, backward rebuilds. */
  private async moveTo(run: ScratchRun, to: SimNs): Promise<void> {
    if (to < run.client.now) {
      if (run.config === null) throw new Error('the LogIndex run has not started');
      await run.client.start(run.config, run.log, this.state.setup.seed);
    }
    await advanceClient(run.client, to);
  }

  /** A predict's forward commands on the scratch runs: time moves forward, faults land there only. */
  private async executeAhead(command: Command): Promise<CommandResult> {
    if (command.name !== 'logindex') return fail(`${formatCommand(command)}: a LogIndex look-ahead takes logindex commands only`);
    const scratch = await this.scratchRuns();
    const now = Math.max(0, ...scratch.map((r) => r.summary?.nowNs ?? 0));
    const live = scratch.filter((r) => r.summary?.verdict === 'valid');
    switch (command.action) {
      case 'step':
        await Promise.all(live.map((r) => advanceClient(r.client, now + command.ns)));
        break;
      case 'run':
        if (live.length === 0) return fail('the run has stopped (the checker found a violation); logindex reset or logindex seek back first');
        await Promise.all(live.map((r) => advanceClient(r.client, this.runTarget(now, command.ns))));
        break;
      case 'seek':
        await Promise.all(scratch.map((r) => this.moveTo(r, command.ns)));
        break;
      case 'fault':
        if (live.length === 0) return fail('the run has stopped (the checker found a violation); logindex reset or logindex seek back first');
        for (const r of live) {
          await advanceClient(r.client, now);
          await r.client.apply(command.fault);
        }
        break;
      case 'status': case 'hash': case 'inspect':
        break;
      default:
        return fail(`${formatCommand(command)}: a look-ahead only moves time forward or injects a fault`);
    }
    await this.refresh(scratch);
    return ok(...scratch.map((r) => `${r.mode}: t=${((r.summary?.nowNs ?? 0) / MS).toFixed(3)} ms, ${r.summary?.verdict ?? 'starting'}`));
  }

  private async refresh(scratch: ScratchRun[]): Promise<void> {
    await Promise.all(scratch.map(async (r) => {
      r.summary = (await r.client.frame()).summary;
    }));
  }

  /** The scratch runs, rebuilt from the visible ones on first use in a look-ahead. */
  private async scratchRuns(): Promise<ScratchRun[]> {
    if (this.scratchSynced) return this.scratch;
    await this.bus.idle();
    const state = this.state;
    const runs = state.runs;
    while (this.scratch.length > runs.length) this.scratch.pop()!.client.dispose();
    while (this.scratch.length < runs.length) this.scratch.push({ mode: 'lazy', client: new LogIndexClient({}), config: null, log: [], summary: null });
    await Promise.all(runs.map(async (run, i) => {
      const scratch = this.scratch[i];
      scratch.mode = run.label as LogIndexMode;
      scratch.config = run.config ?? columnConfig(state.setup, scratch.mode);
      scratch.log = await run.client.commandLog();
      await scratch.client.start(scratch.config, scratch.log, state.setup.seed);
      await advanceClient(scratch.client, run.client.now);
    }));
    await this.refresh(this.scratch);
    this.scratchSynced = true;
    return this.scratch;
  }
}

export const labSimulation: BrowserLabFactory = (app) => new BrowserLogIndexLabSimulation(app.bus, logindexTabFor(app));

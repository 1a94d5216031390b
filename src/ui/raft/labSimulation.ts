// The lab engine's simulation for `kernel: raft` labs in the browser: the raft tab (its
// RaftState and RaftClient workers) driven through the app's bus, with the semantics of the
// headless one (src/kernels/raft/headless.ts). What the learner should see goes through the bus
// as origin 'lab'. A predict's look-ahead runs on scratch RaftClients rebuilt from the
// visible runs (config, command log, time), so the tab's views never jump or lose history.
// The lab pane finds it by kernel id (src/ui/labs/kernelLabSimulation.ts).
import { raftMetric, type RaftLabContext, type RaftRunView } from '../../kernels/raft/frameMetrics';
import type { CommandBus } from '../../commands/bus';
import { formatCommand } from '../../commands/parse';
import type { Command, CommandResult, RaftAction, RaftScenarioName } from '../../commands/types';
import type { NodeInspection } from '../../kernels/gpupool/types';
import { RaftClient } from '../../kernels/raft/client';
import { FRAME } from '../../kernels/raft/kernel';
import { SCENARIOS } from '../../kernels/raft/scenarios';
import type { RaftConfig, SimNs, StampedRaftCommand, Verdict } from '../../kernels/raft/types';
import type { RaftMode } from '../../kernels/raft/protocol';
import type { AnyLabScenario, LabKernel } from '../../labs/lab';
import type { RaftLabScenario } from '../../kernels/raft/lab';
import type { BrowserLabFactory, BrowserLabKernel } from '../labs/kernelLabSimulation';
import type { RaftState } from './raftState.svelte';
import { uiConfig } from './raftState.svelte';
import { raftTabFor, type RaftTab } from './raftTab.svelte';

const MS = 1_000_000;
/** `raft run` with no scripted scenario to finish: this much simulated time further (as headless). */
const RUN_WITHOUT_SCENARIO_NS = 1000 * MS;
/**
 * A scratch worker draws nothing, so it runs each advance in one go: a wall-clock budget
 * would cut the run at machine-dependent points (and seeking back after such cuts has
 * trapped in RaftSession; see rebuild()).
 */
const SCRATCH_BUDGET_MS = 600_000;

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const fail = (...lines: string[]): CommandResult => ({ ok: false, lines });
const waitFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

type RunView = RaftRunView;
type LabContext = RaftLabContext;
export { raftMetric };

/** One scratch column: a worker brought to a visible run's state. */
interface ScratchRun {
  mode: RaftMode;
  client: RaftClient;
  /** What the column was rebuilt from: its config and whole command log. */
  config: RaftConfig | null;
  log: StampedRaftCommand[];
  raw: Float64Array;
  verdict: Verdict['verdict'];
  stopped: boolean;
}

async function advanceClient(client: RaftClient, to: SimNs): Promise<void> {
  let s = { now: client.now, stopped: false };
  while (s.now < to && !s.stopped) s = await client.advance(to, SCRATCH_BUDGET_MS);
}

/**
 * A scratch column at `to` from its config and command log: the commands apply at their
 * times exactly as a seek replays them. Going back rebuilds too, rather than seeking.
 */
async function rebuild(run: ScratchRun, to: SimNs): Promise<void> {
  if (run.config === null) throw new Error('the raft run has not started');
  await run.client.start(run.config, run.log);
  await advanceClient(run.client, to);
}

/** Moves a scratch column to `to`: forward runs on, backward rebuilds. */
async function moveTo(run: ScratchRun, to: SimNs): Promise<void> {
  if (to >= run.client.now) await advanceClient(run.client, to);
  else await rebuild(run, to);
}

export class BrowserRaftLabSimulation implements BrowserLabKernel {
  private lookAhead = false;
  private scratch: ScratchRun[] = [];
  private scratchSynced = false;

  constructor(private readonly bus: CommandBus, private readonly tab: RaftTab) {}

  /** While on, a predict looks ahead on scratch columns, rebuilt from the visible runs when it turns on. */
  setLookAhead(on: boolean): void {
    this.lookAhead = on;
    if (on) this.scratchSynced = false;
  }

  /** Back to the GPU pool: a lab on another kernel is opening. */
  async hide(): Promise<void> {
    if (this.tab.active) await this.bus.dispatch({ name: 'raft', action: 'close' }, 'lab');
  }

  private get state(): RaftState {
    const state = this.tab.state;
    if (state === null) throw new Error('the raft tab has not loaded');
    return state;
  }

  private async dispatch(action: RaftAction): Promise<CommandResult> {
    return this.bus.dispatch({ name: 'raft', ...action }, 'lab');
  }

  async setUp(lab: AnyLabScenario, seed: number, kernel: LabKernel = 'raft'): Promise<string[]> {
    if (kernel !== 'raft') throw new Error(`this lab runs kernel ${kernel}, not raft`);
    const scenario = lab as RaftLabScenario;
    // Any raft command opens the raft tab and loads its state; pause starts no run.
    const paused = await this.dispatch({ action: 'pause' });
    if (!paused.ok) throw new Error(`the raft tab could not be opened: ${paused.lines.join(' ')}`);
    this.state.prepareLab(uiConfig({ mode: scenario.mode, iodepth: scenario.iodepth, net: scenario.net, disk: scenario.disk, seed }));
    // One command the learner sees starts the run, as the scenario block asks.
    const result = scenario.scenario !== null ? await this.dispatch({ action: 'scenario', scenario: scenario.scenario }) : await this.dispatch({ action: 'reset' });
    if (!result.ok) throw new Error(`the lab's scenario could not be set up: ${result.lines.join(' ')}`);
    this.scratchSynced = false;
    return [];
  }

  async execute(command: Command): Promise<CommandResult> {
    if (this.lookAhead) return this.executeAhead(command);
    return this.executeLive(command);
  }

  /** Where `raft run` ends headless: the scripted scenario's end, else 1 s further. */
  private runTarget(now: SimNs, scenario: RaftScenarioName | null): SimNs {
    const end = scenario !== null ? SCENARIOS[scenario].durationNs : 0;
    return end > now ? end : now + RUN_WITHOUT_SCENARIO_NS;
  }

  /**
   * A command on the visible runs. `raft run` goes straight to where the headless run ends
   * (as `raft step`, which the terminal shows): a replay must resolve when it is done.
   */
  async executeLive(command: Command): Promise<CommandResult> {
    if (command.name !== 'raft' || command.action !== 'run') return this.bus.dispatch(command, 'lab');
    await this.bus.idle();
    const state = this.state;
    if (state.runs.length > 0 && state.runs.every((r) => r.stopped)) return fail('the run has stopped (the checker found a violation); raft reset to run again');
    const now = state.now;
    return this.dispatch({ action: 'step', ns: this.runTarget(now, state.scenario) - now });
  }

  /** Waits while the visible runs play (a `raft run` the learner started animates). */
  async untilPaused(): Promise<void> {
    await this.bus.idle();
    while (this.tab.state?.playing) await waitFrame();
  }

  private context(): LabContext {
    const state = this.state;
    return { scenario: state.scenario, sideBySide: state.sideBySide, seed: state.config.seed };
  }

  async query(metric: string): Promise<number | string | boolean> {
    let run: RunView;
    let now: SimNs;
    if (this.lookAhead) {
      const scratch = await this.scratchRuns();
      const mode = this.state.config.mode;
      const primary = scratch.find((r) => r.mode === mode) ?? scratch[0];
      run = primary;
      now = Math.max(0, ...scratch.map((r) => r.raw[FRAME.now]));
    } else {
      const state = this.state;
      const primary = state.runs.find((r) => r.label === state.config.mode) ?? state.runs[0];
      if (primary === undefined || primary.raw === null) throw new Error('the raft run has not started');
      run = { mode: primary.label, raw: primary.raw, verdict: primary.verdict?.verdict ?? 'valid' };
      now = state.now;
    }
    // The engine's own bookkeeping, as headless: position, completed and refused ops.
    if (metric === 'step') return now;
    if (metric === 'placed') return run.raw[FRAME.okWrites] + run.raw[FRAME.okReads];
    if (metric === 'failed') return run.raw[FRAME.failedOps];
    const value = raftMetric(run, this.context(), metric);
    if (value === undefined) throw new Error(`unknown raft metric "${metric}"`);
    return value;
  }

  async inspectNode(): Promise<NodeInspection> {
    throw new Error('a raft lab has no GPU-pool nodes to inspect');
  }

  async seek(step: number): Promise<void> {
    if (this.lookAhead) {
      const scratch = await this.scratchRuns();
      await Promise.all(scratch.map((r) => moveTo(r, step)));
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
    return `${state.sideBySide ? 'side-by-side' : 'single'} ${runs.join('|')}`;
  }

  dispose(): void {
    for (const r of this.scratch) r.client.dispose();
    this.scratch = [];
  }

  /**
   * A predict's forward commands on the scratch runs: time moves forward, and faults land
   * there only (the next look-ahead rebuilds the scratch runs from the visible ones).
   */
  private async executeAhead(command: Command): Promise<CommandResult> {
    if (command.name !== 'raft') return fail(`${formatCommand(command)}: a raft look-ahead takes raft commands only`);
    const scratch = await this.scratchRuns();
    const now = Math.max(0, ...scratch.map((r) => r.raw[FRAME.now]));
    const live = scratch.filter((r) => !r.stopped);
    switch (command.action) {
      case 'step':
        await Promise.all(live.map((r) => advanceClient(r.client, now + command.ns)));
        break;
      case 'run':
        if (live.length === 0) return fail('the run has stopped (the checker found a violation); raft reset to run again');
        await Promise.all(live.map((r) => advanceClient(r.client, this.runTarget(now, this.state.scenario))));
        break;
      case 'seek':
        await Promise.all(scratch.map((r) => moveTo(r, command.ns)));
        break;
      case 'fault':
        // A what-if fault: stamped into the scratch columns at the shared clock, as headless.
        if (live.length === 0) return fail('the run has stopped (the checker found a violation); raft reset or raft seek back first');
        try {
          for (const r of live) {
            await advanceClient(r.client, now);
            await r.client.apply(command.fault);
          }
        } catch (error) {
          return fail(`${formatCommand(command)}: ${error instanceof Error ? error.message : String(error)}`);
        }
        break;
      case 'status': case 'hash':
        break;
      default:
        return fail(`${formatCommand(command)}: a look-ahead only moves time forward or injects a fault`);
    }
    await this.refresh(scratch);
    return ok(...scratch.map((r) => `${r.mode}: t=${(r.raw[FRAME.now] / MS).toFixed(3)} ms, ${r.verdict}`));
  }

  private async refresh(scratch: ScratchRun[]): Promise<void> {
    await Promise.all(scratch.map(async (r) => {
      const frame = await r.client.frame({ from: null, count: 1 });
      r.raw = frame.raw;
      r.verdict = frame.verdict.verdict;
      r.stopped = r.raw[FRAME.violation] !== 0 || r.raw[FRAME.overflow] !== 0;
    }));
  }

  /**
   * The scratch runs, rebuilt from the visible ones on first use in a look-ahead: each
   * column's config with its whole command log (scripted and given) as the schedule, run to
   * the column's time. The session applies a logged command at its time exactly as a seek
   * replays it, so the state is the visible one's.
   */
  private async scratchRuns(): Promise<ScratchRun[]> {
    if (this.scratchSynced) return this.scratch;
    await this.bus.idle();
    const runs = this.state.runs;
    while (this.scratch.length > runs.length) this.scratch.pop()!.client.dispose();
    while (this.scratch.length < runs.length) {
      this.scratch.push({ mode: 'raft', client: new RaftClient({}), config: null, log: [], raw: new Float64Array(0), verdict: 'valid', stopped: false });
    }
    await Promise.all(runs.map(async (run, i) => {
      const scratch = this.scratch[i];
      scratch.mode = run.label as RaftMode;
      scratch.config = run.config;
      scratch.log = await run.client.commandLog();
      await rebuild(scratch, run.client.now);
    }));
    await this.refresh(this.scratch);
    this.scratchSynced = true;
    return this.scratch;
  }
}

export const labSimulation: BrowserLabFactory = (app) => new BrowserRaftLabSimulation(app.bus, raftTabFor(app));

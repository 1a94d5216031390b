// The Raft / ParallelRaft kernel driven by `raft ...` commands with no terminal, no worker and
// no wall clock: the lab verifier, `hlab lab try --kernel raft` and the tests use it. It
// follows the app's raft tab (src/ui/raft/raftState.svelte.ts) command for command: one run,
// or raft and ParallelRaft side by side on one simulated clock; mode, net, disk, seed and
// scenario start a new run, as do broken options (`raft break`), the read share and the block
// range; faults and iodepth are stamped at the current time.
//
// The lab engine reads three internal metrics from every simulation: `step` (the run's
// position, here simulated ns, which `seek` takes back), `placed` and `failed` (here
// completed and refused ops). Lab checks cannot name them: a raft lab's metrics are
// RAFT_METRICS.
import { raftMetric } from './frameMetrics';
import { helpLines } from '../../commands/registry';
import { formatCommand } from '../../commands/parse';
import type { Command, CommandResult, RaftAction, RaftScenarioName } from '../../commands/types';
import { appConfig, columnModes, initialSetup, reshapeRun, withScenario, type RaftSetup } from './setup';
import { FRAME } from './kernel';
import { ROLES, type RaftMode } from './protocol';
import { SCENARIOS } from './scenarios';
import { formatCommand as formatFault } from './schedule';
import { RaftSession } from './session';
import { fnv1a64Hex } from '../../state/hash';
import type { RaftConfig, SimNs } from './types';
import type { NodeInspection } from '../gpupool/types';
import type { AnyLabScenario, LabKernel } from '../../labs/lab';
import type { RaftLabScenario } from './lab';
import type { LabSimulation } from '../../labs/simulation';
import type { RaftMetric } from './labMetrics';

const MS = 1_000_000;
/** `raft run` with no scripted scenario to finish: this much simulated time further. */
const RUN_WITHOUT_SCENARIO_NS = 1000 * MS;

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const fail = (...lines: string[]): CommandResult => ({ ok: false, lines });
const msText = (ns: number) => `${(ns / MS).toFixed(3)} ms`;
const round1 = (x: number) => Math.round(x * 10) / 10;


interface Run {
  mode: RaftMode;
  session: RaftSession;
}

export class HeadlessRaft implements LabSimulation {
  /** The app's config (messages traced, a sample every simulated ms), so numbers match the tab's. */
  private setup: RaftSetup = initialSetup();
  private runs: Run[] = [];

  constructor(private readonly module: WebAssembly.Module) {}

  async setUp(lab: AnyLabScenario, seed: number, kernel: LabKernel = 'raft'): Promise<string[]> {
    if (kernel !== 'raft') throw new Error(`this lab runs kernel ${kernel}, not raft`);
    const scenario = lab as RaftLabScenario;
    const setup = initialSetup(appConfig({ mode: scenario.mode, iodepth: scenario.iodepth, net: scenario.net, disk: scenario.disk, seed }));
    this.setup = scenario.scenario !== null ? withScenario(setup, scenario.scenario) : setup;
    this.restart();
    return [];
  }

  private get config(): RaftConfig {
    return this.setup.config;
  }

  private get scenario(): RaftScenarioName | null {
    return this.setup.scenario;
  }

  private modes(): RaftMode[] {
    return columnModes(this.setup);
  }

  /** New runs at time 0 with the current config, one per column. */
  private restart(): void {
    this.runs = this.modes().map((mode) => {
      const session = new RaftSession(this.module, { now: () => 0 });
      session.start({ ...this.config, mode }, this.setup.schedule);
      return { mode, session };
    });
  }

  /** The shared clock: the latest time any run reached (a stopped run stays where it stopped). */
  private get now(): SimNs {
    return Math.max(0, ...this.runs.map((r) => r.session.current.now));
  }

  /** The run the metrics describe: the current mode's column. */
  private get primary(): Run {
    return this.runs.find((r) => r.mode === this.config.mode) ?? this.runs[0];
  }

  private live(): Run[] {
    return this.runs.filter((r) => !r.session.current.stopped());
  }

  /** Every live run to `to` (each stops early at a checker violation). */
  private advanceTo(to: SimNs): void {
    for (const r of this.live()) r.session.advance(to);
  }

  private statusLines(): string[] {
    return this.runs.map((r) => {
      const k = r.session.current;
      const f = k.frame();
      const v = k.verdict();
      const nodes = [0, 1, 2].map((n) => `${n}:${f[64 + n * 16] ? ROLES[f[64 + n * 16 + 1]] : 'down'}`).join(' ');
      const leader = f[FRAME.leader];
      return `${r.mode.padEnd(11)} t=${msText(f[FRAME.now])} leader ${leader < 0 ? 'none' : leader} · ${nodes} · commits ${f[FRAME.commits]} · ${this.metricOf(r, 'iops')} IOPS · p50 ${this.metricOf(r, 'p50Us')} µs p99 ${this.metricOf(r, 'p99Us')} µs · ${v.verdict}: ${v.reason}`;
    });
  }

  async execute(command: Command): Promise<CommandResult> {
    try {
      if (command.name === 'raft') return this.raft(command);
      switch (command.name) {
        case 'help': return ok(...helpLines(command.topic));
        case 'pause': case 'speed': case 'clear': case 'history': case 'view': case 'lab': case 'presenter': case 'share':
          return ok(`${formatCommand(command)}: nothing to do headless`);
        default:
          return fail(`${formatCommand(command)}: a raft lab drives the kernel with "raft ..." commands`);
      }
    } catch (error) {
      // A refused fault, a kernel trap (the session has restored the last good state): the lab carries on.
      return fail(`${formatCommand(command)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private raft(c: RaftAction): CommandResult {
    const reshaped = reshapeRun(this.setup, c);
    if (reshaped !== null) {
      this.setup = reshaped.setup;
      this.restart();
      return ok(...reshaped.lines);
    }
    switch (c.action) {
      case 'open':
        return ok(`ParallelRaft: ${this.modes().join(' | ')}, iodepth ${this.config.iodepth}, ${this.config.net}, ${this.config.disk}, seed ${this.config.seed}`);
      case 'close': case 'pause': case 'speed':
        return ok(`raft ${c.action}: nothing to do headless`);
      case 'p9':
        return ok(`raft p9 ${c.on ? 'on' : 'off'}: nothing to do headless (no live check runs here)`);
      case 'run': {
        // The app plays until paused; headless, run finishes the scripted scenario, else 1 s more.
        const end = this.scenario !== null ? SCENARIOS[this.scenario].durationNs : 0;
        if (this.live().length === 0) return fail('the run has stopped (the checker found a violation); raft reset to run again');
        this.advanceTo(end > this.now ? end : this.now + RUN_WITHOUT_SCENARIO_NS);
        return ok(...this.statusLines());
      }
      case 'reset':
        this.restart();
        return ok(`new run at 0 ms${this.scenario ? ` (scenario ${this.scenario})` : ''}`);
      case 'status':
        return ok(...this.statusLines());
      case 'hash':
        return ok(...this.runs.map((r) => `${r.mode}: state hash ${r.session.stateHash()} at ${msText(r.session.current.now)}`));
      case 'step':
        this.advanceTo(this.now + c.ns);
        return ok(...this.statusLines());
      case 'seek':
        for (const r of this.runs) r.session.seek(c.ns);
        return ok(`at ${msText(this.now)}`);
      case 'select': {
        const lines: string[] = [];
        for (const r of this.runs) {
          for (const n of [0, 1, 2]) {
            const e = r.session.entry(n, c.index);
            if (e) {
              lines.push(`${r.mode}: #${e.index} on node ${n}: term ${e.term}, write ${e.value}, LBA ${e.lba}..${e.lba + e.blocks - 1}`);
              break;
            }
          }
        }
        return ok(...(lines.length ? lines : [`#${c.index}: no replica holds it`]));
      }
      case 'fault': {
        const live = this.live();
        if (live.length === 0) return fail('the run has stopped (the checker found a violation); raft reset or raft seek back first');
        // One instant in every column: bring the live runs to the shared clock first.
        const at = this.now;
        for (const r of live) {
          r.session.advance(at);
          r.session.apply(c.fault);
        }
        if (c.fault.kind === 'iodepth') this.setup = { ...this.setup, config: { ...this.config, iodepth: c.fault.depth } };
        return ok(`${formatFault(c.fault)} at ${msText(at)}${live.length > 1 ? ` in ${live.map((r) => r.mode).join(' and ')}` : ''}`);
      }
      default:
        // Every other action sets the run up again and was handled by reshapeRun above.
        return fail(`raft ${c.action}: not a command this simulation knows`);
    }
  }

  private metricOf(run: Run, name: RaftMetric): number | string | boolean | undefined {
    const k = run.session.current;
    return raftMetric({ mode: run.mode, raw: k.frame(), verdict: k.verdict().verdict },
      { scenario: this.scenario, sideBySide: this.setup.sideBySide, seed: this.config.seed }, name);
  }


  async query(metric: string): Promise<number | string | boolean> {
    const run = this.primary;
    // The engine's own bookkeeping (see the header).
    if (metric === 'step') return this.now;
    if (metric === 'placed') return run.session.current.frame()[FRAME.okWrites] + run.session.current.frame()[FRAME.okReads];
    if (metric === 'failed') return run.session.current.frame()[FRAME.failedOps];
    const value = this.metricOf(run, metric as RaftMetric);
    if (value === undefined) throw new Error(`unknown raft metric "${metric}"`);
    return value;
  }

  async inspectNode(): Promise<NodeInspection> {
    throw new Error('a raft lab has no GPU-pool nodes to inspect');
  }

  async seek(step: number): Promise<void> {
    for (const r of this.runs) r.session.seek(step);
  }

  /** Kernel state and command log of every column (see LabSimulation.stateHash). */
  async stateHash(): Promise<string> {
    const runs = this.runs.map((r) => `${r.mode}@${r.session.current.now}:${r.session.stateHash()}/log ${commandLogHash(r.session)}`).join('|');
    return `${this.setup.sideBySide ? 'side-by-side' : 'single'} ${runs}`;
  }

  /**
   * A copy for a predict's look-ahead: each column started again from its config with its
   * whole command log as the schedule and run to the same time, as the app's scratch workers
   * do (the session applies a logged command at its time exactly as a seek replays it). In
   * the copy every logged command is scripted, so a fault given there keeps the commands the
   * learner gave later on a timeline they went back on.
   */
  async scratchCopy(): Promise<HeadlessRaft> {
    const copy = new HeadlessRaft(this.module);
    copy.setup = { ...this.setup, config: { ...this.config }, schedule: [...this.setup.schedule] };
    copy.runs = this.runs.map((r) => {
      const session = new RaftSession(this.module, { now: () => 0 });
      session.start(r.session.config!, r.session.commandLog());
      session.advance(r.session.current.now);
      return { mode: r.mode, session };
    });
    return copy;
  }
}

const encoder = new TextEncoder();

/** The run's stamped commands, hashed: what it will do from here on. */
function commandLogHash(session: RaftSession): string {
  return fnv1a64Hex(encoder.encode(JSON.stringify(session.commandLog())));
}

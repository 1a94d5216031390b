// The LogIndex kernel driven by `logindex ...` commands with no terminal, no worker and no
// wall clock: the lab verifier, `hlab lab try --kernel logindex` and the tests use it. It
// follows the LogIndex tab command for command: one run, or lazy and full side by side on one
// simulated clock; what sets a run up is setup.ts's, shared with the tab; faults are stamped
// at the current time in every column.
//
// The lab engine reads three internal metrics from every simulation: `step` (the run's
// position, here simulated ns, which `seek` takes back), `placed` and `failed` (here writes
// plus reads, and 0: a LogIndex run refuses nothing). Lab checks cannot name them: a LogIndex
// lab's metrics are LOGINDEX_METRICS.
import { helpLines } from '../../commands/registry';
import { formatCommand } from '../../commands/parse';
import type { Command, CommandResult } from '../../commands/types';
import type { NodeInspection } from '../gpupool/types';
import { fnv1a64Hex } from '../../state/hash';
import type { AnyLabScenario, LabKernel } from '../../labs/lab';
import type { LabSimulation } from '../../labs/simulation';
import type { LogIndexAction } from './action';
import { logindexMetric, type LogIndexColumnView } from './frameMetrics';
import type { LogIndexLabScenario } from './lab';
import type { LogIndexMode } from './protocol';
import { LogIndexSession } from './session';
import { columnConfig, columnModes, initialSetup, reshapeRun, scenarioEndNs, withScenario, type LogIndexSetup } from './setup';
import { formatLogIndexAction } from './grammar';
import { inspectionLines, statusLine } from './statusText';
import type { LogIndexCommand, SimNs } from './types';

const MS = 1_000_000;
/** `logindex run` headless with no duration and no scenario to finish: this much further. */
const RUN_WITHOUT_END_NS = 1000 * MS;

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const fail = (...lines: string[]): CommandResult => ({ ok: false, lines });
const msText = (ns: number) => `${(ns / MS).toFixed(3)} ms`;

interface Run {
  mode: LogIndexMode;
  session: LogIndexSession;
  /** The checker found a violation: the run does not go on. */
  stopped: boolean;
}

/** The replica a fault names, or null for one that names none (slow-storage, heal everything). */
function replicaOf(c: LogIndexCommand): number | null {
  return 'node' in c && c.node !== null && c.node > 0 ? c.node : null;
}

export class HeadlessLogIndex implements LabSimulation {
  private setup: LogIndexSetup = initialSetup();
  private runs: Run[] = [];

  constructor(private readonly module: WebAssembly.Module) {}

  async setUp(lab: AnyLabScenario, seed: number, kernel: LabKernel = 'logindex'): Promise<string[]> {
    if (kernel !== 'logindex') throw new Error(`this lab runs kernel ${kernel}, not logindex`);
    const s = lab as LogIndexLabScenario;
    const setup = initialSetup({ mode: s.mode, ro: s.ro, writeScale: s['write-scale'], broken: s.broken, seed, sideBySide: s['side-by-side'] });
    this.setup = s.scenario !== null ? withScenario(setup, s.scenario) : setup;
    this.restart();
    return [];
  }

  /** New runs at time 0 with the current setup, one per column. */
  private restart(): void {
    this.runs = columnModes(this.setup).map((mode) => {
      const session = new LogIndexSession(this.module, { now: () => 0 });
      const status = session.start(columnConfig(this.setup, mode), this.setup.schedule, this.setup.seed);
      return { mode, session, stopped: status.stopped };
    });
  }

  /** The shared clock: the latest time any run reached (a stopped run stays where it stopped). */
  private get now(): SimNs {
    return Math.max(0, ...this.runs.map((r) => r.session.current.now));
  }

  /** The run the metrics describe: the current mode's column. */
  private get primary(): Run {
    return this.runs.find((r) => r.mode === this.setup.config.mode) ?? this.runs[0];
  }

  private live(): Run[] {
    return this.runs.filter((r) => !r.stopped);
  }

  /** Every live run to `to` (each stops early at a checker violation). */
  private advanceTo(to: SimNs): void {
    for (const r of this.live()) r.stopped = r.session.advance(to).stopped;
  }

  private columns(): LogIndexColumnView[] {
    return this.runs.map((r) => ({ mode: r.mode, summary: r.session.current.summary() }));
  }

  private statusLines(): string[] {
    return this.columns().map((c) => statusLine(c.mode, c.summary));
  }

  async execute(command: Command): Promise<CommandResult> {
    try {
      if (command.name === 'logindex') return this.logindex(command);
      switch (command.name) {
        case 'help': return ok(...helpLines(command.topic));
        case 'pause': case 'speed': case 'clear': case 'history': case 'view': case 'lab': case 'presenter': case 'share':
          return ok(`${formatCommand(command)}: nothing to do headless`);
        default:
          return fail(`${formatCommand(command)}: a LogIndex lab drives the kernel with "logindex ..." commands`);
      }
    } catch (error) {
      // A kernel trap (the session has restored the last good state), a refused read: the lab carries on.
      return fail(`${formatCommand(command)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private logindex(c: LogIndexAction): CommandResult {
    const reshaped = reshapeRun(this.setup, c);
    if (reshaped !== null) {
      this.setup = reshaped.setup;
      this.restart();
      return ok(...reshaped.lines);
    }
    const { config } = this.setup;
    switch (c.action) {
      case 'open':
        return ok(`PolarDB LogIndex: ${columnModes(this.setup).join(' | ')}, ${config.ro} replicas, writes x${this.setup.writeScale}, seed ${this.setup.seed}` +
          `${config.broken.length ? `, broken: ${config.broken.join(', ')}` : ''}${this.setup.scenario ? `, scenario ${this.setup.scenario}` : ''}`);
      case 'close': case 'pause': case 'speed':
        return ok(`logindex ${c.action}: nothing to do headless`);
      case 'run': {
        if (this.live().length === 0) return fail('the run has stopped (the checker found a violation); logindex reset or logindex seek back first');
        // The tab plays until paused; headless, run goes the duration, else to the scenario's end, else 1 s more.
        const end = scenarioEndNs(this.setup);
        this.advanceTo(c.ns !== null ? this.now + c.ns : end !== null && end > this.now ? end : this.now + RUN_WITHOUT_END_NS);
        return ok(...this.statusLines());
      }
      case 'step':
        this.advanceTo(this.now + c.ns);
        return ok(...this.statusLines());
      case 'seek':
        for (const r of this.runs) r.stopped = r.session.seek(c.ns).stopped;
        return ok(`at ${msText(this.now)}`);
      case 'status':
        return ok(...this.statusLines());
      case 'hash':
        return ok(...this.runs.map((r) => `${r.mode}: state hash ${r.session.stateHash()} at ${msText(r.session.current.now)}`));
      case 'inspect':
        if (c.node > config.ro) return fail(`logindex inspect: ro${c.node} is not in this run, which has ${config.ro} replica${config.ro === 1 ? '' : 's'}`);
        return ok(...this.runs.flatMap((r) => {
          const lines = inspectionLines(r.session.page(c.page, c.node));
          return this.runs.length > 1 ? lines.map((l) => `${r.mode}: ${l}`) : lines;
        }));
      case 'fault':
        return this.fault(c.fault);
      default:
        // Every other action sets the run up again and was handled by reshapeRun above.
        return fail(`logindex ${c.action}: not a command this simulation knows`);
    }
  }

  private fault(f: LogIndexCommand): CommandResult {
    const text = formatLogIndexAction({ action: 'fault', fault: f });
    const node = replicaOf(f);
    const { ro } = this.setup.config;
    if (node !== null && node > ro) return fail(`logindex ${text}: ro${node} is not in this run, which has ${ro} replica${ro === 1 ? '' : 's'}`);
    const live = this.live();
    if (live.length === 0) return fail('the run has stopped (the checker found a violation); logindex reset or logindex seek back first');
    // One instant in every column: bring the live runs to the shared clock first.
    const at = this.now;
    const refused: string[] = [];
    for (const r of live) {
      r.session.advance(at);
      const { status, applied } = r.session.apply(f);
      r.stopped = status.stopped;
      if (!applied) refused.push(r.mode);
    }
    if (refused.length === live.length) return fail(`logindex ${text} at ${msText(at)}: the kernel refused it (a restart of a node that is up, a promotion while the writer runs...)`);
    return ok(`${text} at ${msText(at)}${live.length > 1 ? ` in ${live.map((r) => r.mode).join(' and ')}` : ''}${refused.length ? ` (refused in ${refused.join(', ')})` : ''}`);
  }

  private metric(name: string): number | string | boolean | undefined {
    const { config } = this.setup;
    return logindexMetric(this.columns(), {
      mode: config.mode, ro: config.ro, writeScale: this.setup.writeScale, seed: this.setup.seed,
      broken: config.broken, scenario: this.setup.scenario, sideBySide: this.setup.sideBySide,
    }, name);
  }

  async query(metric: string): Promise<number | string | boolean> {
    // The engine's own bookkeeping (see the header).
    if (metric === 'step') return this.now;
    if (metric === 'placed') {
      const s = this.primary.session.current.summary();
      return s.writes + s.reads;
    }
    if (metric === 'failed') return 0;
    const value = this.metric(metric);
    if (value === undefined) throw new Error(`unknown logindex metric "${metric}"`);
    return value;
  }

  async inspectNode(): Promise<NodeInspection> {
    throw new Error('a LogIndex lab has no GPU-pool nodes to inspect (use logindex inspect <page>)');
  }

  async seek(step: number): Promise<void> {
    for (const r of this.runs) r.stopped = r.session.seek(step).stopped;
  }

  /** Kernel state and command log of every column (see LabSimulation.stateHash). */
  async stateHash(): Promise<string> {
    const runs = this.runs.map((r) => `${r.mode}@${r.session.current.now}:${r.session.stateHash()}/log ${commandLogHash(r.session)}`).join('|');
    return `${this.setup.sideBySide ? 'side-by-side' : 'single'} ${runs}`;
  }

  /**
   * A copy for a predict's look-ahead: each column started again from its config with its
   * whole command log as the schedule and run to the same time, as the tab's scratch workers
   * would (the session applies a logged command at its time exactly as a seek replays it).
   */
  async scratchCopy(): Promise<HeadlessLogIndex> {
    const copy = new HeadlessLogIndex(this.module);
    copy.setup = { ...this.setup, config: { ...this.setup.config, broken: [...this.setup.config.broken] }, schedule: [...this.setup.schedule] };
    copy.runs = this.runs.map((r) => {
      const session = new LogIndexSession(this.module, { now: () => 0 });
      session.start(r.session.config!, r.session.commandLog(), r.session.seed);
      const status = session.advance(r.session.current.now);
      return { mode: r.mode, session, stopped: status.stopped };
    });
    return copy;
  }
}

const encoder = new TextEncoder();

/** The run's stamped commands, hashed: what it will do from here on. */
function commandLogHash(session: LogIndexSession): string {
  return fnv1a64Hex(encoder.encode(JSON.stringify(session.commandLog())));
}

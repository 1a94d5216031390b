// The lab engine's simulation for `kernel: gpupool` labs in the browser: the app's worker and
// command bus. What the learner should see (setting up the scenario, replaying saved work)
// goes through the bus as origin 'lab', so the terminal echoes it. Predict look-ahead runs on
// a second, scratch worker brought to the same state, so the visible run and its charts never
// jump. The lab pane finds it by kernel id (src/ui/labs/kernelLabSimulation.ts).
import type { CommandBus } from '../../commands/bus';
import { formatCommand, parseCommand } from '../../commands/parse';
import type { Command, CommandResult } from '../../commands/types';
import { kernelCommandOf } from '../../commands/kernelCommand';
import { SimClient } from '../../kernels/client';
import { seekStep } from '../../kernels/gpupool/setup';
import type { NodeInspection, RunConfig, RunSummary } from '../../kernels/gpupool/types';
import type { LabScenario } from '../../kernels/gpupool/lab';
import type { RunDescription } from '../../state/runDescription';
import { memoryTraceBackend, openIndexedDbTraceBackend, TraceStore } from '../../state/traceStore';
import type { BrowserLabFactory, BrowserLabKernel } from '../labs/kernelLabSimulation';

/** The part of the app a lab drives (AppState satisfies it). */
export interface LabHost {
  readonly bus: CommandBus;
  readonly client: SimClient;
  config: RunConfig;
  readonly playing: boolean;
  readonly summary: RunSummary | null;
  describe(): RunDescription;
}

/** Finds the text of a stored trace by hash (the trace store), or null. */
export type TraceTexts = (hash: string) => Promise<{ name: string; text: string } | null>;

const ADVANCE_BUDGET_MS = 200;

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const fail = (...lines: string[]): CommandResult => ({ ok: false, lines });

async function advanceTo(client: SimClient, summary: RunSummary, step: number): Promise<RunSummary> {
  let s = summary;
  const target = Math.min(step, s.pods);
  while (s.step < target) {
    const before = s.step;
    s = await client.advance(target, ADVANCE_BUDGET_MS);
    if (s.step === before) break;
  }
  return s;
}

const waitFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

export class BrowserLabSimulation implements BrowserLabKernel {
  private lookAhead = false;
  private scratch: SimClient | null = null;
  private scratchWorkload = '';
  private scratchSummary: RunSummary | null = null;
  private scratchSynced = false;

  constructor(
    private readonly host: LabHost,
    private readonly makeScratch: () => SimClient,
    private readonly traceTexts: TraceTexts,
  ) {}

  /** A predict's forward commands and its reads go to the scratch worker while on. */
  setLookAhead(on: boolean): void {
    this.lookAhead = on;
    if (on) this.scratchSynced = false;
  }

  async setUp(scenario: LabScenario, seed: number): Promise<string[]> {
    const notes: string[] = [];
    if (scenario.workload !== 'synthetic') {
      notes.push(`The openb trace "${scenario.workload}" is not loaded here, so this run uses the embedded synthetic workload (openb default-like). Load the real trace with "load file" or "load url" to see its numbers.`);
    }
    this.host.config = { policy: scenario.policy, seed, rng: scenario.rng, tune: scenario.tune };
    // `load synthetic` starts a new run with the config just set: one command the learner sees.
    const result = await this.host.bus.dispatch({ name: 'load', source: 'synthetic' }, 'lab');
    if (!result.ok) throw new Error(`the lab's scenario could not be set up: ${result.lines.join(' ')}`);
    this.scratchSynced = false;
    return notes;
  }

  async execute(command: Command): Promise<CommandResult> {
    if (this.lookAhead) return this.executeAhead(command);
    return this.executeLive(command);
  }

  /**
   * A command on the visible run. `run` goes straight to the end (a replay of saved work
   * must not animate for minutes); the state is the same as an animated run's.
   */
  async executeLive(command: Command): Promise<CommandResult> {
    if (command.name === 'load' && command.source !== 'synthetic') return fail(`${formatCommand(command)}: not replayed; the lab continues on the current workload`);
    if (command.name === 'run') return this.host.bus.dispatch({ name: 'seek', target: { kind: 'end' } }, 'lab');
    return this.host.bus.dispatch(command, 'lab');
  }

  /** Waits while the visible run plays (a `run` the learner started animates to its end). */
  async untilPaused(): Promise<void> {
    await this.host.bus.idle();
    while (this.host.playing) await waitFrame();
  }

  async query(metric: string): Promise<number | string> {
    if (this.lookAhead) return (await this.scratchClient()).query(metric);
    return this.host.client.query(metric);
  }

  async inspectNode(node: number | string): Promise<NodeInspection> {
    if (this.lookAhead) return (await this.scratchClient()).inspectNode(node);
    return this.host.client.inspectNode(node);
  }

  async seek(step: number): Promise<void> {
    if (this.lookAhead) {
      const client = await this.scratchClient();
      this.scratchSummary = await client.seek(step);
      return;
    }
    await this.host.bus.dispatch({ name: 'seek', target: { kind: 'absolute', step } }, 'lab');
  }

  async stateHash(): Promise<string> {
    if (this.lookAhead) return (await this.scratchClient()).stateHash();
    return this.host.client.stateHash();
  }

  dispose(): void {
    this.scratch?.dispose();
    this.scratch = null;
  }

  private async executeAhead(command: Command): Promise<CommandResult> {
    const client = await this.scratchClient();
    let s = this.scratchSummary!;
    switch (command.name) {
      case 'step':
        s = await advanceTo(client, s, s.step + command.count);
        break;
      case 'run':
        s = await advanceTo(client, s, s.pods);
        break;
      case 'seek':
        s = await client.seek(seekStep(command.target, s.step, s.pods));
        break;
      case 'fail':
        // A what-if fault on the scratch worker only; the next look-ahead rebuilds it.
        try {
          s = await client.apply(kernelCommandOf(command)!);
        } catch (error) {
          return fail(`${formatCommand(command)}: ${error instanceof Error ? error.message : String(error)}`);
        }
        break;
      default:
        return fail(`${command.name}: a look-ahead only moves time forward or injects a fault`);
    }
    this.scratchSummary = s;
    return ok(`step ${s.step}/${s.pods}: ${s.placed} placed, ${s.failed} failed`);
  }

  /** The scratch worker, brought to the visible run's state on first use in a look-ahead. */
  private async scratchClient(): Promise<SimClient> {
    if (this.scratch === null) this.scratch = this.makeScratch();
    const client = this.scratch;
    if (this.scratchSynced) return client;
    await this.host.bus.idle();
    const run = this.host.describe();
    const workloadKey = JSON.stringify(run.workload);
    if (workloadKey !== this.scratchWorkload) {
      this.scratchWorkload = '';
      if (run.workload.kind === 'synthetic') await client.useSynthetic();
      else {
        const [nodes, pods] = await Promise.all([this.traceTexts(run.workload.nodes.hash), this.traceTexts(run.workload.pods.hash)]);
        if (nodes === null || pods === null) throw new Error('the trace of this run is not stored in this browser, so the question cannot be prepared');
        await client.loadTrace(nodes, pods);
      }
      this.scratchWorkload = workloadKey;
    }
    let s = await client.start(run.config);
    for (const stamped of run.commands) {
      const parsed = parseCommand(stamped.text);
      const kernel = parsed.ok ? kernelCommandOf(parsed.command) : null;
      if (kernel === null) continue;
      s = await advanceTo(client, s, stamped.step);
      s = await client.apply(kernel);
    }
    this.scratchSummary = await client.seek(run.step);
    this.scratchSynced = true;
    return client;
  }
}

/** The stored trace texts the scratch worker loads, from the trace store (IndexedDB, else memory). */
function storedTraceTexts(): TraceTexts {
  const traces = openIndexedDbTraceBackend().catch(() => memoryTraceBackend()).then((b) => new TraceStore(b));
  return async (hash) => {
    const found = await (await traces).getTrace(hash).catch(() => null);
    return found ? { name: found.ref.name, text: found.text } : null;
  };
}

export const labSimulation: BrowserLabFactory = (app) => new BrowserLabSimulation(app, () => new SimClient({}), storedTraceTexts());

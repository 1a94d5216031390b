// The GPU pool driven by the command language with no terminal and no worker: the lab
// verifier, the CLI and the tests use it (this kernel's loadHeadless() in lab.ts). What a
// command does to the run is setup.ts's, as in the app; `run` goes straight to the end.
import { helpLines } from '../../commands/registry';
import { formatCommand } from '../../commands/parse';
import type { Command, CommandResult } from '../../commands/types';
import { formatValue } from '../../labs/expr/evaluate';
import type { LabScenario } from './lab';
import type { TraceFiles, TraceLocator } from '../../labs/labKernel';
import type { LabSimulation } from '../../labs/simulation';
import { fnv1a64Hex } from '../../state/hash';
import { GpuPoolSession } from './session';
import { runChange, seekStep } from './setup';
import type { NodeInspection, RunConfig } from './types';

const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
const fail = (...lines: string[]): CommandResult => ({ ok: false, lines });

/** The workload a run uses: the embedded synthetic one, or trace files as loaded. */
type WorkloadSource = { kind: 'synthetic' } | { kind: 'trace'; files: TraceFiles };

export class HeadlessGpuPool implements LabSimulation {
  private readonly session: GpuPoolSession;
  private settings: RunConfig = { policy: 'FGD', seed: 42, rng: 'xoshiro', tune: 1.3 };
  private workload: WorkloadSource = { kind: 'synthetic' };

  constructor(private readonly module: WebAssembly.Module, private readonly traces: TraceLocator = () => null) {
    this.session = new GpuPoolSession(module, { now: () => 0 });
  }

  private useWorkload(workload: WorkloadSource): void {
    if (workload.kind === 'synthetic') this.session.useSynthetic();
    else this.session.loadTrace(workload.files.nodes, workload.files.pods);
    this.workload = workload;
  }

  async setUp(scenario: LabScenario, seed: number): Promise<string[]> {
    const notes: string[] = [];
    if (scenario.workload === 'synthetic') {
      this.useWorkload({ kind: 'synthetic' });
    } else {
      const files = this.traces(scenario.workload);
      if (files) this.useWorkload({ kind: 'trace', files });
      else {
        this.useWorkload({ kind: 'synthetic' });
        notes.push(`The openb trace "${scenario.workload}" is not loaded here, so this run uses the embedded synthetic workload (openb default-like). Load the real trace with "load file" or "load url" to see its numbers.`);
      }
    }
    this.settings = { policy: scenario.policy, seed, rng: scenario.rng, tune: scenario.tune };
    this.session.start(this.settings);
    return notes;
  }

  private restart(): string {
    const s = this.session.start(this.settings);
    return `new run: ${this.session.workloadInfo().label}, ${this.settings.policy}, seed ${this.settings.seed} (${this.settings.rng}), ${s.pods} pods`;
  }

  private summaryLine(): string {
    const s = this.session.current.summary();
    return `step ${s.step}/${s.pods}: ${s.placed} placed, ${s.failed} failed, allocation ${formatValue((100 * s.used) / (s.gpus * 1000))} %`;
  }

  async execute(command: Command): Promise<CommandResult> {
    try {
      return this.executeNow(command);
    } catch (error) {
      // A bad node id, a kernel trap (already restored by the session): the lab carries on.
      return fail(`${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private executeNow(command: Command): CommandResult {
    switch (command.name) {
      case 'load':
        if (command.source !== 'synthetic') return fail(`load ${command.source}: not available headless; the lab runs on the synthetic workload`);
        this.useWorkload({ kind: 'synthetic' });
        return ok(this.restart());
      case 'policy': case 'seed': case 'rng': case 'time-aware': case 'reset': case 'fail': case 'ack': {
        const change = runChange(command, this.settings, this.session.current.step)!;
        if (change.kind === 'apply') return ok(...change.lines(this.session.apply(change.command)));
        this.settings = change.config;
        this.session.start(this.settings);
        return ok(change.line);
      }
      case 'run':
        this.session.advance(this.session.current.podCount);
        return ok(this.summaryLine());
      case 'step':
        this.session.advance(this.session.current.step + command.count);
        return ok(this.summaryLine());
      case 'seek':
        this.session.seek(seekStep(command.target, this.session.current.step, this.session.current.podCount));
        return ok(this.summaryLine());
      case 'query':
        return ok(`${command.metric} = ${formatValue(this.session.query(command.metric))}`);
      case 'node':
        return ok(...inspectionLines(this.session.inspectNode(command.node)));
      case 'help':
        return ok(...helpLines(command.topic));
      case 'debug': {
        if (command.action === 'hash') return ok(`state hash ${this.session.stateHash()} at step ${this.session.current.step}`);
        const report = this.session.debugTrap();
        return ok(`kernel trapped during ${report.during}: ${report.message}`);
      }
      case 'pause': case 'speed': case 'share': case 'clear': case 'history': case 'stats':
      case 'view': case 'why': case 'ab': case 'sweep': case 'lab': case 'presenter':
        // Terminal conveniences: nothing to do without a terminal, and nothing changes.
        return ok(`${formatCommand(command)}: nothing to do headless`);
      case 'raft': return fail(`${formatCommand(command)}: the GPU-pool lab runner has no ParallelRaft kernel`);
      case 'logindex': return fail(`${formatCommand(command)}: the GPU-pool lab runner has no LogIndex kernel`);
      case 'vcpu': return fail(`${formatCommand(command)}: the GPU-pool lab runner has no vCPU kernel`);
    }
    const unknown: never = command;
    return fail(`${(unknown as Command).name}: not available headless`);
  }

  async query(metric: string): Promise<number | string> {
    return this.session.query(metric);
  }

  async inspectNode(node: number | string): Promise<NodeInspection> {
    return this.session.inspectNode(node);
  }

  async seek(step: number): Promise<void> {
    this.session.seek(step);
  }

  /** Kernel state, then the command log (see LabSimulation.stateHash). */
  async stateHash(): Promise<string> {
    const log = fnv1a64Hex(new TextEncoder().encode(JSON.stringify(this.session.commandLog())));
    return `${this.session.stateHash()}/log ${log}`;
  }

  /**
   * A copy for a predict's look-ahead: the same workload and settings, the logged commands
   * applied at their steps, at the same step (what a seek replays, so the same state).
   */
  async scratchCopy(): Promise<HeadlessGpuPool> {
    const copy = new HeadlessGpuPool(this.module, this.traces);
    copy.useWorkload(this.workload);
    copy.settings = { ...this.settings };
    copy.session.start(this.settings);
    for (const { step, command } of this.session.commandLog()) {
      copy.session.advance(step);
      copy.session.apply(command);
    }
    copy.session.seek(this.session.current.step);
    return copy;
  }
}

/** What `node <id>` prints: the GPUs, the pods and the fragment by category. */
export function inspectionLines(n: NodeInspection): string[] {
  const free = n.gpuRemaining.reduce((a, b) => a + b, 0);
  const categories = Object.entries(n.fragment).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${formatValue(v)}`);
  return [
    `node ${n.id} ${n.name}: ${n.model}, ${n.gpuRemaining.length} GPUs, priority key ${n.priorityKey}`,
    `  GPU free (milli, by GPU): ${n.gpuRemaining.join(' ')} = ${free}`,
    `  CPU free: ${n.cpuFree} of ${n.cpuCapacity} milli; memory free: ${n.memoryFree} of ${n.memoryCapacity} MiB`,
    `  pods: ${n.pods.length}${n.pods.length ? ` (${n.pods.slice(0, 8).map((p) => `${p.name} ${p.numGpu}x${p.gpuMilli}`).join(', ')}${n.pods.length > 8 ? ', ...' : ''})` : ''}`,
    `  fragment: ${formatValue(n.fragmentTotal)} milli-GPU${categories.length ? ` (${categories.join(', ')})` : ''}`,
  ];
}

// A GPU-pool session: the workload, the current run, its stamped command log, and time
// travel by checkpoints. Runs in the worker (and in Node for tests); never touches the DOM.
//
// Invariant: the kernel's state at step s includes every logged command stamped <= s.
// Checkpoints hold such states; `base` is the state right after init, before any command.
import type { KernelCommand, StampedCommand, Frame, TrapReport, WorkloadInfo } from '../api';
import type { NodeInspection, PodStep, RunConfig, RunSummary } from './types';
import { GpuPoolKernel, KernelTrap } from './kernel';
import { syntheticWorkload, traceWorkload, type ParseProgress, type Workload } from './workload';
import { fnv1a64Hex } from '../../state/hash';
import { queryMetric } from './queries';
import { clusterLayout, type ClusterLayout } from './layout';
import { clusterFrame, clusterStatic, type ClusterFrame, type ClusterStatic } from './viewFrame';
import { explainNextPod, type Explanation } from './explain';
import { ackBatchProblem, ackWeightsProblem } from './ack';
import { Checkpoints, guardTrap } from '../timeTravel';

export const DEFAULT_CHECKPOINT_BUDGET = 128 * 1024 * 1024;
/** Pods per kernel call while advancing, so a wall-time budget can be honoured. */
const CHUNK = 512;

export function describeCommand(command: KernelCommand): string {
  switch (command.kind) {
    case 'policy': return `policy ${command.policy}`;
    case 'fail-node': return `fail node ${command.node}`;
    case 'fail-gpu': return `fail gpu ${command.node} ${command.gpu}`;
    case 'ack-weights': return `ack weights ${command.weights.join(' ')}`;
    case 'ack-batch': return `ack batch ${command.size}`;
    case 'ack-filter': return `ack ${command.filter} ${command.on ? 'on' : 'off'}`;
  }
}

export interface Clock {
  now(): number;
}

export class GpuPoolSession {
  private workload: Workload = syntheticWorkload();
  private kernel: GpuPoolKernel | null = null;
  private readonly checkpoints = new Checkpoints<PodStep>(DEFAULT_CHECKPOINT_BUDGET);
  private interval = 256;
  private commands: StampedCommand[] = [];
  private frameStep: PodStep = 0;
  private layout: ClusterLayout | null = null;
  private frameReset = true;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly clock: Clock = { now: () => performance.now() },
  ) {}

  workloadInfo(): WorkloadInfo {
    const w = this.workload;
    return {
      label: w.label,
      source: w.source,
      nodesRef: w.nodesRef,
      podsRef: w.podsRef,
      nodes: w.nodes.length,
      gpus: w.nodes.reduce((sum, n) => sum + n.gpus, 0),
      tracePods: w.podCount,
      typical: w.typical,
    };
  }

  useSynthetic(scale = 1): WorkloadInfo {
    this.workload = syntheticWorkload(scale);
    this.kernel = null;
    this.layout = null;
    return this.workloadInfo();
  }

  /** Parses both files; on any error the previous workload stays in place. */
  loadTrace(nodes: { name: string; text: string }, pods: { name: string; text: string }, progress?: ParseProgress): WorkloadInfo {
    const encoder = new TextEncoder();
    const ref = (f: { name: string; text: string }) => {
      const bytes = encoder.encode(f.text);
      return { name: f.name, text: f.text, ref: { name: f.name, bytes: bytes.length, hash: fnv1a64Hex(bytes) } };
    };
    this.workload = traceWorkload(ref(nodes), ref(pods), progress);
    this.kernel = null;
    this.layout = null;
    return this.workloadInfo();
  }

  start(config: RunConfig): RunSummary {
    const kernel = new GpuPoolKernel(this.module, this.workload, config);
    this.kernel = kernel;
    this.checkpoints.reset(kernel.snapshot());
    this.commands = [];
    this.frameStep = 0;
    this.frameReset = true;
    this.interval = Math.max(32, Math.ceil(kernel.podCount / this.checkpoints.slots()));
    return kernel.summary();
  }

  private get k(): GpuPoolKernel {
    if (!this.kernel) throw new Error('no run: start one first');
    return this.kernel;
  }

  get config(): RunConfig | null {
    return this.kernel?.config ?? null;
  }

  apply(command: KernelCommand): RunSummary {
    const k = this.k;
    const step = k.step;
    // A command rewrites the future: later commands and checkpoints belong to the old one.
    this.commands = this.commands.filter((c) => c.step <= step);
    for (const at of this.checkpoints.times()) if (at >= step) this.checkpoints.delete(at);
    // Validate before logging, so a bad node id leaves no trace in the log.
    if (command.kind === 'fail-node') k.findNode(command.node);
    if (command.kind === 'fail-gpu') k.checkGpu(command.node, command.gpu);
    const problem = command.kind === 'ack-weights' ? ackWeightsProblem(command.weights)
      : command.kind === 'ack-batch' ? ackBatchProblem(command.size) : null;
    if (problem) throw new Error(problem);
    this.commands.push({ step, command });
    this.guard(describeCommand(command), step, () => this.execute(command));
    return k.summary();
  }

  private execute(command: KernelCommand): void {
    switch (command.kind) {
      case 'policy': this.k.setPolicy(command.policy); break;
      case 'fail-node': this.k.failNode(command.node); break;
      case 'fail-gpu': this.k.failGpu(command.node, command.gpu); break;
      case 'ack-weights': this.k.setAckWeights(command.weights); break;
      case 'ack-batch': this.k.setAckBatch(command.size); break;
      case 'ack-filter': this.k.setAckFilter(command.filter, command.on); break;
    }
  }

  advance(toStep: PodStep, budgetMs = Number.POSITIVE_INFINITY): RunSummary {
    const k = this.k;
    const from = k.step;
    const started = this.clock.now();
    this.guard(`run to step ${toStep}`, from, () => this.runTo(Math.min(toStep, k.podCount), started, budgetMs));
    return k.summary();
  }

  /** Advances applying logged commands at their steps and leaving checkpoints behind. */
  private runTo(target: PodStep, started: number, budgetMs: number): void {
    const k = this.k;
    while (k.step < target) {
      const step = k.step;
      const nextCommand = this.commands.find((c) => c.step > step)?.step ?? Number.POSITIVE_INFINITY;
      const nextCheckpoint = (Math.floor(step / this.interval) + 1) * this.interval;
      const end = Math.min(target, nextCommand, nextCheckpoint, step + CHUNK);
      k.advance(end);
      const now = k.step;
      for (const c of this.commands) if (c.step === now) this.execute(c.command);
      if (now % this.interval === 0 && !this.checkpoints.has(now)) this.checkpoints.set(now, k.snapshot());
      if (this.clock.now() - started >= budgetMs) break;
    }
  }

  seek(step: PodStep): RunSummary {
    const k = this.k;
    const target = Math.max(0, Math.min(Math.floor(step), k.podCount));
    this.guard(`seek ${target}`, k.step, () => this.restoreTo(target));
    return k.summary();
  }

  /** One restore (the nearest checkpoint at or before `target`) plus re-execution. */
  private restoreTo(target: PodStep): void {
    const k = this.k;
    const from = this.checkpoints.latestAtOrBefore(target);
    const current = k.step;
    // Going forward past every checkpoint: just keep running from here.
    if (current <= target && current >= from) {
      this.runTo(target, this.clock.now(), Number.POSITIVE_INFINITY);
      return;
    }
    this.restoreCheckpoint(from);
    if (target < this.frameStep) this.frameReset = true;
    this.runTo(target, this.clock.now(), Number.POSITIVE_INFINITY);
  }

  /** Restores the checkpoint at `at`, or the base (-1) with the commands stamped at step 0. */
  private restoreCheckpoint(at: PodStep | -1): void {
    const k = this.k;
    if (at >= 0) k.restore(this.checkpoints.get(at)!);
    else {
      k.restore(this.checkpoints.base);
      for (const c of this.commands) if (c.step === 0) this.execute(c.command);
    }
  }

  /**
   * Runs kernel work; on a trap, brings back the last good state (the step the work began
   * from, rebuilt from a checkpoint) and rethrows with what happened.
   */
  private guard(during: string, goodStep: PodStep, work: () => void): void {
    guardTrap(during, work, () => `step ${this.recover(goodStep)}`);
  }

  private recover(goodStep: PodStep): PodStep {
    const k = this.k;
    this.restoreCheckpoint(this.checkpoints.latestAtOrBefore(goodStep));
    this.frameReset = true;
    this.runTo(goodStep, this.clock.now(), Number.POSITIVE_INFINITY);
    return k.step;
  }

  debugTrap(): TrapReport {
    const k = this.k;
    const step = k.step;
    try {
      this.guard('debug trap', step, () => k.debugTrap());
    } catch (error) {
      if (error instanceof KernelTrap) return { message: error.reason, during: error.during, restoredStep: k.step };
      throw error;
    }
    throw new Error('the kernel did not trap');
  }

  /** Events since the last frame, copied out of linear memory (the caller transfers them). */
  frame(): Frame {
    const k = this.k;
    const step = k.step;
    const reset = this.frameReset || step < this.frameStep;
    const from = reset ? 0 : this.frameStep;
    const events = k.events();
    const frame: Frame = {
      summary: k.summary(),
      firstStep: from,
      arrived: events.arrived.slice(from, step),
      used: events.used.slice(from, step),
      fragment: events.fragment.slice(from, step),
      node: events.node.slice(from, step),
      reset,
    };
    this.frameStep = step;
    this.frameReset = false;
    return frame;
  }

  /** Where every node and GPU sits in the 3D view, with the instance buffers that never change. */
  clusterLayout(): { layout: ClusterLayout; fixed: ClusterStatic } {
    this.layout ??= clusterLayout(this.workload.nodes);
    return { layout: this.layout, fixed: clusterStatic(this.layout) };
  }

  /** The 3D view's instance buffers for the current state. */
  clusterFrame(): ClusterFrame {
    this.layout ??= clusterLayout(this.workload.nodes);
    const view = this.k.clusterView();
    return clusterFrame(this.layout, view, (n) => view.down[n] !== 0);
  }

  /** "Why this node" for the next pod, or null at the end of the workload. */
  explain(): Explanation | null {
    return explainNextPod(this.k);
  }

  query(name: string): number | string {
    return queryMetric(this.k, name);
  }

  inspectNode(idOrName: number | string): NodeInspection {
    return this.k.inspectNode(idOrName);
  }

  commandLog(): StampedCommand[] {
    return this.commands.map((c) => ({ step: c.step, command: { ...c.command } }));
  }

  stateHash(): string {
    return fnv1a64Hex(this.k.stateBytes());
  }

  memory(): { kernelBytes: number; checkpointBytes: number; checkpoints: number; budgetBytes: number } {
    return { kernelBytes: this.kernel?.memoryBytes ?? 0, checkpointBytes: this.checkpoints.bytes(), checkpoints: this.checkpoints.size, budgetBytes: this.checkpoints.budget };
  }

  setCheckpointBudget(bytes: number): void {
    this.checkpoints.setBudget(bytes);
    if (this.kernel) {
      this.interval = Math.max(32, Math.ceil(this.kernel.podCount / this.checkpoints.slots()));
      this.checkpoints.clear();
    }
  }

  /** The kernel, for headless callers (CLI, tests) that read events directly. */
  get current(): GpuPoolKernel {
    return this.k;
  }
}

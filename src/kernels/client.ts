// The main thread's one bridge to the simulation worker. It owns the worker, serialises
// every call through a promise queue (the kernel is single-threaded and calls must not
// interleave), can cancel a long call by terminating the worker, and then rebuilds the
// run in a fresh worker from what it remembers: the workload, the config, the stamped
// kernel commands and the last step it saw. Kernel traps become a reported message; the
// page never goes down with the kernel.
import { proxy, type Remote } from 'comlink';
import { CancelledError, errorMessage, isTrapMessage, WorkerBridge } from './workerBridge';
import type { Frame, KernelCommand, ProgressFn, SimWorkerApi, StampedCommand, TrapReport, WorkloadInfo } from './api';
import type { NodeInspection, PodStep, RunConfig, RunSummary } from './gpupool/types';
import type { ClusterLayout } from './gpupool/layout';
import type { ClusterFrame, ClusterStatic } from './gpupool/viewFrame';
import type { Explanation } from './gpupool/explain';

export { CancelledError, KernelTrapError, TRAP_PREFIX, isTrapMessage } from './workerBridge';

/** What the client needs to rebuild a workload in a fresh worker. */
type WorkloadRecipe =
  | { kind: 'synthetic'; scale: number }
  | { kind: 'trace'; nodes: { name: string; text: string }; pods: { name: string; text: string } };

export interface SimClientEvents {
  /** A kernel trap, already phrased for people. */
  onTrap?: (message: string) => void;
  /** The worker was restarted (after `cancel()`); `restoredStep` is where the run is now. */
  onRestart?: (restoredStep: PodStep) => void;
  /** Any other failure of the worker itself (script error, failed load). */
  onWorkerError?: (message: string) => void;
}

/** A long-running advance can be cut into chunks of about this many milliseconds. */
const REPLAY_BUDGET_MS = 200;

export class SimClient {
  private readonly bridge: WorkerBridge<SimWorkerApi>;
  private recipe: WorkloadRecipe | null = null;
  private config: RunConfig | null = null;
  private log: StampedCommand[] = [];
  private lastStep: PodStep = 0;

  constructor(
    private readonly events: SimClientEvents = {},
    private readonly makeWorker: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.bridge = new WorkerBridge<SimWorkerApi>(makeWorker, events, 'simulation worker');
  }

  /** The step of the last summary any call returned. */
  get step(): PodStep {
    return this.lastStep;
  }

  /** The kernel commands of the current run as this side knows them. */
  get stampedCommands(): readonly StampedCommand[] {
    return this.log;
  }



  private call<T>(fn: (api: Remote<SimWorkerApi>) => Promise<T>): Promise<T> {
    return this.bridge.call(fn);
  }


  private track(summary: RunSummary): RunSummary {
    this.lastStep = summary.step;
    return summary;
  }

  useSynthetic(scale = 1): Promise<WorkloadInfo> {
    return this.call(async (api) => {
      const info = await api.useSynthetic(scale);
      this.recipe = { kind: 'synthetic', scale };
      this.config = null;
      this.log = [];
      this.lastStep = 0;
      return info;
    });
  }

  loadTrace(nodes: { name: string; text: string }, pods: { name: string; text: string }, progress?: ProgressFn): Promise<WorkloadInfo> {
    return this.call(async (api) => {
      const callback = progress ? proxy(progress) : undefined;
      // On a parse error the worker keeps its previous workload, and so does the recipe.
      const info = await api.loadTrace(nodes, pods, callback);
      this.recipe = { kind: 'trace', nodes, pods };
      this.config = null;
      this.log = [];
      this.lastStep = 0;
      return info;
    });
  }

  start(config: RunConfig): Promise<RunSummary> {
    return this.call(async (api) => {
      const summary = await api.start(config);
      this.config = { ...config };
      this.log = [];
      return this.track(summary);
    });
  }

  apply(command: KernelCommand): Promise<RunSummary> {
    return this.call(async (api) => {
      const at = this.lastStep;
      const summary = await api.apply(command);
      // The worker drops any command beyond the current step; mirror that.
      this.log = this.log.filter((c) => c.step <= at);
      this.log.push({ step: at, command });
      return this.track(summary);
    });
  }

  advance(toStep: PodStep, budgetMs: number): Promise<RunSummary> {
    return this.call(async (api) => this.track(await api.advance(toStep, budgetMs)));
  }

  seek(step: PodStep): Promise<RunSummary> {
    return this.call(async (api) => this.track(await api.seek(step)));
  }

  frame(): Promise<Frame> {
    return this.call(async (api) => {
      const frame = await api.frame();
      this.lastStep = frame.summary.step;
      return frame;
    });
  }

  query(name: string): Promise<number | string> {
    return this.call<number | string>((api) => api.query(name));
  }

  inspectNode(idOrName: number | string): Promise<NodeInspection> {
    return this.call((api) => api.inspectNode(idOrName));
  }

  commandLog(): Promise<StampedCommand[]> {
    return this.call((api) => api.commandLog());
  }

  stateHash(): Promise<string> {
    return this.call((api) => api.stateHash());
  }

  memory(): Promise<{ kernelBytes: number; checkpointBytes: number; checkpoints: number; budgetBytes: number }> {
    return this.call((api) => api.memory());
  }

  setCheckpointBudget(bytes: number): Promise<void> {
    return this.call((api) => api.setCheckpointBudget(bytes));
  }

  /** The 3D layout of the current workload and its fixed instance buffers. */
  clusterLayout(): Promise<{ layout: ClusterLayout; fixed: ClusterStatic }> {
    return this.call((api) => api.clusterLayout());
  }

  /** The 3D view's instance buffers for the current state (transferred by the worker). */
  clusterFrame(): Promise<ClusterFrame> {
    return this.call((api) => api.clusterFrame());
  }

  /** "Why this node" for the pod about to be placed, or null at the end of the workload. */
  explain(): Promise<Explanation | null> {
    return this.call((api) => api.explain());
  }

  /** Loads this client's workload into another client (an A/B partner), from what it remembers. */
  async copyWorkloadTo(other: SimClient): Promise<WorkloadInfo> {
    // Wait for every queued call, so the recipe includes a workload still being loaded.
    await this.call(async () => undefined);
    const recipe = this.recipe;
    if (recipe === null) throw new Error('no workload loaded yet');
    return recipe.kind === 'synthetic' ? other.useSynthetic(recipe.scale) : other.loadTrace(recipe.nodes, recipe.pods);
  }

  /** Traps the kernel on purpose; resolves with the worker's report of the recovery. */
  debugTrap(): Promise<TrapReport> {
    return this.call(async (api) => {
      try {
        const report = await api.debugTrap();
        this.lastStep = report.restoredStep;
        this.events.onTrap?.(report.message);
        return report;
      } catch (error) {
        const message = errorMessage(error);
        // A trap that surfaces as a rejection is the expected outcome here, not a failure.
        if (isTrapMessage(message)) {
          const summary = await api.query('step').catch(() => this.lastStep);
          const step = typeof summary === 'number' ? summary : this.lastStep;
          this.lastStep = step;
          this.events.onTrap?.(message);
          return { message, during: 'debug trap', restoredStep: step };
        }
        throw error;
      }
    });
  }

  /**
   * Stops whatever the worker is doing by terminating it, then starts a new worker and
   * rebuilds the run: workload, start, every stamped command at its step, and a seek to the
   * last step seen. Calls in flight reject with `CancelledError`.
   */
  async cancel(): Promise<RunSummary | null> {
    const recipe = this.recipe;
    const config = this.config;
    const log = this.log.slice();
    const target = this.lastStep;
    this.bridge.restart();
    if (recipe === null) return null;
    const summary = await this.call(async (api) => {
      if (recipe.kind === 'synthetic') await api.useSynthetic(recipe.scale);
      else await api.loadTrace(recipe.nodes, recipe.pods);
      if (config === null) return null;
      let s = await api.start(config);
      for (const stamped of log) {
        while (s.step < stamped.step && s.step < s.pods) s = await api.advance(stamped.step, REPLAY_BUDGET_MS);
        s = await api.apply(stamped.command);
      }
      s = await api.seek(target);
      return s;
    });
    this.recipe = recipe;
    this.config = config;
    this.log = log;
    if (summary) this.track(summary);
    this.events.onRestart?.(summary ? summary.step : 0);
    return summary;
  }

  dispose(): void {
    this.bridge.dispose();
  }
}

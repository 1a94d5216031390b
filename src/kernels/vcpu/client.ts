// The main thread's one bridge to a vCPU worker. It owns the worker, serialises every call
// (the kernel is single-threaded), can cancel a long call by terminating the worker, and then
// rebuilds the run in a fresh worker from what it remembers: the config, the seed, the
// scripted schedule, the commands given and the last time it saw. A kernel trap is reported
// with what the worker restored; the page never goes down with the kernel.
import type { Remote } from 'comlink';
import { DEFAULT_SEED, type VcpuFrame, type VcpuStatus, type VcpuTrapReport, type VcpuWorkerApi } from './api';
import type { VcpuCommand, VcpuConfig, SimNs, StampedVcpuCommand } from './types';
import { errorMessage, KernelTrapError, WorkerBridge } from '../workerBridge';

export interface VcpuClientEvents {
  /** The kernel trapped; the worker is back at `report.restoredNs`. */
  onTrap?: (report: VcpuTrapReport) => void;
  /** A cancel rebuilt the run in a fresh worker, at this time. */
  onRestart?: (restoredNs: SimNs) => void;
  onWorkerError?: (message: string) => void;
}

/** What a rebuilt worker needs to be where this one was. */
interface RunMemory {
  config: VcpuConfig;
  seed: number;
  schedule: StampedVcpuCommand[];
  applied: StampedVcpuCommand[];
}

export class VcpuClient {
  private readonly bridge: WorkerBridge<VcpuWorkerApi>;
  private run: RunMemory | null = null;
  private lastNs: SimNs = 0;
  private lastStopped = false;

  constructor(
    private readonly events: VcpuClientEvents = {},
    makeWorker: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  ) {
    // Traps are reported here, with the worker's report; the bridge only passes worker failures on.
    this.bridge = new WorkerBridge<VcpuWorkerApi>(makeWorker, { onWorkerError: events.onWorkerError }, 'vcpu worker');
  }

  /** Simulated time of the last status any call returned. */
  get now(): SimNs {
    return this.lastNs;
  }

  /** Whether the last status said the run stopped at a violation. */
  get stopped(): boolean {
    return this.lastStopped;
  }

  private async call<T>(fn: (api: Remote<VcpuWorkerApi>) => Promise<T>): Promise<T> {
    try {
      return await this.bridge.call(fn);
    } catch (error) {
      if (error instanceof KernelTrapError) await this.reportTrap(error);
      throw error;
    }
  }

  private async reportTrap(error: KernelTrapError): Promise<void> {
    let report: VcpuTrapReport | null = null;
    try {
      report = await this.bridge.call((api) => api.lastTrap());
    } catch (asking) {
      report = { message: `${error.message} (the report could not be read: ${errorMessage(asking)})`, during: 'unknown', restoredNs: this.lastNs };
    }
    report ??= { message: error.message, during: 'unknown', restoredNs: this.lastNs };
    this.lastNs = report.restoredNs;
    this.events.onTrap?.(report);
  }

  private track(status: VcpuStatus): VcpuStatus {
    this.lastNs = status.now;
    this.lastStopped = status.stopped;
    return status;
  }

  start(config: VcpuConfig, schedule: StampedVcpuCommand[] = [], seed = DEFAULT_SEED): Promise<VcpuStatus> {
    return this.call(async (api) => {
      const status = await api.start(config, schedule, seed);
      this.run = { config, seed, schedule, applied: [] };
      return this.track(status);
    });
  }

  /**
   * Rebuilds a run in the worker from its description: config, scripted schedule, the
   * commands given during the run at their times, then the time to show.
   */
  replay(config: VcpuConfig, schedule: StampedVcpuCommand[], commands: StampedVcpuCommand[], toNs: SimNs, seed = DEFAULT_SEED): Promise<VcpuStatus> {
    return this.call(async (api) => {
      const status = await api.replay(config, schedule, commands, toNs, seed);
      // A command stamped after a stop was not applied; a rebuild skips it again the same way.
      this.run = { config, seed, schedule, applied: commands.slice() };
      return this.track(status);
    });
  }

  /** Applies a fault now; the commands given later on the old timeline are forgotten, as in the worker. */
  apply(command: VcpuCommand): Promise<{ status: VcpuStatus; applied: boolean }> {
    return this.call(async (api) => {
      const at = this.lastNs;
      const result = await api.apply(command);
      if (result.applied && this.run) {
        this.run.applied = this.run.applied.filter((c) => c.at <= at);
        this.run.applied.push({ at, command });
      }
      this.track(result.status);
      return result;
    });
  }

  advance(toNs: SimNs, budgetMs: number): Promise<VcpuStatus> {
    return this.call(async (api) => this.track(await api.advance(toNs, budgetMs)));
  }

  seek(ns: SimNs): Promise<VcpuStatus> {
    return this.call(async (api) => this.track(await api.seek(ns)));
  }

  frame(): Promise<VcpuFrame> {
    return this.call((api) => api.frame());
  }

  commandLog(): Promise<StampedVcpuCommand[]> {
    return this.call((api) => api.commandLog());
  }

  stateHash(): Promise<string> {
    return this.call((api) => api.stateHash());
  }

  memory(): Promise<{ kernelBytes: number; checkpointBytes: number; checkpoints: number }> {
    return this.call((api) => api.memory());
  }

  /**
   * Stops whatever the worker is doing by terminating it, starts a new one and rebuilds the
   * run: config, seed, schedule, every applied command at its time, then the last time seen.
   * Calls pending at the cancel reject with CancelledError.
   */
  async cancel(): Promise<VcpuStatus | null> {
    const run = this.run;
    const target = this.lastNs;
    this.bridge.restart();
    if (run === null) return null;
    const status = await this.call((api) => api.replay(run.config, run.schedule, run.applied, target, run.seed));
    this.track(status);
    this.events.onRestart?.(status.now);
    return status;
  }

  dispose(): void {
    this.bridge.dispose();
  }
}

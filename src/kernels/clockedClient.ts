// The main thread's one bridge to a worker of a kernel with a simulated clock (LogIndex, vCPU).
// It owns the worker, serialises every call (the kernel is single-threaded), can cancel a
// long call by terminating the worker, and then rebuilds the run in a fresh worker from what
// it remembers: the config, the seed, the scripted schedule, the commands given and the last
// time it saw. A kernel trap is reported with what the worker restored; the page never goes
// down with the kernel. Each kernel's client.ts names its worker and adds its own reads.
import type { Remote } from 'comlink';
import { errorMessage, KernelTrapError, WorkerBridge } from './workerBridge';

type SimNs = number;

export interface ClockedStatus {
  now: SimNs;
  /** The checker turned the verdict red: the run does not go on. */
  stopped: boolean;
}

export interface ClockedTrapReport {
  message: string;
  during: string;
  restoredNs: SimNs;
}

export interface Stamped<Command> {
  at: SimNs;
  command: Command;
}

/** What every clocked kernel's worker API has in common (its api.ts declares it in full). */
export interface ClockedWorkerApi<Config, Command, Frame> {
  start(config: Config, schedule?: Stamped<Command>[], seed?: number): Promise<ClockedStatus>;
  replay(config: Config, schedule: Stamped<Command>[], commands: Stamped<Command>[], toNs: SimNs, seed?: number): Promise<ClockedStatus>;
  apply(command: Command): Promise<{ status: ClockedStatus; applied: boolean }>;
  advance(toNs: SimNs, budgetMs: number): Promise<ClockedStatus>;
  seek(ns: SimNs): Promise<ClockedStatus>;
  frame(): Promise<Frame>;
  commandLog(): Promise<Stamped<Command>[]>;
  stateHash(): Promise<string>;
  memory(): Promise<{ kernelBytes: number; checkpointBytes: number; checkpoints: number }>;
  lastTrap(): Promise<ClockedTrapReport | null>;
}

export interface ClockedClientEvents {
  /** The kernel trapped; the worker is back at `report.restoredNs`. */
  onTrap?: (report: ClockedTrapReport) => void;
  /** A cancel rebuilt the run in a fresh worker, at this time. */
  onRestart?: (restoredNs: SimNs) => void;
  onWorkerError?: (message: string) => void;
}

/** What a rebuilt worker needs to be where this one was. */
interface RunMemory<Config, Command> {
  config: Config;
  seed: number;
  schedule: Stamped<Command>[];
  applied: Stamped<Command>[];
}

export class ClockedKernelClient<Config, Command, Frame, Api extends ClockedWorkerApi<Config, Command, Frame>> {
  private readonly bridge: WorkerBridge<Api>;
  private run: RunMemory<Config, Command> | null = null;
  private lastNs: SimNs = 0;
  private lastStopped = false;

  constructor(private readonly events: ClockedClientEvents, makeWorker: () => Worker, name: string, private readonly defaultSeed: number) {
    // Traps are reported here, with the worker's report; the bridge only passes worker failures on.
    this.bridge = new WorkerBridge<Api>(makeWorker, { onWorkerError: events.onWorkerError }, name);
  }

  /** Simulated time of the last status any call returned. */
  get now(): SimNs {
    return this.lastNs;
  }

  /** Whether the last status said the run stopped at a violation. */
  get stopped(): boolean {
    return this.lastStopped;
  }

  /** A call on the kernel's whole API (a subclass's own reads). */
  protected async callApi<T>(fn: (api: Remote<Api>) => Promise<T>): Promise<T> {
    try {
      return await this.bridge.call(fn);
    } catch (error) {
      if (error instanceof KernelTrapError) await this.reportTrap(error);
      throw error;
    }
  }

  /**
   * A call on the API every clocked kernel shares. Its methods all return promises of
   * structured-clonable values, so comlink's Remote of it has the same signatures; TypeScript
   * cannot see that through the generic parameters, hence the one cast.
   */
  private call<T>(fn: (api: ClockedWorkerApi<Config, Command, Frame>) => Promise<T>): Promise<T> {
    return this.callApi((remote) => fn(remote as unknown as ClockedWorkerApi<Config, Command, Frame>));
  }

  private async reportTrap(error: KernelTrapError): Promise<void> {
    let report: ClockedTrapReport | null = null;
    try {
      report = await this.bridge.call((api) => (api as unknown as ClockedWorkerApi<Config, Command, Frame>).lastTrap());
    } catch (asking) {
      report = { message: `${error.message} (the report could not be read: ${errorMessage(asking)})`, during: 'unknown', restoredNs: this.lastNs };
    }
    report ??= { message: error.message, during: 'unknown', restoredNs: this.lastNs };
    this.lastNs = report.restoredNs;
    this.events.onTrap?.(report);
  }

  private track(status: ClockedStatus): ClockedStatus {
    this.lastNs = status.now;
    this.lastStopped = status.stopped;
    return status;
  }

  start(config: Config, schedule: Stamped<Command>[] = [], seed = this.defaultSeed): Promise<ClockedStatus> {
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
  replay(config: Config, schedule: Stamped<Command>[], commands: Stamped<Command>[], toNs: SimNs, seed = this.defaultSeed): Promise<ClockedStatus> {
    return this.call(async (api) => {
      const status = await api.replay(config, schedule, commands, toNs, seed);
      // A command stamped after a stop was not applied; a rebuild skips it again the same way.
      this.run = { config, seed, schedule, applied: commands.slice() };
      return this.track(status);
    });
  }

  /** Applies a fault now; the commands given later on the old timeline are forgotten, as in the worker. */
  apply(command: Command): Promise<{ status: ClockedStatus; applied: boolean }> {
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

  advance(toNs: SimNs, budgetMs: number): Promise<ClockedStatus> {
    return this.call(async (api) => this.track(await api.advance(toNs, budgetMs)));
  }

  seek(ns: SimNs): Promise<ClockedStatus> {
    return this.call(async (api) => this.track(await api.seek(ns)));
  }

  frame(): Promise<Frame> {
    return this.call((api) => api.frame());
  }

  commandLog(): Promise<Stamped<Command>[]> {
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
  async cancel(): Promise<ClockedStatus | null> {
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

// The main thread's one bridge to a raft worker. It owns the worker, serialises every call
// through a promise queue (the kernel is single-threaded), can cancel a long call by
// terminating the worker, and then rebuilds the run in a fresh worker from what it
// remembers: the config, the scripted schedule, the stamped commands and the last time it
// saw. Kernel traps become a reported message; the page never goes down with the kernel.
import type { Remote } from 'comlink';
import type { RaftEntryInfo, RaftFrame, RaftStatus, RaftTrapReport, RaftWorkerApi, WindowRequest } from './api';
import type { RaftCommand, RaftConfig, SimNs, StampedRaftCommand } from './types';
import { WorkerBridge } from '../workerBridge';

export interface RaftClientEvents {
  onTrap?: (message: string) => void;
  onRestart?: (restoredNs: SimNs) => void;
  onWorkerError?: (message: string) => void;
}

export class RaftClient {
  private readonly bridge: WorkerBridge<RaftWorkerApi>;
  private config: RaftConfig | null = null;
  private schedule: StampedRaftCommand[] = [];
  private applied: StampedRaftCommand[] = [];
  private lastNs: SimNs = 0;
  /** Whether the worker checks P9 as the run goes; a rebuilt worker does as this one did. */
  private live = true;

  constructor(
    private readonly events: RaftClientEvents = {},
    private readonly makeWorker: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.bridge = new WorkerBridge<RaftWorkerApi>(makeWorker, events, 'raft worker');
  }

  /** Simulated time of the last status any call returned. */
  get now(): SimNs {
    return this.lastNs;
  }



  private call<T>(fn: (api: Remote<RaftWorkerApi>) => Promise<T>): Promise<T> {
    return this.bridge.call(fn);
  }


  private track(status: RaftStatus): RaftStatus {
    this.lastNs = status.now;
    return status;
  }

  start(config: RaftConfig, schedule: StampedRaftCommand[] = [], liveCheck = this.live): Promise<RaftStatus> {
    return this.call(async (api) => {
      const status = await api.start(config, schedule, liveCheck);
      this.live = liveCheck;
      this.config = config;
      this.schedule = schedule;
      this.applied = [];
      return this.track(status);
    });
  }

  /**
   * Rebuilds a run in the worker from its description: config, scripted schedule, the
   * commands given during the run at their times, then the time to show.
   */
  replay(config: RaftConfig, schedule: StampedRaftCommand[], commands: StampedRaftCommand[], toNs: SimNs, liveCheck = this.live): Promise<RaftStatus> {
    return this.call(async (api) => {
      const status = await api.replay(config, schedule, commands, toNs, liveCheck);
      this.live = liveCheck;
      this.config = config;
      this.schedule = schedule;
      // A command stamped after a stop was not applied; a rebuild skips it again the same way.
      this.applied = commands.slice();
      return this.track(status);
    });
  }

  /** The live P9 check off, or on again: then the worker rebuilds the run to where it is. */
  liveCheck(on: boolean): Promise<RaftStatus> {
    return this.call(async (api) => {
      const status = await api.liveCheck(on);
      this.live = on;
      return this.track(status);
    });
  }

  apply(command: RaftCommand): Promise<RaftStatus> {
    return this.call(async (api) => {
      const at = this.lastNs;
      const status = await api.apply(command);
      this.applied = this.applied.filter((c) => c.at <= at);
      this.applied.push({ at, command });
      return this.track(status);
    });
  }

  advance(toNs: SimNs, budgetMs: number): Promise<RaftStatus> {
    return this.call(async (api) => this.track(await api.advance(toNs, budgetMs)));
  }

  seek(ns: SimNs): Promise<RaftStatus> {
    return this.call(async (api) => this.track(await api.seek(ns)));
  }

  frame(window: WindowRequest): Promise<RaftFrame> {
    return this.call((api) => api.frame(window));
  }

  entry(node: number, index: number): Promise<RaftEntryInfo | null> {
    return this.call((api) => api.entry(node, index));
  }

  query(name: string): Promise<number> {
    return this.call((api) => api.query(name));
  }

  commandLog(): Promise<StampedRaftCommand[]> {
    return this.call((api) => api.commandLog());
  }

  stateHash(): Promise<string> {
    return this.call((api) => api.stateHash());
  }

  memory(): Promise<{ kernelBytes: number; checkpointBytes: number; checkpoints: number }> {
    return this.call((api) => api.memory());
  }

  debugTrap(): Promise<RaftTrapReport> {
    return this.call(async (api) => {
      const report = await api.debugTrap();
      this.lastNs = report.restoredNs;
      this.events.onTrap?.(report.message);
      return report;
    });
  }

  /**
   * Stops whatever the worker is doing by terminating it, starts a new one and rebuilds the
   * run: config, schedule, every applied command at its time, then the last time seen.
   */
  async cancel(): Promise<RaftStatus | null> {
    const config = this.config;
    const schedule = this.schedule;
    const applied = this.applied.slice();
    const target = this.lastNs;
    this.bridge.restart();
    if (config === null) return null;
    const status = await this.call((api) => api.replay(config, schedule, applied, target, this.live));
    this.config = config;
    this.schedule = schedule;
    this.applied = applied;
    this.track(status);
    this.events.onRestart?.(status.now);
    return status;
  }

  dispose(): void {
    this.bridge.dispose();
  }
}

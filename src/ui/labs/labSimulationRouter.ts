// One simulation for the lab controller whatever the lab's kernel: set-up picks the GPU pool
// (the app's worker) or the raft tab by the scenario's shape, and every later call goes to
// that one. Opening a raft lab switches to the raft tab; a GPU-pool lab switches back.
import type { Command, CommandResult } from '../../commands/types';
import type { NodeInspection } from '../../kernels/gpupool/types';
import { isRaftScenario, type AnyLabScenario } from '../../labs/lab';
import type { LabSimulation } from '../../labs/simulation';
import type { RaftTab } from '../raft/raftTab.svelte';
import type { BrowserLabSimulation } from './browserLabSimulation';
import { BrowserRaftLabSimulation } from './browserRaftLabSimulation';

export class LabSimulationRouter implements LabSimulation {
  private readonly raft: BrowserRaftLabSimulation;
  private current: BrowserLabSimulation | BrowserRaftLabSimulation;

  constructor(private readonly gpu: BrowserLabSimulation, private readonly tab: RaftTab) {
    this.raft = new BrowserRaftLabSimulation(tab.bus, tab);
    this.current = gpu;
  }

  /** Runs `work` with every look-ahead on scratch workers (see each simulation). */
  async lookingAhead<T>(work: () => Promise<T>): Promise<T> {
    this.raft.lookAhead = true;
    this.raft.invalidateScratch();
    try {
      return await this.gpu.lookingAhead(work);
    } finally {
      this.raft.lookAhead = false;
    }
  }

  async setUp(scenario: AnyLabScenario, seed: number): Promise<string[]> {
    if (isRaftScenario(scenario)) {
      this.current = this.raft;
      return this.raft.setUp(scenario, seed);
    }
    this.current = this.gpu;
    if (this.tab.active) await this.tab.bus.dispatch({ name: 'raft', action: 'close' }, 'lab');
    return this.gpu.setUp(scenario, seed);
  }

  execute(command: Command): Promise<CommandResult> {
    return this.current.execute(command);
  }

  executeLive(command: Command): Promise<CommandResult> {
    return this.current.executeLive(command);
  }

  untilPaused(): Promise<void> {
    return this.current.untilPaused();
  }

  query(metric: string): Promise<number | string | boolean> {
    return this.current.query(metric);
  }

  inspectNode(node: number | string): Promise<NodeInspection> {
    return this.current.inspectNode(node);
  }

  seek(step: number): Promise<void> {
    return this.current.seek(step);
  }

  stateHash(): Promise<string> {
    return this.current.stateHash();
  }

  dispose(): void {
    this.gpu.dispose();
    this.raft.dispose();
  }
}

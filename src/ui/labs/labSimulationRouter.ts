// One simulation for the lab controller whatever the lab's kernel: set-up is told the lab's
// `kernel:` and loads that kernel's browser simulation (kernelLabSimulation.ts); every later
// call goes to it. A tab of another kernel in front (the bus's `front`) is put away first.
import type { Command, CommandResult } from '../../commands/types';
import type { AnyLabScenario, LabKernel, LabSimulation } from '../../labs';
import { loadBrowserLabKernel, type BrowserLabKernel, type LabApp } from './kernelLabSimulation';

export class LabSimulationRouter implements LabSimulation {
  private readonly loading = new Map<LabKernel, Promise<BrowserLabKernel>>();
  private readonly loaded: BrowserLabKernel[] = [];
  private current: BrowserLabKernel | null = null;
  private lookAhead = false;

  constructor(private readonly app: LabApp) {}

  private simulation(kernel: LabKernel): Promise<BrowserLabKernel> {
    let sim = this.loading.get(kernel);
    if (sim === undefined) {
      sim = loadBrowserLabKernel(kernel).then((factory) => {
        const made = factory(this.app);
        made.setLookAhead(this.lookAhead);
        this.loaded.push(made);
        return made;
      });
      // A failed load may be retried by the next lab.
      sim.catch(() => this.loading.delete(kernel));
      this.loading.set(kernel, sim);
    }
    return sim;
  }

  private get active(): BrowserLabKernel {
    if (this.current === null) throw new Error('no lab is set up');
    return this.current;
  }

  /** Runs `work` with every look-ahead on scratch workers (see BrowserLabKernel.setLookAhead). */
  async lookingAhead<T>(work: () => Promise<T>): Promise<T> {
    this.lookAhead = true;
    for (const sim of this.loaded) sim.setLookAhead(true);
    try {
      return await work();
    } finally {
      this.lookAhead = false;
      for (const sim of this.loaded) sim.setLookAhead(false);
    }
  }

  async setUp(scenario: AnyLabScenario, seed: number, kernel: LabKernel): Promise<string[]> {
    const front = this.app.bus.front;
    if (front !== null && front !== kernel) await (await this.simulation(front)).hide?.();
    this.current = await this.simulation(kernel);
    return this.current.setUp(scenario, seed, kernel);
  }

  execute(command: Command): Promise<CommandResult> {
    return this.active.execute(command);
  }

  executeLive(command: Command): Promise<CommandResult> {
    return this.active.executeLive(command);
  }

  untilPaused(): Promise<void> {
    return this.active.untilPaused();
  }

  query(metric: string): Promise<number | string | boolean> {
    return this.active.query(metric);
  }

  inspectNode(node: number | string): ReturnType<LabSimulation['inspectNode']> {
    return this.active.inspectNode(node);
  }

  seek(step: number): Promise<void> {
    return this.active.seek(step);
  }

  stateHash(): Promise<string> {
    return this.active.stateHash();
  }

  dispose(): void {
    for (const sim of this.loaded) sim.dispose();
  }
}

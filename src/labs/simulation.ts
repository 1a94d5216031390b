// What the lab engine needs from a simulation. In Node (verify, tests) it is the headless
// GPU pool below; in the app it is an adapter over the worker and the command bus. Every
// method is async so the worker can sit behind it.
import type { Command, CommandResult } from '../commands/types';
import type { NodeInspection } from '../kernels/gpupool/types';
import type { AnyLabScenario, LabKernel } from './lab';

export interface LabSimulation {
  /**
   * Puts the lab's scenario in place (as its kernel reads it: workload, policy... or mode,
   * iodepth...) with the run at its start. `kernel` is the lab's `kernel:`; a simulation of
   * several kernels (the app's) picks by it. Returns notes for the learner, e.g. that a trace
   * fell back to the synthetic workload.
   */
  setUp(scenario: AnyLabScenario, seed: number, kernel: LabKernel): Promise<string[]>;
  /**
   * Runs one command to completion: `run` submits every remaining pod before resolving
   * (a UI may animate, but must resolve only at the end).
   */
  execute(command: Command): Promise<CommandResult>;
  /**
   * A metric of the current state: a GPU-pool `query` metric, or a raft metric (RAFT_METRICS;
   * `sideBySide` is true/false). The engine also reads `step` (the run's position, which
   * `seek` takes: a step, or simulated ns for raft), `placed` and `failed`.
   */
  query(metric: string): Promise<number | string | boolean>;
  inspectNode(node: number | string): Promise<NodeInspection>;
  /** Goes to a step of the current run (used to come back after a predict looked ahead). */
  seek(step: number): Promise<void>;
  /**
   * Equal hashes mean equal kernel state and equal command logs (the log is the run's
   * future: a fault left in it would replay on the next step). `lab verify` compares it
   * before and after every predict to prove the look-ahead left no trace.
   */
  stateHash(): Promise<string>;
  /**
   * A copy of the run (same state, same command log) whose commands never reach this one:
   * a predict whose forward injects a fault looks ahead on it. A simulation without it is
   * already a look-ahead copy (the app runs predicts on scratch workers, see lookingAhead in
   * src/ui/labs).
   */
  scratchCopy?(): Promise<LabSimulation>;
}

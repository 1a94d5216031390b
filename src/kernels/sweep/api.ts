// The API of a browser sweep worker, declared once for both sides.
import type { RunConfig } from '../gpupool/types';
import type { RunResult } from '../gpupool/runResult';

export interface SweepTrace {
  name: string;
  text: string;
}

export interface SweepJob {
  /** Pod trace name, or null for the synthetic workload. */
  pods: string | null;
  config: RunConfig;
}

export interface SweepWorkerApi {
  /** Hands the worker the node file and the pod files it may be asked to run. */
  prepare(nodes: SweepTrace | null, pods: SweepTrace[]): Promise<void>;
  run(job: SweepJob): Promise<RunResult>;
}

// The paper's sweep in the browser: jobs spread over a pool of workers (one per core),
// with progress and cancel. Cancel terminates the workers: a running wasm loop cannot be
// interrupted any other way.
import * as Comlink from 'comlink';
import type { SweepJob, SweepTrace, SweepWorkerApi } from './api';
import type { RunResult } from '../gpupool/runResult';

export interface SweepProgress {
  done: number;
  total: number;
  last: RunResult | null;
}

export class SweepCancelled extends Error {
  constructor() {
    super('sweep cancelled');
  }
}

export class SweepPool {
  private workers: Worker[] = [];
  private cancelled = false;
  private rejectRun: ((error: Error) => void) | null = null;

  constructor(private readonly threads = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2))) {}

  async run(nodes: SweepTrace | null, pods: SweepTrace[], jobs: SweepJob[], onProgress: (p: SweepProgress) => void): Promise<RunResult[]> {
    this.cancelled = false;
    const results: RunResult[] = new Array(jobs.length);
    const count = Math.min(this.threads, jobs.length);
    this.workers = Array.from({ length: count }, () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
    const remotes = this.workers.map((w) => Comlink.wrap<SweepWorkerApi>(w));
    let next = 0;
    let done = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        this.rejectRun = reject;
        const lane = async (remote: Comlink.Remote<SweepWorkerApi>) => {
          await remote.prepare(nodes, pods);
          while (next < jobs.length && !this.cancelled) {
            const index = next++;
            results[index] = await remote.run(jobs[index]);
            done++;
            onProgress({ done, total: jobs.length, last: results[index] });
          }
        };
        Promise.all(remotes.map(lane)).then(() => (this.cancelled ? reject(new SweepCancelled()) : resolve()), reject);
      });
    } finally {
      this.terminate();
    }
    return results;
  }

  cancel(): void {
    this.cancelled = true;
    this.terminate();
    this.rejectRun?.(new SweepCancelled());
  }

  private terminate(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}

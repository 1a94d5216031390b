// The paper's sweep headless: every trace x policy x seed on all cores (worker threads),
// with a progress line on stderr, written as the artifact's analysis_allo_discrete.csv.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { RunConfig } from './types';
import { allocCsvHeader, allocCsvRow, type RunResult } from './runResult';

export interface SweepJob {
  id: number;
  podsPath: string | undefined;
  config: RunConfig;
}

export interface SweepPlan {
  nodesPath: string | undefined;
  podsPaths: (string | undefined)[];
  configs: RunConfig[];
  out: string | undefined;
  threads?: number;
  /** Only these job indices (a shard of the grid), in this order; all when absent. */
  only?: readonly number[];
}

export async function runSweep(plan: SweepPlan, log: (line: string) => void): Promise<RunResult[]> {
  const grid: Omit<SweepJob, 'id'>[] = [];
  for (const podsPath of plan.podsPaths) for (const config of plan.configs) grid.push({ podsPath, config });
  const jobs: SweepJob[] = (plan.only ?? grid.map((_, i) => i)).map((g, id) => ({ id, ...grid[g] }));
  const threads = Math.max(1, Math.min(plan.threads ?? availableParallelism(), jobs.length));
  const results: RunResult[] = new Array(jobs.length);
  const started = performance.now();
  let next = 0;
  let done = 0;
  let lastPercent = -1;
  const progress = () => {
    const percent = Math.floor((100 * done) / jobs.length);
    // One line per percent: enough to watch, not a flood in a CI log.
    if (percent === lastPercent && done !== jobs.length) return;
    lastPercent = percent;
    const elapsed = (performance.now() - started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (jobs.length - done) : 0;
    log(`sweep ${done}/${jobs.length} runs (${percent}%), ${elapsed.toFixed(1)} s elapsed, ~${eta.toFixed(0)} s left, ${threads} threads`);
  };
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    const finish = (error?: Error) => {
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(new URL('./sweep-worker.mjs', import.meta.url), { workerData: { nodesPath: plan.nodesPath } });
      workers.push(worker);
      const feed = () => {
        if (next < jobs.length) worker.postMessage(jobs[next++]);
      };
      worker.on('message', (message: { id: number; result?: RunResult; error?: string }) => {
        if (message.error) {
          const job = jobs[message.id];
          finish(new Error(`${job.podsPath ?? 'synthetic'} ${job.config.policy} seed ${job.config.seed}: ${message.error}`));
          return;
        }
        results[message.id] = message.result!;
        done++;
        progress();
        if (done === jobs.length) finish();
        else feed();
      });
      worker.on('error', (error) => finish(error));
      feed();
    }
  });
  if (plan.out) {
    writeFileSync(plan.out, [allocCsvHeader(), ...results.map(allocCsvRow)].join('\n') + '\n');
  }
  return results;
}

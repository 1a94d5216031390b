// A sweep worker thread: keeps parsed workloads, runs the jobs it is sent, returns results.
import { parentPort, workerData } from 'node:worker_threads';
import { loadGpupoolModule, loadWorkload } from './cliWorkload';
import { runOnce } from './runResult';
import type { SweepJob } from './cliSweep';
import type { Workload } from './workload';

const module = loadGpupoolModule();
const workloads = new Map<string, Workload>();
const nodesPath: string | undefined = workerData.nodesPath;

parentPort!.on('message', (job: SweepJob) => {
  try {
    let workload = workloads.get(job.podsPath ?? '');
    if (!workload) {
      workload = loadWorkload(nodesPath, job.podsPath);
      workloads.set(job.podsPath ?? '', workload);
    }
    parentPort!.postMessage({ id: job.id, result: runOnce(module, workload, job.config) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});

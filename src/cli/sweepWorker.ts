// A sweep worker thread: keeps parsed workloads, runs the jobs it is sent, returns results.
import { parentPort, workerData } from 'node:worker_threads';
import { loadGpupoolModule, loadWorkload } from './runtime';
import { runOnce } from '../kernels/gpupool/runResult';
import type { SweepJob } from './sweep';
import type { Workload } from '../kernels/gpupool/workload';

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

// A browser sweep worker: the same gpupool.wasm and the same run code as the CLI's threads.
import * as Comlink from 'comlink';
import wasmUrl from '../../../build/wasm/gpupool.wasm?url&no-inline';
import type { SweepTrace, SweepWorkerApi } from './api';
import { runOnce } from '../gpupool/runResult';
import { syntheticWorkload, traceWorkload, type Workload } from '../gpupool/workload';

let module: Promise<WebAssembly.Module> | null = null;
let nodes: SweepTrace | null = null;
const podTexts = new Map<string, SweepTrace>();
const workloads = new Map<string, Workload>();

const ref = (t: SweepTrace) => ({ name: t.name, text: t.text, ref: { name: t.name, bytes: t.text.length, hash: '' } });

function workloadFor(pods: string | null): Workload {
  const key = pods ?? '';
  let w = workloads.get(key);
  if (!w) {
    if (pods === null) w = syntheticWorkload();
    else {
      const podTrace = podTexts.get(pods);
      if (!podTrace || !nodes) throw new Error(`the sweep worker was not given ${pods}`);
      w = traceWorkload(ref(nodes), ref(podTrace));
    }
    workloads.set(key, w);
  }
  return w;
}

const api: SweepWorkerApi = {
  async prepare(nodeTrace, pods) {
    nodes = nodeTrace;
    podTexts.clear();
    workloads.clear();
    for (const p of pods) podTexts.set(p.name, p);
    module ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch(async () =>
      WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer()));
    await module;
  },
  async run(job) {
    return runOnce(await module!, workloadFor(job.pods), job.config);
  },
};

Comlink.expose(api);

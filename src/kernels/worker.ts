// The simulation worker: hosts one GPU-pool session behind comlink. It never imports UI code.
import * as Comlink from 'comlink';
import wasmUrl from '../../build/wasm/gpupool.wasm?url&no-inline';
import type { Frame, SimWorkerApi, ProgressFn } from './api';
import { GpuPoolSession } from './gpupool/session';
import { KernelTrap } from './gpupool/kernel';

let sessionPromise: Promise<GpuPoolSession> | null = null;

function session(): Promise<GpuPoolSession> {
  sessionPromise ??= (async () => {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`could not load the kernel (${wasmUrl}): HTTP ${response.status}`);
    const module = await WebAssembly.compile(await response.arrayBuffer());
    return new GpuPoolSession(module);
  })();
  return sessionPromise;
}

/** Keeps trap errors recognisable on the main thread after comlink serialises them. */
async function run<T>(work: (s: GpuPoolSession) => T): Promise<T> {
  const s = await session();
  try {
    return work(s);
  } catch (error) {
    if (error instanceof KernelTrap) throw new Error(error.message);
    throw error instanceof Error ? error : new Error(String(error));
  }
}

const api: SimWorkerApi = {
  useSynthetic: () => run((s) => s.useSynthetic()),
  loadTrace: (nodes, pods, progress?: ProgressFn) => run((s) => s.loadTrace(nodes, pods, progress)),
  start: (config) => run((s) => s.start(config)),
  apply: (command) => run((s) => s.apply(command)),
  advance: (toStep, budgetMs) => run((s) => s.advance(toStep, budgetMs)),
  seek: (step) => run((s) => s.seek(step)),
  frame: () =>
    run((s) => {
      const frame: Frame = s.frame();
      return Comlink.transfer(frame, [frame.arrived.buffer, frame.used.buffer, frame.fragment.buffer, frame.node.buffer]);
    }),
  query: (name) => run((s) => s.query(name)),
  inspectNode: (id) => run((s) => s.inspectNode(id)),
  commandLog: () => run((s) => s.commandLog()),
  stateHash: () => run((s) => s.stateHash()),
  memory: () => run((s) => s.memory()),
  setCheckpointBudget: (bytes) => run((s) => s.setCheckpointBudget(bytes)),
  debugTrap: () => run((s) => s.debugTrap()),
};

Comlink.expose(api);

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
  useSynthetic: (scale) => run((s) => s.useSynthetic(scale)),
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
  clusterLayout: () =>
    run((s) => {
      const result = s.clusterLayout();
      // The layout stays cached in the session: send copies of its arrays, transfer the rest.
      const layout = { ...result.layout, nodeCentre: result.layout.nodeCentre.slice(), nodeSize: result.layout.nodeSize.slice(),
        gpuCentre: result.layout.gpuCentre.slice(), nodeFirstGpu: result.layout.nodeFirstGpu.slice(), gpuNode: result.layout.gpuNode.slice() };
      return Comlink.transfer({ layout, fixed: result.fixed }, [result.fixed.nodeMatrices.buffer, result.fixed.shellMatrices.buffer,
        layout.nodeCentre.buffer, layout.nodeSize.buffer, layout.gpuCentre.buffer, layout.nodeFirstGpu.buffer, layout.gpuNode.buffer]);
    }),
  clusterFrame: () =>
    run((s) => {
      const f = s.clusterFrame();
      return Comlink.transfer(f, [f.fillMatrices.buffer, f.fillColours.buffer, f.nodeColours.buffer, f.nodeCategory.buffer]);
    }),
  explain: () => run((s) => s.explain()),
};

Comlink.expose(api);

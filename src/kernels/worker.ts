// The simulation worker: hosts one GPU-pool session behind comlink. It never imports UI code.
import * as Comlink from 'comlink';
import wasmUrl from '../../build/wasm/gpupool.wasm?url&no-inline';
import type { Frame, SimWorkerApi, ProgressFn } from './api';
import { GpuPoolSession } from './gpupool/session';
import { workerHost } from './workerHost';

const run = workerHost(wasmUrl, 'kernel', (module) => new GpuPoolSession(module));

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

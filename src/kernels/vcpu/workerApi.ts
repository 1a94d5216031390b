// The worker API over a VcpuSession: what worker.ts exposes through comlink, built from the
// shared worker host's `run`, so a test can serve the same object over a MessageChannel.
import * as Comlink from 'comlink';
import type { VcpuFrame, VcpuWorkerApi } from './api';
import type { VcpuSession } from './session';

export type SessionRunner = <T>(work: (s: VcpuSession) => T) => Promise<T>;

/** The Gantt segments travel as their buffer, not as a copy. */
function transferFrame(frame: VcpuFrame): VcpuFrame {
  return Comlink.transfer(frame, [frame.gantt.buffer]);
}

export function vcpuWorkerApi(run: SessionRunner): VcpuWorkerApi {
  return {
    start: (config, schedule, seed) => run((s) => s.start(config, schedule, seed)),
    replay: (config, schedule, commands, toNs, seed) => run((s) => s.replay(config, schedule, commands, toNs, seed)),
    apply: (command) => run((s) => s.apply(command)),
    advance: (toNs, budgetMs) => run((s) => s.advance(toNs, budgetMs)),
    seek: (ns) => run((s) => s.seek(ns)),
    frame: () => run((s) => transferFrame(s.frame())),
    commandLog: () => run((s) => s.commandLog()),
    stateHash: () => run((s) => s.stateHash()),
    memory: () => run((s) => s.memory()),
    lastTrap: () => run((s) => s.lastTrap),
  };
}

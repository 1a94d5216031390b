// The worker API over a LogIndexSession: what worker.ts exposes through comlink, built from
// the shared worker host's `run`, so a test can serve the same object over a MessageChannel.
import * as Comlink from 'comlink';
import type { LogIndexFrame, LogIndexWorkerApi } from './api';
import type { LogIndexSession } from './session';

export type SessionRunner = <T>(work: (s: LogIndexSession) => T) => Promise<T>;

/** The lag samples travel as their buffer, not as a copy. */
function transferFrame(frame: LogIndexFrame): LogIndexFrame {
  return Comlink.transfer(frame, [frame.series.buffer]);
}

export function logIndexWorkerApi(run: SessionRunner): LogIndexWorkerApi {
  return {
    start: (config, schedule, seed) => run((s) => s.start(config, schedule, seed)),
    replay: (config, schedule, commands, toNs, seed) => run((s) => s.replay(config, schedule, commands, toNs, seed)),
    apply: (command) => run((s) => s.apply(command)),
    advance: (toNs, budgetMs) => run((s) => s.advance(toNs, budgetMs)),
    seek: (ns) => run((s) => s.seek(ns)),
    frame: () => run((s) => transferFrame(s.frame())),
    page: (page, node) => run((s) => s.page(page, node)),
    commandLog: () => run((s) => s.commandLog()),
    stateHash: () => run((s) => s.stateHash()),
    memory: () => run((s) => s.memory()),
    lastTrap: () => run((s) => s.lastTrap),
  };
}

// The raft simulation worker: hosts one RaftSession behind comlink. It never imports UI code.
import * as Comlink from 'comlink';
import wasmUrl from '../../../build/wasm/raft.wasm?url&no-inline';
import type { RaftFrame, RaftWorkerApi } from './api';
import { RaftSession } from './session';
import { workerHost } from '../workerHost';

const run = workerHost(wasmUrl, 'raft kernel', (module) => new RaftSession(module, undefined, { liveHistoryCheck: true }));

function transferFrame(frame: RaftFrame): RaftFrame {
  const w = frame.window;
  return Comlink.transfer(frame, [
    frame.raw.buffer, frame.series.buffer, frame.messages.done.buffer, frame.messages.inFlight.buffer, frame.events.records.buffer,
    w.code.buffer, w.term.buffer, w.lba.buffer, w.len.buffer, w.ack.buffer, frame.catchUp.info.buffer, frame.catchUp.pieces.buffer,
  ]);
}

const api: RaftWorkerApi = {
  start: (config, schedule, liveCheck) => run((s) => s.start(config, schedule, liveCheck)),
  apply: (command) => run((s) => s.apply(command)),
  replay: (config, schedule, commands, toNs, liveCheck) => run((s) => s.replay(config, schedule, commands, toNs, liveCheck)),
  liveCheck: (on) => run((s) => s.setLiveCheck(on)),
  advance: (toNs, budgetMs) => run((s) => s.advance(toNs, budgetMs)),
  seek: (ns) => run((s) => s.seek(ns)),
  frame: (window) => run((s) => transferFrame(s.frame(window))),
  entry: (node, index) => run((s) => s.entry(node, index)),
  query: (name) => run((s) => s.query(name)),
  commandLog: () => run((s) => s.commandLog()),
  stateHash: () => run((s) => s.stateHash()),
  memory: () => run((s) => s.memory()),
  debugTrap: () => run((s) => s.debugTrap()),
};

Comlink.expose(api);

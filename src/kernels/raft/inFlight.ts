// Ops still in flight when a run ends are not in the client history: the kernel records an op
// when it finishes. A read may already have returned the value of a write still in flight, so
// without that write the history looks like "value never written". The kernel does not export
// its op slots, so the host recovers them without touching wasm/raft: a twin instance restored
// from a snapshot of the ended run, with no new ops issued (iodepth 0), runs until every op
// outstanding at the end has finished or timed out, and so records each of them once. They
// enter the history as ops that never returned (complete null, ok false): the run ended first.
// The original kernel is not touched.
import { RaftKernel } from './kernel';
import type { HistoryRecord } from './types';

export interface InFlightResult {
  /** History records (one per block) of ops outstanding at the end of the run. */
  records: number;
  /** Writes the run issued (write values are 1..writesIssued). */
  writesIssued: number;
  /** The twin ran past the last possible client timeout, so every outstanding op was recorded. */
  reachedHorizon: boolean;
}

/** Margin past the client timeout: the kernel's tick (1 ms), retry delay (1 ms) and client network. */
const HORIZON_SLACK_NS = 10e6;

/**
 * Delivers the in-flight ops of an ended run to `onHistory` (in chunks), as never-returned ops.
 * `kernel` must have had its history drained to the end (runRaft does).
 */
export function drainInFlight(module: WebAssembly.Module, kernel: RaftKernel, onHistory: (records: HistoryRecord[]) => void): InFlightResult {
  const end = kernel.summary();
  const result: InFlightResult = { records: 0, writesIssued: end.writes, reachedHorizon: false };
  if (kernel.stopped()) return result; // a stopped kernel runs no further events
  const twin = new RaftKernel(module, kernel.config);
  twin.restore(kernel.snapshot());
  twin.apply({ kind: 'iodepth', depth: 0 }); // finished ops are not replaced
  const horizon = end.now + kernel.config.clientTimeoutNs + kernel.config.thinkNs + HORIZON_SLACK_NS;
  let at = end.historyTotal;
  const drain = () => {
    const { records, next } = twin.history(at);
    at = next;
    if (!records.length) return;
    for (const r of records) {
      r.complete = null;
      r.ok = false;
      if (r.op === 'read') r.value = 0;
    }
    result.records += records.length;
    onHistory(records);
  };
  while (twin.now < horizon && !twin.stopped()) {
    twin.advance(horizon, 1 << 16);
    drain();
  }
  drain();
  result.reachedHorizon = twin.now >= horizon;
  return result;
}

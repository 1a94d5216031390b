// One headless run: build the kernel, run the warm-up, measure, apply the fault schedule at
// its simulated times, drain the client history and the catch-ups, and summarise. Shared by
// the CLI, the benchmarks and the tests.
import { RaftKernel } from './kernel';
import { CatchUpCollector } from './catchUpCollector';
import { catchUpReports, type CatchUpReport } from './catchUpReport';
import type { HistoryRecord, RaftConfig, RaftSummary, SimNs, StampedRaftCommand, Verdict } from './types';

export interface RunOptions {
  config: RaftConfig;
  durationNs: SimNs;
  /** IOPS and latency are measured from here (default: 10 % of the run, at most 1 s). */
  warmupNs?: SimNs;
  schedule?: StampedRaftCommand[];
  /**
   * After the duration: `settle` (clients stop, links heal, crashed nodes restart), then run at
   * most this much longer until every replica has caught up and P6 compared them.
   */
  settleNs?: SimNs;
  /** Receives the client history in chunks, as ops complete (one record per block). */
  onHistory?: (records: HistoryRecord[]) => void;
}

export interface RunResult {
  mode: string;
  seed: number;
  iodepth: number;
  durationNs: SimNs;
  /** Simulated time the run reached (earlier than the duration when the checker stopped it). */
  endNs: SimNs;
  iops: number;
  p50Us: number;
  p99Us: number;
  p999Us: number;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  verdict: Verdict['verdict'];
  reason: string;
  violations: Verdict['violations'];
  elections: number;
  commits: number;
  msgSent: number;
  msgDropped: number;
  rejects: number;
  resends: number;
  failedOps: number;
  timedOut: number;
  /** P6 state at the end: 'compared' once the replicas were compared after settling. */
  settle: RaftSummary['settle'];
  /** Every catch-up of the run (spec §1.4), settling included, oldest first. */
  catchUps: CatchUpReport[];
  /** Event-log records the ring overwrote before they were read: when > 0, catch-ups may be missing. */
  catchUpRecordsLost: number;
}

/**
 * Events per slice between drains. A run writes about one event-log record per three events,
 * but a catch-up's install or a merge writes thousands at once: 16,384 events keep a slice far
 * below the ring's 65,536 records (and the drain's cost per slice is small).
 */
const SLICE_EVENTS = 1 << 14;

export function defaultWarmup(durationNs: SimNs): SimNs {
  return Math.min(1e9, Math.round(durationNs / 10));
}

export function runRaft(module: WebAssembly.Module, options: RunOptions): RunResult & { kernel: RaftKernel } {
  const started = performance.now();
  const kernel = new RaftKernel(module, options.config);
  const warmup = options.warmupNs ?? defaultWarmup(options.durationNs);
  const schedule = options.schedule ?? [];
  let historyAt = 0;
  // Catch-ups are read from the event ring as the run goes: it laps within a simulated second.
  const catchUps = new CatchUpCollector();
  const drain = () => {
    catchUps.drain(kernel);
    if (!options.onHistory) return;
    const { records, next } = kernel.history(historyAt);
    historyAt = next;
    if (records.length) options.onHistory(records);
  };
  const before = schedule.filter((c) => c.at < warmup);
  const after = schedule.filter((c) => c.at >= warmup);
  kernel.runSchedule(warmup, before, drain, SLICE_EVENTS);
  if (!kernel.stopped()) {
    kernel.measureFromNow();
    kernel.runSchedule(options.durationNs, after, drain, SLICE_EVENTS);
  }
  const measured = kernel.summary();
  if (options.settleNs && !kernel.stopped()) settle(kernel, options.settleNs, drain);
  const wallSeconds = (performance.now() - started) / 1000;
  const s = kernel.summary();
  const v = kernel.verdict();
  return {
    kernel,
    mode: options.config.mode,
    seed: options.config.seed,
    iodepth: options.config.iodepth,
    durationNs: options.durationNs,
    endNs: s.now,
    // Throughput and latency describe the measured run, not the settling after it.
    iops: Math.round(((measured.okWrites + measured.okReads) * 1e9) / Math.max(1, measured.now - measured.measureFrom)),
    p50Us: round1(measured.p50Ns / 1000),
    p99Us: round1(measured.p99Ns / 1000),
    p999Us: round1(measured.p999Ns / 1000),
    events: s.events,
    wallSeconds: Number(wallSeconds.toFixed(4)),
    eventsPerSecond: Math.round(s.events / Math.max(wallSeconds, 1e-9)),
    verdict: options.settleNs && s.settle !== 'compared' && v.verdict === 'valid' ? 'unknown' : v.verdict,
    reason: options.settleNs && s.settle !== 'compared' && v.verdict === 'valid'
      ? `${v.reason}; but the replicas had not all caught up ${options.settleNs / 1e6} ms after settling, so convergence (P6) was not compared`
      : v.reason,
    settle: s.settle,
    violations: v.violations,
    elections: s.elections,
    commits: s.commits,
    msgSent: s.msgSent,
    msgDropped: s.msgDropped,
    rejects: s.rejects,
    resends: s.resends,
    failedOps: s.failedOps,
    timedOut: s.timedOut,
    catchUps: catchUpReports(catchUps.records, kernel.catchUps()),
    catchUpRecordsLost: catchUps.lostRecords,
  };
}

/** Applies `settle` now and runs in 10 ms steps until P6 has compared the replicas, a violation, or the limit. */
function settle(kernel: RaftKernel, limitNs: SimNs, onSlice: () => void): void {
  const start = kernel.summary().now;
  kernel.apply({ kind: 'settle' });
  let t = start;
  while (!kernel.stopped() && kernel.summary().settle !== 'compared' && t < start + limitNs) {
    t = Math.min(start + limitNs, t + 10e6);
    kernel.runSchedule(t, [], onSlice, SLICE_EVENTS);
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

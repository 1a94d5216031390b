// One headless run: build the kernel, run the warm-up, measure, apply the fault schedule at
// its simulated times, drain the client history, and summarise. Shared by the CLI, the
// benchmarks and the tests.
import { RaftKernel } from './kernel';
import type { HistoryRecord, RaftConfig, SimNs, StampedRaftCommand, Verdict } from './types';

export interface RunOptions {
  config: RaftConfig;
  durationNs: SimNs;
  /** IOPS and latency are measured from here (default: 10 % of the run, at most 1 s). */
  warmupNs?: SimNs;
  schedule?: StampedRaftCommand[];
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
}

export function defaultWarmup(durationNs: SimNs): SimNs {
  return Math.min(1e9, Math.round(durationNs / 10));
}

export function runRaft(module: WebAssembly.Module, options: RunOptions): RunResult & { kernel: RaftKernel } {
  const started = performance.now();
  const kernel = new RaftKernel(module, options.config);
  const warmup = options.warmupNs ?? defaultWarmup(options.durationNs);
  const schedule = options.schedule ?? [];
  let historyAt = 0;
  const drain = options.onHistory
    ? () => {
      const { records, next } = kernel.history(historyAt);
      historyAt = next;
      if (records.length) options.onHistory!(records);
    }
    : undefined;
  const before = schedule.filter((c) => c.at < warmup);
  const after = schedule.filter((c) => c.at >= warmup);
  kernel.runSchedule(warmup, before, drain);
  if (!kernel.stopped()) {
    kernel.measureFromNow();
    kernel.runSchedule(options.durationNs, after, drain);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const s = kernel.summary();
  const v = kernel.verdict();
  const measured = Math.max(1, s.now - s.measureFrom);
  return {
    kernel,
    mode: options.config.mode,
    seed: options.config.seed,
    iodepth: options.config.iodepth,
    durationNs: options.durationNs,
    endNs: s.now,
    iops: Math.round(((s.okWrites + s.okReads) * 1e9) / measured),
    p50Us: round1(s.p50Ns / 1000),
    p99Us: round1(s.p99Ns / 1000),
    p999Us: round1(s.p999Ns / 1000),
    events: s.events,
    wallSeconds: Number(wallSeconds.toFixed(4)),
    eventsPerSecond: Math.round(s.events / Math.max(wallSeconds, 1e-9)),
    verdict: v.verdict,
    reason: v.reason,
    violations: v.violations,
    elections: s.elections,
    commits: s.commits,
    msgSent: s.msgSent,
    msgDropped: s.msgDropped,
    rejects: s.rejects,
    resends: s.resends,
    failedOps: s.failedOps,
    timedOut: s.timedOut,
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

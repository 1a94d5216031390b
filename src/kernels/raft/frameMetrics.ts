// The raft lab metrics of one run's frame, computed one way for every host: the headless lab
// runner (hlab lab verify) and the app's lab pane.
import { FRAME } from './kernel';
import type { Verdict } from './types';

const MS = 1_000_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** What a metric is read from: one run's latest frame. */
export interface RaftRunView {
  mode: string;
  raw: Float64Array;
  verdict: Verdict['verdict'];
}

export interface RaftLabContext {
  scenario: string | null;
  sideBySide: boolean;
  seed: number;
}

/** A raft metric (RAFT_METRICS) of a run, or undefined for a name that is not one. */
export function raftMetric(run: RaftRunView, context: RaftLabContext, name: string): number | string | boolean | undefined {
  const f = run.raw;
  switch (name) {
    case 'mode': return run.mode;
    case 'verdict': return run.verdict;
    case 'scenario': return context.scenario ?? 'none';
    case 'sideBySide': return context.sideBySide;
    case 'timeMs': return f[FRAME.now] / MS;
    case 'iops': {
      // As `hlab raft` reports it: ops completed per simulated second of the measured span.
      const span = f[FRAME.now] - f[FRAME.measureFrom];
      return span <= 0 ? 0 : Math.round(((f[FRAME.okWrites] + f[FRAME.okReads]) * 1e9) / span);
    }
    case 'p50Us': return round1(f[FRAME.p50] / 1000);
    case 'p99Us': return round1(f[FRAME.p99] / 1000);
    case 'p999Us': return round1(f[FRAME.p999] / 1000);
    case 'iodepth': return f[FRAME.iodepth];
    case 'seed': return context.seed;
    case 'commits': return f[FRAME.commits];
    case 'elections': return f[FRAME.elections];
    case 'leader': return f[FRAME.leader];
    case 'failedOps': return f[FRAME.failedOps];
    case 'timedOut': return f[FRAME.timedOut];
    default: return undefined;
  }
}

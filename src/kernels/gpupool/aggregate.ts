// Summaries over seeds, as the paper plots them: the median with the interquartile band
// per arrived-demand bucket (Fig. 9a, Fig. 7), per workload and policy.
import type { RunResult } from './runResult';
import type { Curve } from './metrics';

export interface Band {
  median: Curve;
  q1: Curve;
  q3: Curve;
}

export interface SweepSummary {
  workload: string;
  policy: string;
  seeds: number[];
  alloc: Band;
  fragAmount: Band;
  fragRatio: Band;
}

/** Quantile with linear interpolation between order statistics (numpy's default). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

function band(curves: Curve[]): Band {
  const length = Math.max(0, ...curves.map((c) => c.length));
  const out: Band = { median: [], q1: [], q3: [] };
  for (let x = 0; x < length; x++) {
    const values = curves.map((c) => c[x]).filter((v): v is number => v !== null && v !== undefined).sort((a, b) => a - b);
    const take = (q: number) => (values.length === 0 ? null : quantile(values, q));
    out.median.push(take(0.5));
    out.q1.push(take(0.25));
    out.q3.push(take(0.75));
  }
  return out;
}

/** Groups results by (workload, policy), in first-seen order. */
export function summarise(results: RunResult[]): SweepSummary[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    const key = `${r.workload}\u0000${r.policy}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((runs) => ({
    workload: runs[0].workload,
    policy: runs[0].policy,
    seeds: runs.map((r) => r.seed),
    alloc: band(runs.map((r) => r.alloc)),
    fragAmount: band(runs.map((r) => r.fragAmount)),
    fragRatio: band(runs.map((r) => r.fragRatio)),
  }));
}

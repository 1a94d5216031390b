// The vCPU lab metrics (labMetrics.ts) of a run's columns, computed one way for every host:
// the headless lab runner (hlab lab verify, lab try) and the tab's lab pane.
import { DRAGONFLY } from './config';
import type { VcpuSummary } from './kernel';
import { COLUMN_METRIC_NAMES, columnMetricName, type ColumnMetric } from './labMetrics';
import { FR, PROFILES, type ProfileName } from './protocol';
import type { VcpuConfig } from './types';

/** One column of a run: its profile, its config and its latest summary. */
export interface VcpuColumnView {
  profile: ProfileName;
  config: VcpuConfig;
  summary: VcpuSummary;
}

export interface VcpuLabContext {
  /** The profile the plain metrics describe (the front column). */
  profile: ProfileName;
  seed: number;
  preset: string | null;
  sideBySide: boolean;
}

// µs to two decimals, as `hlab vcpu` prints them.
const us = (ns: number): number => Math.round(ns / 10) / 100;
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
/** A part of the pCPU time as percent of useful guest work (0 before any work). */
const ofUseful = (part: number, f: Float64Array): number => (f[FR.usefulNs] > 0 ? round((100 * part) / f[FR.usefulNs], 3) : 0);

function stealPcts(s: VcpuSummary): number[] {
  return s.accounts.map((a) => (a.aliveNs > 0 ? (100 * a.stealNs) / a.aliveNs : 0));
}

function columnValue(c: VcpuColumnView, name: ColumnMetric): number | string {
  const s = c.summary;
  const f = s.frame;
  switch (name) {
    case 'verdict': return s.verdict;
    case 'wakeP99Us': return us(s.latency.total.p99Ns);
    case 'wakeP999Us': return us(s.latency.total.p999Ns);
    case 'stealPct': {
      const steal = stealPcts(s);
      return round(steal.reduce((x, y) => x + y, 0) / Math.max(1, steal.length), 3);
    }
    // As report.ts: guest time, entries, exits, polling and host work per unit of useful work.
    case 'overheadPct': return f[FR.usefulNs] > 0 ? ofUseful(f[FR.guestNs] + f[FR.entryNs] + f[FR.exitNs] + f[FR.pollNs] + f[FR.hostNs] - f[FR.usefulNs], f) : 0;
    case 'overheadPollPct': return ofUseful(f[FR.pollNs], f);
    case 'overheadHostPct': return ofUseful(f[FR.hostNs], f);
    case 'usefulMs': return round(f[FR.usefulNs] / 1e6, 1);
  }
}

/** Column metrics by their full name (`offloadWakeP99Us`), built once. */
const BY_COLUMN_NAME = new Map<string, { profile: ProfileName; metric: ColumnMetric }>(
  PROFILES.flatMap((profile) => COLUMN_METRIC_NAMES.map((metric) => [columnMetricName(profile, metric), { profile, metric }] as const)),
);

/** A vCPU metric (VCPU_METRICS) of a run, or undefined for a name that is not one. */
export function vcpuMetric(columns: readonly VcpuColumnView[], context: VcpuLabContext, name: string): number | string | boolean | undefined {
  const byColumn = BY_COLUMN_NAME.get(name);
  if (byColumn !== undefined) {
    const column = columns.find((c) => c.profile === byColumn.profile);
    if (column === undefined) return byColumn.metric === 'verdict' ? 'none' : -1;
    return columnValue(column, byColumn.metric);
  }
  const primary = columns.find((c) => c.profile === context.profile) ?? columns[0];
  if ((COLUMN_METRIC_NAMES as readonly string[]).includes(name)) return columnValue(primary, name as ColumnMetric);
  const { config, summary: s } = primary;
  const f = s.frame;
  const seconds = s.nowNs / 1e9;
  const perSecond = (n: number) => (seconds > 0 ? round(n / seconds, 1) : 0);
  const ofRun = (part: number) => (f[FR.runNs] > 0 ? round((100 * part) / f[FR.runNs], 3) : 0);
  switch (name) {
    case 'profile': return primary.profile;
    case 'sched': return primary.profile === 'bare-metal' ? 'none' : config.sched;
    case 'preset': return context.preset ?? 'default';
    case 'mitigations': return config.mitigations.length === 0 ? 'none' : config.mitigations.join(',');
    case 'sideBySide': return context.sideBySide;
    case 'timeMs': return s.nowNs / 1e6;
    case 'seed': return context.seed;
    case 'pcpus': return s.pcpus;
    case 'vcpus': return s.vcpus;
    case 'wakeP50Us': return us(s.latency.total.p50Ns);
    case 'queueP99Us': return us(s.latency.queue.p99Ns);
    case 'preemptP99Us': return us(s.latency.preempt.p99Ns);
    case 'entryP99Us': return us(s.latency.entry.p99Ns);
    case 'wakeups': return f[FR.wakeups];
    case 'meetsTarget': return us(s.latency.total.p99Ns) <= DRAGONFLY.targetP99Us;
    case 'targetP99Us': return DRAGONFLY.targetP99Us;
    case 'maxStealPct': return round(Math.max(0, ...stealPcts(s)), 3);
    // FR.runNs counts the open segments too, so a vCPU that never leaves its pCPU is counted.
    case 'utilisationPct': return s.nowNs > 0 && s.pcpus > 0 ? round((100 * f[FR.runNs]) / (s.pcpus * s.nowNs), 2) : 0;
    case 'overheadEntryExitPct': return ofUseful(f[FR.entryNs] + f[FR.exitNs], f);
    case 'overheadGuestPct': return ofUseful(f[FR.guestNs] - f[FR.usefulNs], f);
    case 'jainMean': return f[FR.jainWindows] > 0 ? round(f[FR.jainSum] / f[FR.jainWindows], 4) : -1;
    case 'serviceErrorMaxMs': return round(f[FR.serviceErrMaxNs] / 1e6, 3);
    case 'lhpWastePct': return ofRun(f[FR.lhpNs]);
    case 'spinPct': return ofRun(f[FR.spinNs]);
    case 'locks': return f[FR.locks];
    case 'pleExits': return f[FR.pleExits];
    case 'pvKicks': return f[FR.pvKicks];
    case 'migrationsPerS': return perSecond(f[FR.migrations]);
    case 'crossNumaPerS': return perSecond(f[FR.crossNuma]);
    case 'preemptions': return f[FR.preemptions];
    default: return undefined;
  }
}

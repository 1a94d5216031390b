// The LogIndex lab metrics (labMetrics.ts) of a run's columns, computed one way for every
// host: the headless lab runner (hlab lab verify, lab try) and the tab's lab pane.
import { COLUMN_METRIC_NAMES, columnMetricName, type ColumnMetric } from './labMetrics';
import type { LogIndexMode } from './protocol';
import type { LogIndexSummary } from './types';

/** One column of a run: its mode and its latest summary. */
export interface LogIndexColumnView {
  mode: LogIndexMode;
  summary: LogIndexSummary;
}

export interface LogIndexLabContext {
  /** The mode the plain metrics describe (its column, or the only one). */
  mode: LogIndexMode;
  ro: number;
  writeScale: number;
  seed: number;
  broken: readonly string[];
  scenario: string | null;
  sideBySide: boolean;
}

const us = (ns: number): number => Math.round(ns / 10) / 100;
const perSecond = (count: number, nowNs: number): number => (nowNs <= 0 ? 0 : Math.round((count * 1e9) / nowNs));

function columnValue(s: LogIndexSummary, name: ColumnMetric): number | string {
  switch (name) {
    case 'verdict': return s.verdict;
    case 'lsnLagP99': return s.lsnLagP99;
    case 'timeLagP99Us': return us(s.timeLagP99Ns);
    case 'visibilityLagP99Us': return us(s.visibilityLagP99Ns);
    case 'bytesShipped': return s.bytesShipped;
    case 'pagesReplayed': return s.pagesReplayed;
    case 'rwTps': return perSecond(s.writes, s.nowNs);
  }
}

/** Column metrics by their full name (`fullBytesShipped`), built once. */
const BY_COLUMN_NAME = new Map<string, { mode: LogIndexMode; metric: ColumnMetric }>(
  (['lazy', 'full'] as const).flatMap((mode) => COLUMN_METRIC_NAMES.map((metric) => [columnMetricName(mode, metric), { mode, metric }] as const)),
);

/** A LogIndex metric (LOGINDEX_METRICS) of a run, or undefined for a name that is not one. */
export function logindexMetric(columns: readonly LogIndexColumnView[], context: LogIndexLabContext, name: string): number | string | boolean | undefined {
  const primary = columns.find((c) => c.mode === context.mode) ?? columns[0];
  const s = primary.summary;
  const byColumn = BY_COLUMN_NAME.get(name);
  if (byColumn !== undefined) {
    const column = columns.find((c) => c.mode === byColumn.mode);
    if (column === undefined) return byColumn.metric === 'verdict' ? 'none' : -1;
    return columnValue(column.summary, byColumn.metric);
  }
  if ((COLUMN_METRIC_NAMES as readonly string[]).includes(name)) return columnValue(s, name as ColumnMetric);
  const v = s.violation;
  switch (name) {
    case 'mode': return primary.mode;
    case 'violation': return v?.property ?? 'none';
    case 'violationNode': return v?.node ?? 'none';
    case 'violationPage': return v?.page ?? -1;
    case 'violationLsn': return v === null ? -1 : v.lsn;
    case 'broken': return context.broken.length === 0 ? 'none' : context.broken.join(',');
    case 'scenario': return context.scenario ?? 'none';
    case 'sideBySide': return context.sideBySide;
    case 'timeMs': return s.nowNs / 1e6;
    case 'ro': return context.ro;
    case 'writeScale': return context.writeScale;
    case 'seed': return context.seed;
    case 'roQps': return Math.round(perSecond(s.reads, s.nowNs) / context.ro);
    case 'readQps': return perSecond(s.reads, s.nowNs);
    case 'writeLsn': return s.writeLsn;
    case 'consistentLsn': return s.consistentLsn;
    case 'lsnLagP50': return s.lsnLagP50;
    case 'timeLagP50Us': return us(s.timeLagP50Ns);
    case 'visibilityLagP50Us': return us(s.visibilityLagP50Ns);
    case 'pagesFlushed': return s.pagesFlushed;
    case 'flushBlocked': return s.flushBlocked;
    case 'copyBuffered': return s.copyBuffered;
    case 'readsChecked': return s.readsChecked;
    case 'bloomSkips': return s.bloomSkips;
    case 'tablesFlushed': return s.tablesFlushed;
    case 'tablesTruncated': return s.tablesTruncated;
    case 'events': return s.events;
    case 'bytesSavedPct': {
      const lazy = columns.find((c) => c.mode === 'lazy');
      const full = columns.find((c) => c.mode === 'full');
      if (lazy === undefined || full === undefined || full.summary.bytesShipped === 0) return -1;
      return Math.round(1000 * (1 - lazy.summary.bytesShipped / full.summary.bytesShipped)) / 10;
    }
    default: return undefined;
  }
}

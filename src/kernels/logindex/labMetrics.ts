// The LogIndex metrics a lab's check may name: what `logindex status` and `hlab logindex`
// report of a run. Data only, so the lab engine, the headless runner and the tab share one list.
import type { ValueType } from '../../labs/expr/vocabulary';

type MetricTable = Record<string, { type: ValueType; description: string }>;

/** Metrics that also exist per column (`lazy…`, `full…`) when lazy and full run side by side. */
export const COLUMN_METRICS = {
  verdict: { type: 'string', description: "the live checker's verdict: valid, invalid or unknown" },
  lsnLagP99: { type: 'number', description: "99th percentile of lsn_lag: the writer's WAL end minus a replica's replay point, bytes" },
  timeLagP99Us: { type: 'number', description: '99th percentile of time_lag: a commit to the moment a replica has parsed past it, µs' },
  visibilityLagP99Us: { type: 'number', description: '99th percentile of visibility_lag: a commit to the first replica read that sees it, µs' },
  bytesShipped: { type: 'number', description: 'bytes the writer sent to all replicas since the run began' },
  pagesReplayed: { type: 'number', description: 'page versions the replicas rebuilt by applying records' },
  rwTps: { type: 'number', description: 'writes per simulated second since the run began' },
} as const satisfies MetricTable;

export type ColumnMetric = keyof typeof COLUMN_METRICS;
export const COLUMN_METRIC_NAMES = Object.keys(COLUMN_METRICS) as ColumnMetric[];

/** `lazyLsnLagP99` for column `lazy` and metric `lsnLagP99`. */
export function columnMetricName(mode: string, metric: ColumnMetric): string {
  return `${mode}${metric[0].toUpperCase()}${metric.slice(1)}`;
}

const BASE_METRICS = {
  mode: { type: 'string', description: 'the mode the metrics describe: lazy or full' },
  ...COLUMN_METRICS,
  violation: { type: 'string', description: 'the property the checker found broken (L1..L9), or "none"' },
  violationNode: { type: 'string', description: 'the node of the violation (rw, ro1..ro15, storage), or "none"' },
  violationPage: { type: 'number', description: 'the page of the violation, -1 when none' },
  violationLsn: { type: 'number', description: 'the LSN of the violation, -1 when none' },
  broken: { type: 'string', description: 'the options broken on purpose, joined by commas, or "none"' },
  scenario: { type: 'string', description: 'the named scenario (LI-1..LI-9), or "none"' },
  sideBySide: { type: 'bool', description: 'lazy and full run side by side on one clock' },
  timeMs: { type: 'number', description: 'simulated time of the run, ms' },
  ro: { type: 'number', description: 'read-only replicas' },
  writeScale: { type: 'number', description: 'the default write rate times this' },
  seed: { type: 'number', description: "the run's seed" },
  roQps: { type: 'number', description: 'reads per simulated second on each replica, on average' },
  readQps: { type: 'number', description: 'reads per simulated second on all replicas together' },
  writeLsn: { type: 'number', description: "the writer's WAL end, bytes" },
  consistentLsn: { type: 'number', description: 'every change below it is on storage' },
  lsnLagP50: { type: 'number', description: 'median lsn_lag, bytes' },
  timeLagP50Us: { type: 'number', description: 'median time_lag, µs' },
  visibilityLagP50Us: { type: 'number', description: 'median visibility_lag, µs' },
  pagesFlushed: { type: 'number', description: 'pages the writer wrote to shared storage' },
  flushBlocked: { type: 'number', description: 'times flush control held a page back (newer than the slowest replica)' },
  copyBuffered: { type: 'number', description: 'hot pages copied to the copy buffer' },
  readsChecked: { type: 'number', description: 'replica reads the checker compared with the reference' },
  bloomSkips: { type: 'number', description: 'LogIndex tables a Bloom filter let a read skip' },
  tablesFlushed: { type: 'number', description: 'LogIndex memtables flushed to storage as tables' },
  tablesTruncated: { type: 'number', description: 'LogIndex tables truncated' },
  events: { type: 'number', description: 'simulation events run' },
} as const satisfies MetricTable;

const COLUMN_ONLY: MetricTable = {};
for (const mode of ['lazy', 'full']) {
  for (const name of COLUMN_METRIC_NAMES) {
    const m = COLUMN_METRICS[name];
    COLUMN_ONLY[columnMetricName(mode, name)] = {
      type: m.type,
      description: `${m.description}, in the ${mode} column (${m.type === 'number' ? '-1' : '"none"'} when no ${mode} run is going)`,
    };
  }
}

export const LOGINDEX_METRICS: Readonly<MetricTable> = {
  ...BASE_METRICS,
  ...COLUMN_ONLY,
  bytesSavedPct: { type: 'number', description: 'side by side: the share of full\'s shipped bytes that lazy does not send, percent (-1 when single)' },
};
export const LOGINDEX_METRIC_NAMES = Object.keys(LOGINDEX_METRICS);

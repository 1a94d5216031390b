// The LogIndex sweep as a grid (modes x RO counts x seeds), one CSV row per run, for
// `hlab logindex --sweep ro=... --out` and its shards. Columns (README "Beyond one machine")
// are the run report's simulated figures; no wall time, so a row is the same bytes anywhere.
import type { GridSweep } from '../../cli/sweep/gridSweep';
import { csvCell } from '../../cli/sweep/gridSweep';
import { gridPoint, gridSize, type Axis } from '../../cli/sweep/axes';
import type { LogIndexMode } from './protocol';
import type { RunReport } from './cli';

export const LOGINDEX_CSV_HEADER = 'mode,ro,seed,write_scale,duration_s,rw_tps,ro_qps,lsn_lag_p50,lsn_lag_p99,time_lag_p50_us,time_lag_p99_us,' +
  'visibility_lag_p50_us,visibility_lag_p99_us,bytes_shipped,pages_replayed,events,verdict,violation,refused,state_hash';

function row(r: RunReport): string {
  const v = r.violation;
  return [r.mode, r.ro, r.seed, r.writeScale, r.durationS, r.rwTps, r.roQps, r.lsnLagP50, r.lsnLagP99, r.timeLagP50Us, r.timeLagP99Us,
    r.visibilityLagP50Us, r.visibilityLagP99Us, r.bytesShipped, r.pagesReplayed, r.events, r.verdict,
    v ? `${v.property} ${v.node} page ${v.page ?? '-'} lsn ${v.lsn}` : '', r.refused.join(';'), String(r.stateHash)].map(csvCell).join(',');
}

export function logIndexGridSweep(modes: LogIndexMode[], counts: number[], seeds: number[], fixed: unknown,
  runOne: (mode: LogIndexMode, ro: number, seed: number) => RunReport): GridSweep & { invalid: () => boolean } {
  const axes: Axis[] = [{ name: 'mode', values: modes }, { name: 'ro', values: counts }, { name: 'seed', values: seeds }];
  let invalid = false;
  return {
    kernel: 'logindex',
    grid: { axes, fixed },
    runs: gridSize(axes),
    csvHeader: LOGINDEX_CSV_HEADER,
    execute: (indices) => indices.map((i) => {
      const p = gridPoint(axes, i);
      const r = runOne(p.mode as LogIndexMode, p.ro as number, p.seed as number);
      if (r.verdict === 'invalid') invalid = true;
      return row(r);
    }),
    invalid: () => invalid,
  };
}

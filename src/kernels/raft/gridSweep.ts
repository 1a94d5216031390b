// The raft sweep as a grid (modes x iodepth x seeds), one CSV row per run, for
// `hlab raft --sweep ... --out` and its shards. Columns (README "Beyond one machine"):
// mode, iodepth, seed, then the run's simulated figures; no wall time, so a row is the same
// bytes on any machine.
import type { GridSweep } from '../../cli/sweep/gridSweep';
import { csvCell } from '../../cli/sweep/gridSweep';
import type { RaftMode } from './protocol';
import { runRaft, type RunResult } from './run';
import type { RaftConfig, StampedRaftCommand } from './types';

export interface RaftGrid {
  modes: RaftMode[];
  depths: number[];
  seeds: number[];
  config: RaftConfig;
  durationNs: number;
  warmupNs: number | undefined;
  schedule: StampedRaftCommand[];
  settleNs: number | undefined;
}

export const RAFT_CSV_HEADER = 'mode,iodepth,seed,duration_s,end_s,iops,p50_us,p99_us,p999_us,events,elections,commits,msg_sent,msg_dropped,rejects,resends,failed_ops,timed_out,verdict,reason';

function row(r: RunResult): string {
  return [r.mode, r.iodepth, r.seed, r.durationNs / 1e9, r.endNs / 1e9, r.iops, r.p50Us, r.p99Us, r.p999Us, r.events, r.elections,
    r.commits, r.msgSent, r.msgDropped, r.rejects, r.resends, r.failedOps, r.timedOut, r.verdict, r.reason].map(csvCell).join(',');
}

export function raftGridSweep(module: WebAssembly.Module, g: RaftGrid): GridSweep & { invalid: () => boolean } {
  const { mode: _m, iodepth: _d, seed: _s, ...fixed } = g.config;
  const per = g.depths.length * g.seeds.length;
  let invalid = false;
  return {
    kernel: 'raft',
    grid: { modes: g.modes, iodepths: g.depths, seeds: g.seeds, fixed, durationNs: g.durationNs, warmupNs: g.warmupNs ?? null, settleNs: g.settleNs ?? null, schedule: g.schedule },
    runs: g.modes.length * per,
    csvHeader: RAFT_CSV_HEADER,
    execute: (indices) => indices.map((i) => {
      const mode = g.modes[Math.floor(i / per)];
      const iodepth = g.depths[Math.floor(i / g.seeds.length) % g.depths.length];
      const seed = g.seeds[i % g.seeds.length];
      const r = runRaft(module, { config: { ...g.config, mode, iodepth, seed }, durationNs: g.durationNs, warmupNs: g.warmupNs, schedule: g.schedule, settleNs: g.settleNs });
      if (r.verdict === 'invalid') invalid = true;
      return row(r);
    }),
    invalid: () => invalid,
  };
}

// The vCPU sweep as a grid (profiles x schedulers x seeds), one CSV row per run, for
// `hlab vcpu --sweep ... --out` and its shards. Columns (README "Beyond one machine") are the
// report's simulated figures; no wall time, so a row is the same bytes on any machine.
import type { GridSweep } from '../../cli/sweep/gridSweep';
import { csvCell } from '../../cli/sweep/gridSweep';
import { gridPoint, gridSize, type Axis } from '../../cli/sweep/axes';
import type { ProfileName, SchedName } from './protocol';
import type { RunReport } from './report';

export const VCPU_CSV_HEADER = 'profile,sched,seed,duration_s,pcpus,vcpus,events,verdict,violation,wakeups,wake_p50_us,wake_p99_us,wake_p999_us,' +
  'service_error_max_ms,jain_mean,virtualization_overhead_pct,lhp_waste_pct,spin_pct,migrations_per_s,preemptions,vm_steal_pct,state_hash';

function row(r: RunReport): string {
  const v = r.violation;
  return [r.profile, r.sched, r.seed, r.durationS, r.pcpus, r.vcpus, r.events, r.verdict,
    v ? `${v.property} ${v.vcpu ?? '-'} p${v.pcpu ?? '-'} ${v.atUs}us` : '', r.wakeups, r.wakeLatencyUs.p50, r.wakeLatencyUs.p99, r.wakeLatencyUs.p999,
    r.fairness.serviceErrorMaxMs, r.fairness.jainMean, r.virtualizationOverheadPct, r.lhpWastePct, r.spinPct, r.migrationsPerS, r.preemptions,
    r.vms.map((m) => `${m.name}=${m.stealPct}`).join(';'), String(r.stateHash)].map(csvCell).join(',');
}

export function vcpuGridSweep(profiles: ProfileName[], scheds: SchedName[], seeds: number[], fixed: unknown,
  runOne: (profile: ProfileName, sched: SchedName, seed: number) => RunReport): GridSweep & { invalid: () => boolean } {
  const axes: Axis[] = [{ name: 'profile', values: profiles }, { name: 'sched', values: scheds }, { name: 'seed', values: seeds }];
  let invalid = false;
  return {
    kernel: 'vcpu',
    grid: { axes, fixed },
    runs: gridSize(axes),
    csvHeader: VCPU_CSV_HEADER,
    execute: (indices) => indices.map((i) => {
      const p = gridPoint(axes, i);
      const r = runOne(p.profile as ProfileName, p.sched as SchedName, p.seed as number);
      if (r.verdict === 'invalid') invalid = true;
      return row(r);
    }),
    invalid: () => invalid,
  };
}

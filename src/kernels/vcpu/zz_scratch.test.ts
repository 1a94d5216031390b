import { test } from 'vitest';
import { vcpuModule } from '../../testing/fixtures';
import { runVcpu } from './run';
import { report } from './report';
import { SCENARIOS, variantConfig } from './scenarios';
import { FR } from './protocol';
import { parseSchedule } from './schedule';

test('explore', () => {
  const m = vcpuModule();
  for (const name of ['HV-1', 'HV-3', 'HV-4']) {
    const s = SCENARIOS.get(name)!;
    s.variants.forEach((v, i) => {
      const c = variantConfig(s, i);
      const sched = s.faults ? parseSchedule(s.faults, 'x', c.vms.map((x) => x.name), 8) : [];
      const r = runVcpu(m, c, s.seed, s.durationNs, sched);
      const f = r.summary.frame;
      const u = f[FR.usefulNs];
      const pc = (x: number) => (100 * x / u).toFixed(2);
      const rep = report(c, s.seed, s.durationNs, r);
      const pcpus = r.summary.pcpus;
      console.log(name, v.label, 'ovh', rep.virtualizationOverheadPct, 'entry', pc(f[FR.entryNs]), 'exit', pc(f[FR.exitNs]), 'poll', pc(f[FR.pollNs]), 'host', pc(f[FR.hostNs]), 'guest-useful', pc(f[FR.guestNs] - u),
        'spin', pc(f[FR.spinNs]), 'util(useful/pcpu-time)%', (100 * u / (pcpus * s.durationNs)).toFixed(2), 'busy%', (100*(f[FR.guestNs]+f[FR.entryNs]+f[FR.exitNs]+f[FR.pollNs]+f[FR.hostNs])/(pcpus*s.durationNs)).toFixed(2),
        'lat', JSON.stringify(rep.wakeLatencyUs), JSON.stringify(rep.wakeLatencyPartsUs), 'vms', JSON.stringify(rep.vms), 'lhp', rep.lhpWastePct, 'spin%', rep.spinPct, 'ple', rep.pleExits, 'pv', rep.pvKicks, 'locks', rep.lockAcquisitions, 'migr', rep.migrationsPerS, 'useful ms', (u/1e6).toFixed(1), 'jain', rep.fairness.jainMean);
    });
  }
});

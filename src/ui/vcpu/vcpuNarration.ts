// The vCPU tab's part of the live narration: what changed in each run since its last frame (a
// pCPU offline or back, an interrupt storm, a VM arriving, the lock holder preempted, the
// 10 µs target met or missed, the checker's verdict), as notes for the narrator. Loaded
// behind import() with the tab.
import type { VcpuRun } from './vcpuRun.svelte';
import { t } from './messages';
import { TARGET_P99_US } from './vcpuText';

interface Seen {
  online: boolean[];
  storm: boolean[];
  aliveVms: boolean[];
  lhp: boolean;
  meets: boolean | null;
  verdict: string;
}

function seenOf(run: VcpuRun): Seen | null {
  const f = run.frame;
  if (f === null) return null;
  const vms = run.config?.vms.length ?? 0;
  const alive = new Array<boolean>(vms).fill(false);
  for (const v of f.vcpus) if (v.state !== 'offline' && v.vm < vms) alive[v.vm] = true;
  const r = f.report;
  return {
    online: f.pcpus.map((p) => p.online),
    storm: f.pcpus.map((p) => p.stormUntilNs > 0),
    aliveVms: alive,
    lhp: f.vcpus.some((v) => v.holdsLock && v.state !== 'running'),
    meets: r.wakeups > 0 ? r.wakeLatencyUs.p99 <= TARGET_P99_US : null,
    verdict: r.verdict,
  };
}

export class VcpuNarration {
  private readonly seen = new WeakMap<VcpuRun, Seen>();

  /** Notes what changed in `run` since it was last looked at; the first look only records. */
  observe(run: VcpuRun, named: boolean, note: (text: string) => void): void {
    const before = this.seen.get(run);
    const now = seenOf(run);
    if (now === null) return;
    this.seen.set(run, now);
    if (before === undefined || before.online.length !== now.online.length || before.aliveVms.length !== now.aliveVms.length) return;
    const prefix = named ? `${run.label}: ` : '';
    for (let p = 0; p < now.online.length; p++) {
      if (before.online[p] !== now.online[p]) note(t(now.online[p] ? 'vcpu.liveOnline' : 'vcpu.liveOffline', { run: prefix, pcpu: `p${p}` }));
      if (!before.storm[p] && now.storm[p]) note(t('vcpu.liveStorm', { run: prefix, pcpu: `p${p}` }));
    }
    const names = run.config?.vms.map((v) => v.name) ?? [];
    for (let vm = 0; vm < now.aliveVms.length; vm++) if (!before.aliveVms[vm] && now.aliveVms[vm]) note(t('vcpu.liveArrived', { run: prefix, vm: names[vm] ?? String(vm) }));
    if (!before.lhp && now.lhp) note(t('vcpu.liveLhp', { run: prefix }));
    if (before.meets !== null && now.meets !== null && before.meets !== now.meets) note(t(now.meets ? 'vcpu.liveTargetMet' : 'vcpu.liveTargetMissed', { run: prefix, us: TARGET_P99_US }));
    if (now.verdict !== before.verdict) note(t('vcpu.liveVerdict', { run: prefix, verdict: now.verdict }));
  }
}

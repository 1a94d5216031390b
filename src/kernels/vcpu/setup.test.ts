// What each configuring `vcpu ...` command does to a run's setup (setup.ts), as the tab, the
// labs and the CLI all read it.
import { describe, expect, it } from 'vitest';
import type { VcpuAction } from './action';
import { defaultConfig, profileCosts } from './config';
import { SCENARIOS } from './scenarios';
import {
  columnConfig, columnProfiles, configProblem, initialSetup, PRESET_NAMES, reshapeRun, resolveFault, scenarioEndNs, setupProblem, type VcpuSetup,
} from './setup';

const reshape = (setup: VcpuSetup, action: VcpuAction): VcpuSetup => {
  const r = reshapeRun(setup, action);
  if (r === null) throw new Error(`${action.action} does not set a run up`);
  if (r.refused !== undefined) throw new Error(r.refused);
  return r.setup;
};

describe('vcpu setup', () => {
  it('starts from the default host: kvm, credit, seed 1, one column, offload next', () => {
    const s = initialSetup();
    expect(s.config).toEqual(defaultConfig());
    expect({ seed: s.seed, sideBySide: s.sideBySide, other: s.other, preset: s.preset, schedule: s.schedule })
      .toEqual({ seed: 1, sideBySide: false, other: 'offload', preset: null, schedule: [] });
    expect(columnProfiles(s)).toEqual(['kvm']);
    expect(scenarioEndNs(s)).toBeNull();
  });

  it('runs two profiles side by side with the same VMs and seed, each with its own costs', () => {
    const s = reshape(reshape(initialSetup(), { action: 'side-by-side', other: 'bare-metal' }), { action: 'mitigate', mitigations: ['ple'] });
    expect(columnProfiles(s)).toEqual(['kvm', 'bare-metal']);
    const bm = columnConfig(s, 'bare-metal');
    expect(bm).toEqual({ ...columnConfig(s, 'kvm'), profile: 'bare-metal', costs: profileCosts('bare-metal') });
    // Bare metal keeps the scheduler as set; the kernel ignores it there, as the CLI's run does.
    expect(bm.sched).toBe('credit');
    expect(columnProfiles(reshape(s, { action: 'single' }))).toEqual(['kvm']);
    expect(reshape(initialSetup(), { action: 'side-by-side', other: null }).other).toBe('offload');
    const swapped = reshape(s, { action: 'profile', profile: 'bare-metal' });
    expect(columnProfiles(swapped)).toEqual(['bare-metal', 'kvm']);
    expect(reshapeRun(s, { action: 'profile', profile: 'offload' })!.lines).toEqual(['profile offload beside bare-metal: new run at 0 ms']);
  });

  it('refuses a setup the kernel would reshape, with the same sentence as the CLI, and keeps the old one', () => {
    const s = initialSetup();
    const pin = reshapeRun(s, { action: 'sched', sched: 'pin' })!;
    expect(pin.refused).toBe('pin gives each vCPU its own hyperthread, but 12 vCPUs do not fit 8 pCPUs');
    expect(pin.setup).toBe(s);
    const capped = reshape(s, { action: 'preset', preset: 'HV-5' });
    expect(reshapeRun(capped, { action: 'sched', sched: 'cfs' })!.refused).toBe('VM capped has a cap, which only credit enforces (sched credit)');
    expect(configProblem(defaultConfig())).toBeNull();
    // Bare metal gives every vCPU its own board pCPU: pin fits there.
    expect(reshapeRun(reshape(s, { action: 'profile', profile: 'bare-metal' }), { action: 'sched', sched: 'pin' })!.refused).toBeUndefined();
  });

  it('takes a scenario preset\'s host, VMs, sched, profile, seed and faults, side by side when its first two variants differ in profile', () => {
    const broken = reshape(initialSetup(), { action: 'break', broken: ['steal-misreported'] });
    const hv6 = reshape(broken, { action: 'preset', preset: 'HV-6' });
    expect(hv6.config.vms.map((vm) => vm.name)).toEqual(['web', 'noisy']);
    expect(hv6.config.broken).toEqual(['steal-misreported']);
    expect(columnProfiles(hv6)).toEqual(['kvm', 'offload']);
    expect(hv6.schedule).toEqual([{ at: 500_000_000, command: { kind: 'arrive', vm: 1 } }]);
    expect(scenarioEndNs(hv6)).toBe(SCENARIOS.get('HV-6')!.durationNs);
    const hv2 = reshape(initialSetup(), { action: 'preset', preset: 'HV-2' });
    expect({ sideBySide: hv2.sideBySide, host: hv2.config.host, sched: hv2.config.sched }).toEqual({ sideBySide: false, host: { sockets: 1, coresPerSocket: 1, smt: 1 }, sched: 'credit' });
    const hv7 = reshape(initialSetup(), { action: 'preset', preset: 'HV-7' });
    expect(hv7.schedule.map((c) => c.command.kind)).toEqual(['storm', 'offline', 'online', 'upgrade']);
    expect(reshape(hv7, { action: 'seed', seed: 9 })).toMatchObject({ preset: 'HV-7', seed: 9 });
    expect(reshape(hv7, { action: 'reset' })).toBe(hv7);
    const back = reshape(hv7, { action: 'preset', preset: 'default' });
    expect(back).toMatchObject({ preset: null, schedule: [], seed: 1 });
    expect(back.config).toEqual(defaultConfig());
    for (const preset of PRESET_NAMES) expect(setupProblem(reshape(initialSetup(), { action: 'preset', preset })), preset).toBeNull();
  });

  it('sets the Dragonfly preset up as offload and pinned, its targets marked as the project\'s', () => {
    const r = reshapeRun(initialSetup(), { action: 'preset', preset: 'dragonfly' })!;
    expect(r.setup.config).toMatchObject({ profile: 'offload', sched: 'pin' });
    expect(r.setup.config.vms.reduce((n, vm) => n + vm.vcpus, 0)).toBe(8);
    expect(r.setup.preset).toBe('dragonfly');
    expect(r.lines.join('\n')).toContain('not Alibaba measurements');
    expect(r.setup.other).toBe('bare-metal');
  });

  it('resolves a typed fault against the run: VM names, pCPUs in range, arrive only once and only a dormant VM', () => {
    const s = initialSetup();
    expect(resolveFault(s, { kind: 'arrive', vm: 'noisy' }, 0)).toEqual({ ok: true, command: { kind: 'arrive', vm: 3 } });
    expect(resolveFault(s, { kind: 'arrive', vm: 'web' }, 0)).toMatchObject({ ok: false, reason: expect.stringContaining('only a dormant VM arrives') });
    expect(resolveFault(s, { kind: 'arrive', vm: 'ghost' }, 0)).toMatchObject({ ok: false, reason: expect.stringContaining('"ghost" is not a VM of this run (web, db, batch, noisy)') });
    expect(resolveFault(s, { kind: 'arrive', vm: 'noisy' }, 2e6, [{ at: 1e6, command: { kind: 'arrive', vm: 3 } }]))
      .toMatchObject({ ok: false, reason: 'VM noisy already arrived at 1.000 ms' });
    expect(resolveFault(s, { kind: 'storm', pcpu: 7, ns: 5e6 }, 0)).toEqual({ ok: true, command: { kind: 'storm', pcpu: 7, ns: 5e6 } });
    expect(resolveFault(s, { kind: 'offline', pcpu: 8 }, 0)).toMatchObject({ ok: false, reason: 'p8 is not a pCPU of this run (p0..p7)' });
    expect(resolveFault(s, { kind: 'upgrade' }, 0)).toEqual({ ok: true, command: { kind: 'upgrade' } });
    const hv6 = reshape(s, { action: 'preset', preset: 'HV-6' });
    expect(resolveFault(hv6, { kind: 'arrive', vm: 'noisy' }, 600e6)).toMatchObject({ ok: false, reason: 'VM noisy already arrived at 500.000 ms' });
    expect(resolveFault(hv6, { kind: 'arrive', vm: 'noisy' }, 100e6).ok).toBe(true);
  });

  it('leaves time, faults and reads to the caller', () => {
    for (const action of [{ action: 'step', ns: 1 }, { action: 'status' }, { action: 'hash' }, { action: 'run', ns: null },
      { action: 'fault', fault: { kind: 'upgrade' } }] as VcpuAction[]) {
      expect(reshapeRun(initialSetup(), action), action.action).toBeNull();
    }
  });
});

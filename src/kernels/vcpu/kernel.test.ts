// The vCPU kernel on the real built wasm: determinism, the credit1 2:1 share of the issue,
// each broken option turning its twin red with its property, faults keeping the verdict valid.
import { describe, expect, it } from 'vitest';
import { vcpuModule } from '../../testing/fixtures';
import { defaultConfig, vm } from './config';
import { BREAKS, BROKEN_OPTIONS, FR, type BrokenOption } from './protocol';
import { runVcpu } from './run';
import { SCENARIOS, TWINS, variantConfig } from './scenarios';
import { parseSchedule } from './schedule';
import { fuzz } from './fuzz';
import type { VcpuConfig } from './types';

const S = 1e9;

function scenarioRun(name: string, variant: number, broken: BrokenOption[] = []) {
  const s = SCENARIOS.get(name)!;
  const config = variantConfig(s, variant, broken);
  const schedule = parseSchedule(s.faults, name, config.vms.map((v) => v.name), 64);
  return runVcpu(vcpuModule(), config, s.seed, s.durationNs, schedule);
}

describe('vcpu kernel', () => {
  it('gives the same state hash for the same seed, another for another seed', () => {
    const config = defaultConfig('kvm');
    const faults = parseSchedule('100ms arrive noisy; 200ms storm p2 20ms', 't', config.vms.map((v) => v.name), 8);
    const a = runVcpu(vcpuModule(), config, 7, 0.3 * S, faults);
    const b = runVcpu(vcpuModule(), config, 7, 0.3 * S, faults);
    const c = runVcpu(vcpuModule(), config, 8, 0.3 * S, faults);
    expect(a.stateHash()).toBe(b.stateHash());
    expect(a.summary.events).toBe(b.summary.events);
    expect(c.stateHash()).not.toBe(a.stateHash());
  });

  it('splits one pCPU 2:1 between weights 512 and 256 under credit1, within one 30 ms accounting period over 3 s', () => {
    const config: VcpuConfig = {
      ...defaultConfig('kvm'), host: { sockets: 1, coresPerSocket: 1, smt: 1 },
      vms: [vm({ name: 'a', weight: 512 }), vm({ name: 'b', weight: 256 })],
    };
    const r = runVcpu(vcpuModule(), config, 1, 3 * S);
    const [a, b] = r.summary.accounts.map((x) => x.runNs);
    expect(r.summary.verdict).toBe('valid');
    // ±1 accounting period (30 ms) of 3 s of service.
    expect(Math.abs(a - (2 / 3) * (a + b))).toBeLessThanOrEqual(30e6);
    expect(Math.abs(b - (1 / 3) * (a + b))).toBeLessThanOrEqual(30e6);
  });

  it.each(['credit', 'cfs', 'eevdf'] as const)('%s keeps the 2:1 share within 30 ms over 3 s too', (sched) => {
    const r = scenarioRun('HV-2', ['credit', 'cfs', 'eevdf'].indexOf(sched));
    const [a, b] = r.summary.accounts.map((x) => x.runNs);
    expect(r.summary.verdict).toBe('valid');
    expect(Math.abs(a - 2 * b)).toBeLessThanOrEqual(3 * 30e6);
  });

  it('has one twin per broken option, and each turns only its twin red with its property', () => {
    expect(Object.keys(TWINS).sort()).toEqual(Object.keys(BROKEN_OPTIONS).sort());
    for (const name of Object.keys(BROKEN_OPTIONS) as BrokenOption[]) {
      const { scenario, variant } = TWINS[name];
      const clean = scenarioRun(scenario, variant);
      expect(clean.summary.verdict, `${scenario} without ${name}`).toBe('valid');
      const red = scenarioRun(scenario, variant, [name]);
      expect(red.summary.verdict, `${scenario} with ${name}`).toBe('invalid');
      expect(red.summary.violation?.property, name).toBe(BREAKS[name]);
      expect(red.summary.violation!.atNs).toBeGreaterThanOrEqual(0);
    }
  });

  it('stays valid through every scenario, faults included, and measures the upgrade blackout', () => {
    for (const [name, s] of SCENARIOS) {
      for (let i = 0; i < s.variants.length; i++) {
        const r = scenarioRun(name, i);
        expect(r.summary.verdict, `${name} ${s.variants[i].label}`).toBe('valid');
        expect(r.refused, name).toEqual([]);
      }
    }
    const hv7 = scenarioRun('HV-7', 0).summary.frame;
    // Upgrade: 20 ms + 0.5 ms per live vCPU (14) of pause at least.
    // The pause is 20 ms + 0.5 ms per live vCPU (14); the blackout runs until the last vCPU that
    // was runnable is back in guest mode: behind the others, at most one EEVDF round (8 x 3 ms) later.
    const blackout = hv7[FR.blackoutNs];
    expect(blackout).toBeGreaterThanOrEqual(27e6);
    expect(blackout).toBeLessThanOrEqual(27e6 + 24e6);
  });

  it('never steals on a dedicated host and never on bare metal (S3)', () => {
    for (const [i, label] of [[0, 'dedicated']] as const) {
      const r = scenarioRun('HV-3', i);
      for (const a of r.summary.accounts) expect(a.stealNs, label).toBe(0);
    }
    const bm = scenarioRun('HV-1', 2);
    for (const a of bm.summary.accounts) expect(a.stealNs).toBe(0);
  });

  it('survives seeded fault schedules under the checker', () => {
    const summary = fuzz(vcpuModule(), { count: 12, fuzzSeed: 5, broken: [] });
    expect(summary.findings.map((f) => f.command)).toEqual([]);
    expect(summary.passed).toBe(12);
  });
});

// A --trace stream read without the kernel: steal recomputed from the vCPU state changes
// matches what the kernel reports, and S1 (exclusivity), S2 (time partition) and S3 (affinity)
// hold on every line.
import { describe, expect, it } from 'vitest';
import { vcpuModule } from '../../testing/fixtures';
import type { TraceRecord } from './kernel';
import { runVcpu } from './run';
import { SCENARIOS, variantConfig } from './scenarios';
import { parseSchedule } from './schedule';

function traced(name: string, variant: number, broken: Parameters<typeof variantConfig>[2] = []) {
  const s = SCENARIOS.get(name)!;
  const config = variantConfig(s, variant, broken);
  const lines: TraceRecord[] = [];
  const schedule = parseSchedule(s.faults, name, config.vms.map((v) => v.name), 64);
  const result = runVcpu(vcpuModule(), config, s.seed, 200e6, schedule, (r) => lines.push(JSON.parse(JSON.stringify(r))));
  return { config, lines, result };
}

/** Recomputes per-vCPU time in each state and checks S1-S3 from the lines alone. */
function replay(lines: TraceRecord[], pins: (number | null)[], endNs: number) {
  const state = new Map<number, { state: string; since: number; pcpu: number; run: number; wait: number; block: number; born: number }>();
  const runningOn = new Map<number, number>();
  const problems: string[] = [];
  for (const r of lines) {
    if (!('state' in r)) continue;
    const prev = state.get(r.vcpu);
    if (prev) {
      const dt = r.t - prev.since;
      if (prev.state === 'running') prev.run += dt;
      else if (prev.state === 'runnable') prev.wait += dt;
      else if (prev.state === 'blocked') prev.block += dt;
      if (prev.state === 'running' && runningOn.get(prev.pcpu) === r.vcpu) runningOn.delete(prev.pcpu);
      prev.state = r.state;
      prev.since = r.t;
      prev.pcpu = r.pcpu;
    } else state.set(r.vcpu, { state: r.state, since: r.t, pcpu: r.pcpu, run: 0, wait: 0, block: 0, born: r.t });
    if (r.state === 'running') {
      const other = runningOn.get(r.pcpu);
      if (other !== undefined && other !== r.vcpu) problems.push(`S1: p${r.pcpu} runs ${other} and ${r.vcpu} at ${r.t}`);
      runningOn.set(r.pcpu, r.vcpu);
      const pin = pins[r.vcpu];
      if (pin !== null && pin !== r.pcpu) problems.push(`S3: vCPU ${r.vcpu} pinned to p${pin} runs on p${r.pcpu}`);
    }
  }
  const totals = [...state.entries()].map(([vcpu, s]) => {
    const dt = endNs - s.since;
    if (s.state === 'running') s.run += dt;
    else if (s.state === 'runnable') s.wait += dt;
    else if (s.state === 'blocked') s.block += dt;
    if (s.run + s.wait + s.block !== endNs - s.born) problems.push(`S2: vCPU ${vcpu} states sum to ${s.run + s.wait + s.block}, lived ${endNs - s.born}`);
    return { vcpu, ...s };
  });
  return { totals, problems };
}

describe('vcpu --trace', () => {
  it.each([['HV-7', 0], ['HV-3', 1], ['HV-4', 2], ['HV-1', 0]] as const)('%s variant %i: steal recomputed from the trace is the reported steal, S1-S3 hold', (name, variant) => {
    const { config, lines, result } = traced(name, variant);
    const pins = config.vms.flatMap((vm) => Array.from({ length: vm.vcpus }, (_, k) => (config.sched === 'pin' ? null : vm.pin === null ? null : vm.pin + k)));
    const { totals, problems } = replay(lines, pins, 200e6);
    expect(problems).toEqual([]);
    expect(totals.length).toBe(result.summary.accounts.filter((a) => a.aliveNs > 0).length);
    for (const t of totals) {
      const a = result.summary.accounts[t.vcpu];
      expect(t.wait, `steal of vCPU ${t.vcpu}`).toBe(a.stealNs);
      expect(t.run, `run of vCPU ${t.vcpu}`).toBe(a.runNs);
    }
    expect(lines.some((l) => 'phase' in l && l.phase === 'host')).toBe(true);
  });

  it('catches misreported steal from the trace alone', () => {
    const { config, lines, result } = traced('HV-1', 0, ['steal-misreported']);
    const pins = config.vms.map(() => null);
    const { totals } = replay(lines, pins, 200e6);
    const differs = totals.filter((t) => t.wait !== result.summary.accounts[t.vcpu].stealNs);
    expect(differs.length).toBeGreaterThan(0);
    expect(result.summary.violation?.property).toBe('S2');
  });
});

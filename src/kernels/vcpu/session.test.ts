// The vCPU session on the real built wasm: determinism, seeks back and forth landing on the
// straight run's state, faults refused or dropped as the log says, a stop at a violation.
import { describe, expect, it } from 'vitest';
import { vcpuModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import { VcpuSession } from './session';
import { SCENARIOS, TWINS, variantConfig } from './scenarios';
import { GANTT_STRIDE } from './api';

const MS = 1e6;
const session = () => new VcpuSession(vcpuModule(), undefined, { checkpointEvents: 200 });

describe('vcpu session', () => {
  it('runs the same for the same seed, and a seek back then forward lands on the straight run', () => {
    const config = defaultConfig('kvm');
    const schedule = [{ at: 3 * MS, command: { kind: 'arrive' as const, vm: 3 } }];
    const a = session();
    a.start(config, schedule, 7);
    a.advance(12 * MS);
    const straight = a.stateHash();
    const b = session();
    b.start(config, schedule, 7);
    b.advance(12 * MS, 1);
    b.advance(12 * MS);
    expect(b.stateHash()).toBe(straight);
    b.seek(2.5 * MS);
    expect(b.frame().reset).toBe(true);
    b.seek(12 * MS);
    expect(b.stateHash()).toBe(straight);
    expect(b.memory().checkpoints).toBeGreaterThan(0);
  });

  it('drops a future beyond now when a fault is applied, and refuses a fault that does not apply', () => {
    const s = session();
    s.start(defaultConfig('kvm'));
    s.advance(4 * MS);
    expect(s.apply({ kind: 'storm', pcpu: 1, ns: MS }).applied).toBe(true);
    s.advance(6 * MS);
    s.seek(2 * MS);
    expect(s.apply({ kind: 'online', pcpu: 0 }).applied).toBe(false);
    expect(s.apply({ kind: 'offline', pcpu: 2 }).applied).toBe(true);
    expect(s.commandLog()).toEqual([{ at: 2 * MS, command: { kind: 'offline', pcpu: 2 } }]);
  });

  it('stops at the violation of a broken option, however the run was sliced', () => {
    const { scenario, variant } = TWINS['over-before-under'];
    const sc = SCENARIOS.get(scenario)!;
    const config = variantConfig(sc, variant, ['over-before-under']);
    const a = session();
    a.start(config, [], sc.seed);
    const status = a.advance(sc.durationNs);
    expect(status.stopped).toBe(true);
    const b = session();
    b.start(config, [], sc.seed);
    let st = b.advance(sc.durationNs, 0);
    for (let i = 0; i < 10000 && !st.stopped; i++) st = b.advance(sc.durationNs, 0);
    expect(st.now).toBe(status.now);
    expect(b.stateHash()).toBe(a.stateHash());
    expect(a.frame().report.verdict).toBe('invalid');
    expect(() => a.apply({ kind: 'upgrade' })).toThrow(/stopped/);
  });

  it('frames tile each pCPU from the start to now', () => {
    const s = session();
    s.start(defaultConfig('kvm'));
    const sums = new Map<number, number>();
    for (let t = 1; t <= 5; t++) {
      s.advance(t * MS);
      const f = s.frame();
      expect(f.reset).toBe(t === 1);
      for (let o = 0; o < f.gantt.length; o += GANTT_STRIDE) sums.set(f.gantt[o + 2], (sums.get(f.gantt[o + 2]) ?? 0) + f.gantt[o + 1] - f.gantt[o]);
    }
    expect([...sums.values()]).toEqual(new Array(8).fill(5 * MS));
  });
});

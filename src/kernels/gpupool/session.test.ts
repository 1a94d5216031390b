// Time travel, commands and trap recovery on the real kernel: every path to a step must
// give the same bytes of state as running straight there.
import { describe, expect, test } from 'vitest';
import { GpuPoolSession } from './session';
import { KernelTrap } from './kernel';
import { gpupoolModule } from '../../testing/fixtures';
import type { RunConfig } from './types';

const config: RunConfig = { policy: 'FGD', seed: 7, rng: 'xoshiro', tune: 1.3 };

function straightTo(step: number, withPolicyChangeAt?: number): string {
  const s = new GpuPoolSession(gpupoolModule());
  s.start(config);
  if (withPolicyChangeAt !== undefined) {
    s.advance(withPolicyChangeAt);
    s.apply({ kind: 'policy', policy: 'BestFit' });
  }
  s.advance(step);
  return s.stateHash();
}

describe('GpuPoolSession', () => {
  test('the same run twice gives the same state, a different seed does not', () => {
    expect(straightTo(3000)).toBe(straightTo(3000));
    const other = new GpuPoolSession(gpupoolModule());
    other.start({ ...config, seed: 8 });
    other.advance(3000);
    expect(other.stateHash()).not.toBe(straightTo(3000));
  });

  test('seeking back and forth lands on exactly the state of a straight run', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    s.advance(9000);
    for (const target of [1234, 0, 8999, 4000, 4000, 10, 6000]) {
      s.seek(target);
      expect(s.current.step).toBe(target);
      expect(s.stateHash()).toBe(straightTo(target));
    }
  });

  test('checkpoints stay within the memory budget and seeking re-runs at most one interval', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.setCheckpointBudget(16 * 1024 * 1024);
    s.start(config);
    s.advance(100_000);
    const m = s.memory();
    expect(m.checkpointBytes).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(m.checkpoints).toBeGreaterThan(2);
    // The kernel's own memory for the default-sized cluster stays far below 64 MiB.
    expect(m.kernelBytes).toBeLessThan(64 * 1024 * 1024);
  });

  test('a policy change is a stamped command, replayed by seek', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    s.advance(2000);
    s.apply({ kind: 'policy', policy: 'BestFit' });
    s.advance(5000);
    expect(s.commandLog()).toEqual([{ step: 2000, command: { kind: 'policy', policy: 'BestFit' } }]);
    expect(s.query('policy')).toBe('BestFit');
    s.seek(1500);
    expect(s.query('policy')).toBe('FGD');
    s.seek(5000);
    expect(s.query('policy')).toBe('BestFit');
    expect(s.stateHash()).toBe(straightTo(5000, 2000));
    expect(s.stateHash()).not.toBe(straightTo(5000));
  });

  test('a command issued after seeking back drops the old future', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    s.advance(2000);
    s.apply({ kind: 'policy', policy: 'BestFit' });
    s.advance(4000);
    s.seek(1000);
    s.apply({ kind: 'policy', policy: 'DotProd' });
    expect(s.commandLog().map((c) => [c.step, c.command.kind === 'policy' ? c.command.policy : ''])).toEqual([[1000, 'DotProd']]);
  });

  test('a kernel trap is reported with the command and the last good state is restored', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    s.advance(2500);
    const before = s.stateHash();
    const report = s.debugTrap();
    expect(report.during).toBe('debug trap');
    expect(report.message).toMatch(/unreachable|trap/i);
    expect(report.restoredStep).toBe(2500);
    expect(s.stateHash()).toBe(before);
    s.advance(2600);
    expect(s.current.step).toBe(2600);
  });

  test('frames carry only new events, and reset after seeking back', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    s.advance(100);
    const first = s.frame();
    expect(first.reset).toBe(true);
    expect(first.arrived.length).toBe(100);
    s.advance(150);
    const second = s.frame();
    expect(second.reset).toBe(false);
    expect(second.firstStep).toBe(100);
    expect(second.used.length).toBe(50);
    s.seek(20);
    const third = s.frame();
    expect(third.reset).toBe(true);
    expect(third.node.length).toBe(20);
  });

  test('a malformed trace says file, line and column, and keeps the previous workload', () => {
    const s = new GpuPoolSession(gpupoolModule());
    const nodes = { name: 'nodes.csv', text: 'sn,cpu_milli,memory_mib,gpu,model\nn1,96000,393216,8,G2\n' };
    const pods = { name: 'pods.csv', text: 'name,cpu_milli,memory_mib,num_gpu,gpu_milli\np1,1000,1024,1,500\np2,1000,lots,1,500\n' };
    expect(() => s.loadTrace(nodes, pods)).toThrow('pods.csv:3:9: memory_mib must be an integer, found "lots"');
    expect(s.workloadInfo().source).toBe('synthetic');
    const good = s.loadTrace(nodes, { name: 'pods.csv', text: pods.text.replace('lots', '2048') });
    expect(good.source).toBe('trace');
    expect(good.podsRef?.hash).toMatch(/^[0-9a-f]{16}$/);
    s.start(config);
    s.advance(10);
    expect(s.query('placed')).toBeGreaterThan(0);
  });

  test('a trap never escapes as anything but a KernelTrap', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    expect(() => s.current.debugTrap()).toThrow(KernelTrap);
  });
});

describe('synthetic scale', () => {
  test('x17 gives a 100,000-GPU cluster that runs', () => {
    const s = new GpuPoolSession(gpupoolModule());
    const info = s.useSynthetic(17);
    expect(info.gpus).toBe(6212 * 17);
    expect(info.nodes).toBe(1213 * 17);
    expect(info.label).toContain('x17');
    s.start(config);
    s.advance(200);
    expect(s.query('placed')).toBe(200);
    expect(() => s.useSynthetic(0)).toThrow(/1\.\.64/);
  });
});

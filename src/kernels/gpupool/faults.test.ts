import { describe, expect, test } from 'vitest';
import { GpuPoolSession } from './session';
import { gpupoolModule } from '../../testing/fixtures';
import type { RunConfig } from './types';

const config: RunConfig = { policy: 'BestFit', seed: 11, rng: 'xoshiro', tune: 1.3 };

function busiestNode(s: GpuPoolSession): number {
  const counts = new Map<number, number>();
  for (const n of s.current.events().node.subarray(0, s.current.step)) if (n >= 0) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

describe('faults', () => {
  test('a failed node evicts its pods; each is rescheduled or lost, and none goes back on it', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    s.advance(6000);
    const node = busiestNode(s);
    const onNode = s.inspectNode(node).pods.length;
    const usedBefore = s.current.summary().used;
    const after = s.apply({ kind: 'fail-node', node });
    expect(after.evicted).toBe(onNode);
    expect(after.rescheduled + after.lost).toBe(onNode);
    expect(after.failedGpus).toBe(s.current.workload.nodes[node].gpus);
    expect(s.inspectNode(node).pods).toHaveLength(0);
    expect(s.inspectNode(node).gpuRemaining.every((r) => r === 0)).toBe(true);
    expect(after.used).toBeLessThanOrEqual(usedBefore);
    s.advance(s.current.podCount);
    expect(s.current.events().node.subarray(6000).includes(node)).toBe(false);
    // Failing it again changes nothing.
    expect(s.apply({ kind: 'fail-node', node }).evicted).toBe(onNode);
  });

  test('a failed GPU evicts only the pods using it', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    s.advance(6000);
    const node = busiestNode(s);
    const before = s.inspectNode(node);
    const onGpu0 = before.pods.filter((p) => p.gpuIndex === 0).length;
    const after = s.apply({ kind: 'fail-gpu', node, gpu: 0 });
    expect(after.evicted).toBeGreaterThanOrEqual(onGpu0);
    expect(after.failedGpus).toBe(1);
    expect(s.inspectNode(node).gpuRemaining[0]).toBe(0);
    expect(s.inspectNode(node).pods.length).toBeGreaterThanOrEqual(before.pods.length - after.evicted);
  });

  test('faults are stamped commands: seeking replays them exactly', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    s.advance(3000);
    s.apply({ kind: 'fail-node', node: 5 });
    s.advance(5000);
    s.apply({ kind: 'fail-gpu', node: 9, gpu: 1 });
    s.advance(8000);
    const hash = s.stateHash();
    const summary = s.current.summary();
    s.seek(100);
    s.seek(8000);
    expect(s.stateHash()).toBe(hash);
    expect(s.current.summary()).toEqual(summary);
  });

  test('a bad node id is refused and leaves no command behind', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start(config);
    expect(() => s.apply({ kind: 'fail-node', node: 99999 })).toThrow(/no node 99999/);
    expect(() => s.apply({ kind: 'fail-gpu', node: 549, gpu: 5 })).toThrow(/GPUs 0\.\.1/);
    expect(s.commandLog()).toHaveLength(0);
  });
});

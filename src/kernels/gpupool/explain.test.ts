import { describe, expect, test } from 'vitest';
import { GpuPoolSession } from './session';
import { explainNextPod } from './explain';
import { POLICIES } from './types';
import { gpupoolModule } from '../../testing/fixtures';

describe('why this node', () => {
  test('each deterministic policy\'s predicted winner is where the pod really goes', () => {
    // Random draws, and ACK decides a whole batch in priority order: neither is one pod's argmax.
    for (const policy of POLICIES.filter((p) => p !== 'Random' && p !== 'ACK')) {
      const s = new GpuPoolSession(gpupoolModule());
      s.start({ policy, seed: 3, rng: 'xoshiro', tune: 1.3 });
      for (const step of [0, 500, 4000, 9000]) {
        s.seek(step);
        const explanation = explainNextPod(s.current)!;
        expect(explanation.step).toBe(step);
        const verdict = explanation.winners[policy];
        s.advance(step + 1);
        const placedOn = s.current.events().node[step];
        if (explanation.rows.length === 0) expect(placedOn).toBe(-1);
        else expect(placedOn, `${policy} at step ${step}`).toBe(verdict!.node);
      }
    }
  });

  test('explaining changes no state, and FGD shows the fragment before and after', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start({ policy: 'FGD', seed: 5, rng: 'xoshiro', tune: 1.3 });
    s.advance(3000);
    const before = s.stateHash();
    const e = explainNextPod(s.current)!;
    expect(s.stateHash()).toBe(before);
    expect(e.rows.length).toBeGreaterThan(1);
    const winner = e.rows.find((r) => r.node === e.winners.FGD!.node)!;
    expect(winner.fgd.candidates.length).toBeGreaterThan(0);
    const best = Math.max(...winner.fgd.candidates.map((c) => c.score));
    expect(winner.scores.FGD).toBe(best);
    expect(e.winners.Random).toBeNull();
    for (const row of e.rows) expect(row.scores.Random).toBeNull();
  });

  test('the cluster view reports per-GPU fill and a category per node', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start({ policy: 'FGD', seed: 5, rng: 'xoshiro', tune: 1.3 });
    const empty = s.current.clusterView();
    expect([...empty.category].every((c) => c >= 0 && c <= 7)).toBe(true);
    s.advance(s.current.podCount);
    const full = s.current.clusterView();
    expect(full.category.filter((c) => c === 7).length).toBeGreaterThan(100);
    expect(full.gpuRemaining.length).toBe(full.gpuCount.length * 8);
  });
});

import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from './runDescription';
import type { RunDescription } from './runDescription';
import { DAMAGED_SESSION_KEY, restoreSession, saveSession, SESSION_KEY } from './session';
import { failingStorage, MemoryStorage } from '../testing/memoryStorage';

const run: RunDescription = {
  v: FORMAT_VERSION,
  kernel: 'gpupool',
  workload: { kind: 'synthetic' },
  config: { policy: 'FGD', seed: 42, rng: 'xoshiro', tune: 1.3 },
  commands: [{ step: 100, text: 'policy BestFit' }, { step: 250, text: 'policy FGD' }],
  step: 300,
};

describe('session', () => {
  it('restores what was saved', () => {
    const storage = new MemoryStorage();
    expect(restoreSession(storage)).toEqual({ run: null, problem: null });
    expect(saveSession(storage, run)).toEqual({ ok: true });
    expect(restoreSession(storage)).toEqual({ run, problem: null });
  });

  it('reports and ignores damaged data, keeping a copy aside', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, '{"v":1,"k":"gpupool"');
    const restored = restoreSession(storage);
    expect(restored.run).toBeNull();
    expect(restored.problem).toMatch(/^saved progress was ignored: it is not valid JSON .*; a copy was kept under "hyperscale-lab:session:damaged"$/);
    expect(storage.getItem(DAMAGED_SESSION_KEY)).toBe('{"v":1,"k":"gpupool"');
  });

  it('names the bad field of otherwise readable data', () => {
    const storage = new MemoryStorage();
    saveSession(storage, run);
    const saved = JSON.parse(storage.getItem(SESSION_KEY) ?? '') as Record<string, unknown>;
    storage.setItem(SESSION_KEY, JSON.stringify({ ...saved, c: ['FGD', 42, 'mt19937', 1.3] }));
    expect(restoreSession(storage).problem).toContain('field config.rng is invalid: "mt19937" is not one of xoshiro, go');
  });

  it('never throws when storage fails', () => {
    const broken = failingStorage;
    expect(saveSession(broken, run)).toEqual({ ok: false, reason: 'progress could not be saved for reload: QuotaExceededError' });
    expect(restoreSession(broken)).toEqual({ run: null, problem: 'saved progress could not be read: SecurityError: storage disabled' });
  });
});

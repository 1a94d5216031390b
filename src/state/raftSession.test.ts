import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../kernels/raft/config';
import { RAFT_FORMAT_VERSION } from './raftRunDescription';
import type { RaftRunDescription } from './raftRunDescription';
import { RAFT_SESSION_KEY, restoreRaftSession, saveRaftSession } from './raftSession';
import { SESSION_KEY } from './session';
import { failingStorage, MemoryStorage } from '../testing/memoryStorage';

const run: RaftRunDescription = {
  v: RAFT_FORMAT_VERSION,
  kernel: 'raft',
  config: defaultConfig({ traceMessages: true, sampleNs: 1_000_000, iodepth: 16 }),
  sideBySide: true,
  scenario: null,
  schedule: [],
  commands: [{ at: 4_000_000, command: { kind: 'partition', a: 0, b: 1 } }],
  time: 7_000_000,
  speed: 2_000_000,
  selected: null,
};

describe('raft session', () => {
  it('restores the run and which tab was in front, beside the GPU pool session', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, 'the GPU pool run');
    expect(restoreRaftSession(storage)).toEqual({ value: null, problem: null });
    expect(saveRaftSession(storage, { run, open: true })).toEqual({ ok: true });
    expect(restoreRaftSession(storage)).toEqual({ value: { run, open: true }, problem: null });
    expect(storage.getItem(SESSION_KEY)).toBe('the GPU pool run');
  });

  it('reports damaged data, naming the bad field, and keeps a copy aside', () => {
    const storage = new MemoryStorage();
    storage.setItem(RAFT_SESSION_KEY, '{"open":true,"run":');
    const damaged = restoreRaftSession(storage);
    expect(damaged.value).toBeNull();
    expect(damaged.problem).toMatch(/^saved raft progress was ignored: it is not valid JSON .*; a copy was kept under "hyperscale-lab:raft-session:damaged"$/);
    expect(storage.getItem(`${RAFT_SESSION_KEY}:damaged`)).toBe('{"open":true,"run":');

    saveRaftSession(storage, { run, open: false });
    const saved = JSON.parse(storage.getItem(RAFT_SESSION_KEY) ?? '') as { open: boolean; run: Record<string, unknown> };
    storage.setItem(RAFT_SESSION_KEY, JSON.stringify({ ...saved, run: { ...saved.run, m: [[4_000_000, 'partition 0 9']] } }));
    expect(restoreRaftSession(storage).problem).toContain('field run.commands[0].text is invalid: "partition 0 9": "9" is not a node (0..2)');
    storage.setItem(RAFT_SESSION_KEY, JSON.stringify({ ...saved, open: 'yes' }));
    expect(restoreRaftSession(storage).problem).toContain('field open is invalid: expected true or false');
    storage.setItem(RAFT_SESSION_KEY, JSON.stringify({ open: true }));
    expect(restoreRaftSession(storage).problem).toContain('field run is missing');
  });

  it('never throws when storage fails', () => {
    const broken = failingStorage;
    expect(saveRaftSession(broken, { run, open: true })).toEqual({ ok: false, reason: 'raft progress could not be saved for reload: QuotaExceededError' });
    expect(restoreRaftSession(broken)).toEqual({ value: null, problem: 'saved raft progress could not be read: SecurityError: storage disabled' });
  });
});

// The LogIndex tab's saved session in localStorage: restored as saved, beside the other tabs';
// damaged data reported with the field it fails on, kept aside, never thrown.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from './config';
import { LOGINDEX_FORMAT_VERSION, type LogIndexRunDescription } from './runDescription';
import { LOGINDEX_SESSION_KEY, restoreLogIndexSession, saveLogIndexSession } from './savedSession';
import { RAFT_SESSION_KEY } from '../../state/raftSession';
import { failingStorage, MemoryStorage } from '../../testing/memoryStorage';

const run: LogIndexRunDescription = {
  v: LOGINDEX_FORMAT_VERSION,
  kernel: 'logindex',
  config: { ...defaultConfig(), ro: 4, broken: ['eager-truncation'] },
  seed: 3,
  writeScale: 1,
  sideBySide: false,
  schedule: [],
  commands: [{ at: 4_000_000, command: { kind: 'partition', node: 2 } }],
  time: 7_000_000,
  speed: 2_000_000,
  page: null,
  node: 2,
};

describe('logindex saved session', () => {
  it('restores the run and which tab was in front, beside the raft session', () => {
    const storage = new MemoryStorage();
    storage.setItem(RAFT_SESSION_KEY, 'the raft run');
    expect(restoreLogIndexSession(storage)).toEqual({ value: null, problem: null });
    expect(saveLogIndexSession(storage, { run, open: true })).toEqual({ ok: true });
    expect(restoreLogIndexSession(storage)).toEqual({ value: { run, open: true }, problem: null });
    expect(storage.getItem(RAFT_SESSION_KEY)).toBe('the raft run');
  });

  it('reports damaged data, naming the bad field, and keeps a copy aside', () => {
    const storage = new MemoryStorage();
    storage.setItem(LOGINDEX_SESSION_KEY, '{"open":true,"run":');
    const damaged = restoreLogIndexSession(storage);
    expect(damaged.value).toBeNull();
    expect(damaged.problem).toMatch(/^saved logindex progress was ignored: it is not valid JSON .*; a copy was kept under "hyperscale-lab:logindex-session:damaged"$/);
    expect(storage.getItem(`${LOGINDEX_SESSION_KEY}:damaged`)).toBe('{"open":true,"run":');

    saveLogIndexSession(storage, { run, open: false });
    const saved = JSON.parse(storage.getItem(LOGINDEX_SESSION_KEY) ?? '') as { open: boolean; run: Record<string, unknown> };
    const problem = (value: unknown): string | null => {
      storage.setItem(LOGINDEX_SESSION_KEY, JSON.stringify(value));
      return restoreLogIndexSession(storage).problem;
    };
    expect(problem({ ...saved, run: { ...saved.run, m: [[4_000_000, 'partition ro9']] } }))
      .toContain('field run.commands[0].text is invalid: "partition ro9" names ro9, but the run has 4 replicas');
    expect(problem({ ...saved, run: { ...saved.run, c: { ...(saved.run.c as object), cpuApplyNs: -3 } } }))
      .toContain('field run.config.cpuApplyNs is invalid: expected a whole number 0..1000000000, got -3');
    expect(problem({ ...saved, open: 'yes' })).toContain('field open is invalid: expected true or false');
    expect(problem({ ...saved, extra: 1 })).toContain('field extra is not a setting this app knows');
    expect(problem({ open: true })).toContain('field run is missing');
    expect(problem([saved])).toContain('the data is not a saved logindex session (expected an object)');
    expect(problem({ ...saved, run: { ...saved.run, v: 0 } })).toContain('field run.v is invalid: format version 0, this app reads version 1');
    expect(storage.getItem(`${LOGINDEX_SESSION_KEY}:damaged`)).toBe(JSON.stringify({ ...saved, run: { ...saved.run, v: 0 } }));
  });

  it('never throws when storage fails', () => {
    expect(saveLogIndexSession(failingStorage, { run, open: true })).toEqual({ ok: false, reason: 'logindex progress could not be saved for reload: QuotaExceededError' });
    expect(restoreLogIndexSession(failingStorage)).toEqual({ value: null, problem: 'saved logindex progress could not be read: SecurityError: storage disabled' });
  });
});

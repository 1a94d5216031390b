// The vCPU tab's saved session in localStorage: restored as saved; damaged data reported with
// the field it fails on, kept aside, never thrown.
import { describe, expect, it } from 'vitest';
import { failingStorage, MemoryStorage } from '../../testing/memoryStorage';
import { describeVcpuRun } from './runDescription';
import { restoreVcpuSession, saveVcpuSession, VCPU_SESSION_KEY } from './savedSession';
import { initialSetup } from './setup';

const run = describeVcpuRun(initialSetup({ profile: 'offload', sideBySide: true }), [{ at: 4_000_000, command: { kind: 'offline', pcpu: 3 } }], 7_000_000, 2_000_000);

describe('vcpu saved session', () => {
  it('restores the run and which tab was in front', () => {
    const storage = new MemoryStorage();
    expect(restoreVcpuSession(storage)).toEqual({ value: null, problem: null });
    expect(saveVcpuSession(storage, { run, open: true })).toEqual({ ok: true });
    expect(restoreVcpuSession(storage)).toEqual({ value: { run, open: true }, problem: null });
    expect(VCPU_SESSION_KEY).toBe('hyperscale-lab:vcpu-session');
  });

  it('reports damaged data, naming the bad field, and keeps a copy aside', () => {
    const storage = new MemoryStorage();
    saveVcpuSession(storage, { run, open: false });
    const saved = JSON.parse(storage.getItem(VCPU_SESSION_KEY) ?? '') as { open: boolean; run: Record<string, unknown> };
    const problem = (value: unknown): string | null => {
      storage.setItem(VCPU_SESSION_KEY, JSON.stringify(value));
      return restoreVcpuSession(storage).problem;
    };
    expect(problem({ ...saved, run: { ...saved.run, m: [[4_000_000, 'offline p9']] } })).toContain('field run.commands[0].text is invalid: "offline p9"');
    expect(problem({ ...saved, open: 'yes' })).toContain('field open is invalid: expected true or false');
    expect(problem({ ...saved, extra: 1 })).toContain('field extra is not a setting this app knows');
    expect(problem({ open: true })).toContain('field run is missing');
    expect(problem([saved])).toContain('the data is not a saved vcpu session (expected an object)');
    expect(problem({ ...saved, run: { ...saved.run, v: 0 } })).toContain('field run.v is invalid');
    expect(storage.getItem(`${VCPU_SESSION_KEY}:damaged`)).toBe(JSON.stringify({ ...saved, run: { ...saved.run, v: 0 } }));
  });

  it('never throws when storage fails', () => {
    expect(saveVcpuSession(failingStorage, { run, open: true }).ok).toBe(false);
    expect(restoreVcpuSession(failingStorage).problem).toContain('saved vcpu progress could not be read');
  });
});

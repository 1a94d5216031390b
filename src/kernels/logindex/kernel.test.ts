// The LogIndex kernel on the real built logindex.wasm: determinism, lazy against full, the
// must-fail twins and faults under the live checker.
import { describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import { LogIndexKernel } from './kernel';
import { BREAK_FAULTS, BREAKS, BROKEN_OPTIONS, type BrokenOption } from './protocol';
import { runLogIndex } from './run';
import { formatSchedule, parseSchedule } from './schedule';
import type { LogIndexConfig } from './types';

const SECOND = 1e9;
const config = (over: Partial<LogIndexConfig> = {}): LogIndexConfig => ({ ...defaultConfig(), ...over });
const FAULTS = '500ms crash ro2; 1200ms restart ro2; 1800ms crash rw; 2000ms promote ro1';

describe('logindex kernel', () => {
  it('gives the same state hash for the same seed, and another for another seed', () => {
    const a = runLogIndex(logindexModule(), config(), 7, 0.3 * SECOND);
    const b = runLogIndex(logindexModule(), config(), 7, 0.3 * SECOND);
    const c = runLogIndex(logindexModule(), config(), 8, 0.3 * SECOND);
    expect(a.stateHash()).toBe(b.stateHash());
    expect(a.summary).toEqual(b.summary);
    expect(c.stateHash()).not.toBe(a.stateHash());
    expect(a.summary.writes).toBeGreaterThan(1000);
    expect(a.summary.reads).toBeGreaterThan(5000);
  });

  it('replays a run from its commands (formatted and read back) to the same hash', () => {
    const schedule = parseSchedule(FAULTS);
    const first = runLogIndex(logindexModule(), config(), 3, 2.5 * SECOND, schedule);
    const again = runLogIndex(logindexModule(), config(), 3, 2.5 * SECOND, parseSchedule(formatSchedule(schedule)));
    expect(again.stateHash()).toBe(first.stateHash());
    // Stopping at the command times and going on changes nothing either.
    const k = new LogIndexKernel(logindexModule(), config(), 3);
    for (const t of [0.1, 0.5, 0.9, 1.7, 2.5]) {
      for (const step of schedule) if (step.at > k.now && step.at <= t * SECOND) { k.advance(step.at); k.apply(step.command); }
      k.advance(t * SECOND);
    }
    expect(k.stateHash()).toBe(first.stateHash());
  });

  it('ships far fewer bytes in lazy mode than in full mode on the same seed', () => {
    const lazy = runLogIndex(logindexModule(), config({ mode: 'lazy' }), 1, 0.5 * SECOND).summary;
    const full = runLogIndex(logindexModule(), config({ mode: 'full' }), 1, 0.5 * SECOND).summary;
    expect(lazy.writes).toBeGreaterThan(1500);
    expect(full.bytesShipped).toBeGreaterThan(4 * lazy.bytesShipped);
    expect(lazy.verdict).toBe('valid');
    expect(full.verdict).toBe('valid');
  });

  it('keeps lag flat in lazy mode as the write rate grows, while full mode falls behind', () => {
    const run = (mode: 'lazy' | 'full', scale: number) =>
      runLogIndex(logindexModule(), config({ mode, writeTps: defaultConfig().writeTps * scale }), 1, 1 * SECOND).summary;
    const lazy1 = run('lazy', 1);
    const lazy16 = run('lazy', 16);
    const full16 = run('full', 16);
    expect(lazy16.writes).toBeGreaterThan(12 * lazy1.writes);
    // lsn_lag P99 in bytes of WAL: a few records for lazy at any scale; megabytes for full.
    expect(lazy16.lsnLagP99).toBeLessThan(16 * 1024);
    expect(lazy16.timeLagP99Ns).toBeLessThan(1e6);
    expect(full16.lsnLagP99).toBeGreaterThan(50 * lazy16.lsnLagP99);
    expect(full16.timeLagP99Ns).toBeGreaterThan(50e6);
    for (const s of [lazy1, lazy16, full16]) expect(s.verdict).toBe('valid');
  });

  it.each(Object.keys(BROKEN_OPTIONS) as BrokenOption[])('turns the verdict invalid with %s, naming its property', (name) => {
    const faults = parseSchedule(BREAK_FAULTS[name]);
    const s = runLogIndex(logindexModule(), config({ broken: [name] }), 1, 1 * SECOND, faults).summary;
    expect(s.verdict).toBe('invalid');
    // The twin: the same run with the option off is valid.
    expect(runLogIndex(logindexModule(), config(), 1, 1 * SECOND, faults).summary.verdict).toBe('valid');
    expect(s.violation?.property).toBe(BREAKS[name]);
    expect(s.violation?.node).toMatch(/^(rw|ro\d+|storage)$/);
    expect(s.violation?.lsn).toBeGreaterThan(0);
  });

  it.each([
    FAULTS,
    '300ms partition ro2; 500ms heal; 700ms loss ro3 20%; 900ms heal ro3; 1s delay ro1 3ms; 1300ms heal',
    '200ms slow-storage 20x; 600ms slow-storage 1x; 800ms starve ro3 30x; 1400ms starve ro3 1x',
    '1s crash ro1; 1100ms crash ro3; 1500ms restart ro1; 1600ms restart ro3; 2s crash rw; 2100ms restart rw',
  ])('stays valid under faults: %s', (faults) => {
    const r = runLogIndex(logindexModule(), config(), 5, 2.5 * SECOND, parseSchedule(faults));
    expect(r.refused).toEqual([]);
    expect(r.summary.violation).toBeNull();
    expect(r.summary.verdict).toBe('valid');
    expect(r.summary.readsChecked).toBeGreaterThan(10_000);
  });

  it('checks every page on promotion and moves the writer', () => {
    const r = runLogIndex(logindexModule(), config({ mode: 'full' }), 2, 2.5 * SECOND, parseSchedule(FAULTS));
    expect(r.summary.promotionsChecked).toBe(1);
    expect(r.summary.writer).toBe('ro1');
    expect(r.summary.verdict).toBe('valid');
  });

  it('refuses commands that do not apply at their time', () => {
    const r = runLogIndex(logindexModule(), config(), 1, 0.2 * SECOND, parseSchedule('10ms restart ro1; 20ms promote ro2'));
    expect(r.refused.map((x) => x.command.kind)).toEqual(['restart', 'promote']);
  });
});

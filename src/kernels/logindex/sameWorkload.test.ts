// Lazy and full on one seed see one workload: the same writes, record for record and page for
// page, and the same read arrivals at each replica (how many a replica serves is the mode's).
import { describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import { runLogIndex, type RunResult } from './run';
import { parseSchedule } from './schedule';

const SECOND = 1e9;

describe('logindex workload', () => {
  it('is the same in lazy and full on one seed, faults and all', () => {
    const schedule = parseSchedule('200ms delay ro1 2ms; 400ms crash ro2; 700ms restart ro2');
    const pages = (mode: 'lazy' | 'full'): [RunResult, string[]] => {
      const writes: string[] = [];
      const run = runLogIndex(logindexModule(), { ...defaultConfig(), mode, writeTps: 16_000 }, 5, 1 * SECOND, schedule, (r) => {
        if (r.op === 'write' && r.lsn > 0) writes.push(`${r.lsn}:${r.page}`);
      });
      return [run, writes];
    };
    const [lazy, lazyWrites] = pages('lazy');
    const [full, fullWrites] = pages('full');
    expect(lazy.summary.writes).toBeGreaterThan(10_000);
    expect(full.summary.writes).toBe(lazy.summary.writes);
    expect(fullWrites).toEqual(lazyWrites);
  });
});

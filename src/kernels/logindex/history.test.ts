// The --history lines checked for L1 without the kernel: each read's image must be the page's
// image after its last write with lsn <= the read's replay LSN.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import type { HistoryRecord } from './kernel';
import { PAGES } from './protocol';
import { runLogIndex } from './run';
import { parseSchedule } from './schedule';
import type { LogIndexConfig } from './types';

/** Reads whose image is not the one the writes say (an independent L1 check). */
function wrongReads(records: HistoryRecord[]): HistoryRecord[] {
  const versions = new Map<number, { lsn: number; image: string }[]>();
  const wrong: HistoryRecord[] = [];
  for (const r of records) {
    if (r.op === 'write') {
      const list = versions.get(r.page) ?? [];
      list.push({ lsn: r.lsn, image: r.image });
      versions.set(r.page, list);
      continue;
    }
    const list = versions.get(r.page) ?? [];
    let image: string | undefined;
    for (const v of list) if (v.lsn <= r.lsn) image = v.image;
    if (image !== r.image) wrong.push(r);
  }
  return wrong;
}

const run = (over: Partial<LogIndexConfig>, faults = '') => {
  const records: HistoryRecord[] = [];
  const r = runLogIndex(logindexModule(), { ...defaultConfig(), ...over }, 2, 0.6e9, parseSchedule(faults), (x) => records.push(x));
  return { records, summary: r.summary };
};

describe('logindex history', () => {
  it('opens with every initial image and agrees with the live checker', () => {
    const { records, summary } = run({}, '200ms crash ro2; 300ms restart ro2');
    expect(records.slice(0, PAGES).every((r) => r.op === 'write' && r.lsn === 0 && r.node === 'rw')).toBe(true);
    // One line per page a record changed: every LSN 1..writeLsn, a split's twice.
    const changes = records.filter((r) => r.op === 'write' && r.lsn > 0);
    expect(new Set(changes.map((r) => r.lsn)).size).toBe(summary.writeLsn);
    expect(changes.length).toBeGreaterThan(summary.writeLsn);
    expect(changes.length).toBeLessThan(2 * summary.writeLsn);
    const reads = records.filter((r) => r.op === 'read');
    expect(reads.length).toBeGreaterThanOrEqual(summary.reads);
    expect(wrongReads(records)).toEqual([]);
    expect(summary.verdict).toBe('valid');
  });

  it('shows the future pages of flush-control-off to a checker outside the kernel', () => {
    const { records, summary } = run({ broken: ['flush-control-off'] }, '100ms delay ro1 2ms');
    expect(summary.verdict).toBe('invalid');
    expect(wrongReads(records).length).toBeGreaterThan(0);
  });

  it('is written by hlab logindex --history', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hlab-li-')), 'h.jsonl');
    const cli = spawnSync(process.execPath, ['bin/hlab.mjs', 'logindex', '--duration', '100ms', '--history', file], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ t: 0, node: 'rw', op: 'write', page: 0, lsn: 0, image: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const read = lines.find((l) => l.op === 'read');
    expect(Object.keys(read)).toEqual(['t', 'node', 'op', 'page', 'replayLsn', 'image']);
    const records = lines.map((l) => ({ ...l, lsn: l.op === 'read' ? l.replayLsn : l.lsn }));
    expect(wrongReads(records)).toEqual([]);
  });
});

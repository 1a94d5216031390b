// Done means for issue 16: for each kernel, a sweep run whole and as 3 shards + `hlab merge`
// gives the same bytes; merge refuses missing, duplicate and mismatched shards by name.
// Runs the built CLI (npm ci builds it) on small grids with short simulated runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hlab-shard-'));

function hlab(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['bin/hlab.mjs', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

const GRIDS: Record<string, string[]> = {
  gpupool: ['gpupool', '--sweep', '--policy', 'FGD,BestFit', '--seed', '1..4', '--threads', '1'],
  raft: ['raft', '--sweep', 'iodepth=1,8', '--mode', 'raft,parallel', '--seed', '1..2', '--duration', '20ms'],
  logindex: ['logindex', '--sweep', 'ro=1,2', '--mode', 'lazy,full', '--seed', '1..2', '--duration', '20ms'],
  vcpu: ['vcpu', '--sweep', 'sched=credit,cfs', '--profile', 'kvm,offload', '--seed', '1..2', '--duration', '20ms'],
};

describe.each(Object.keys(GRIDS))('%s --sweep', (kernel) => {
  const args = GRIDS[kernel];
  const whole = join(dir, `${kernel}-whole.csv`);
  const shards = [1, 2, 3].map((k) => join(dir, `${kernel}-${k}.csv`));

  it('whole and as 3 shards + merge gives the same bytes', () => {
    expect(hlab([...args, '--out', whole]).status).toBe(0);
    const text = readFileSync(whole, 'utf8');
    expect(text.split('\n').length).toBe(8 + 2); // header, 8 runs, final newline
    for (const [i, path] of shards.entries()) {
      // Shard 3 as an Indexed Job's pod would run it: k from JOB_COMPLETION_INDEX.
      const shard = i === 2 ? hlab([...args, '--out', path, '--shard', 'auto/3'], { JOB_COMPLETION_INDEX: '2' }) : hlab([...args, '--out', path, '--shard', `${i + 1}/3`]);
      expect(shard.status, shard.err).toBe(0);
      expect(readFileSync(path, 'utf8')).toMatch(new RegExp(`^# hlab-sweep 1 kernel=${kernel} version=\\w+ grid=\\w+ runs=8 shard=${i + 1}/3\\n`));
    }
    const merged = join(dir, `${kernel}-merged.csv`);
    // Given out of order: the shard lines, not the argument order, place the rows.
    const merge = hlab(['merge', shards[2], shards[0], shards[1], '--out', merged]);
    expect(merge.status, merge.err).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(text);
  });

  it('merge refuses a missing or duplicate shard', () => {
    const missing = hlab(['merge', shards[0], shards[1]]);
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('missing shard 3/3');
    const twice = hlab(['merge', shards[0], shards[0], shards[2]]);
    expect(twice.err).toContain(`shard 1/3 is given twice: ${shards[0]} and ${shards[0]}`);
  });
});

describe('hlab merge refuses shards that do not belong together', () => {
  it('a shard of a different grid', () => {
    const other = join(dir, 'other-2.csv');
    expect(hlab([...GRIDS.raft.map((a) => (a === '1..2' ? '3..4' : a)), '--out', other, '--shard', '2/3']).status).toBe(0);
    const r = hlab(['merge', join(dir, 'raft-1.csv'), other, join(dir, 'raft-3.csv')]);
    expect(r.status).toBe(1);
    expect(r.err).toContain(`${other} is from a different grid`);
  });

  it('a shard of a different kernel build, a cut-short shard, a plain CSV', () => {
    const shard2 = readFileSync(join(dir, 'raft-2.csv'), 'utf8');
    const rebuilt = join(dir, 'rebuilt-2.csv');
    writeFileSync(rebuilt, shard2.replace(/version=\w+/, 'version=000000000000'));
    expect(hlab(['merge', join(dir, 'raft-1.csv'), rebuilt, join(dir, 'raft-3.csv')]).err).toContain('a different kernel version');
    const cut = join(dir, 'cut-2.csv');
    writeFileSync(cut, shard2.split('\n').slice(0, -2).join('\n') + '\n');
    expect(hlab(['merge', join(dir, 'raft-1.csv'), cut, join(dir, 'raft-3.csv')]).err).toContain('should hold 3 rows, found 2');
    expect(hlab(['merge', join(dir, 'raft-whole.csv')]).err).toContain('it is not a shard file');
  });

  it('--shard needs --out, a k in 1..n and JOB_COMPLETION_INDEX for auto', () => {
    expect(hlab([...GRIDS.raft, '--shard', '1/3']).err).toContain('--shard writes a shard file: give --out');
    expect(hlab([...GRIDS.raft, '--out', join(dir, 'x.csv'), '--shard', '4/3']).err).toContain('--shard 4 is out of range 1..3');
    expect(hlab([...GRIDS.raft, '--out', join(dir, 'x.csv'), '--shard', 'auto/3'], { JOB_COMPLETION_INDEX: '' }).err).toContain('JOB_COMPLETION_INDEX, which is not set');
    expect(hlab([...GRIDS.raft, '--out', join(dir, 'x.csv'), '--shard', 'auto/3'], { JOB_COMPLETION_INDEX: '3' }).err).toContain('must be a whole number 0..2');
  });
});

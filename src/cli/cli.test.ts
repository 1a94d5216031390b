// `hlab` end to end on bad input: a sentence naming the flag or file, exit 2 (usage) or 1,
// never a hang, a silent exit or a JavaScript stack trace. Runs the built CLI (npm ci builds
// it); each case is refused before any kernel work, so the whole file takes a few seconds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hlab = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['bin/hlab.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, out: run.stdout, err: run.stderr };
};

const dir = mkdtempSync(join(tmpdir(), 'hlab-cli-'));

describe('hlab refuses bad arguments by name', () => {
  it.each([
    [['gpupool', '--sweep', '--threads', 'abc'], '--threads must be a whole number'],
    [['gpupool', '--sweep', '--seed', '0..100000000'], 'holds 100000001 seeds'],
    [['gpupool', '--seed', '99999999999999999999'], '--seed 99999999999999999999 is out of range'],
    [['gpupool', '--tune', ''], '--tune needs a value'],
    [['gpupool', '--tune', '0x10'], '--tune must be a decimal number'],
    [['gpupool', '--nodes=', '--pods='], '--nodes needs a value'],
    [['gpupool', '--nodes', dir, '--pods', dir], `--nodes: ${dir} is a directory, not a file`],
    [['gpupool', '--out', 'x.csv'], '--out only go with --sweep'],
    [['raft', '--faults', `@${dir}`], `--faults: ${dir} is a directory`],
    [['raft', '--check-history', dir], `--check-history: ${dir} is a directory`],
    [['raft', '--history', dir], `--history: ${dir} is a directory`],
    [['raft', '--duration', '99999999999999999999s'], 'longer than the most a run takes'],
    [['raft', '--scenario', 'constructor'], 'unknown scenario "constructor"'],
    [['raft', '--seed', '1e3'], '--seed must be a whole number'],
    [['lab', 'try', '--seed', '0x10', 'run'], '--seed must be a whole number'],
    [['lab', 'try', '--kernel', 'raft', '--policy', 'FGD', 'raft status'], '--policy: not a flag of kernel raft'],
    [['lab', 'try', '--kernel', 'raft', '--rng', 'go', 'raft status'], '--rng: not a flag of kernel raft'],
  ])('hlab %j', (args, words) => {
    const run = hlab(...args);
    expect(run.status, run.err).toBe(2);
    expect(run.err).toContain(words);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});

describe('hlab lab verify', () => {
  it('names a failing file, goes on to the next, and survives a check nested 1075 deep', () => {
    const nested = join(dir, 'nested.md');
    // A real lab whose first check is the reproducer.
    const lab = readFileSync('labs/01-fragmentation.md', 'utf8');
    writeFileSync(nested, lab.replace('step == 0 and count(query) >= 1', `${'('.repeat(1075)}step == 0${')'.repeat(1075)}`));
    const run = hlab('lab', 'verify', nested, dir, join(dir, 'missing.md'), 'labs/01-fragmentation.md');
    expect(run.err).not.toMatch(/\n\s+at /);
    expect(run.out).toContain(`FAIL ${nested}`);
    expect(run.out).toContain('nested too deeply');
    expect(run.out).toContain(`${dir} is a directory, not a file`);
    expect(run.out).toContain('no such file');
    expect(run.out).toMatch(/^ok +labs\/01-fragmentation\.md/m);
    expect(run.out).toContain('1 of 4 labs verified');
    expect(run.status).toBe(1);
  });
});

// `hlab logindex` end to end through the built CLI: the JSON fields, the exit codes, and every
// bad argument refused with the flag named and no stack trace.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const hlab = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['bin/hlab.mjs', 'logindex', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, out: run.stdout, err: run.stderr };
};

describe('hlab logindex', () => {
  it('prints one JSON line with the issue fields', () => {
    const run = hlab('--mode', 'lazy', '--ro', '3', '--seed', '4', '--duration', '300ms', '--json');
    expect(run.status, run.err).toBe(0);
    const r = JSON.parse(run.out);
    for (const key of ['rwTps', 'roQps', 'lsnLagP50', 'lsnLagP99', 'timeLagP99Us', 'visibilityLagP99Us', 'bytesShipped', 'pagesReplayed', 'events', 'verdict']) {
      expect(r, key).toHaveProperty(key);
    }
    expect(r.verdict).toBe('valid');
    expect(r.rwTps).toBeGreaterThan(1000);
    expect(r.ro).toBe(3);
  });

  it('sweeps replica counts, applies faults and exits 3 on a broken option', () => {
    const sweep = hlab('--sweep', 'ro=1,2', '--duration', '200ms', '--json', '--faults', '100ms crash ro1; 150ms restart ro1');
    expect(sweep.status, sweep.err).toBe(0);
    expect(sweep.out.trim().split('\n').map((l) => JSON.parse(l).ro)).toEqual([1, 2]);
    const broken = hlab('--broken', 'flush-control-off', '--duration', '300ms', '--faults', '100ms delay ro1 2ms');
    expect(broken.status).toBe(3);
    expect(broken.out).toContain('invalid: L2');
  });

  it('runs a named scenario, lists them, and turns its twin red with the broken option', () => {
    const list = hlab('--scenario', 'list');
    expect(list.status, list.err).toBe(0);
    expect(list.out.trim().split('\n').map((l) => l.split(' ')[0])).toEqual(['LI-1', 'LI-2', 'LI-3', 'LI-4', 'LI-5', 'LI-6', 'LI-7', 'LI-8', 'LI-9']);
    const green = hlab('--scenario', 'LI-2', '--json');
    expect(green.status, green.err).toBe(0);
    const r = JSON.parse(green.out);
    expect(r).toMatchObject({ scenario: 'LI-2', ro: 4, verdict: 'valid', durationS: 1 });
    const red = hlab('--scenario', 'LI-2', '--broken', 'flush-control-off');
    expect(red.status).toBe(3);
    expect(red.out).toMatch(/^LI-2 \(L2\): /);
    expect(red.out).toMatch(/invalid: L2 on page \d+ at ro\d+, LSN \d+/);
  });

  it('fuzzes: a summary line and exit 0 when clean; a reproducer per failure and exit 3 with a broken option', () => {
    const clean = hlab('--fuzz', '3', '--seed', '9');
    expect(clean.status, clean.err).toBe(0);
    expect(clean.out).toMatch(/^# 3 runs in [\d.]+ s .*: 3 passed \(\d+ with an unknown verdict\), 0 failed$/m);
    const red = hlab('--fuzz', '2', '--broken', 'flush-control-off', '--mode', 'full', '--json');
    expect(red.status, red.err).toBe(3);
    const lines = red.out.trim().split('\n').map((l) => JSON.parse(l));
    const last = lines.pop();
    expect(last).toMatchObject({ runs: 2, failed: lines.length });
    expect(lines.length).toBeGreaterThan(0);
    for (const f of lines) expect(f.command).toMatch(/^npx hlab logindex --mode full .*--broken flush-control-off$/);
  });

  it.each([
    [['--mode', 'lazzy'], '--mode: unknown mode "lazzy"; did you mean lazy?'],
    [['--ro', '16'], '--ro 16 is out of range 1..15'],
    [['--ro', '0'], '--ro 0 is out of range 1..15'],
    [['--seed', '-1'], '--seed must be a whole number'],
    [['--duration', '0s'], '--duration must be longer than 0'],
    [['--duration', '10 s'], '--duration must be a duration'],
    [['--write-scale', '17'], '--write-scale 17 is out of range 0..16'],
    [['--write-scale', 'x'], '--write-scale must be a decimal number'],
    [['--broken', 'bloom'], '--broken: unknown option "bloom"'],
    [['--sweep', 'ro=1,99'], '--sweep: 99 replicas is out of range'],
    [['--sweep', 'n=1'], '--sweep must look like ro=1,2,4,8,15'],
    [['--sweep', 'ro=1', '--ro', '2'], '--sweep sets the replica count of each run: drop --ro'],
    [['--faults', '5ms crash ro9'], '--faults: crash names ro9, but the run has 3 replica(s)'],
    [['--faults', '5ms crash x'], '--faults:1:11: "x" is not rw or a replica'],
    [['--json=1'], '--json takes no value'],
    [['--fuzz', '5', '--ro', '3'], "--fuzz draws each case's replicas, write scale, duration and faults itself: drop --ro"],
    [['--fuzz', '0'], '--fuzz 0 is out of range 1..100000'],
    [['--scenario', 'LI-0'], '--scenario: unknown scenario "LI-0"; did you mean LI-1? (one of LI-1, LI-2,'],
    [['--scenario', 'LI-3', '--faults', '1ms crash ro1'], '--scenario LI-3 sets its own replicas, write scale and faults: drop --faults'],
  ])('refuses %j', (args, words) => {
    const run = hlab(...args);
    expect(run.status, run.err).toBe(2);
    expect(run.err).toContain(words);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});

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
  ])('refuses %j', (args, words) => {
    const run = hlab(...args);
    expect(run.status, run.err).toBe(2);
    expect(run.err).toContain(words);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});

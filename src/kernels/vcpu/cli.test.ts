// `hlab vcpu` end to end through the built CLI: the JSON fields, the issue's scenario file,
// the exit codes, and every bad argument or file field refused with its name and no stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hlab = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['bin/hlab.mjs', 'vcpu', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, out: run.stdout, err: run.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'hlab-vcpu-'));
const file = (name: string, body: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
};
const ISSUE = {
  host: { sockets: 1, coresPerSocket: 1, smt: 1 },
  vms: [{ name: 'a', vcpus: 1, weight: 512, workload: 'cpu' }, { name: 'b', vcpus: 1, weight: 256, workload: 'cpu' }],
  sched: 'credit', profile: 'kvm', duration: '3s',
};

describe('hlab vcpu', () => {
  it('prints one JSON line with the spec §3.3 metrics, events and verdict', () => {
    const run = hlab('--profile', 'kvm', '--sched', 'eevdf', '--seed', '3', '--duration', '300ms', '--json', '--faults', '100ms arrive noisy');
    expect(run.status, run.err).toBe(0);
    const r = JSON.parse(run.out);
    for (const key of ['wakeLatencyUs', 'wakeLatencyPartsUs', 'steal', 'fairness', 'workConservationViolationMs', 'virtualizationOverheadPct',
      'lhpWastePct', 'migrationsPerS', 'crossNumaMigrationsPerS', 'events', 'verdict', 'vms']) expect(r, key).toHaveProperty(key);
    expect(r.verdict).toBe('valid');
    expect(Object.keys(r.wakeLatencyPartsUs)).toEqual(['queueing', 'preemption', 'vmEntry']);
    expect(r.fairness.eevdfMaxLagUs).toBeGreaterThan(0);
    expect(r.vms.map((v: { name: string }) => v.name)).toEqual(['web', 'db', 'batch', 'noisy']);
    expect(r.events).toBeGreaterThan(1000);
  });

  it('reads the issue\'s scenario file: per-VM results, shares 2:1 within one accounting period', () => {
    const run = hlab('--scenario', file('issue.json', ISSUE), '--json');
    expect(run.status, run.err).toBe(0);
    const r = JSON.parse(run.out);
    expect(r.durationS).toBe(3);
    expect(Object.keys(r.vms[0])).toEqual(['name', 'serviceShare', 'stealPct', 'wakeLatencyP50Us', 'wakeLatencyP99Us', 'wakeLatencyP999Us']);
    expect(Math.abs(r.vms[0].serviceShare - 2 / 3)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(r.vms[1].serviceShare - 1 / 3)).toBeLessThanOrEqual(0.01);
  });

  it('sweeps schedulers, runs a named scenario, and exits 3 naming the property on a broken option', () => {
    const sweep = hlab('--sweep', 'sched=credit,cfs,eevdf', '--duration', '200ms', '--json');
    expect(sweep.status, sweep.err).toBe(0);
    expect(sweep.out.trim().split('\n').map((l) => JSON.parse(l).sched)).toEqual(['credit', 'cfs', 'eevdf']);
    const list = hlab('--scenario', 'list');
    expect(list.out.trim().split('\n').map((l) => l.split(' ')[0])).toEqual(['HV-1', 'HV-2', 'HV-3', 'HV-4', 'HV-5', 'HV-6', 'HV-7']);
    const red = hlab('--scenario', 'HV-5', '--broken', 'cap-ignored');
    expect(red.status).toBe(3);
    expect(red.out).toMatch(/invalid: S4 at capped\/0/);
  });

  it('writes a trace: a header, one line per change, and the reported steal at the end', () => {
    const path = join(dir, 'run.jsonl');
    const run = hlab('--scenario', file('short.json', { ...ISSUE, duration: '50ms' }), '--trace', path);
    expect(run.status, run.err).toBe(0);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ trace: 'vcpu', pcpus: 1, durationNs: 50e6 });
    expect(lines[0].vcpus).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ end: 50e6 });
    expect(lines.at(-1).steal).toHaveLength(2);
    expect(lines.some((l) => l.state === 'running')).toBe(true);
  });

  it('fuzzes: a summary and exit 0 when clean', () => {
    const clean = hlab('--fuzz', '4', '--seed', '2');
    expect(clean.status, clean.err).toBe(0);
    expect(clean.out).toMatch(/^# 4 runs in [\d.]+ s \(fuzz seed 2\): 4 passed, 0 failed$/m);
  });

  it.each([
    [['--profile', 'kwm'], '--profile: unknown value "kwm"; did you mean kvm?'],
    [['--sched', 'credit3'], '--sched: unknown value "credit3"'],
    [['--sched', 'pin'], '--sched: pin gives each vCPU its own hyperthread, but 12 vCPUs do not fit 8 pCPUs'],
    [['--seed', '-1'], '--seed must be a whole number'],
    [['--duration', '0s'], '--duration must be longer than 0'],
    [['--broken', 'cap'], '--broken: unknown value "cap"'],
    [['--mitigations', 'ple,ple'], '--mitigations: "ple" is given twice'],
    [['--linux', '6.1'], '--linux: unknown value "6.1"'],
    [['--sweep', 'sched=credit', '--sched', 'cfs'], '--sweep sets the sched of each run: drop --sched'],
    [['--sweep', 'seed=1'], '--sweep must look like sched=credit,cfs,eevdf'],
    [['--faults', '5ms storm p9 1ms'], '--faults:1:11: "p9" is not a host pCPU p0..p7'],
    [['--faults', '5ms arrive ghost'], '--faults:1:12: "ghost" is not a VM of this run (web, db, batch, noisy)'],
    [['--faults', '5ms reboot'], '--faults:1:5: unknown command "reboot"'],
    [['--scenario', 'HV-9'], '--scenario: unknown scenario "HV-9"'],
    [['--scenario', 'HV-3', '--sched', 'cfs'], '--scenario HV-3 sets its own host, VMs, schedulers, profiles and faults: drop --sched'],
    [['--scenario', '/nonexistent/x.json'], '--scenario: no such file: /nonexistent/x.json'],
    [['--fuzz', '3', '--sched', 'cfs'], "--fuzz draws each case's scheduler, profile, duration and faults itself: drop --sched"],
    [['--trace', '/nonexistent/dir/t.jsonl'], '--trace: the folder /nonexistent/dir does not exist'],
    [['--json=1'], '--json takes no value'],
  ])('refuses %j', (args, words) => {
    const run = hlab(...args);
    expect(run.status, run.err).toBe(2);
    expect(run.err).toContain(words);
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['{"host":', 'not JSON'],
    [{ ...ISSUE, host: { sockets: 1, coresPerSocket: 1 } }, 'host.smt: is missing'],
    [{ ...ISSUE, vms: [{ name: 'a', vcpus: 1, weight: 'heavy', workload: 'cpu' }] }, 'vms[0].weight: must be a whole number 1..65535, found "heavy"'],
    [{ ...ISSUE, vms: [{ name: 'a', vcpus: 1, workload: 'cpux' }] }, 'vms[0].workload: must be one of cpu, latency, io, spin, noisy, found "cpux"; did you mean cpu?'],
    [{ ...ISSUE, vms: [ISSUE.vms[0], ISSUE.vms[0]] }, 'vms[1].name: "a" is the name of an earlier VM'],
    [{ ...ISSUE, vms: [{ name: 'a', vcpus: 2, workload: 'cpu', pin: 0 }] }, 'vms[0].pin: pins vCPUs to p0..p1, but the host has p0..p0'],
    [{ ...ISSUE, duration: '3 s' }, 'duration: must be a duration like "3s" or "100us", found "3 s"'],
    [{ ...ISSUE, sched: 'crdit' }, 'sched: must be one of credit, cfs, eevdf, pin, found "crdit"; did you mean credit?'],
    [{ ...ISSUE, colour: 'red' }, 'colour: unknown field'],
    [{ ...ISSUE, vms: [{ ...ISSUE.vms[0], period: 5 }] }, 'vms[0].period: must be a duration string'],
    [{ ...ISSUE, mitigations: ['gang'] }, 'mitigations[0]: must be one of ple, pv-spinlock'],
    [{ ...ISSUE, faults: '1ms offline p4' }, 'faults:1:13: "p4" is not a host pCPU p0..p0'],
    [{ ...ISSUE, sched: 'cfs', vms: [{ ...ISSUE.vms[0], cap: 50 }] }, 'VM a has a cap, which only credit enforces'],
  ])('refuses the scenario file %j', (body, words) => {
    const run = hlab('--scenario', file('bad.json', body));
    expect(run.status, run.err).toBe(2);
    expect(run.err).toContain(words);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});

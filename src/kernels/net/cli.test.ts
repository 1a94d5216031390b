// `hlab net` end to end through the built CLI: the JSON fields, the workloads' figures, and
// every bad argument refused with the flag named and no stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hlab = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['bin/hlab.mjs', 'net', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, out: run.stdout, err: run.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'hlab-net-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('hlab net', () => {
  it("runs the issue's --scenario and reports flows [{id, meanGbps, fctS}]", () => {
    const path = file('issue.json', '{"links":[{"from":"A","to":"B","gbps":10,"rttMs":200,"loss":0}],"flows":[{"from":"A","to":"B","at":"0s","bytes":"10GiB","window":"16MiB"}]}');
    const run = hlab('--scenario', path, '--duration', '200s', '--json');
    expect(run.status, run.err).toBe(0);
    const r = JSON.parse(run.out);
    expect(r.flows).toHaveLength(1);
    const f = r.flows[0];
    expect(f.id).toBe('f0');
    // 16 MiB / 200 ms = 671.1 Mb/s; 10 GiB at that rate plus the 100 ms first byte = 128.1 s
    expect(f.meanGbps).toBeCloseTo(0.6711, 4);
    expect(f.fctS).toBeCloseTo(128.1, 3);
    for (const key of ['meanGbps', 'fctS', 'links', 'events', 'reshares', 'stateHash']) expect(r, key).toHaveProperty(key);
    expect(r.links[0].utilisation).toBeCloseTo((10 * 2 ** 30 * 8) / (10 * 200e9), 6);
  });

  it('shows why one flow cannot fill 10 Tbps, and how many it takes', () => {
    const run = hlab('--preset', 'seed', '--workload', 'one-flow', '--seed', '1', '--duration', '60s', '--json');
    expect(run.status, run.err).toBe(0);
    const r = JSON.parse(run.out);
    expect(r.longHaul).toMatchObject({ link: 'AsiaPacific-Europe', gbps: 10000, rttMs: 198.5, flowsToFill: 14790 });
    expect(r.flows[0].meanGbps).toBeCloseTo(0.67616, 4);
    const parallel = JSON.parse(hlab('--workload', 'parallel', '--flows', '20', '--duration', '30s', '--json').out);
    expect(parallel.done).toBe(20);
    expect(parallel.meanGbps.p50).toBeCloseTo(0.67616, 4);
  });

  it('re-routes the flows of a cut link, the same way for the same seed', () => {
    const a = hlab('--workload', 'link-cut', '--flows', '16', '--duration', '20s', '--seed', '3', '--json');
    expect(a.status, a.err).toBe(0);
    const r = JSON.parse(a.out);
    expect(r.faults).toEqual(['10s cut AsiaPacific Europe']);
    expect(r.reroutes).toBeGreaterThan(0);
    expect(r.links.find((l: { from: string; to: string }) => l.from === 'AsiaPacific' && l.to === 'Europe').up).toBe(false);
    const b = JSON.parse(hlab('--workload', 'link-cut', '--flows', '16', '--duration', '20s', '--seed', '3', '--json').out);
    expect(b.stateHash).toBe(r.stateHash);
    const c = JSON.parse(hlab('--workload', 'link-cut', '--flows', '16', '--duration', '20s', '--seed', '4', '--json').out);
    expect(c.stateHash).not.toBe(r.stateHash);
  });

  it('prints the perftest table with provenance, the unverified figure said so', () => {
    const run = hlab('--rdma-bench');
    expect(run.status, run.err).toBe(0);
    expect(run.out).toContain('#bytes #iterations t_min[usec] t_max[usec] t_typical[usec] t_avg[usec] t_stdev[usec] 99% percentile[usec] 99.9% percentile[usec]');
    expect(run.out).toContain('NOT VERIFIED: "~5 us');
    expect(run.out).toContain('verified: PolarFS measured ~7 us for 4 KB');
    const json = JSON.parse(hlab('--rdma-bench', '--json', '--iterations', '100').out);
    const erdma4k = json.latency[0].rows.find((row: { bytes: number }) => row.bytes === 4096);
    expect(erdma4k.typical).toBeGreaterThan(6.5);
    expect(erdma4k.typical).toBeLessThan(7.5);
  });

  it('refuses bad arguments with the flag named', () => {
    const bad = file('bad.json', '{"links":[{"from":"A","to":"B","gbps":"fast","rttMs":1}],"flows":[]}');
    const cases: [string[], string][] = [
      [['--preset', 'mars'], '--preset: unknown preset "mars"'],
      [['--workload', 'paralel'], 'did you mean parallel?'],
      [['--flows', '0', '--workload', 'parallel'], '--flows 0 is out of range 1..20000'],
      [['--duration', 'long'], '--duration must be a duration'],
      [['--faults', '1s cut Europe Mars'], '--faults:1:15: "Mars" is not a node'],
      [['--scenario', bad], '$.links[0].gbps: must be a number'],
      [['--scenario', bad, '--preset', 'seed'], '--scenario holds its own network and flows: drop --preset'],
      [['--rdma-bench', '--preset', 'seed'], '--rdma-bench takes only --seed, --iterations and --json'],
      [['--sharing', 'fair'], '--sharing: unknown sharing "fair"'],
      [['--seed', '-1'], '--seed must be a whole number'],
    ];
    for (const [args, message] of cases) {
      const run = hlab(...args);
      expect(run.status, args.join(' ')).not.toBe(0);
      expect(run.err, args.join(' ')).toContain(message);
      expect(run.err).not.toContain('    at ');
    }
  });
});

// The LogIndex fault-schedule fuzzer (`hlab logindex --fuzz`): its generator is deterministic
// and draws only schedules schedule.ts parses, over the whole palette; its cases run on the
// real logindex.wasm: a clean fuzz passes, and with a broken option forced on it finds the
// failure, shrinks it, and the printed reproducer fails the same way when run again.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { faultsText, fuzz, generateCase, reproducer, runCase, shrinkCase, summaryText, MAX_FAULTS, MIN_FAULTS, type FuzzCase } from './fuzz';
import { MAX_RO, MODES } from './protocol';
import { parseSchedule } from './schedule';

const MS = 1e6;
const cases = (fuzzSeed: number, count: number): FuzzCase[] => Array.from({ length: count }, (_, i) => generateCase(fuzzSeed, i));

/** Runs a printed `npx hlab logindex ...` line through the built CLI, as a shell would. */
function rerun(command: string) {
  const run = spawnSync('sh', ['-c', command.replace(/^npx hlab /, `"${process.execPath}" bin/hlab.mjs `)], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

describe('logindex fuzz case generator', () => {
  it('draws the same cases for the same fuzz seed, others for another, and any case on its own', () => {
    const a = cases(7, 40);
    expect(cases(7, 40)).toEqual(a);
    expect(cases(8, 40).map(faultsText).filter((t, i) => t === faultsText(a[i])).length).toBe(0);
    expect(generateCase(7, 33)).toEqual(a[33]);
  });

  it('keeps every case in range, its schedule reading back to its commands, over the whole palette', () => {
    const kinds = new Set<string>();
    const modes = new Set<string>();
    for (const c of cases(11, 300)) {
      modes.add(c.mode);
      expect(c.ro).toBeGreaterThanOrEqual(1);
      expect(c.ro).toBeLessThanOrEqual(MAX_RO);
      expect(c.durationNs).toBeGreaterThanOrEqual(300 * MS);
      expect(c.durationNs).toBeLessThanOrEqual(1500 * MS);
      expect(c.faults.length).toBeGreaterThanOrEqual(MIN_FAULTS);
      expect(c.faults.length).toBeLessThanOrEqual(MAX_FAULTS);
      for (const [i, f] of c.faults.entries()) {
        expect(f.at).toBeLessThan(c.durationNs);
        if (i > 0) expect(f.at).toBeGreaterThanOrEqual(c.faults[i - 1].at);
        if ('node' in f.command && f.command.node !== null) expect(f.command.node).toBeLessThanOrEqual(c.ro);
        kinds.add(f.command.kind);
      }
      expect(parseSchedule(faultsText(c), '--faults')).toEqual(c.faults);
    }
    expect([...modes].sort()).toEqual([...MODES].sort());
    expect([...kinds].sort()).toEqual(['crash', 'delay', 'heal', 'loss', 'partition', 'promote', 'restart', 'slow-storage', 'starve']);
  });

  it('prints the hlab logindex command line of a case', () => {
    const c: FuzzCase = {
      index: 0, mode: 'full', ro: 4, seed: 42, writeScale: 8, durationNs: 1200 * MS, broken: ['mtr-lock-off'],
      faults: parseSchedule('200ms crash rw; 300ms promote ro2; 400ms loss ro3 12.5%', 't'),
    };
    expect(reproducer(c)).toBe('npx hlab logindex --mode full --ro 4 --seed 42 --duration 1200ms --write-scale 8'
      + ' --faults "200ms crash rw; 300ms promote ro2; 400ms loss ro3 12.5%" --broken mtr-lock-off');
    expect(reproducer({ ...c, writeScale: 1, faults: [], broken: [] })).toBe('npx hlab logindex --mode full --ro 4 --seed 42 --duration 1200ms');
  });
});

describe('logindex fuzz on the real kernel', () => {
  it('passes a clean fuzz of 20 runs', () => {
    const s = fuzz(logindexModule(), { count: 20, fuzzSeed: 1 });
    expect(s.findings.map((f) => f.command)).toEqual([]);
    expect(s.passed).toBe(20);
    expect(s.events).toBeGreaterThan(1e6);
    expect(summaryText(s, 1)).toMatch(/^# 20 runs in 1\.0 s \([\d.]+ M events\/s\): 20 passed \(\d+ with an unknown verdict\), 0 failed$/);
  });

  it('must fail: with the mini-transaction lock off it finds the failure, shrinks it, and the reproducer fails the same way', () => {
    const summary = fuzz(logindexModule(), { count: 2, fuzzSeed: 1, broken: ['mtr-lock-off'] });
    expect(summary.findings.length).toBeGreaterThan(0);
    const f = summary.findings[0];
    // The late second-page insert tears a split (L5) or, when a newer record got there first,
    // leaves that page's list out of order (L4).
    expect(f.failure.signature).toMatch(/^invalid: L[45]$/);
    expect(f.shrunk.faults.length).toBeLessThanOrEqual(f.original.faults.length);
    expect(f.shrunk.durationNs).toBeLessThan(f.original.durationNs / 10);
    expect(f.command).toMatch(/^npx hlab logindex --mode \w+ --ro \d+ --seed \d+ --duration \S+ .*--broken mtr-lock-off$/);
    // Shrinking is deterministic: the shrunk case fails with the very same violation.
    expect(runCase(logindexModule(), f.shrunk).failure).toEqual(f.failure);
    const again = rerun(f.command);
    expect(again.status, again.err).toBe(3);
    const m = /^(L\d) broken on page (\d+) at (\w+), LSN (\d+)/.exec(f.failure.sentence)!;
    expect(again.out).toContain(`invalid: ${m[1]} on page ${m[2]} at ${m[3]}, LSN ${m[4]}`);
  });

  it('shrinks commands, duration and replicas of a failing case while it fails the same way', () => {
    // A lagging replica under flush-control-off: only the delay is needed, on the replica it names.
    const c: FuzzCase = {
      index: 0, mode: 'lazy', ro: 6, seed: 3, writeScale: 2, durationNs: 900 * MS, broken: ['flush-control-off'],
      faults: parseSchedule('50ms starve ro5 3x; 100ms delay ro2 2ms; 150ms slow-storage 2x; 200ms heal ro5', 't'),
    };
    const first = runCase(logindexModule(), c);
    expect(first.failure?.signature).toBe('invalid: L2');
    const r = shrinkCase(logindexModule(), c, first);
    expect(r.outcome.failure?.signature).toBe('invalid: L2');
    expect(r.case.faults.length).toBeLessThan(c.faults.length);
    expect(r.case.durationNs).toBeLessThan(c.durationNs);
    expect(r.case.ro).toBeLessThan(c.ro);
    expect(runCase(logindexModule(), r.case).failure?.signature).toBe('invalid: L2');
  });

  // Found by --fuzz 300 (seed 1), each failing before its fix in the kernel; shrunk lines.
  it.each([
    // A restarted replica served reads before the writer heard from it, so the writer sent newer pages to storage (L2).
    ['full', 4, 586151, 1, 400, '195ms crash ro4; 286ms delay ro4 2478us; 398ms restart ro4'],
    // A split record took the last ring slot for its first page and dropped its second (L5).
    ['lazy', 3, 898497, 4, 1411, '89ms partition ro1; 537ms slow-storage 14x; 557ms crash ro3; 1128ms crash ro1'],
    // A parse that stopped short (ring full) was followed by the next batch's parse, leaving a gap (L1).
    ['lazy', 1, 333248, 16, 466, '14ms slow-storage 5x'],
    // A split spanning two writer tables: the meta file claimed its LSN before its second entry was flushed (L1).
    ['lazy', 3, 428671, 8, 623, '65ms delay ro2 4482us; 245ms slow-storage 6x; 505ms starve ro1 35x'],
  ] as const)('stays valid: --mode %s --ro %i --seed %i --write-scale %i --duration %ims --faults "%s"', (mode, ro, seed, writeScale, ms, faults) => {
    const c: FuzzCase = { index: 0, mode, ro, seed, writeScale, durationNs: ms * MS, broken: [], faults: parseSchedule(faults, 't') };
    const o = runCase(logindexModule(), c);
    expect(o.failure, reproducer(c)).toBeNull();
    expect(o.summary?.verdict).toBe('valid');
  });
});

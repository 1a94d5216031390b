// A short seeded fuzz run of every entry point (2,000 inputs each by default). `npm run fuzz`
// runs the same with 100,000 inputs and reports slow inputs too; HLAB_FUZZ_INPUTS and
// HLAB_FUZZ_SEED choose the size and the inputs, HLAB_FUZZ_DUMP=<dir> keeps each finding's input. Each entry point must accept or refuse with a
// sentence: an exception, a refusal without words or an accepted input whose canonical form
// does not read back is a finding, and this test fails with the findings' inputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KERNEL_IDS } from '../kernels/registry';
import { fuzzReport, fuzzTarget, type TargetStats } from './runner';
import { allFuzzTargets, fuzzTargetModules } from './targets';
import type { FuzzTarget } from './types';

const INPUTS = Number(process.env.HLAB_FUZZ_INPUTS ?? 2000);
const SEED = Number(process.env.HLAB_FUZZ_SEED ?? 1);
const SLOW_MS = process.env.HLAB_FUZZ_SLOW_MS === undefined ? undefined : Number(process.env.HLAB_FUZZ_SLOW_MS);

/** Where to write each kept finding's whole input (the report shows only its start). */
const DUMP = process.env.HLAB_FUZZ_DUMP;

const results: TargetStats[] = [];
afterAll(() => {
  if (results.length > 0) console.log(`fuzz seed ${SEED}, ${INPUTS} inputs per entry point\n${fuzzReport(results)}`);
});

describe('fuzz targets', () => {
  it('every kernel brings its own (src/kernels/<id>/fuzzTargets.ts)', () => {
    for (const id of KERNEL_IDS) expect(fuzzTargetModules(), id).toContain(`../kernels/${id}/fuzzTargets.ts`);
    const names = allFuzzTargets().map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const target of allFuzzTargets()) {
    it(target.name, async () => {
      const stats = await fuzzTarget(target, { inputs: INPUTS, seed: SEED, slowMs: SLOW_MS });
      results.push(stats);
      if (DUMP !== undefined) {
        mkdirSync(DUMP, { recursive: true });
        stats.examples.forEach((f, i) => writeFileSync(join(DUMP, `${target.name.replace(/[^A-Za-z0-9]+/g, '-')}-${f.kind}-${i}.txt`), f.input));
      }
      expect(stats.examples, fuzzReport([stats])).toEqual([]);
      expect(stats.findings).toBe(0);
      // Both outcomes are exercised: the seeds are accepted, the mutations mostly refused.
      expect(stats.accepted).toBeGreaterThan(0);
      expect(stats.refused).toBeGreaterThan(0);
    }, Math.max(120_000, INPUTS * 20));
  }
});

describe('the fuzz runner', () => {
  it('counts an exception, a silent refusal and a non-canonical acceptance as findings', async () => {
    const faulty: FuzzTarget = {
      name: 'faulty',
      seeds: () => ['ok', 'throw', 'silent', 'drift'],
      run: (input) => {
        if (input === 'throw') throw new RangeError('Maximum call stack size exceeded');
        if (input === 'silent') return { accepted: false, message: ' ' };
        if (input === 'drift') return { accepted: true, problem: 'formats as "drift2"' };
        return input === 'ok' ? { accepted: true } : { accepted: false, message: 'no' };
      },
    };
    const stats = await fuzzTarget(faulty, { inputs: 4, seed: 1 });
    expect(stats).toMatchObject({ inputs: 4, accepted: 2, refused: 1, findings: 3 });
    expect(stats.examples.map((f) => f.kind)).toEqual(['exception', 'no-message', 'non-canonical']);
    expect(fuzzReport([stats])).toContain('faulty: exception: RangeError: Maximum call stack size exceeded');
  });

  it('reports an input slower than the bound when asked (with a clock it is given)', async () => {
    let now = 0;
    const slow: FuzzTarget = { name: 'slow', seeds: () => ['a', 'b'], run: (input) => ((now += input === 'b' ? 5000 : 1), { accepted: true }) };
    const stats = await fuzzTarget(slow, { inputs: 2, seed: 1, slowMs: 2000, clock: () => now });
    expect(stats.examples).toEqual([{ kind: 'slow', input: 'b', detail: 'took 5000 ms' }]);
  });

  it('draws the same inputs for the same seed', async () => {
    const seen: string[][] = [[], []];
    for (const k of [0, 1]) {
      const recorder: FuzzTarget = { name: 'recorder', seeds: () => ['policy FGD', 'seed 42'], run: (input) => (seen[k].push(input), { accepted: true }) };
      await fuzzTarget(recorder, { inputs: 50, seed: 9 });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(new Set(seen[0]).size).toBeGreaterThan(10);
  });
});

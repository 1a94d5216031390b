// The kernel against the check values of specs/fgd.md, on the real gpupool.wasm and the
// real openb traces (skipped, with a message, where ../shared/data/openb is absent).
import { describe, expect, test } from 'vitest';
import { GpuPoolKernel } from './kernel';
import { allocationCurve, fragmentAmountCurve, fragmentRatioCurve } from './metrics';
import { syntheticWorkload, type Workload } from './workload';
import { typicalPods } from './typical';
import type { Policy } from './types';
import { HAVE_OPENB, OPENB_MISSING, gpupoolModule, openbWorkload } from '../../testing/fixtures';

const traceTest = HAVE_OPENB ? test : test.skip;
if (!HAVE_OPENB) console.warn(OPENB_MISSING);

function run(workload: Workload, policy: Policy, seed: number) {
  const kernel = new GpuPoolKernel(gpupoolModule(), workload, { policy, seed, rng: 'go', tune: 1.3 });
  kernel.advance(kernel.podCount);
  const summary = kernel.summary();
  const series = { ...kernel.events(), count: summary.step };
  return { kernel, summary, series, alloc: allocationCurve(series, summary.gpus) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

describe('Go-compatible generator (spec §9 self-test)', () => {
  test('seed 1 gives the published first two Int63 values', () => {
    expect(GpuPoolKernel.rngProbe(gpupoolModule(), 'go', 1, 2)).toEqual([5577006791947779410n, 8674665223082153551n]);
  });
  test('ten uniform draws in 0..99 from seed 1', () => {
    expect(GpuPoolKernel.rngProbe(gpupoolModule(), 'go', 1, 10, 100).map(Number)).toEqual([81, 87, 47, 59, 81, 18, 25, 40, 56, 0]);
  });
  test('the default generator is seeded: different seeds differ, the same seed repeats', () => {
    const a = GpuPoolKernel.rngProbe(gpupoolModule(), 'xoshiro', 42, 4);
    expect(GpuPoolKernel.rngProbe(gpupoolModule(), 'xoshiro', 42, 4)).toEqual(a);
    expect(GpuPoolKernel.rngProbe(gpupoolModule(), 'xoshiro', 43, 4)).not.toEqual(a);
    for (const v of a) expect(v >= 0n && v < 2n ** 63n).toBe(true);
  });
});

describe('typical pods (spec §6.2)', () => {
  traceTest('default keeps 35 of 91 keys covering 7766 pods, with the published top weights', () => {
    const typical = typicalPods(openbWorkload('default').pods);
    expect(typical).toHaveLength(35);
    expect(typical.reduce((s, t) => s + t.count, 0)).toBe(7766);
    const top = typical.slice(0, 3).map((t) => [t.cpu, t.gpuMilli, t.numGpu, Number(t.weight.toFixed(4))]);
    expect(top).toEqual([[3152, 810, 1, 0.1348], [11300, 1000, 1, 0.1125], [11400, 1000, 1, 0.0771]]);
    const cpuOnly = typical.filter((t) => t.gpuMilli === 0).reduce((s, t) => s + t.weight, 0);
    expect(cpuOnly).toBeCloseTo(0.136, 3);
  });
  traceTest('gpushare100 keeps 21 keys and multigpu50 keeps 43', () => {
    expect(typicalPods(openbWorkload('gpushare100').pods)).toHaveLength(21);
    expect(typicalPods(openbWorkload('multigpu50').pods)).toHaveLength(43);
  });
  test('the synthetic default carries the same 35 shapes', () => {
    expect(syntheticWorkload().typical).toHaveLength(35);
  });
});

describe('empty-cluster fragment (spec §6.1)', () => {
  const check = (workload: Workload) => {
    const kernel = new GpuPoolKernel(gpupoolModule(), workload, { policy: 'FGD', seed: 42, rng: 'go', tune: 1.3 });
    expect(kernel.summary().fragment).toBeCloseTo(866232.55, 2);
    let xl = 0, xr = 0, q4 = 0, other = 0;
    for (let n = 0; n < workload.nodes.length; n++) {
      const f = kernel.inspectNode(n).fragment;
      xl += f.xl_satisfied; xr += f.xr_lack_cpu; q4 += f.q4_lack_cpu;
      other += f.q1_lack_both + f.q2_lack_gpu + f.no_access;
    }
    expect(Math.round(xl)).toBe(831166);
    expect(Math.round(xr)).toBe(13525);
    expect(Math.round(q4)).toBe(21541);
    expect(other).toBe(0);
  };
  traceTest('openb default: 866,232.55 milli, split as published', () => check(openbWorkload('default')));
  test('synthetic default: the same 866,232.55 milli', () => check(syntheticWorkload()));
});

describe('workload tuning (spec §3 step 5)', () => {
  traceTest('default seed 42 grows to 10,866 pods', () => {
    const kernel = new GpuPoolKernel(gpupoolModule(), openbWorkload('default'), { policy: 'FGD', seed: 42, rng: 'go', tune: 1.3 });
    expect(kernel.podCount).toBe(10866);
  });
  traceTest('multigpu50 seed 42 shrinks to 6,361 pods', () => {
    const kernel = new GpuPoolKernel(gpupoolModule(), openbWorkload('multigpu50'), { policy: 'FGD', seed: 42, rng: 'go', tune: 1.3 });
    expect(kernel.podCount).toBe(6361);
  });
});

describe('published single-run values, default seed 42 (spec §8)', () => {
  const expected: [Policy, number, number, number][] = [
    ['FGD', 95.14, 95.29, 2532],
    ['BestFit', 92.94, 93.13, 2676],
    ['GpuPacking', 91.37, 91.57, 2794],
    ['GpuClustering', 91.33, 91.53, 2797],
    ['DotProd', 90.34, 90.54, 2874],
  ];
  for (const [policy, x100, x130, failed] of expected) {
    traceTest(`${policy}: alloc ${x100} at x=100, ${x130} at x=130, ${failed} failed`, () => {
      const r = run(openbWorkload('default'), policy, 42);
      expect(r.summary.pods).toBe(10866);
      expect(r.summary.failed).toBe(failed);
      expect(r.alloc[100]).toBeCloseTo(x100, 2);
      expect(r.alloc[130]).toBeCloseTo(x130, 2);
      expect(r.alloc[30]).toBeCloseTo(30, 0);
    });
  }
});

describe('published medians over seeds 42..51 (spec §8)', () => {
  const table: [string, Policy, number, number][] = [
    ['default', 'DotProd', 90.555, 90.80], ['default', 'GpuClustering', 91.58, 91.795],
    ['default', 'GpuPacking', 91.805, 92.06], ['default', 'BestFit', 92.91, 93.11], ['default', 'FGD', 95.23, 95.40],
    ['gpushare100', 'DotProd', 82.07, 82.47], ['gpushare100', 'GpuClustering', 82.30, 82.70],
    ['gpushare100', 'GpuPacking', 82.22, 82.64], ['gpushare100', 'BestFit', 84.60, 85.00], ['gpushare100', 'FGD', 86.64, 86.91],
    ['multigpu50', 'DotProd', 94.75, 94.88], ['multigpu50', 'GpuClustering', 95.64, 95.78],
    ['multigpu50', 'GpuPacking', 96.07, 96.19], ['multigpu50', 'BestFit', 95.58, 95.70], ['multigpu50', 'FGD', 97.09, 97.17],
  ];
  for (const [trace, policy, x100, x130] of table) {
    traceTest(`${trace} ${policy}: median ${x100} at x=100 and ${x130} at x=130`, () => {
      const at100: number[] = [];
      const at130: number[] = [];
      for (let seed = 42; seed <= 51; seed++) {
        const r = run(openbWorkload(trace), policy, seed);
        at100.push(r.alloc[100]!);
        at130.push(r.alloc[130]!);
      }
      // The published figures are medians of values printed to 2 decimals.
      expect(Math.abs(median(at100) - x100)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(median(at130) - x130)).toBeLessThanOrEqual(0.01);
    });
  }
});

describe('fragmentation curves, default FGD (spec §8)', () => {
  traceTest('frag amount and ratio medians over seeds match the published figures', () => {
    const amount: number[][] = [];
    const ratio: number[][] = [];
    for (let seed = 42; seed <= 51; seed++) {
      const r = run(openbWorkload('default'), 'FGD', seed);
      const a = fragmentAmountCurve(r.series, r.summary.gpus);
      const q = fragmentRatioCurve(r.series, r.summary.gpus);
      amount.push([a[0]!, a[50]!, a[90]!, a[130]!]);
      ratio.push([q[50]!, q[80]!, q[90]!]);
    }
    const col = (rows: number[][], i: number) => median(rows.map((r) => r[i]));
    [13.88, 8.95, 5.01, 4.56].forEach((v, i) => expect(Math.abs(col(amount, i) - v)).toBeLessThanOrEqual(0.011));
    [17.90, 29.89, 49.87].forEach((v, i) => expect(Math.abs(col(ratio, i) - v)).toBeLessThanOrEqual(0.011));
  });
});

describe('Random (distribution only, spec §9)', () => {
  traceTest('default, seeds 42..51: x=100 within the spread a re-implementation sees', () => {
    const at100: number[] = [];
    for (let seed = 42; seed <= 51; seed++) at100.push(run(openbWorkload('default'), 'Random', seed).alloc[100]!);
    expect(Math.min(...at100)).toBeGreaterThan(84.5);
    expect(Math.max(...at100)).toBeLessThan(88);
    expect(median(at100)).toBeGreaterThan(85.2);
    expect(median(at100)).toBeLessThan(87.3);
  });
});

import { describe, expect, test } from 'vitest';
import { quantile, summarise } from './aggregate';
import type { RunResult } from './runResult';

const result = (policy: string, seed: number, alloc: (number | null)[]): RunResult => ({
  workload: 'w', policy, seed, rng: 'go', tune: 1.3, gpus: 1, pods: 1, placed: 1, failed: 0,
  alloc, fragRatio: alloc, fragAmount: alloc, seconds: 0,
});

describe('sweep summaries', () => {
  test('quantiles interpolate like numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([5], 0.75)).toBe(5);
  });
  test('median and quartiles per x over seeds, per policy, skipping empty buckets', () => {
    const s = summarise([
      result('FGD', 1, [10, 90]), result('FGD', 2, [20, null]), result('FGD', 3, [30, 70]), result('BestFit', 1, [1, 2]),
    ]);
    expect(s.map((g) => g.policy)).toEqual(['FGD', 'BestFit']);
    expect(s[0].seeds).toEqual([1, 2, 3]);
    expect(s[0].alloc.median).toEqual([20, 80]);
    expect(s[0].alloc.q1).toEqual([15, 75]);
    expect(s[0].alloc.q3).toEqual([25, 85]);
  });
});

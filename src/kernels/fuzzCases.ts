// What every kernel's fault-schedule fuzzer (`hlab <kernel> --fuzz`) shares: its own seeded
// generator, the seed of case i of a fuzz run, and the greedy drop-one shrinking loop. The
// kernels decide what a case is, how it runs and what counts as the same failure.

/** xorshift32: the fuzzer's own seeded generator (no Math.random; test helpers stay out of tools). */
export class FuzzRng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let s = this.state;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.state = s >>> 0;
    return this.state;
  }

  /** An integer in lo..hi, both included. */
  range(lo: number, hi: number): number {
    return lo + (this.next() % (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.next() % items.length];
  }
}

/**
 * The generator seed of case `index` of a fuzz run: a 32-bit mix of both, so a case depends on
 * (fuzz seed, index) alone and any case can be drawn again without the ones before it.
 */
export function caseSeed(fuzzSeed: number, index: number): number {
  let h = Math.imul((fuzzSeed >>> 0) ^ 0x85ebca6b, 0x9e3779b1) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Spent and allowed shrinking runs, shared by the steps of one shrink. */
export interface ShrinkBudget {
  runs: number;
  maxRuns: number;
}

/**
 * Drops items one at a time, last first, keeping each drop after which the case still fails
 * the same way; repeats until a pass drops nothing or the budget is spent. `fails` runs a
 * candidate and says whether it fails the same way, or returns null (no run spent) for a
 * candidate that is not a case at all.
 */
export function shrinkByDropping<C>(start: C, size: (c: C) => number, drop: (c: C, index: number) => C,
  fails: (candidate: C) => boolean | null, budget: ShrinkBudget): C {
  let best = start;
  for (let dropped = true; dropped && budget.runs < budget.maxRuns;) {
    dropped = false;
    for (let i = size(best) - 1; i >= 0 && budget.runs < budget.maxRuns; i--) {
      const candidate = drop(best, i);
      const same = fails(candidate);
      if (same === null) continue;
      budget.runs++;
      if (same) {
        best = candidate;
        dropped = true;
      }
    }
  }
  return best;
}

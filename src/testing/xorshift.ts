// xorshift32: a tiny seeded generator for tests that build random inputs, so every run of a
// test sees the same ones (kernels have their own generators in wasm/lib/rng.ts).
export interface TestRng {
  /** An integer in 0..n-1. */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

export function xorshift(seed: number): TestRng {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return { int: (n) => next() % n, chance: (p) => next() / 4294967296 < p };
}

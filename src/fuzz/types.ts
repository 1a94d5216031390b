// The fuzz suite's seam: an entry point (a parser a link, a file or a learner can reach) and
// what it said about one input. Each kernel lists its own in src/kernels/<id>/fuzzTargets.ts,
// the shared parts in src/<area>/fuzzTargets.ts; src/fuzz/targets.ts finds them all.

/** A small seeded generator (never Math.random): the same seed gives the same inputs. */
export interface FuzzRng {
  /** An integer in 0..n-1. */
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/**
 * What an entry point did with one input. `problem` on an accepted input is a finding: the
 * input was accepted but its canonical form does not read back the same (parse(format(x)) != x).
 */
export type FuzzVerdict = { accepted: true; problem?: string } | { accepted: false; message: string };

export interface FuzzTarget {
  /** e.g. "command line (GPU pool)". */
  name: string;
  /** Valid inputs, taken from the labs, README and the kernel's own examples. */
  seeds(): readonly string[];
  /** Words and fragments the mutator splices in (grammar words, tricky numbers). */
  words?: readonly string[];
  /** Optional grammar-aware generator of fresh inputs, used beside mutation of the seeds. */
  generate?(rng: FuzzRng): string;
  /**
   * Share of the run's inputs this target gets (default 1): a whole-file parser that costs
   * milliseconds per input (a lab file: YAML, Markdown and every check) takes fewer.
   */
  share?: number;
  /** Accepts or refuses; anything it throws is a finding. */
  run(input: string): FuzzVerdict | Promise<FuzzVerdict>;
}

/** Several targets from one module: `export const fuzzTargets: FuzzTarget[]`. */
export interface FuzzTargetModule {
  fuzzTargets: readonly FuzzTarget[];
}

// xorshift32 behind the FuzzRng interface (src/testing/xorshift.ts), plus `pick`.
import { xorshift } from '../testing/xorshift';
import type { FuzzRng } from './types';

export function fuzzRng(seed: number): FuzzRng {
  const base = xorshift(seed);
  return {
    int: base.int,
    chance: base.chance,
    pick: <T>(items: readonly T[]): T => items[base.int(items.length)],
  };
}

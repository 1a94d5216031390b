import { describe, expect, it } from 'vitest';
import { closestMatch, damerauLevenshtein } from './editDistance';

describe('damerauLevenshtein', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', 'abc', 0],
    ['rnu', 'run', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 2], // unrestricted: transposition then insertion (OSA would give 3)
    ['abcdef', 'badcfe', 3],
  ] as const)('%s → %s = %d', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });
});

describe('closestMatch', () => {
  it('ignores case, prefers unique prefixes, and refuses distant words', () => {
    expect(closestMatch('fdg', ['Random', 'FGD'])).toBe('FGD');
    expect(closestMatch('pol', ['policy', 'pause'])).toBe('policy');
    expect(closestMatch('p', ['policy', 'pause'])).toBeNull();
    expect(closestMatch('zzz', ['run', 'seed'])).toBeNull();
  });

  it('breaks ties in favour of a swap of the typed letters', () => {
    expect(closestMatch('rnu', ['rng', 'run'])).toBe('run');
    expect(closestMatch('rnx', ['rng', 'run'])).toBe('rng');
  });
});

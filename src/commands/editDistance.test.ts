import { describe, expect, it } from 'vitest';
import { closestMatch, damerauLevenshtein, MAX_COMPARED } from './editDistance';

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

describe('closestMatch on very long words', () => {
  // The reproducer: a link whose one command is a million x froze the main thread.
  it('compares only a short prefix, so a million letters cost what a short word does', () => {
    const huge = 'x'.repeat(1_000_000);
    const candidates = Array.from({ length: 200 }, (_, i) => `word${i}`);
    expect(closestMatch(huge, candidates)).toBeNull();
    expect(closestMatch(`polic${huge}`, ['policy'])).toBeNull();
    // Only the first MAX_COMPARED letters of each side are compared: these two agree there.
    expect(closestMatch('policy'.repeat(100_000), ['policy'.repeat(10), 'run'])).toBe('policy'.repeat(10));
    expect(closestMatch(`${'a'.repeat(MAX_COMPARED)}zzzz`, [`${'a'.repeat(MAX_COMPARED)}bbbb`])).toBe(`${'a'.repeat(MAX_COMPARED)}bbbb`);
  });

  it('still finds typos in words longer than the compared prefix', () => {
    const long = 'a-very-long-lab-identifier-that-goes-on-and-on';
    expect(closestMatch(long.replace('identifier', 'identifeir'), [long, 'other'])).toBe(long);
  });
});

// The CLI's argument checks: every value is validated with its flag named, and ranges are
// checked before anything is built from them.
import { describe, expect, it } from 'vitest';
import { decimalFlag, MAX_CLI_SEEDS, parseFlags, parseSeeds, UsageError, wholeFlag, type FlagSpec } from './args';

const SPECS: FlagSpec[] = [
  { name: 'nodes', takesValue: true, help: '' },
  { name: 'pods', takesValue: true, help: '' },
  { name: 'tune', takesValue: true, help: '' },
  { name: 'json', takesValue: false, help: '' },
];

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('parseFlags', () => {
  it('refuses empty values, inline or not', () => {
    expect(refusal(() => parseFlags(['--nodes=', '--pods='], SPECS))).toBe('--nodes needs a value, found an empty one');
    expect(refusal(() => parseFlags(['--tune', ''], SPECS))).toBe('--tune needs a value, found an empty one');
    expect(refusal(() => parseFlags(['--tune'], SPECS))).toBe('--tune needs a value');
  });

  it('refuses a flag given twice and a value given to a switch', () => {
    expect(refusal(() => parseFlags(['--tune', '1', '--tune=2'], SPECS))).toBe('--tune is given twice; give it once');
    expect(refusal(() => parseFlags(['--json=yes'], SPECS))).toContain('--json takes no value');
  });

  it('still reads good flags and suggests near names', () => {
    expect(parseFlags(['--nodes=a.csv', '--pods', 'b.csv', '--json'], SPECS)).toEqual(new Map<string, string | true>([['nodes', 'a.csv'], ['pods', 'b.csv'], ['json', true]]));
    expect(refusal(() => parseFlags(['--tnue', '1'], SPECS))).toContain('did you mean --tune?');
  });
});

describe('number flags', () => {
  it('wholeFlag takes decimal digits only, in range, compared exactly', () => {
    expect(wholeFlag('threads', '4', 1, 256)).toBe(4);
    for (const text of ['abc', '', '1.5', '-1', '0x10', '1e3', ' 4']) expect(refusal(() => wholeFlag('threads', text, 1, 256)), text).toContain('--threads must be a whole number 1..256');
    expect(refusal(() => wholeFlag('seed', '99999999999999999999', 0, 2 ** 53))).toBe('--seed 99999999999999999999 is out of range 0..9007199254740992');
    expect(refusal(() => wholeFlag('threads', '0', 1, 256))).toContain('out of range 1..256');
  });

  it('decimalFlag takes a plain decimal in range', () => {
    expect(decimalFlag('tune', '1.3', 0, 100)).toBe(1.3);
    expect(decimalFlag('tune', '0', 0, 100)).toBe(0);
    expect(decimalFlag('tune', '2e1', 0, 100)).toBe(20);
    for (const text of ['', '0x10', 'abc', '-1', 'Infinity', '1e400', '1.3x']) expect(refusal(() => decimalFlag('tune', text, 0, 100)), text).toContain('--tune must be a decimal number');
    expect(refusal(() => decimalFlag('tune', '101', 0, 100))).toContain('out of range 0..100');
  });

  it('parseSeeds checks a range before building it, and every seed', () => {
    expect(parseSeeds('42..44')).toEqual([42, 43, 44]);
    expect(parseSeeds('1,5,9')).toEqual([1, 5, 9]);
    // 0..100000000 used to build a 1.6 GB array before refusing.
    expect(refusal(() => parseSeeds('0..100000000'))).toBe(`--seed: range 0..100000000 holds 100000001 seeds; at most ${MAX_CLI_SEEDS}`);
    expect(refusal(() => parseSeeds('99999999999999999999'))).toContain('out of range');
    expect(refusal(() => parseSeeds('0..99999999999999999999'))).toContain('out of range');
    expect(refusal(() => parseSeeds('5..1'))).toContain('runs backwards');
    expect(refusal(() => parseSeeds('1,,2'))).toContain('seed "" is not');
    expect(refusal(() => parseSeeds(Array(MAX_CLI_SEEDS + 1).fill('1').join(',')))).toContain('at most');
  });
});

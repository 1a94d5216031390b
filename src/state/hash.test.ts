import { describe, expect, it } from 'vitest';
import { Fnv1a64, fnv1a32Hex, fnv1a64Hex, fnv1a64HexOfBlob } from './hash';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('fnv1a64Hex', () => {
  // Published FNV-1a 64 test vectors (Fowler/Noll/Vo).
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
    ['chongo was here!\n', '46810940eff5f915'],
  ])('%j -> %s', (input, expected) => {
    expect(fnv1a64Hex(bytes(input))).toBe(expected);
  });

  it('matches a BigInt reference on many bytes', () => {
    const data = new Uint8Array(1000).map((_, i) => (i * 131 + 7) & 0xff);
    let h = 0xcbf29ce484222325n;
    for (const b of data) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
    expect(fnv1a64Hex(data)).toBe(h.toString(16).padStart(16, '0'));
  });

  it('gives the same hash fed in chunks and from a Blob', async () => {
    const text = 'name,cpu_milli,memory_mib,num_gpu,model\n'.repeat(500);
    const whole = fnv1a64Hex(bytes(text));
    const incremental = new Fnv1a64();
    for (let i = 0; i < text.length; i += 333) incremental.update(bytes(text.slice(i, i + 333)));
    expect(incremental.hex()).toBe(whole);
    const progress: number[] = [];
    expect(await fnv1a64HexOfBlob(new Blob([text]), (done) => progress.push(done))).toBe(whole);
    expect(progress[progress.length - 1]).toBe(text.length);
  });
});

describe('fnv1a32Hex', () => {
  it.each([
    ['', '811c9dc5'],
    ['a', 'e40c292c'],
    ['foobar', 'bf9cf968'],
  ])('%j -> %s', (input, expected) => {
    expect(fnv1a32Hex(bytes(input))).toBe(expected);
  });
});

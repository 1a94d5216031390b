// Mutators of valid inputs: small edits a careless or hostile user makes (a character
// inserted, deleted or doubled, a word swapped, a number made huge or odd, a part repeated
// until it nests deeply, the text cut off, two inputs spliced). Inputs stay under a cap so a
// run measures the parser, not string building.
import type { FuzzRng } from './types';

/** Longest input the mutator builds. */
export const MAX_FUZZ_INPUT = 64 * 1024;

/** Numbers that have broken parsers: huge, tiny, signed zero, exponents, hex, separators. */
export const TRICKY_NUMBERS: readonly string[] = [
  '0', '-0', '1', '-1', '00', '007', '0.0000001', '1e-7', '1E21', '1e400', '-1e400', '99999999999999999999', '9007199254740991',
  '9007199254740993', '2147483648', '4294967296', '0.5', '.5', '5.', '1.', '0x10', '1_000', '1,5', 'NaN', 'Infinity', '-Infinity',
  '1e', '+1', '١', '１', '3600s', '3600.000001s', '0ns', '1.5ns', '0.0000001%', '100.0000001%', '1e-7x', '0.001x', '1000000x',
];

/** Characters worth inserting: structure of every grammar, quotes, escapes, odd whitespace, non-ASCII. */
const CHARACTERS = ' \t\n\r;,.:=#$%x"\'\\()[]{}<>-+*/!&|0123456789aeEsmnux\u00a0\u2028\ufeff\u0000é中😀';

type Mutator = (text: string, rng: FuzzRng, words: readonly string[], other: string) => string;

const span = (text: string, rng: FuzzRng): [number, number] => {
  const a = rng.int(text.length + 1);
  const b = Math.min(text.length, a + 1 + rng.int(16));
  return [a, b];
};

const MUTATORS: Mutator[] = [
  // Insert a character.
  (t, rng) => {
    const at = rng.int(t.length + 1);
    return t.slice(0, at) + rng.pick([...CHARACTERS]) + t.slice(at);
  },
  // Delete a span.
  (t, rng) => {
    const [a, b] = span(t, rng);
    return t.slice(0, a) + t.slice(b);
  },
  // Double a span.
  (t, rng) => {
    const [a, b] = span(t, rng);
    return t.slice(0, b) + t.slice(a, b) + t.slice(b);
  },
  // Replace a word (a run of non-space) with a grammar word or a tricky number.
  (t, rng, words) => {
    const matches = [...t.matchAll(/[^\s;,:"{}[\]]+/g)];
    if (matches.length === 0) return t + rng.pick(words.length > 0 ? words : TRICKY_NUMBERS);
    const m = rng.pick(matches);
    const word = rng.chance(0.5) && words.length > 0 ? rng.pick(words) : rng.pick(TRICKY_NUMBERS);
    return t.slice(0, m.index) + word + t.slice(m.index! + m[0].length);
  },
  // Replace a number with a tricky one.
  (t, rng) => {
    const matches = [...t.matchAll(/[0-9]+(?:\.[0-9]+)?/g)];
    if (matches.length === 0) return t;
    const m = rng.pick(matches);
    return t.slice(0, m.index) + rng.pick(TRICKY_NUMBERS) + t.slice(m.index! + m[0].length);
  },
  // Repeat a short span many times: deep nesting, long words, many fields.
  (t, rng) => {
    const [a, b] = span(t, rng);
    const times = rng.pick([2, 10, 100, 1000, 5000, 30_000]);
    return t.slice(0, a) + t.slice(a, b).repeat(times) + t.slice(b);
  },
  // Open something many times at one place: brackets, signs, negations, list items.
  (t, rng) => {
    const at = rng.int(t.length + 1);
    const opener = rng.pick(['(', '[', '{', '-', 'not ', '- ', '"', '#', '> ', '{"a":', '[[']);
    return t.slice(0, at) + opener.repeat(rng.pick([100, 1100, 2300, 20_000])) + t.slice(at);
  },
  // Cut off.
  (t, rng) => t.slice(0, rng.int(t.length + 1)),
  // Splice with another valid input.
  (t, rng, _w, other) => t.slice(0, rng.int(t.length + 1)) + other.slice(rng.int(other.length + 1)),
  // Change the case of a span.
  (t, rng) => {
    const [a, b] = span(t, rng);
    const part = t.slice(a, b);
    return t.slice(0, a) + (rng.chance(0.5) ? part.toUpperCase() : part.toLowerCase()) + t.slice(b);
  },
];

/** One to four mutations of `text`, capped at MAX_FUZZ_INPUT characters. */
export function mutate(text: string, rng: FuzzRng, words: readonly string[], other: string): string {
  let out = text;
  const count = 1 + rng.int(4);
  for (let i = 0; i < count; i++) {
    out = rng.pick(MUTATORS)(out, rng, words, other);
    if (out.length > MAX_FUZZ_INPUT) out = out.slice(0, MAX_FUZZ_INPUT);
  }
  return out;
}

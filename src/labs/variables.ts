// Per-learner variables: each learner's seed picks different numbers (a node to inspect, a
// seed offset), while the checks stay the same. Drawn with a small integer hash, never
// Math.random, so a learner seed always gives the same values.
import type { ValueType } from './expr/vocabulary';
import type { VariableSpec } from './lab';

export type VariableValues = Record<string, string | number>;

/** splitmix32-style finaliser: a well-mixed 32-bit value from a 32-bit input. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function hashText(text: string, start: number): number {
  let h = start >>> 0;
  for (let i = 0; i < text.length; i++) h = mix32(h ^ text.charCodeAt(i));
  return h;
}

/** A value in 0..n-1 for (learner seed, lab, variable); the seed's high bits count too. */
function draw(learnerSeed: number, labId: string, name: string, n: number): number {
  const low = learnerSeed % 2 ** 32;
  const high = Math.floor(learnerSeed / 2 ** 32);
  const h = hashText(`${labId}\u0000${name}`, mix32(low ^ mix32(high)));
  // n is small (a node range at most), so the modulo bias is negligible for teaching.
  return h % n;
}

export function drawVariables(specs: Record<string, VariableSpec>, labId: string, learnerSeed: number): VariableValues {
  const values: VariableValues = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === 'int') values[name] = spec.min + draw(learnerSeed, labId, name, spec.max - spec.min + 1);
    else values[name] = spec.choices[draw(learnerSeed, labId, name, spec.choices.length)];
  }
  return values;
}

/** The values a validator substitutes to parse commands: the first of each range. */
export function sampleVariables(specs: Record<string, VariableSpec>): VariableValues {
  const values: VariableValues = {};
  for (const [name, spec] of Object.entries(specs)) values[name] = spec.kind === 'int' ? spec.min : spec.choices[0];
  return values;
}

export function variableTypes(specs: Record<string, VariableSpec>): Record<string, ValueType> {
  const types: Record<string, ValueType> = {};
  for (const [name, spec] of Object.entries(specs)) {
    types[name] = spec.kind === 'int' || typeof spec.choices[0] === 'number' ? 'number' : 'string';
  }
  return types;
}

export interface Substitution {
  text: string;
  /** Column in the original text for a column in the substituted text (both 1-based). */
  originalColumn(column: number): number;
  /** Variables used that have no value, with their column in the original. */
  unknown: { name: string; column: number }[];
}

const VARIABLE = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Replaces $name in a command line with the learner's value. */
export function substitute(line: string, values: VariableValues): Substitution {
  const unknown: { name: string; column: number }[] = [];
  // Pairs of (column in output where a replacement ends, shift accumulated so far).
  const shifts: { outEnd: number; outStart: number; origStart: number; shift: number }[] = [];
  let shift = 0;
  const text = line.replace(VARIABLE, (match, name: string, offset: number) => {
    const value = values[name];
    if (value === undefined) {
      unknown.push({ name, column: offset + 1 });
      return match;
    }
    const replacement = String(value);
    const outStart = offset + shift;
    shift += replacement.length - match.length;
    shifts.push({ outStart: outStart + 1, outEnd: outStart + replacement.length + 1, origStart: offset + 1, shift });
    return replacement;
  });
  const originalColumn = (column: number): number => {
    let s = 0;
    for (const r of shifts) {
      if (column < r.outStart) break;
      if (column < r.outEnd) return r.origStart;
      s = r.shift;
    }
    return column - s;
  };
  return { text, originalColumn, unknown };
}

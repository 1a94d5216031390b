// A small, strict command-line parser: known flags only, clear errors with suggestions.
import { closestMatch } from '../commands/editDistance';

export interface FlagSpec {
  name: string;
  takesValue: boolean;
  help: string;
}

export type ParsedFlags = Map<string, string | true>;

export class UsageError extends Error {}

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const flags: ParsedFlags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const spec = specs.find((s) => s.name === rawName);
    if (!spec) {
      const near = closestMatch(rawName, specs.map((s) => s.name));
      throw new UsageError(`unknown option --${rawName}${near ? `; did you mean --${near}?` : ''}`);
    }
    // The last of two would silently win: say so instead.
    if (flags.has(spec.name)) throw new UsageError(`--${spec.name} is given twice; give it once`);
    if (!spec.takesValue) {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value, found "--${spec.name}=${inline}"`);
      flags.set(spec.name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${spec.name} needs a value`);
    }
    if (value.trim() === '') throw new UsageError(`--${spec.name} needs a value, found an empty one`);
    flags.set(spec.name, value);
  }
  return flags;
}

export function flagHelp(specs: FlagSpec[]): string {
  return specs.map((s) => `  --${s.name}${s.takesValue ? ' <value>' : ''}`.padEnd(26) + s.help).join('\n');
}

/** A whole number in decimal digits for `--name`, checked against min..max before use. */
export function wholeFlag(name: string, text: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a whole number ${min}..${max}, found "${text}"`);
  // Compared as BigInt, so a 30-digit number is refused, not rounded.
  if (BigInt(text) < BigInt(min) || BigInt(text) > BigInt(max)) throw new UsageError(`--${name} ${text} is out of range ${min}..${max}`);
  return Number(text);
}

/** A plain decimal (digits, an optional fraction, an optional exponent) for `--name`, in min..max. */
export function decimalFlag(name: string, text: string, min: number, max: number): number {
  const value = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a decimal number like 1.3, found "${text}"`);
  if (value < min || value > max) throw new UsageError(`--${name} ${text} is out of range ${min}..${max}`);
  return value;
}

/** The largest seed, as the terminal's `seed` command takes it (2^53: every integer below is exact). */
export const MAX_CLI_SEED = 2 ** 53;
/** The most seeds one run of the CLI may list; a range is checked before it is built. */
export const MAX_CLI_SEEDS = 100_000;

/** "42", "42..51" or "1,5,9" -> seeds, for `--name`. */
export function parseSeeds(text: string, name = 'seed'): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text);
  if (range) {
    const [from, to] = [wholeFlag(name, range[1], 0, MAX_CLI_SEED), wholeFlag(name, range[2], 0, MAX_CLI_SEED)];
    if (to < from) throw new UsageError(`--${name}: range ${text} runs backwards`);
    if (to - from + 1 > MAX_CLI_SEEDS) throw new UsageError(`--${name}: range ${text} holds ${to - from + 1} seeds; at most ${MAX_CLI_SEEDS}`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const parts = text.split(',');
  if (parts.length > MAX_CLI_SEEDS) throw new UsageError(`--${name}: ${parts.length} seeds; at most ${MAX_CLI_SEEDS}`);
  return parts.map((s) => {
    if (!/^\d+$/.test(s)) throw new UsageError(`--${name}: seed "${s}" is not a non-negative whole number`);
    return wholeFlag(name, s, 0, MAX_CLI_SEED);
  });
}

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
    if (!spec.takesValue) {
      flags.set(spec.name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${spec.name} needs a value`);
    }
    flags.set(spec.name, value);
  }
  return flags;
}

export function flagHelp(specs: FlagSpec[]): string {
  return specs.map((s) => `  --${s.name}${s.takesValue ? ' <value>' : ''}`.padEnd(26) + s.help).join('\n');
}

/** "42", "42..51" or "1,5,9" -> seeds. */
export function parseSeeds(text: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (to < from) throw new UsageError(`seed range ${text} runs backwards`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  return text.split(',').map((s) => {
    if (!/^\d+$/.test(s)) throw new UsageError(`seed "${s}" is not a non-negative integer`);
    return Number(s);
  });
}

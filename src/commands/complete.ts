// Tab completion: which words could replace the word under the cursor. Only command names
// and arguments with a fixed vocabulary complete; URLs, numbers and node names do not.
import { COMMAND_NAMES, findCommandSpec } from './registry';
import { tokenize } from './tokenize';

export interface Completion {
  /** Index in the line where the word being completed starts (the cursor if none). */
  replaceFrom: number;
  /** Whole words to put in place of line[replaceFrom, cursor), in table order. */
  candidates: string[];
}

function startingWith(prefix: string, words: readonly string[]): string[] {
  const lower = prefix.toLowerCase();
  return words.filter((w) => w.toLowerCase().startsWith(lower));
}

export function complete(line: string, cursor: number): Completion {
  const at = Math.max(0, Math.min(cursor, line.length));
  // Only what is left of the cursor matters; an open quote there is fine while typing.
  const { tokens } = tokenize(line.slice(0, at));
  const last = tokens[tokens.length - 1];
  const inWord = last !== undefined && last.end === at;
  const previous = (inWord ? tokens.slice(0, -1) : tokens).map((t) => t.text);
  const prefix = inWord ? last.text : '';
  const replaceFrom = inWord ? last.start : at;

  if (previous.length === 0) return { replaceFrom, candidates: startingWith(prefix, COMMAND_NAMES) };

  const spec = findCommandSpec(previous[0]);
  const argIndex = previous.length - 1;
  const completer = spec?.args[argIndex]?.completer;
  if (completer === undefined) return { replaceFrom, candidates: [] };
  return { replaceFrom, candidates: startingWith(prefix, completer(previous.slice(1))) };
}

// Test helpers for the command parser: a line that must parse, and one that must not.
import { parseCommand } from './parse';
import type { Command } from './types';

// Tests read every kernel's lines, as the lab engine does: the registry installs every grammar.
import '../kernels/registry';

export function parsed(line: string): Command {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected "${line}" to parse, got: ${result.error}`);
  return result.command;
}

export function error(line: string): { error: string; column: number } {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected "${line}" to fail, got ${JSON.stringify(result.command)}`);
  return { error: result.error, column: result.column };
}

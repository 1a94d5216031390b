// Test helpers for the command parser: a line that must parse, and one that must not.
import { parseCommand } from './parse';
import type { Command } from './types';

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

// Checks for data that arrives from outside (a link, saved progress): each names the field it
// refuses by its readable path ("config.seed", "commands[3].text"), so the message says
// where the problem is, not only that there is one.

/** Raised by the checks below; `field` is the readable path. */
import { MAX_COMMAND_CHARS, MAX_DESCRIBED_COMMANDS } from '../kernels/replayBudget';
export class FieldError extends Error {
  constructor(readonly field: string, readonly problem: string) {
    super(`field ${field} ${problem}`);
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function present(value: unknown, field: string): unknown {
  if (value === undefined) throw new FieldError(field, 'is missing');
  return value;
}

export function wholeNumber(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
  present(value, field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new FieldError(field, `is invalid: expected a whole number 0..${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function integer(value: unknown, field: string, min: number, max: number): number {
  present(value, field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FieldError(field, `is invalid: expected a whole number ${min}..${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function numberIn(value: unknown, field: string, min: number, max: number): number {
  present(value, field);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new FieldError(field, `is invalid: expected a number ${min}..${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function flag(value: unknown, field: string): boolean {
  present(value, field);
  if (typeof value !== 'boolean') throw new FieldError(field, `is invalid: expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  present(value, field);
  const found = choices.find((c) => c === value);
  if (found === undefined) throw new FieldError(field, `is invalid: ${JSON.stringify(value)} is not one of ${choices.join(', ')}`);
  return found;
}

export function tuple(value: unknown, field: string, length: number): unknown[] {
  present(value, field);
  if (!Array.isArray(value) || value.length !== length) throw new FieldError(field, `is invalid: expected a list of ${length} values`);
  return value;
}

export function list(value: unknown, field: string): unknown[] {
  present(value, field);
  if (!Array.isArray(value)) throw new FieldError(field, 'is invalid: expected a list');
  return value;
}

/** A described run's commands: a list no longer than the budget, each text within its length. */
export function commandList(value: unknown, field: string): unknown[] {
  const items = list(value, field);
  if (items.length > MAX_DESCRIBED_COMMANDS) {
    throw new FieldError(field, `is invalid: ${items.length} commands, more than the ${MAX_DESCRIBED_COMMANDS.toLocaleString('en-US')} a run may carry`);
  }
  return items;
}

/** One command's text: a string no longer than a command can be. */
export function commandText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new FieldError(field, 'is invalid: expected command text');
  if (value.length > MAX_COMMAND_CHARS) throw new FieldError(field, `is invalid: ${value.length} characters, more than the ${MAX_COMMAND_CHARS} a command may have`);
  return value;
}

export function record(value: unknown, field: string): Record<string, unknown> {
  present(value, field);
  if (!isRecord(value)) throw new FieldError(field, 'is invalid: expected an object');
  return value;
}

/**
 * Refuses keys this app does not know: they would be silently dropped, changing the run.
 * `field` is the object's path ('' for the top level, where the key is named alone).
 */
export function onlyKeys(value: Record<string, unknown>, field: string, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new FieldError(field === '' ? key : `${field}.${key}`, 'is not a setting this app knows (was the link made by a newer version?)');
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Runs checks that throw FieldError and turns the first one into a reason. */
export function checkFields<T>(check: () => T): Checked<T> {
  try {
    return { ok: true, value: check() };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, reason: error.message };
    throw error;
  }
}

// Checks stored or imported lab progress all the way down before the step engine or the report
// touches it: every field the engine reads, with its path in the message ("steps[2].predict.
// answer"). Progress comes from IndexedDB or a file a person picked, so any of it may be
// damaged; a record that passes here is one the engine can resume without a TypeError.
import { COMMAND_NAMES } from '../commands/registry';
import { PROGRESS_FORMAT } from './progress';

/** Enough for the longest lab many times over; more is not progress anyone made. */
const MAX_STEPS = 200;
const MAX_LOG = 100_000;
const MAX_TEXT = 10_000;

class ProgressError extends Error {}

const fail = (path: string, what: string): never => {
  throw new ProgressError(`${path} ${what}`);
};

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'is not an object');
  return value as Record<string, unknown>;
}

function array(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'is not a list');
  const items = value as unknown[];
  if (items.length > max) fail(path, `has ${items.length} entries, more than ${max}`);
  return items;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'is not text');
  if ((value as string).length > MAX_TEXT) fail(path, `is longer than ${MAX_TEXT} characters`);
  return value as string;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'is not a finite number');
  return value as number;
}

function count(value: unknown, path: string): number {
  const n = finite(value, path);
  if (!Number.isSafeInteger(n) || n < 0) fail(path, 'is not a whole number 0 or more');
  return n;
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'is not true or false');
  return value as boolean;
}

function orNull<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): T | null {
  return value === null ? null : read(value, path);
}

function checkRecord(value: unknown, path: string): void {
  const r = object(value, path);
  bool(r.pass, `${path}.pass`);
  text(r.message, `${path}.message`);
}

function expectation(value: unknown, path: string): void {
  const e = object(value, path);
  if (e.kind === 'number') {
    finite(e.value, `${path}.value`);
    const tolerance = object(e.tolerance, `${path}.tolerance`);
    if (tolerance.kind !== 'absolute' && tolerance.kind !== 'relative') fail(`${path}.tolerance.kind`, 'is not "absolute" or "relative"');
    finite(tolerance.value, `${path}.tolerance.value`);
  } else if (e.kind === 'choice') {
    count(e.index, `${path}.index`);
  } else {
    fail(`${path}.kind`, 'is not "number" or "choice"');
  }
}

function predict(value: unknown, path: string): void {
  const p = object(value, path);
  expectation(p.expectation, `${path}.expectation`);
  orNull(p.answer, `${path}.answer`, finite);
  orNull(p.correct, `${path}.correct`, bool);
}

function step(value: unknown, path: string): void {
  const s = object(value, path);
  bool(s.completed, `${path}.completed`);
  count(s.hintsUsed, `${path}.hintsUsed`);
  bool(s.solutionShown, `${path}.solutionShown`);
  count(s.checkAttempts, `${path}.checkAttempts`);
  orNull(s.lastCheck, `${path}.lastCheck`, checkRecord);
  orNull(s.predict, `${path}.predict`, predict);
  orNull(s.predictError, `${path}.predictError`, text);
}

const COMMAND_NAME_SET: ReadonlySet<string> = new Set(COMMAND_NAMES);

function logEntry(value: unknown, path: string): void {
  const e = object(value, path);
  if (e.kind === 'begin') count(e.step, `${path}.step`);
  else if (e.kind === 'command') {
    if (typeof e.name !== 'string' || !COMMAND_NAME_SET.has(e.name)) fail(`${path}.name`, 'is not a command name');
    text(e.text, `${path}.text`);
    finite(e.at, `${path}.at`);
    bool(e.ok, `${path}.ok`);
  } else if (e.kind === 'pods') {
    count(e.placed, `${path}.placed`);
    count(e.failed, `${path}.failed`);
  } else fail(`${path}.kind`, 'is not "begin", "command" or "pods"');
}

function variables(value: unknown, path: string): void {
  const v = object(value, path);
  for (const [name, item] of Object.entries(v)) {
    if (typeof item === 'number') finite(item, `${path}.${name}`);
    else text(item, `${path}.${name}`);
  }
}

/** Why a stored or imported value is not usable progress (naming the field), or null when it is. */
export function progressProblem(value: unknown): string | null {
  try {
    const p = object(value, 'the progress');
    if (p.format !== PROGRESS_FORMAT) fail('format', `is ${JSON.stringify(p.format ?? null)}, expected "${PROGRESS_FORMAT}"`);
    if (text(p.labId, 'labId') === '') fail('labId', 'names no lab');
    text(p.labTitle, 'labTitle');
    count(p.learnerSeed, 'learnerSeed');
    variables(p.variables, 'variables');
    array(p.setupNotes, 'setupNotes', MAX_LOG).forEach((note, i) => text(note, `setupNotes[${i}]`));
    const steps = array(p.steps, 'steps', MAX_STEPS);
    if (steps.length === 0) fail('steps', 'is empty');
    steps.forEach((s, i) => step(s, `steps[${i}]`));
    const current = count(p.current, 'current');
    if (current > steps.length) fail('current', `is ${current}, outside 0..${steps.length}`);
    array(p.log, 'log', MAX_LOG).forEach((e, i) => logEntry(e, `log[${i}]`));
    return null;
  } catch (error) {
    if (error instanceof ProgressError) return `field ${error.message}`;
    throw error;
  }
}

// Checks for the commands a described run carries (a link, a saved session), for every kernel
// whose commands are stamped with simulated ns and written in its schedule grammar. Apart from
// fieldChecks.ts so the first page load, which reads GPU-pool links, does not carry them.
import { commandList, commandText, FieldError, tuple, wholeNumber } from './fieldChecks';

/** What a kernel's schedule reader throws: its message starts "<source>:<line>:<column>: ". */
export interface ScheduleErrorLike extends Error {
  column: number;
}

/**
 * One command of a kernel's schedule grammar as a described run stores it, without its time;
 * a refusal names the field and the column in the text.
 */
export function scheduledCommand<C>(
  text: string, field: string, parse: (schedule: string, source: string) => { command: C }[], isScheduleError: (error: unknown) => error is ScheduleErrorLike,
): C {
  if (/[;\n]/.test(text)) throw new FieldError(field, `is invalid: ${JSON.stringify(text)} is not one command`);
  const prefix = '0ns ';
  let parsed;
  try {
    parsed = parse(prefix + text, field);
  } catch (error) {
    if (!isScheduleError(error)) throw error;
    const column = Math.max(1, error.column - prefix.length);
    throw new FieldError(field, `is invalid: ${JSON.stringify(text)}: ${error.message.replace(/^.*?:\d+:\d+: /, '')} (column ${column})`);
  }
  if (parsed.length !== 1) throw new FieldError(field, `is invalid: ${JSON.stringify(text)} is not one command`);
  return parsed[0].command;
}

/** A described run's commands as [at ns, text] pairs, in time order; `command` reads one text. */
export function stampedCommands<C>(value: unknown, name: string, command: (text: string, field: string) => C): { at: number; command: C }[] {
  let previous = 0;
  return commandList(value, name).map((entry, i) => {
    const field = `${name}[${i}]`;
    const [atValue, text] = tuple(entry, field, 2);
    const at = wholeNumber(atValue, `${field}.at`);
    if (at < previous) throw new FieldError(`${field}.at`, `is invalid: ${at} ns comes before the previous command's ${previous} ns`);
    previous = at;
    return { at, command: command(commandText(text, `${field}.text`), `${field}.text`) };
  });
}

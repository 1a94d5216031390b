// The line reader the LogIndex and vCPU fault schedules share: "<time> <command> [args]"
// separated by ";" or new lines, "#" starting a comment, every error naming the line and the
// column. Each kernel reads its own command words from the tokens a line hands it. Times use
// raft's duration reader (the same one-hour bound).
import { durationTooLong, MAX_DURATION_TEXT, parseDuration } from './raft/schedule';
import type { SimNs } from './raft/types';

export class ScheduleError extends Error {
  constructor(message: string, readonly source: string, readonly line: number, readonly column: number) {
    super(`${source}:${line}:${column}: ${message}`);
    this.name = 'ScheduleError';
  }
}

/** Most commands one schedule may hold. */
export const MAX_SCHEDULE_COMMANDS = 10_000;

export interface Token {
  text: string;
  /** 1-based, in the whole line. */
  column: number;
}

/** One stamped command's words, with the ways to read them or refuse them. */
export interface ScheduleLine {
  word: Token;
  args: Token[];
  /** Argument i, or a refusal saying the command needs `what`. */
  arg(i: number, what: string): Token;
  /** Refuses arguments past the first `count`. */
  expect(count: number): void;
  fail(message: string, t: Token): never;
}

function tokens(part: string, offset: number): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(part))) out.push({ text: m[0], column: offset + m.index + 1 });
  return out;
}

/** Reads every stamped line of `text`; `command` turns one line's words into a command or fails. */
export function readSchedule<C>(text: string, source: string, command: (line: ScheduleLine) => C): { at: SimNs; command: C }[] {
  const out: { at: SimNs; command: C }[] = [];
  text.split('\n').forEach((line, li) => {
    let offset = 0;
    for (const part of line.split(';')) {
      const toks = tokens(part, offset);
      offset += part.length + 1;
      if (toks.length === 0 || toks[0].text.startsWith('#')) continue;
      const fail = (message: string, t: Token): never => {
        throw new ScheduleError(message, source, li + 1, t.column);
      };
      if (out.length >= MAX_SCHEDULE_COMMANDS) fail(`a schedule holds at most ${MAX_SCHEDULE_COMMANDS} commands`, toks[0]);
      const at = parseDuration(toks[0].text);
      if (at === null) {
        fail(durationTooLong(toks[0].text)
          ? `the time "${toks[0].text}" is later than the latest a run reaches, ${MAX_DURATION_TEXT}`
          : `"${toks[0].text}" is not a time (write it like 2s, 150ms, 20us)`, toks[0]);
      }
      const word = toks[1] ?? fail('a time needs a command after it', toks[0]);
      const args = toks.slice(2);
      const arg = (i: number, what: string): Token => args[i] ?? fail(`${word.text} needs ${what}`, word);
      const expect = (count: number): void => {
        if (args.length > count) fail(`${word.text} takes ${count === 0 ? 'no arguments' : `${count} argument${count > 1 ? 's' : ''}`}`, args[count]);
      };
      out.push({ at: at!, command: command({ word, args, arg, expect, fail }) });
    }
  });
  return out;
}

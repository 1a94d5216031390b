// `logindex ...`: the LogIndex tab's commands, loaded with the tab (commands/kernelGrammar.ts).
// Faults reuse the kernel's fault schedule grammar (schedule.ts) word for word, without the
// time: `logindex crash ro2` means what `500ms crash ro2` means in --faults, stamped now.
// Every error names the column of the line the person typed.
import { durationTooLong, formatDuration, MAX_DURATION_TEXT, parseDuration } from '../raft/schedule';
import { formatDecimal, parseDecimal } from '../../commands/decimal';
import { closestMatch } from '../../commands/editDistance';
import type { KernelGrammar } from '../../commands/kernelGrammar';
import { commandStub, type CommandSpec } from '../../commands/registry';
import type { Token } from '../../commands/tokenize';
import type { Command } from '../../commands/types';
import type { LogIndexAction } from './action';
import { MAX_WRITE_SCALE } from './config';
import { BROKEN_OPTIONS, MAX_RO, MODES, PAGES, type BrokenOption } from './protocol';
import { SCENARIO_NAMES } from './scenarios';
import { COMMAND_HELP, formatSchedule, parseSchedule, ScheduleError } from './schedule';

/** Words that start a fault (the schedule grammar's commands). */
export const LOGINDEX_FAULT_WORDS = ['crash', 'restart', 'promote', 'slow-storage', 'starve', 'delay', 'loss', 'partition', 'heal'] as const;
export const LOGINDEX_SIMPLE_ACTIONS = ['open', 'close', 'run', 'pause', 'reset', 'status', 'side-by-side', 'single', 'hash'] as const;
export const LOGINDEX_SETTINGS = ['mode', 'ro', 'write-scale', 'seed', 'break', 'scenario', 'step', 'seek', 'speed', 'inspect'] as const;
export const LOGINDEX_WORDS: readonly string[] = [...LOGINDEX_SIMPLE_ACTIONS, ...LOGINDEX_SETTINGS, ...LOGINDEX_FAULT_WORDS];
export const BROKEN_NAMES = Object.keys(BROKEN_OPTIONS) as BrokenOption[];
/** What `logindex break` takes: a broken option's name, several joined by commas, or none. */
export const LOGINDEX_BREAK_WORDS: readonly string[] = ['none', ...BROKEN_NAMES];
export const LOGINDEX_SCENARIO_WORDS: readonly string[] = [...SCENARIO_NAMES, 'none'];
export const REPLICA_WORDS: readonly string[] = Array.from({ length: MAX_RO }, (_, i) => `ro${i + 1}`);
export const MAX_SEED = 2 ** 31 - 1;
/** `logindex step` alone: one simulated millisecond, as raft's. */
const DEFAULT_STEP_NS = 1_000_000;

export type LogIndexParse = { ok: true; action: LogIndexAction } | { ok: false; error: string; column: number };

const col = (t: Token): number => t.start + 1;

class ArgError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

function choose<T extends string>(token: Token, choices: readonly T[], what: string): T {
  const found = choices.find((c) => c.toLowerCase() === token.text.toLowerCase());
  if (found !== undefined) return found;
  const guess = closestMatch(token.text, choices);
  throw new ArgError(`unknown ${what} "${token.text}" at column ${col(token)}; ${guess ? `did you mean ${guess}?` : `expected one of ${choices.join(', ')}`}`, col(token));
}

function duration(token: Token, what: string): number {
  const ns = parseDuration(token.text);
  if (ns === null && durationTooLong(token.text)) {
    throw new ArgError(`${what} "${token.text}" at column ${col(token)} is longer than the most a run takes, ${MAX_DURATION_TEXT}`, col(token));
  }
  if (ns === null || ns <= 0) throw new ArgError(`${what} "${token.text}" at column ${col(token)} is not a positive duration (write it like 5ms, 200us, 1s)`, col(token));
  return ns;
}

function whole(token: Token, what: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(token.text) || Number(token.text) < min || Number(token.text) > max) {
    throw new ArgError(`${what} "${token.text}" at column ${col(token)} must be a whole number ${min}..${max}`, col(token));
  }
  return Number(token.text);
}

function replica(token: Token): number {
  const m = /^ro([1-9][0-9]?)$/i.exec(token.text);
  if (!m || Number(m[1]) > MAX_RO) throw new ArgError(`"${token.text}" at column ${col(token)} is not a replica ro1..ro${MAX_RO}`, col(token));
  return Number(m[1]);
}

/** Parses a fault with the schedule grammar (a time put in front), mapping its error column back to the line. */
function fault(tokens: Token[]): LogIndexAction {
  // The schedule reads ";" as a separator and "#" as a comment: neither belongs in one fault.
  const odd = tokens.find((t) => t.text.includes(';') || t.text.startsWith('#'));
  if (odd) throw new ArgError(`"${odd.text}" at column ${col(odd)}: give one fault at a time, without ";" or "#"`, col(odd));
  const prefix = '0ns ';
  const offsets: number[] = [];
  let text = prefix;
  for (const t of tokens) {
    offsets.push(text.length);
    text += `${t.text} `;
  }
  try {
    const parsed = parseSchedule(text.trimEnd(), 'logindex');
    if (parsed.length !== 1) throw new ArgError(`give one fault at a time (found ${parsed.length})`, col(tokens[0]));
    return { action: 'fault', fault: parsed[0].command };
  } catch (error) {
    if (!(error instanceof ScheduleError)) throw error;
    const at = error.column - 1;
    let i = offsets.length - 1;
    while (i > 0 && offsets[i] > at) i--;
    const token = tokens[Math.max(0, i)];
    const column = at < prefix.length ? col(tokens[0]) : token.start + Math.min(at - offsets[i], token.text.length) + 1;
    const bare = error.message.replace(/^logindex:\d+:\d+: /, '');
    throw new ArgError(`${bare} (column ${column})`, column);
  }
}

function noMore(tokens: Token[], count: number, syntax: string): void {
  const extra = tokens[count];
  if (extra) throw new ArgError(`unexpected "${extra.text}" at column ${col(extra)}; usage: logindex ${syntax}`, col(extra));
}

function need(tokens: Token[], index: number, what: string, endColumn: number): Token {
  const t = tokens[index];
  if (!t) throw new ArgError(`missing <${what}> at column ${endColumn}`, endColumn);
  return t;
}

/**
 * `logindex break`'s words: `none`, or broken options joined by commas and/or spaces. The list
 * comes back in the table's order without repeats, so it has one canonical text.
 */
function brokenList(words: Token[], endColumn: number): BrokenOption[] {
  const usage = `usage: logindex break none|<option>[,<option>...] (${BROKEN_NAMES.join(', ')})`;
  if (words.length === 0) throw new ArgError(`missing <option> at column ${endColumn}; ${usage}`, endColumn);
  const names: { text: string; column: number }[] = [];
  for (const word of words) {
    let offset = 0;
    for (const part of word.text.split(',')) {
      if (part !== '') names.push({ text: part, column: word.start + offset + 1 });
      offset += part.length + 1;
    }
  }
  if (names.length === 0) throw new ArgError(`missing <option> at column ${col(words[0])}; ${usage}`, col(words[0]));
  const chosen = new Set<string>();
  for (const name of names) {
    const text = name.text.toLowerCase();
    if (text === 'none') {
      if (names.length > 1) throw new ArgError(`"none" at column ${name.column} must stand alone; ${usage}`, name.column);
      return [];
    }
    if (!Object.hasOwn(BROKEN_OPTIONS, text)) {
      const guess = closestMatch(name.text, LOGINDEX_BREAK_WORDS);
      throw new ArgError(`unknown broken option "${name.text}" at column ${name.column}; ${guess ? `did you mean ${guess}?` : usage}`, name.column);
    }
    chosen.add(text);
  }
  return BROKEN_NAMES.filter((n) => chosen.has(n));
}

/** `tokens` are the words after `logindex`; `endColumn` is where a missing word would go. */
export function parseLogIndexArgs(tokens: Token[], endColumn: number): LogIndexParse {
  try {
    return { ok: true, action: parseOrThrow(tokens, endColumn) };
  } catch (error) {
    if (error instanceof ArgError) return { ok: false, error: error.message, column: error.column };
    throw error;
  }
}

function parseOrThrow(tokens: Token[], endColumn: number): LogIndexAction {
  const head = tokens[0];
  if (head === undefined) return { action: 'open' };
  const word = head.text.toLowerCase();
  if ((LOGINDEX_FAULT_WORDS as readonly string[]).includes(word)) return fault([{ ...head, text: word }, ...tokens.slice(1)]);
  const action = choose(head, [...LOGINDEX_SIMPLE_ACTIONS, ...LOGINDEX_SETTINGS] as const, 'logindex action');
  switch (action) {
    case 'mode':
      noMore(tokens, 2, 'mode lazy|full');
      return { action, mode: choose(need(tokens, 1, 'mode', endColumn), MODES, 'mode') };
    case 'ro':
      noMore(tokens, 2, `ro <1..${MAX_RO}>`);
      return { action, count: whole(need(tokens, 1, 'replicas', endColumn), 'replica count', 1, MAX_RO) };
    case 'write-scale': {
      noMore(tokens, 2, 'write-scale <k>');
      const t = need(tokens, 1, 'k', endColumn);
      const scale = parseDecimal(t.text.endsWith('x') ? t.text.slice(0, -1) : t.text);
      if (scale === null || scale <= 0 || scale > MAX_WRITE_SCALE) {
        throw new ArgError(`write scale "${t.text}" at column ${col(t)} must be a number above 0 and at most ${MAX_WRITE_SCALE} (the default write rate times k)`, col(t));
      }
      return { action, scale };
    }
    case 'seed':
      noMore(tokens, 2, 'seed <n>');
      return { action, seed: whole(need(tokens, 1, 'seed', endColumn), 'seed', 0, MAX_SEED) };
    case 'break':
      return { action, broken: brokenList(tokens.slice(1), endColumn) };
    case 'scenario': {
      noMore(tokens, 2, `scenario ${SCENARIO_NAMES[0]}..${SCENARIO_NAMES[SCENARIO_NAMES.length - 1]}|none`);
      const name = choose(need(tokens, 1, 'scenario', endColumn), LOGINDEX_SCENARIO_WORDS, 'scenario');
      return { action, scenario: name === 'none' ? null : name };
    }
    case 'inspect': {
      noMore(tokens, 3, 'inspect <page> [roN]');
      const page = whole(need(tokens, 1, 'page', endColumn), 'page', 0, PAGES - 1);
      return { action, page, node: tokens[2] === undefined ? 1 : replica(tokens[2]) };
    }
    case 'run': {
      noMore(tokens, 2, 'run [<duration>]');
      return { action, ns: tokens[1] === undefined ? null : duration(tokens[1], 'run') };
    }
    case 'step':
    case 'seek': {
      noMore(tokens, 2, `${action} <duration>`);
      const t = tokens[1];
      if (action === 'step' && t === undefined) return { action, ns: DEFAULT_STEP_NS };
      if (action === 'seek' && t !== undefined && t.text === '0') return { action, ns: 0 };
      return { action, ns: duration(need(tokens, 1, 'duration', endColumn), action === 'step' ? 'step' : 'time') };
    }
    case 'speed': {
      noMore(tokens, 2, 'speed <simulated time per second>|max');
      const t = need(tokens, 1, 'speed', endColumn);
      if (t.text.toLowerCase() === 'max') return { action, nsPerSecond: 'max' };
      return { action, nsPerSecond: duration(t, 'speed') };
    }
    default:
      noMore(tokens, 1, action);
      return { action };
  }
}

/** The canonical words after `logindex`; parseLogIndexArgs gives the same action back. */
export function formatLogIndexAction(a: LogIndexAction): string {
  switch (a.action) {
    // The schedule's canonical text, its time cut off.
    case 'fault': return formatSchedule([{ at: 0, command: a.fault }]).replace(/^\S+ /, '');
    case 'mode': return `mode ${a.mode}`;
    case 'ro': return `ro ${a.count}`;
    case 'write-scale': return `write-scale ${formatDecimal(a.scale)}`;
    case 'seed': return `seed ${a.seed}`;
    case 'break': return `break ${a.broken.length === 0 ? 'none' : a.broken.join(',')}`;
    case 'scenario': return `scenario ${a.scenario ?? 'none'}`;
    case 'inspect': return `inspect ${a.page} ro${a.node}`;
    case 'run': return a.ns === null ? 'run' : `run ${formatDuration(a.ns)}`;
    case 'step': return `step ${formatDuration(a.ns)}`;
    case 'seek': return a.ns === 0 ? 'seek 0' : `seek ${formatDuration(a.ns)}`;
    case 'speed': return `speed ${a.nsPerSecond === 'max' ? 'max' : formatDuration(a.nsPerSecond)}`;
    default: return a.action;
  }
}

/** The help lines before the examples (helpZhCN.ts translates them). */
export const LOGINDEX_HELP: readonly string[] = [
  'mode lazy|full: LogIndex with metadata shipping, or ship and apply every record; each starts a new run',
  `ro <1..${MAX_RO}>: read-only replicas   write-scale <k>: the write rate times k, reads unchanged   seed <n>`,
  'side-by-side: lazy and full on the same seed in two columns, one clock; single goes back',
  `break <option>[,<option>...]|none: a new run with kernel options broken on purpose (${BROKEN_NAMES.join(', ')}),`,
  '  the must-fail twins of the checked properties L1-L9; a badge says so',
  `scenario ${SCENARIO_NAMES[0]}..${SCENARIO_NAMES[SCENARIO_NAMES.length - 1]}|none: a named run that presses one property (its replicas, write scale, seed and faults)`,
  'Each of these, and reset, starts a new run at 0 ms.',
  'run [<dur>] (play on, or run dur more), pause, step [1ms], seek <time>, speed <sim time per second>|max',
  'status: verdict, write / consistent / replay LSNs, lag P50/P99, bytes shipped, pages replayed',
  'inspect <page> [roN]: the page inspector (default ro1): its LSN list, Bloom skips, the last replaying read',
  'Faults use the fault-schedule grammar, applied now and stamped with the simulated time:',
  ...COMMAND_HELP.map((line) => `  ${line}`),
];

const LOGINDEX_SPEC: CommandSpec = {
  ...commandStub('logindex'),
  syntax: 'logindex [open|close|run|pause|reset|status|side-by-side|single] | logindex mode|ro|write-scale|seed|break|scenario|step|seek|speed|inspect <value> | logindex <fault>',
  help: [
    ...LOGINDEX_HELP,
    'Examples:', '  logindex side-by-side', '  logindex write-scale 4', '  logindex step 100ms', '  logindex delay ro1 2ms',
    '  logindex break flush-control-off', '  logindex crash ro2', '  logindex inspect 17 ro2', '  logindex status', '  logindex break none',
  ],
  args: [
    { name: 'action', optional: true, completer: () => LOGINDEX_WORDS },
    {
      name: 'value',
      optional: true,
      completer: (previous) => {
        switch (previous[0]?.toLowerCase()) {
          case 'mode': return MODES;
          case 'break': return LOGINDEX_BREAK_WORDS;
          case 'scenario': return LOGINDEX_SCENARIO_WORDS;
          case 'speed': return ['max'];
          case 'crash': case 'restart': return ['rw', ...REPLICA_WORDS];
          case 'promote': case 'starve': case 'delay': case 'loss': case 'partition': case 'heal': return REPLICA_WORDS;
          default: return [];
        }
      },
    },
  ],
};

export const logindexGrammar: KernelGrammar = {
  word: 'logindex',
  spec: LOGINDEX_SPEC,
  parse(tokens, endColumn) {
    const result = parseLogIndexArgs(tokens, endColumn);
    return result.ok ? { ok: true, command: { name: 'logindex', ...result.action } } : result;
  },
  format: (command: Command) => (command.name === 'logindex' ? `logindex ${formatLogIndexAction(command)}` : command.name),
  localHelp: { 'zh-CN': async () => (await import('./helpZhCN')).logindexHelpZhCN },
};

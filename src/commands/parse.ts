// Typed text ⇄ Command. `parseCommand` validates everything a handler relies on, so a
// handler never sees a bad value; `formatCommand` writes the canonical form that the
// terminal echoes for button clicks and that share links store.
import { POLICIES, RNG_KINDS } from '../kernels/gpupool/types';
import type { Policy, RngKind } from '../kernels/gpupool/types';
import { closestMatch } from './editDistance';
import { formatDecimal, parseDecimal } from './decimal';
import {
  COMMAND_NAMES, DEBUG_ACTIONS, FAIL_TARGETS, findCommandSpec, LOAD_SOURCES, MAX_SEED, MAX_SWEEP_SEEDS, MAX_SYNTHETIC_SCALE,
  LAB_ACTIONS, ON_OFF, ACK_SETTINGS, QUERY_METRIC_NAMES, RENDERER_CHOICES, VIEW_ACTIONS,
} from './registry';
import type { CommandSpec } from './registry';
import { grammarOf } from './kernelGrammar';
import { quoteIfNeeded, tokenize } from './tokenize';
import type { Token } from './tokenize';
import type { Command, CommandName } from './types';

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string; column: number };

/** Thrown inside the parser only; always turned into a ParseResult before leaving. */
class ArgumentError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

const columnOf = (token: Token): number => token.start + 1;

interface Args {
  spec: CommandSpec;
  tokens: Token[];
  /** Column just past the end of the line, where a missing argument would go. */
  endColumn: number;
}

function fail(args: Args, message: string, column: number): never {
  throw new ArgumentError(`${args.spec.name}: ${message}`, column);
}

function required(args: Args, index: number): Token {
  const token = args.tokens[index];
  if (token === undefined) {
    const name = args.spec.args[index]?.name ?? 'argument';
    fail(args, `missing <${name}> at column ${args.endColumn}; usage: ${args.spec.syntax}`, args.endColumn);
  }
  return token;
}

function noMoreThan(args: Args, count: number): void {
  const extra = args.tokens[count];
  if (extra === undefined) return;
  const takes = count === 0 ? 'takes no arguments' : `takes at most ${count} argument${count === 1 ? '' : 's'}`;
  fail(args, `unexpected argument "${extra.text}" at column ${columnOf(extra)}; ${args.spec.name} ${takes} (usage: ${args.spec.syntax})`, columnOf(extra));
}

/** Case-insensitive choice from a fixed list, returning the list's spelling. */
function oneOf<T extends string>(args: Args, token: Token, choices: readonly T[], what: string): T {
  const lower = token.text.toLowerCase();
  const found = choices.find((c) => c.toLowerCase() === lower);
  if (found !== undefined) return found;
  const guess = closestMatch(token.text, choices);
  const hint = guess !== null ? `did you mean ${guess}?` : `expected one of ${choices.join(', ')}`;
  fail(args, `unknown ${what} "${token.text}" at column ${columnOf(token)}; ${hint}`, columnOf(token));
}

const DIGITS = /^[0-9]+$/;

/** A non-negative decimal integer no larger than `max`, checked exactly (via BigInt). */
function wholeNumber(args: Args, token: Token, what: string, min: number, max: number): number {
  if (!DIGITS.test(token.text)) fail(args, `${what} must be a whole number, got "${token.text}" at column ${columnOf(token)}`, columnOf(token));
  const value = BigInt(token.text);
  if (value < BigInt(min) || value > BigInt(max)) {
    const upper = max === MAX_SEED ? '2^53' : String(max);
    fail(args, `${what} ${token.text} at column ${columnOf(token)} is out of range ${min}..${upper}`, columnOf(token));
  }
  return Number(value);
}

function httpUrl(args: Args, token: Token, what: string): string {
  let url: URL;
  try {
    // Relative URLs are resolved against the page later; a dummy base only checks the shape.
    url = new URL(token.text, 'https://relative.invalid/');
  } catch {
    fail(args, `${what} "${token.text}" at column ${columnOf(token)} is not a URL`, columnOf(token));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail(args, `${what} "${token.text}" at column ${columnOf(token)} must be an http(s) URL, not ${url.protocol}`, columnOf(token));
  }
  return token.text;
}

/** ACK's weights only matter relative to each other; a bound keeps their weighted sum finite. */
const MAX_ACK_WEIGHT = 1000;

// One argument parser per command. A Record over CommandName makes a missing one a type error.
const PARSERS: Record<CommandName, (args: Args) => Command> = {
  help(args) {
    noMoreThan(args, 1);
    const token = args.tokens[0];
    if (token === undefined) return { name: 'help', topic: null };
    return { name: 'help', topic: oneOf(args, token, COMMAND_NAMES, 'command') };
  },
  load(args) {
    const source = oneOf(args, required(args, 0), LOAD_SOURCES, 'source');
    if (source === 'synthetic') {
      noMoreThan(args, 2);
      const token = args.tokens[1];
      if (token === undefined) return { name: 'load', source };
      return { name: 'load', source, scale: wholeNumber(args, token, 'scale', 1, MAX_SYNTHETIC_SCALE) };
    }
    if (source !== 'url') {
      noMoreThan(args, 1);
      return { name: 'load', source };
    }
    noMoreThan(args, 3);
    const nodesUrl = httpUrl(args, required(args, 1), 'nodes URL');
    const podsUrl = httpUrl(args, required(args, 2), 'pods URL');
    return { name: 'load', source: 'url', nodesUrl, podsUrl };
  },
  policy(args) {
    noMoreThan(args, 1);
    const policy: Policy = oneOf(args, required(args, 0), POLICIES, 'policy');
    return { name: 'policy', policy };
  },
  seed(args) {
    noMoreThan(args, 1);
    return { name: 'seed', seed: wholeNumber(args, required(args, 0), 'seed', 0, MAX_SEED) };
  },
  'time-aware'(args) {
    noMoreThan(args, 1);
    return { name: 'time-aware', on: oneOf(args, required(args, 0), ON_OFF, 'switch') === 'on' };
  },
  rng(args) {
    noMoreThan(args, 1);
    const rng: RngKind = oneOf(args, required(args, 0), RNG_KINDS, 'generator');
    return { name: 'rng', rng };
  },
  run: (args) => (noMoreThan(args, 0), { name: 'run' }),
  pause: (args) => (noMoreThan(args, 0), { name: 'pause' }),
  step(args) {
    noMoreThan(args, 1);
    const token = args.tokens[0];
    const count = token === undefined ? 1 : wholeNumber(args, token, 'count', 1, Number.MAX_SAFE_INTEGER);
    return { name: 'step', count };
  },
  speed(args) {
    noMoreThan(args, 1);
    const token = required(args, 0);
    if (token.text.toLowerCase() === 'max') return { name: 'speed', podsPerSecond: 'max' };
    const value = parseDecimal(token.text) ?? NaN;
    if (!(value > 0)) {
      fail(args, `speed must be a positive number of pods per second or max, got "${token.text}" at column ${columnOf(token)}`, columnOf(token));
    }
    return { name: 'speed', podsPerSecond: value };
  },
  seek(args) {
    noMoreThan(args, 1);
    const token = required(args, 0);
    const word = token.text.toLowerCase();
    if (word === 'start') return { name: 'seek', target: { kind: 'absolute', step: 0 } };
    if (word === 'end') return { name: 'seek', target: { kind: 'end' } };
    const sign = token.text[0];
    if (sign === '+' || sign === '-') {
      const magnitude = token.text.slice(1);
      if (!DIGITS.test(magnitude)) fail(args, `"${token.text}" at column ${columnOf(token)} is not a step, +n, -n, start or end`, columnOf(token));
      const size = wholeNumber(args, { ...token, text: magnitude }, 'offset', 0, Number.MAX_SAFE_INTEGER);
      // `0 - 0` would be -0, which prints as "0" and would not round-trip as relative.
      return { name: 'seek', target: { kind: 'relative', delta: sign === '-' && size !== 0 ? -size : size } };
    }
    if (!DIGITS.test(token.text)) {
      const guess = closestMatch(token.text, ['start', 'end']);
      const hint = guess !== null ? `; did you mean ${guess}?` : '';
      fail(args, `"${token.text}" at column ${columnOf(token)} is not a step, +n, -n, start or end${hint}`, columnOf(token));
    }
    return { name: 'seek', target: { kind: 'absolute', step: wholeNumber(args, token, 'step', 0, Number.MAX_SAFE_INTEGER) } };
  },
  reset: (args) => (noMoreThan(args, 0), { name: 'reset' }),
  ack(args) {
    const setting = oneOf(args, required(args, 0), ACK_SETTINGS, 'ack setting');
    if (setting === 'weights') {
      noMoreThan(args, 6);
      const weights = [1, 2, 3, 4, 5].map((i) => {
        const token = required(args, i);
        const value = parseDecimal(token.text);
        if (value === null || value > MAX_ACK_WEIGHT) {
          fail(args, `weight "${token.text}" at column ${columnOf(token)} must be a number 0..${MAX_ACK_WEIGHT}`, columnOf(token));
        }
        return value;
      });
      if (weights.every((w) => w === 0)) fail(args, 'ack weights: at least one weight must be above zero', columnOf(required(args, 1)));
      return { name: 'ack', setting, weights };
    }
    if (setting === 'batch') {
      noMoreThan(args, 2);
      return { name: 'ack', setting, size: wholeNumber(args, required(args, 1), 'batch size', 1, 1024) };
    }
    noMoreThan(args, 2);
    return { name: 'ack', setting, on: oneOf(args, required(args, 1), ON_OFF, `${setting} switch`) === 'on' };
  },
  fail(args) {
    const target = oneOf(args, required(args, 0), FAIL_TARGETS, 'fail target');
    if (target === 'node') {
      noMoreThan(args, 2);
      return { name: 'fail', target, node: wholeNumber(args, required(args, 1), 'node id', 0, Number.MAX_SAFE_INTEGER) };
    }
    noMoreThan(args, 3);
    const node = wholeNumber(args, required(args, 1), 'node id', 0, Number.MAX_SAFE_INTEGER);
    return { name: 'fail', target, node, gpu: wholeNumber(args, required(args, 2), 'GPU index', 0, 7) };
  },
  node(args) {
    noMoreThan(args, 1);
    const token = required(args, 0);
    if (!token.quoted && DIGITS.test(token.text)) {
      return { name: 'node', node: wholeNumber(args, token, 'node id', 0, Number.MAX_SAFE_INTEGER) };
    }
    if (token.text.length === 0) fail(args, `node name at column ${columnOf(token)} is empty`, columnOf(token));
    return { name: 'node', node: token.text };
  },
  query(args) {
    noMoreThan(args, 1);
    return { name: 'query', metric: oneOf(args, required(args, 0), QUERY_METRIC_NAMES, 'metric') };
  },
  share: (args) => (noMoreThan(args, 0), { name: 'share' }),
  clear: (args) => (noMoreThan(args, 0), { name: 'clear' }),
  history: (args) => (noMoreThan(args, 0), { name: 'history' }),
  stats: (args) => (noMoreThan(args, 0), { name: 'stats' }),
  debug(args) {
    noMoreThan(args, 1);
    return { name: 'debug', action: oneOf(args, required(args, 0), DEBUG_ACTIONS, 'debug action') };
  },
  view(args) {
    noMoreThan(args, 2);
    const action = oneOf(args, required(args, 0), VIEW_ACTIONS, 'view setting');
    if (action === 'reset') return (noMoreThan(args, 1), { name: 'view', action });
    if (action === '3d') return { name: 'view', action, on: oneOf(args, required(args, 1), ON_OFF, 'switch') === 'on' };
    return { name: 'view', action, renderer: oneOf(args, required(args, 1), RENDERER_CHOICES, 'renderer') };
  },
  why: (args) => (noMoreThan(args, 0), { name: 'why' }),
  lab(args) {
    const action = oneOf(args, required(args, 0), LAB_ACTIONS, 'lab action');
    if (action !== 'open') {
      noMoreThan(args, 1);
      return { name: 'lab', action };
    }
    noMoreThan(args, 2);
    const token = required(args, 1);
    const id = token.text.toLowerCase();
    if (!/^[a-z0-9-]+$/.test(id)) fail(args, `lab open: "${token.text}" at column ${columnOf(token)} is not a lab id (lowercase letters, digits and dashes)`, columnOf(token));
    return { name: 'lab', action, id };
  },
  presenter: (args) => (noMoreThan(args, 1), { name: 'presenter', on: oneOf(args, required(args, 0), ON_OFF, 'switch') === 'on' }),
  raft: kernelWord,
  logindex: kernelWord,
  vcpu: kernelWord,
  ab(args) {
    const first = required(args, 0);
    if (first.text.toLowerCase() === 'off') {
      noMoreThan(args, 1);
      return { name: 'ab', action: 'off' };
    }
    noMoreThan(args, 2);
    const a = oneOf(args, first, POLICIES, 'policy');
    const b = oneOf(args, required(args, 1), POLICIES, 'policy');
    return { name: 'ab', action: 'start', a, b };
  },
  sweep(args) {
    const first = args.tokens[0];
    if (first === undefined) return { name: 'sweep', action: 'open' };
    if (first.text.toLowerCase() === 'cancel') {
      noMoreThan(args, 1);
      return { name: 'sweep', action: 'cancel' };
    }
    noMoreThan(args, 2);
    // Policies are one comma-separated word: each is checked at its own column.
    const policies: Policy[] = [];
    let offset = 0;
    for (const part of first.text.split(',')) {
      const token = { ...first, text: part, start: first.start + offset };
      offset += part.length + 1;
      if (part === '') fail(args, `empty policy name at column ${columnOf(token)} in "${first.text}"`, columnOf(token));
      const policy = oneOf(args, token, POLICIES, 'policy');
      if (policies.includes(policy)) fail(args, `policy ${policy} is listed twice at column ${columnOf(token)}`, columnOf(token));
      policies.push(policy);
    }
    const seedsToken = args.tokens[1];
    const seeds = seedsToken === undefined ? 3 : wholeNumber(args, seedsToken, 'seeds', 1, MAX_SWEEP_SEEDS);
    return { name: 'sweep', action: 'start', policies, seeds };
  },
};

/** A kernel's own command word, read by its grammar (loaded with the kernel). */
function kernelWord(args: Args): Command {
  const grammar = grammarOf(args.spec.name);
  if (grammar === undefined) fail(args, `the ${args.spec.name} commands have not loaded yet; try again in a moment`, 1);
  const result = grammar.parse(args.tokens, args.endColumn);
  if (!result.ok) fail(args, result.error, result.column);
  return result.command;
}

function formatKernelWord(command: Command): string {
  const grammar = grammarOf(command.name);
  // The bus loads a command's grammar before it runs, so this is a programming error.
  if (grammar === undefined) throw new Error(`${command.name}: its grammar is not loaded`);
  return grammar.format(command);
}

/** Verbs that drive whichever simulator is in front: `step 5ms` on the raft tab is `raft step 5ms`. */
export const FRONT_VERBS: readonly string[] = ['run', 'pause', 'step', 'seek', 'speed', 'reset'];
/** The GPU pool's own prefix: `gpupool step 50` is `step 50` whichever tab is in front. */
export const GPUPOOL_PREFIX = 'gpupool';

export interface ParseContext {
  /** The kernel whose tab is in front ('gpupool' when left out). */
  front?: string;
}

/**
 * Parses one typed line. A bare front verb goes to the kernel in front; any other command
 * names its simulator (`raft ...`, or `gpupool ...` for the GPU pool, which may leave it out).
 */
export function parseCommand(line: string, context: ParseContext = {}): ParseResult {
  const front = context.front ?? GPUPOOL_PREFIX;
  const { tokens, unterminatedQuoteAt } = tokenize(line);
  if (unterminatedQuoteAt !== null) {
    return { ok: false, error: `unterminated quote opened at column ${unterminatedQuoteAt + 1}`, column: unterminatedQuoteAt + 1 };
  }
  const [head, ...rest] = tokens;
  if (head === undefined) return { ok: false, error: 'empty command; type help for the list of commands', column: 1 };
  const word = head.text.toLowerCase();
  if (word === GPUPOOL_PREFIX && !head.quoted) {
    const [inner] = rest;
    if (inner === undefined) return { ok: false, error: 'gpupool needs a command, e.g. gpupool step 50 or gpupool policy FGD', column: head.end + 2 };
    if (['raft', 'logindex', 'vcpu', GPUPOOL_PREFIX].includes(inner.text.toLowerCase())) {
      return { ok: false, error: `"${inner.text}" is not a GPU-pool command`, column: columnOf(inner) };
    }
    // The prefix becomes blanks, so every column an error names is still the typed line's.
    return parseCommand(' '.repeat(head.end) + line.slice(head.end));
  }
  const frontSpec = front !== GPUPOOL_PREFIX && FRONT_VERBS.includes(word) ? findCommandSpec(front) : undefined;
  if (frontSpec !== undefined) return runParser(frontSpec, tokens, line);
  const spec = findCommandSpec(head.text);
  if (spec === undefined) {
    const guess = closestMatch(head.text, COMMAND_NAMES);
    const hint = guess !== null ? `did you mean "${guess}"?` : 'type help for the list of commands';
    return { ok: false, error: `unknown command "${head.text}"; ${hint}`, column: columnOf(head) };
  }
  return runParser(spec, rest, line);
}

function runParser(spec: CommandSpec, tokens: Token[], line: string): ParseResult {
  try {
    return { ok: true, command: PARSERS[spec.name]({ spec, tokens, endColumn: line.trimEnd().length + 2 }) };
  } catch (error) {
    if (error instanceof ArgumentError) return { ok: false, error: error.message, column: error.column };
    throw error;
  }
}

function formatSeek(command: Extract<Command, { name: 'seek' }>): string {
  const { target } = command;
  switch (target.kind) {
    case 'absolute':
      return `seek ${target.step}`;
    case 'relative':
      return `seek ${target.delta < 0 ? '-' : '+'}${Math.abs(target.delta)}`;
    case 'end':
      return 'seek end';
  }
}

/** The canonical typed form: parseCommand(formatCommand(c)) gives back c. */
export function formatCommand(command: Command): string {
  switch (command.name) {
    case 'help':
      return command.topic === null ? 'help' : `help ${quoteIfNeeded(command.topic)}`;
    case 'load':
      if (command.source === 'url') return `load url ${quoteIfNeeded(command.nodesUrl)} ${quoteIfNeeded(command.podsUrl)}`;
      if (command.source === 'synthetic' && command.scale !== undefined) return `load synthetic ${command.scale}`;
      return `load ${command.source}`;
    case 'policy':
      return `policy ${command.policy}`;
    case 'seed':
      return `seed ${command.seed}`;
    case 'rng':
      return `rng ${command.rng}`;
    case 'time-aware':
      return `time-aware ${command.on ? 'on' : 'off'}`;
    case 'step':
      return command.count === 1 ? 'step' : `step ${command.count}`;
    case 'speed':
      return `speed ${command.podsPerSecond === 'max' ? 'max' : formatDecimal(command.podsPerSecond)}`;
    case 'seek':
      return formatSeek(command);
    case 'node':
      // A name made of digits must be quoted, or it would read back as an id.
      return typeof command.node === 'number'
        ? `node ${command.node}`
        : `node ${quoteIfNeeded(command.node, DIGITS.test(command.node))}`;
    case 'ack':
      if (command.setting === 'weights') return `ack weights ${command.weights.map(formatDecimal).join(' ')}`;
      if (command.setting === 'batch') return `ack batch ${command.size}`;
      return `ack ${command.setting} ${command.on ? 'on' : 'off'}`;
    case 'fail':
      return command.target === 'node' ? `fail node ${command.node}` : `fail gpu ${command.node} ${command.gpu}`;
    case 'query':
      return `query ${command.metric}`;
    case 'debug':
      return `debug ${command.action}`;
    case 'view':
      if (command.action === 'reset') return 'view reset';
      return command.action === '3d' ? `view 3d ${command.on ? 'on' : 'off'}` : `view renderer ${command.renderer}`;
    case 'ab':
      return command.action === 'off' ? 'ab off' : `ab ${command.a} ${command.b}`;
    case 'sweep':
      if (command.action === 'start') return `sweep ${command.policies.join(',')} ${command.seeds}`;
      return command.action === 'open' ? 'sweep' : 'sweep cancel';
    case 'lab':
      return command.action === 'open' ? `lab open ${command.id}` : `lab ${command.action}`;
    case 'presenter':
      return `presenter ${command.on ? 'on' : 'off'}`;
    case 'raft':
    case 'logindex':
    case 'vcpu':
      return formatKernelWord(command);
    case 'run':
    case 'pause':
    case 'reset':
    case 'share':
    case 'clear':
    case 'history':
    case 'stats':
    case 'why':
      return command.name;
  }
}

/** A two-line pointer under the offending column, for terminals. */
export function caretLines(line: string, column: number): string[] {
  return [`  ${line}`, `  ${' '.repeat(Math.max(0, column - 1))}^`];
}

// `raft ...`: the ParallelRaft tab's commands, loaded with the tab (commands/kernelGrammar.ts). Faults and load changes reuse the kernel's
// fault grammar (src/kernels/raft/schedule.ts) word for word, so `raft crash 0 wipe`,
// `raft loss 0>1 20%` and `raft iodepth 32` mean what a fault schedule means; errors point
// at the column of the line the person typed.
import { BROKEN_NAMES, isBrokenName, type BrokenName } from './brokenOptions';
import { MAX_OP_BLOCKS, MODES } from './protocol';
import { durationTooLong, formatCommand as formatFault, formatDuration, MAX_DURATION_TEXT, parseDuration, parseSchedule, ScheduleError } from './schedule';
import { formatDecimal, parseDecimal } from '../../commands/decimal';
import { closestMatch } from '../../commands/editDistance';
import type { KernelGrammar } from '../../commands/kernelGrammar';
import { commandStub, type CommandSpec } from '../../commands/registry';
import type { Token } from '../../commands/tokenize';
import type { Command, RaftAction, RaftScenarioName } from '../../commands/types';

/** Words that start a kernel command (the fault grammar). */
export const RAFT_FAULT_WORDS = [
  'crash', 'restart', 'partition', 'oneway', 'heal', 'delay', 'loss', 'dup', 'duplicate', 'reorder', 'limp', 'elect',
  'write', 'read', 'iodepth', 'checkpoint', 'settle',
] as const;
export const RAFT_SIMPLE_ACTIONS = ['open', 'close', 'run', 'pause', 'reset', 'status', 'side-by-side', 'single', 'hash'] as const;
export const RAFT_SETTINGS = ['mode', 'net', 'disk', 'seed', 'break', 'read-share', 'blocks', 'p9', 'step', 'seek', 'speed', 'scenario', 'select', 'fault'] as const;
export const RAFT_WORDS: readonly string[] = [...RAFT_SIMPLE_ACTIONS, ...RAFT_SETTINGS, ...RAFT_FAULT_WORDS];
export const RAFT_SCENARIOS: readonly RaftScenarioName[] = ['ghost', 'figure8'];
export const RAFT_NETS = ['rdma', 'tcp'] as const;
export const RAFT_DISKS = ['xpoint', 'nvme'] as const;
/** What `raft break` takes: a broken option's name, several joined by commas, or none. */
export const RAFT_BREAK_WORDS: readonly string[] = ['none', ...BROKEN_NAMES];
export const RAFT_ON_OFF = ['on', 'off'] as const;
/** The LBA range `raft blocks` takes (an op of 128 KB must fit). */
export const RAFT_MAX_BLOCKS = 65536;

export type RaftParse = { ok: true; action: RaftAction } | { ok: false; error: string; column: number };

const col = (t: Token): number => t.start + 1;

class RaftArgError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

function choose<T extends string>(token: Token, choices: readonly T[], what: string): T {
  const found = choices.find((c) => c === token.text.toLowerCase());
  if (found !== undefined) return found;
  const guess = closestMatch(token.text, choices);
  throw new RaftArgError(`unknown ${what} "${token.text}" at column ${col(token)}; ${guess ? `did you mean ${guess}?` : `expected one of ${choices.join(', ')}`}`, col(token));
}

function duration(token: Token, what: string): number {
  const ns = parseDuration(token.text);
  if (ns === null && durationTooLong(token.text)) {
    throw new RaftArgError(`${what} "${token.text}" at column ${col(token)} is longer than the most a run takes, ${MAX_DURATION_TEXT}`, col(token));
  }
  if (ns === null || ns <= 0) throw new RaftArgError(`${what} "${token.text}" at column ${col(token)} is not a positive duration (write it like 5ms, 200us, 1s)`, col(token));
  return ns;
}

/** Parses a fault in the kernel grammar from `tokens`, mapping its error column back to the line. */
function fault(tokens: Token[]): RaftAction {
  const prefix = '0ns ';
  const offsets: number[] = [];
  let text = prefix;
  for (const t of tokens) {
    offsets.push(text.length);
    text += `${t.text} `;
  }
  try {
    const parsed = parseSchedule(text.trimEnd(), 'raft');
    if (parsed.length !== 1) throw new RaftArgError(`give one command at a time (found ${parsed.length})`, col(tokens[0]));
    return { action: 'fault', fault: parsed[0].command };
  } catch (error) {
    if (!(error instanceof ScheduleError)) throw error;
    const at = error.column - 1;
    let i = offsets.length - 1;
    while (i > 0 && offsets[i] > at) i--;
    const token = tokens[Math.max(0, i)];
    const column = at < prefix.length ? col(tokens[0]) : token.start + Math.min(at - offsets[i], token.text.length) + 1;
    const bare = error.message.replace(/^raft:\d+:\d+: /, '');
    throw new RaftArgError(`${bare} (column ${column})`, column);
  }
}

function noMore(tokens: Token[], count: number, syntax: string): void {
  const extra = tokens[count];
  if (extra) throw new RaftArgError(`unexpected "${extra.text}" at column ${col(extra)}; usage: raft ${syntax}`, col(extra));
}

function need(tokens: Token[], index: number, what: string, endColumn: number): Token {
  const t = tokens[index];
  if (!t) throw new RaftArgError(`missing <${what}> at column ${endColumn}`, endColumn);
  return t;
}

/**
 * `raft break`'s words: `none`, or broken options by name, joined by commas and/or spaces
 * (`dirty-read,stale-lbb`). An unknown name is pointed at by its own column in the line; the
 * list comes back in the table's order, without repeats, so it has one canonical text.
 */
function brokenList(words: Token[], endColumn: number): BrokenName[] {
  const usage = `usage: raft break none|<option>[,<option>...] (${BROKEN_NAMES.join(', ')})`;
  if (words.length === 0) throw new RaftArgError(`missing <option> at column ${endColumn}; ${usage}`, endColumn);
  const names: { text: string; column: number }[] = [];
  for (const word of words) {
    let offset = 0;
    for (const part of word.text.split(',')) {
      if (part !== '') names.push({ text: part, column: word.start + offset + 1 });
      offset += part.length + 1;
    }
  }
  if (names.length === 0) throw new RaftArgError(`missing <option> at column ${col(words[0])}; ${usage}`, col(words[0]));
  const chosen = new Set<BrokenName>();
  for (const name of names) {
    const text = name.text.toLowerCase();
    if (text === 'none') {
      if (names.length > 1) throw new RaftArgError(`"none" at column ${name.column} must stand alone; ${usage}`, name.column);
      return [];
    }
    if (!isBrokenName(text)) {
      const guess = closestMatch(name.text, RAFT_BREAK_WORDS);
      throw new RaftArgError(`unknown broken option "${name.text}" at column ${name.column}; ${guess ? `did you mean ${guess}?` : usage}`, name.column);
    }
    chosen.add(text);
  }
  return BROKEN_NAMES.filter((n) => chosen.has(n));
}

/** `tokens` are the words after `raft`; `endColumn` is where a missing word would go. */
export function parseRaftArgs(tokens: Token[], endColumn: number): RaftParse {
  try {
    return { ok: true, action: parseOrThrow(tokens, endColumn) };
  } catch (error) {
    if (error instanceof RaftArgError) return { ok: false, error: error.message, column: error.column };
    throw error;
  }
}

function parseOrThrow(tokens: Token[], endColumn: number): RaftAction {
  const head = tokens[0];
  if (head === undefined) return { action: 'open' };
  const word = head.text.toLowerCase();
  if ((RAFT_FAULT_WORDS as readonly string[]).includes(word)) return fault(tokens);
  const action = choose(head, [...RAFT_SIMPLE_ACTIONS, ...RAFT_SETTINGS] as const, 'raft action');
  const rest = tokens.slice(1);
  switch (action) {
    case 'fault':
      need(tokens, 1, 'fault', endColumn);
      return fault(rest);
    case 'mode':
      noMore(tokens, 2, 'mode raft|parallel|parallel-ce');
      return { action, mode: choose(need(tokens, 1, 'mode', endColumn), MODES, 'mode') };
    case 'net':
      noMore(tokens, 2, 'net rdma|tcp');
      return { action, net: choose(need(tokens, 1, 'net', endColumn), RAFT_NETS, 'network') };
    case 'disk':
      noMore(tokens, 2, 'disk xpoint|nvme');
      return { action, disk: choose(need(tokens, 1, 'disk', endColumn), RAFT_DISKS, 'disk') };
    case 'scenario':
      noMore(tokens, 2, 'scenario ghost|figure8');
      return { action, scenario: choose(need(tokens, 1, 'scenario', endColumn), RAFT_SCENARIOS, 'scenario') };
    case 'break':
      return { action, broken: brokenList(rest, endColumn) };
    case 'read-share': {
      noMore(tokens, 2, 'read-share <percent 0..100>');
      const t = need(tokens, 1, 'percent', endColumn);
      const percent = parseDecimal(t.text.endsWith('%') ? t.text.slice(0, -1) : t.text);
      if (percent === null || percent > 100) throw new RaftArgError(`read share "${t.text}" at column ${col(t)} must be a percentage 0..100`, col(t));
      return { action, percent };
    }
    case 'blocks': {
      noMore(tokens, 2, 'blocks <n>');
      const t = need(tokens, 1, 'blocks', endColumn);
      if (!/^[0-9]+$/.test(t.text) || Number(t.text) < MAX_OP_BLOCKS || Number(t.text) > RAFT_MAX_BLOCKS) {
        throw new RaftArgError(`block range "${t.text}" at column ${col(t)} must be a whole number ${MAX_OP_BLOCKS}..${RAFT_MAX_BLOCKS} (4 KB blocks)`, col(t));
      }
      return { action, blocks: Number(t.text) };
    }
    case 'p9':
      noMore(tokens, 2, 'p9 on|off');
      return { action, on: choose(need(tokens, 1, 'on|off', endColumn), RAFT_ON_OFF, 'switch') === 'on' };
    case 'seed':
    case 'select': {
      noMore(tokens, 2, `${action} <n>`);
      const t = need(tokens, 1, action === 'seed' ? 'seed' : 'index', endColumn);
      const max = action === 'seed' ? 2 ** 31 - 1 : 2 ** 31 - 1;
      if (!/^[0-9]+$/.test(t.text) || Number(t.text) > max || (action === 'select' && Number(t.text) < 1)) {
        throw new RaftArgError(`${action === 'seed' ? 'seed' : 'log index'} "${t.text}" at column ${col(t)} must be a whole number ${action === 'seed' ? 0 : 1}..${max}`, col(t));
      }
      return action === 'seed' ? { action, seed: Number(t.text) } : { action, index: Number(t.text) };
    }
    case 'step':
    case 'seek': {
      noMore(tokens, 2, `${action} <duration>`);
      const t = tokens[1];
      if (action === 'step' && t === undefined) return { action, ns: 1_000_000 };
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

/** The canonical words after `raft`; parseRaftArgs gives the same action back. */
export function formatRaftAction(a: RaftAction): string {
  switch (a.action) {
    case 'fault': return formatFault(a.fault);
    case 'mode': return `mode ${a.mode}`;
    case 'net': return `net ${a.net}`;
    case 'disk': return `disk ${a.disk}`;
    case 'seed': return `seed ${a.seed}`;
    case 'select': return `select ${a.index}`;
    case 'break': return `break ${a.broken.length === 0 ? 'none' : a.broken.join(',')}`;
    case 'read-share': return `read-share ${formatDecimal(a.percent)}`;
    case 'blocks': return `blocks ${a.blocks}`;
    case 'p9': return `p9 ${a.on ? 'on' : 'off'}`;
    case 'scenario': return `scenario ${a.scenario}`;
    case 'step': return `step ${formatDuration(a.ns)}`;
    case 'seek': return a.ns === 0 ? 'seek 0' : `seek ${formatDuration(a.ns)}`;
    case 'speed': return `speed ${a.nsPerSecond === 'max' ? 'max' : formatDuration(a.nsPerSecond)}`;
    default: return a.action;
  }
}

/** The whole table entry of `raft`: the first load carries only its summary. */
const RAFT_SPEC: CommandSpec = {
  ...commandStub('raft'),
  syntax: 'raft [open|close|run|pause|reset|status|side-by-side|single] | raft mode|net|disk|seed|break|read-share|blocks|p9|step|seek|speed|scenario|select <value> | raft <fault>',
  help: [
    'mode raft|parallel|parallel-ce   net rdma|tcp   disk xpoint|nvme   seed <n>: each starts a new run',
    'read-share <percent>: reads in the workload   blocks <32..65536>: LBA range in 4 KB blocks; each starts a new run',
    `break <option>[,<option>...]|none: a new run with kernel options broken on purpose (${RAFT_BREAK_WORDS.slice(1).join(', ')}),`,
    '  the must-fail twins of the checked properties; a badge says so. dirty-read is caught by P9 alone',
    'p9 off|on: stop checking per-block linearizability (faster), or check again (the run is rebuilt to where it is)',
    'run, pause, step [5ms], seek <time>, speed <sim time per second>|max, reset',
    'side-by-side: raft and parallel on the same seed and workload, one clock; single goes back',
    'scenario ghost|figure8: the scripted cases (ghost log entry in parallel, sealed in parallel-ce)',
    'select <index>: highlight one log entry in every view',
    'Faults use the fault-schedule grammar, applied now and stamped with the simulated time:',
    '  crash <n> [wipe] · restart <n> · partition <a> [<b>] · oneway <a> <b> · heal [<a> <b>]',
    '  delay <a> <b>|<a>><b> <dur> · loss|dup|reorder <a> <b>|<a>><b> <p>% · limp <n> <k>x|off',
    '  elect <n> · write|read <block> [<blocks>] · iodepth <d> · checkpoint [<n>]',
    'Examples:', '  raft side-by-side', '  raft iodepth 32', '  raft partition 0 1', '  raft loss 0>1 20%', '  raft crash 0 wipe',
    '  raft mode parallel-ce', '  raft scenario ghost', '  raft step 5ms', '  raft break dirty-read', '  raft read-share 50',
    '  raft blocks 32', '  raft break none',
  ],
  args: [
    { name: 'action', optional: true, completer: () => RAFT_WORDS },
    {
      name: 'value',
      optional: true,
      completer: (previous) => {
        switch (previous[0]?.toLowerCase()) {
          case 'mode': return MODES;
          case 'net': return RAFT_NETS;
          case 'disk': return RAFT_DISKS;
          case 'scenario': return RAFT_SCENARIOS;
          case 'speed': return ['max'];
          case 'break': return RAFT_BREAK_WORDS;
          case 'p9': return RAFT_ON_OFF;
          default: return [];
        }
      },
    },
  ],
};

export const raftGrammar: KernelGrammar = {
  word: 'raft',
  spec: RAFT_SPEC,
  parse(tokens, endColumn) {
    const result = parseRaftArgs(tokens, endColumn);
    return result.ok ? { ok: true, command: { name: 'raft', ...result.action } } : result;
  },
  format: (command: Command) => (command.name === 'raft' ? `raft ${formatRaftAction(command)}` : command.name),
  localHelp: { 'zh-CN': async () => (await import('./helpZhCN')).raftHelpZhCN },
};

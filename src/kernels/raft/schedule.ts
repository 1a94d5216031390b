// The fault-schedule language: "<time> <command> [args]" separated by ";" or new lines,
// e.g. "2s crash 0; 3s restart 0; 4s loss 0>1 20%". Every command is a named, serialisable
// RaftCommand stamped with its simulated time. Errors name the line and column.
import type { RaftCommand, SimNs, StampedRaftCommand } from './types';
import { NODES } from './protocol';
import { decimalWithSuffix, formatDecimal } from '../../commands/decimal';

export class ScheduleError extends Error {
  constructor(message: string, readonly source: string, readonly line: number, readonly column: number) {
    super(`${source}:${line}:${column}: ${message}`);
    this.name = 'ScheduleError';
  }
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9 };

/**
 * The longest duration or time any raft command, fault schedule or CLI flag takes: one hour
 * of simulated time. Runs last seconds; a bound keeps every time a whole number of ns that
 * formatDuration writes back exactly (and far from 2^53).
 */
export const MAX_DURATION_NS = 3600e9;
export const MAX_DURATION_TEXT = '3600s (one hour of simulated time)';

/** "2s", "1.5ms", "300us", "250000ns" -> ns; null when not a duration (or longer than MAX_DURATION_NS). */
export function parseDuration(text: string): SimNs | null {
  const read = readDuration(text);
  return read.ok ? read.ns : null;
}

export type DurationRead = { ok: true; ns: SimNs } | { ok: false; tooLong: boolean };

/** Like parseDuration, but tells a duration that is too long from text that is not one. */
export function readDuration(text: string): DurationRead {
  const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s)$/.exec(text);
  if (!m) return { ok: false, tooLong: false };
  const ns = Math.round(Number(m[1]) * UNITS[m[2]]);
  if (!(ns <= MAX_DURATION_NS)) return { ok: false, tooLong: true };
  return { ok: true, ns };
}

/** True when `text` is written as a duration but is longer than MAX_DURATION_NS. */
export function durationTooLong(text: string): boolean {
  const read = readDuration(text);
  return !read.ok && read.tooLong;
}

/** The sentence for a duration the grammar refuses. */
export function durationProblem(text: string, what: string): string {
  return durationTooLong(text)
    ? `${what} "${text}" is longer than the most a run takes, ${MAX_DURATION_TEXT}`
    : `${what} "${text}" is not a duration (write it like 2s, 150ms, 20us)`;
}

/** The largest disk slowdown `limp` takes (the kernel holds it in permille, an i32), and the smallest. */
export const MAX_LIMP_FACTOR = 1_000_000;
export const MIN_LIMP_FACTOR = 0.001;

export function formatDuration(ns: number): string {
  if (ns % 1e9 === 0) return `${ns / 1e9}s`;
  if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
  if (ns % 1e3 === 0) return `${ns / 1e3}us`;
  return `${ns}ns`;
}

export const COMMAND_HELP = [
  'crash <n> [wipe]        node n stops; "wipe" also loses its disk (no votes until caught up)',
  'restart <n>             node n comes back with what its disk kept',
  'partition <a> [<b>]     cut a<->b both ways (no b: isolate a)',
  'oneway <a> <b>          drop messages a->b only',
  'heal [<a> <b>]          restore links (no args: every link, all link faults cleared)',
  'delay <a> <b>|<a>><b> <dur>   extra latency (a b: both ways; a>b: one way)',
  'loss|dup|reorder <a> <b>|<a>><b> <p>%   drop / duplicate / reorder a share of messages',
  'limp <n> <k>x|off       node n\'s disk is k times slower',
  'elect <n>               node n\'s election timer expires now',
  'write <block> [<blocks>]   a scripted client write',
  'read <block> [<blocks>]    a scripted client read',
  'iodepth <d>             every client keeps d ops outstanding',
  'checkpoint [<n>]        take a checkpoint now',
  'settle                  stop the clients, heal, restart crashed nodes; once caught up, compare replicas (P6)',
];

interface Token {
  text: string;
  column: number;
}

function tokens(line: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push({ text: m[0], column: m.index + 1 });
  return out;
}

export function parseSchedule(text: string, source = 'faults'): StampedRaftCommand[] {
  const out: StampedRaftCommand[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, li) => {
    let offset = 0;
    for (const part of rawLine.split(';')) {
      const here = offset;
      offset += part.length + 1;
      const toks = tokens(part).map((t) => ({ ...t, column: t.column + here }));
      if (toks.length === 0 || toks[0].text.startsWith('#')) continue;
      const fail = (message: string, t: Token = toks[0]): never => {
        throw new ScheduleError(message, source, li + 1, t.column);
      };
      const time = parseDuration(toks[0].text);
      if (time === null) {
        fail(durationTooLong(toks[0].text)
          ? `the time "${toks[0].text}" is later than the latest a run reaches, ${MAX_DURATION_TEXT}`
          : `"${toks[0].text}" is not a time (write it like 2s, 150ms, 20us)`);
      }
      if (toks.length < 2) fail('a time needs a command after it', toks[0]);
      const cmdTok = toks[1];
      const args = toks.slice(2);
      const arg = (i: number, what: string): Token => args[i] ?? fail(`${cmdTok.text} needs ${what}`, cmdTok);
      const node = (t: Token): number => {
        if (!/^\d+$/.test(t.text) || Number(t.text) >= NODES) fail(`"${t.text}" is not a node (0..${NODES - 1})`, t);
        return Number(t.text);
      };
      const int = (t: Token, what: string, min: number, max: number): number => {
        if (!/^\d+$/.test(t.text) || Number(t.text) < min || Number(t.text) > max) fail(`"${t.text}" is not ${what} (${min}..${max})`, t);
        return Number(t.text);
      };
      const percent = (t: Token): number => {
        const p = decimalWithSuffix(t.text, '%');
        if (p === null || p > 100) fail(`"${t.text}" is not a percentage 0%..100% like 20%`, t);
        return p!;
      };
      /** "0 1" (both ways) or "0>1" (one way); returns the link and how many tokens it used. */
      const link = (): { from: number; to: number; both: boolean; used: number } => {
        const first = arg(0, 'a link: "<a> <b>" or "<a>><b>"');
        const arrow = /^(\d+)>(\d+)$/.exec(first.text);
        if (arrow) {
          const from = node({ text: arrow[1], column: first.column });
          const to = node({ text: arrow[2], column: first.column });
          if (from === to) fail('a link joins two different nodes', first);
          return { from, to, both: false, used: 1 };
        }
        const from = node(first);
        const to = node(arg(1, 'two nodes'));
        if (from === to) fail('a link joins two different nodes', args[1]);
        return { from, to, both: true, used: 2 };
      };
      const extra = (used: number) => {
        if (args.length > used) fail(`unexpected "${args[used].text}" after ${cmdTok.text}`, args[used]);
      };
      let command: RaftCommand;
      switch (cmdTok.text) {
        case 'crash': {
          const n = node(arg(0, 'a node'));
          const wipe = args[1]?.text === 'wipe';
          if (args[1] && !wipe) fail(`expected "wipe" or nothing after the node, found "${args[1].text}"`, args[1]);
          extra(wipe ? 2 : 1);
          command = { kind: 'crash', node: n, wipe };
          break;
        }
        case 'restart': command = { kind: 'restart', node: node(arg(0, 'a node')) }; extra(1); break;
        case 'elect': command = { kind: 'elect', node: node(arg(0, 'a node')) }; extra(1); break;
        case 'partition': {
          const a = node(arg(0, 'a node'));
          const b = args[1] ? node(args[1]) : null;
          if (b === a) fail('a node cannot be partitioned from itself', args[1]);
          extra(b === null ? 1 : 2);
          command = { kind: 'partition', a, b };
          break;
        }
        case 'oneway': {
          const from = node(arg(0, 'two nodes'));
          const to = node(arg(1, 'two nodes'));
          if (from === to) fail('a link joins two different nodes', args[1]);
          extra(2);
          command = { kind: 'oneway', from, to };
          break;
        }
        case 'heal': {
          if (args.length === 0) command = { kind: 'heal', a: null, b: null };
          else {
            const a = node(args[0]);
            const b = args[1] ? node(args[1]) : null;
            extra(b === null ? 1 : 2);
            command = { kind: 'heal', a, b };
          }
          break;
        }
        case 'delay': {
          const l = link();
          const d = arg(l.used, 'a duration');
          const ns = parseDuration(d.text);
          if (ns === null) fail(durationProblem(d.text, 'the delay'), d);
          extra(l.used + 1);
          command = { kind: 'delay', from: l.from, to: l.to, ns: ns!, both: l.both };
          break;
        }
        case 'loss':
        case 'dup':
        case 'duplicate':
        case 'reorder': {
          const l = link();
          const p = percent(arg(l.used, 'a percentage'));
          extra(l.used + 1);
          const kind = cmdTok.text === 'dup' ? 'duplicate' : (cmdTok.text as 'loss' | 'duplicate' | 'reorder');
          command = { kind, from: l.from, to: l.to, percent: p, both: l.both };
          break;
        }
        case 'limp': {
          const n = node(arg(0, 'a node'));
          const f = arg(1, 'a factor like 10x, or off');
          const factor = f.text === 'off' ? 1 : decimalWithSuffix(f.text, 'x');
          if (factor === null || factor < MIN_LIMP_FACTOR || factor > MAX_LIMP_FACTOR) {
            fail(`"${f.text}" is not a slowdown ${MIN_LIMP_FACTOR}x..${MAX_LIMP_FACTOR}x like 10x (or off)`, f);
          }
          extra(2);
          command = { kind: 'limp', node: n, factor: factor! };
          break;
        }
        case 'write':
        case 'read': {
          const block = int(arg(0, 'a block'), 'a block number', 0, 65535);
          const blocks = args[1] ? int(args[1], 'a block count', 1, 32) : 1;
          extra(args[1] ? 2 : 1);
          command = { kind: cmdTok.text, block, blocks };
          break;
        }
        case 'iodepth': command = { kind: 'iodepth', depth: int(arg(0, 'a depth'), 'an iodepth', 0, 256) }; extra(1); break;
        case 'settle': command = { kind: 'settle' }; extra(0); break;
        case 'checkpoint': {
          const n = args[0] ? node(args[0]) : null;
          extra(n === null ? 0 : 1);
          command = { kind: 'checkpoint', node: n };
          break;
        }
        default:
          fail(`unknown fault command "${cmdTok.text}" (one of crash, restart, partition, oneway, heal, delay, loss, dup, reorder, limp, elect, write, read, iodepth, checkpoint, settle)`, cmdTok);
      }
      out.push({ at: time!, command: command!, source: `${source}:${li + 1}:${toks[0].column}` });
    }
  });
  // Stable by time: commands at the same instant keep their written order.
  return out.map((c, i) => ({ c, i })).sort((x, y) => x.c.at - y.c.at || x.i - y.i).map((x) => x.c);
}

export function formatCommand(c: RaftCommand): string {
  switch (c.kind) {
    case 'crash': return `crash ${c.node}${c.wipe ? ' wipe' : ''}`;
    case 'restart': return `restart ${c.node}`;
    case 'elect': return `elect ${c.node}`;
    case 'partition': return `partition ${c.a}${c.b === null ? '' : ` ${c.b}`}`;
    case 'oneway': return `oneway ${c.from} ${c.to}`;
    case 'heal': return c.a === null ? 'heal' : `heal ${c.a}${c.b === null ? '' : ` ${c.b}`}`;
    case 'delay': return `delay ${c.both ? `${c.from} ${c.to}` : `${c.from}>${c.to}`} ${formatDuration(c.ns)}`;
    case 'loss': case 'duplicate': case 'reorder':
      return `${c.kind === 'duplicate' ? 'dup' : c.kind} ${c.both ? `${c.from} ${c.to}` : `${c.from}>${c.to}`} ${formatDecimal(c.percent)}%`;
    case 'limp': return `limp ${c.node} ${c.factor === 1 ? 'off' : `${formatDecimal(c.factor)}x`}`;
    case 'write': case 'read': return `${c.kind} ${c.block} ${c.blocks}`;
    case 'iodepth': return `iodepth ${c.depth}`;
    case 'checkpoint': return c.node === null ? 'checkpoint' : `checkpoint ${c.node}`;
    case 'settle': return 'settle';
  }
}

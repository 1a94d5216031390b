// The LogIndex fault schedule: "<time> <command> [args]" separated by ";" or new lines, e.g.
// "500ms crash ro2; 1200ms restart ro2; 1800ms crash rw; 2000ms promote ro1". Nodes are named
// rw and ro1..ro15; every error names the line and the column. Times and durations use raft's
// duration reader (the same bound, one hour).
import { decimalWithSuffix } from '../../commands/decimal';
import { formatDuration, parseDuration } from '../raft/schedule';
import { readSchedule, type Token } from '../scheduleLines';

export { MAX_SCHEDULE_COMMANDS, ScheduleError } from '../scheduleLines';
import { MAX_RO } from './protocol';
import type { LogIndexCommand, StampedLogIndexCommand } from './types';

/** The largest slow-down a slow-storage or starve command takes. */
export const MAX_FACTOR = 100_000;

export const COMMAND_HELP = [
  'crash rw|roN            the writer or a replica stops',
  'restart rw|roN          it comes back (a replica recovers lazily; the writer from storage and WAL)',
  'promote roN             after "crash rw": replica N becomes the writer',
  'slow-storage <k>x       shared storage serves k times as slowly (1x: healthy again)',
  'starve roN <k>x         replica N\'s CPU runs k times as slowly (1x: healthy again)',
  'delay roN <dur>         extra one-way latency between the writer and replica N',
  'loss roN <p>%           lose a share of the messages between the writer and replica N',
  'partition roN           cut replica N off from the writer',
  'heal [roN]              restore replica N\'s links (no argument: every link)',
];

export function parseSchedule(text: string, source = 'faults'): StampedLogIndexCommand[] {
  return readSchedule(text, source, ({ word, args, arg, expect, fail }): LogIndexCommand => {
    const node = (t: Token, writerToo: boolean): number => {
      if (writerToo && t.text === 'rw') return 0;
      const m = /^ro([1-9][0-9]?)$/.exec(t.text);
      if (!m || Number(m[1]) > MAX_RO) fail(`"${t.text}" is not ${writerToo ? 'rw or ' : ''}a replica ro1..ro${MAX_RO}`, t);
      return Number(m![1]);
    };
    const factor = (t: Token): number => {
      const k = decimalWithSuffix(t.text, 'x');
      if (k === null || k < 1 || k > MAX_FACTOR) fail(`"${t.text}" is not a factor 1x..${MAX_FACTOR}x like 10x`, t);
      return k!;
    };
    let command: LogIndexCommand;
    switch (word.text) {
      case 'crash':
      case 'restart':
        command = { kind: word.text, node: node(arg(0, 'a node, rw or roN'), true) };
        expect(1);
        break;
      case 'promote':
        command = { kind: 'promote', node: node(arg(0, 'a replica roN'), false) };
        expect(1);
        break;
      case 'slow-storage':
        command = { kind: 'slow-storage', factor: factor(arg(0, 'a factor like 10x')) };
        expect(1);
        break;
      case 'starve':
        command = { kind: 'starve', node: node(arg(0, 'a replica roN'), false), factor: factor(arg(1, 'a factor like 10x')) };
        expect(2);
        break;
      case 'delay': {
        const n = node(arg(0, 'a replica roN'), false);
        const t = arg(1, 'a duration like 2ms');
        const ns = parseDuration(t.text);
        if (ns === null || ns > 2 ** 31 - 1) fail(`"${t.text}" is not a delay (a duration up to 2s, like 2ms)`, t);
        command = { kind: 'delay', node: n, ns: ns! };
        expect(2);
        break;
      }
      case 'loss': {
        const n = node(arg(0, 'a replica roN'), false);
        const t = arg(1, 'a percentage like 10%');
        const p = decimalWithSuffix(t.text, '%');
        if (p === null || p > 100 || Math.abs(p * 10 - Math.round(p * 10)) > 1e-9) fail(`"${t.text}" is not a percentage 0%..100% in steps of 0.1%`, t);
        command = { kind: 'loss', node: n, permille: Math.round(p! * 10) };
        expect(2);
        break;
      }
      case 'partition':
        command = { kind: 'partition', node: node(arg(0, 'a replica roN'), false) };
        expect(1);
        break;
      case 'heal':
        command = { kind: 'heal', node: args[0] ? node(args[0], false) : null };
        expect(1);
        break;
      default:
        fail(`unknown command "${word.text}" (one of crash, restart, promote, slow-storage, starve, delay, loss, partition, heal)`, word);
    }
    return command!;
  });
}

function nodeText(node: number): string {
  return node === 0 ? 'rw' : `ro${node}`;
}

/** The canonical text of a schedule: parseSchedule(formatSchedule(s)) is s. */
export function formatSchedule(schedule: readonly StampedLogIndexCommand[]): string {
  return schedule.map(({ at, command: c }) => {
    const time = formatDuration(at);
    switch (c.kind) {
      case 'crash': case 'restart': case 'promote': case 'partition': return `${time} ${c.kind} ${nodeText(c.node)}`;
      case 'slow-storage': return `${time} slow-storage ${c.factor}x`;
      case 'starve': return `${time} starve ${nodeText(c.node)} ${c.factor}x`;
      case 'delay': return `${time} delay ${nodeText(c.node)} ${formatDuration(c.ns)}`;
      case 'loss': return `${time} loss ${nodeText(c.node)} ${c.permille / 10}%`;
      case 'heal': return c.node === null ? `${time} heal` : `${time} heal ${nodeText(c.node)}`;
    }
  }).join('; ');
}

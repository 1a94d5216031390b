// The network's fault schedule: "<time> <command> [args]" separated by ";" or new lines, e.g.
// "20s cut AsiaPacific Europe; 40s restore AsiaPacific Europe; 30s outage MiddleEast;
// 10s capacity Europe NorthAmerica 40%; 15s loss AsiaPacific NorthAmerica 0.1%". A link is
// named by its two ends (either order; the first such link when there are several). Every
// error names the line and the column. Times use raft's duration reader (at most one hour).
import { decimalWithSuffix } from '../../commands/decimal';
import { durationTooLong, MAX_DURATION_TEXT, parseDuration } from '../raft/schedule';
import type { NetCommand, Network, StampedNetCommand } from './types';

export class ScheduleError extends Error {
  constructor(message: string, readonly source: string, readonly line: number, readonly column: number) {
    super(`${source}:${line}:${column}: ${message}`);
    this.name = 'ScheduleError';
  }
}

export const MAX_SCHEDULE_COMMANDS = 10_000;

export const COMMAND_HELP = [
  'cut A B                 the link between A and B fails: its flows re-route at once',
  'restore A B             it comes back at its full capacity',
  'outage A                region A goes down: its links with it, its own flows fail',
  'capacity A B <k>%       the link keeps k % of its capacity (100%: whole again)',
  'loss A B <p>%           the link loses p % of packets (TCP falls to Mathis\'s rate)',
];

interface Token {
  text: string;
  column: number;
}

export function parseSchedule(text: string, network: Network, source = '--faults'): StampedNetCommand[] {
  const out: StampedNetCommand[] = [];
  text.split('\n').forEach((line, li) => {
    let offset = 0;
    for (const part of line.split(';')) {
      const toks: Token[] = [];
      const re = /\S+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(part))) toks.push({ text: m[0], column: offset + m.index + 1 });
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
          : `"${toks[0].text}" is not a time (write it like 20s, 150ms)`, toks[0]);
      }
      const word = toks[1] ?? fail('a time needs a command after it', toks[0]);
      const args = toks.slice(2);
      const arg = (i: number, what: string): Token => args[i] ?? fail(`${word.text} needs ${what}`, word);
      const expect = (count: number): void => {
        if (args.length > count) fail(`${word.text} takes ${count} argument${count > 1 ? 's' : ''}`, args[count]);
      };
      const node = (t: Token): number => {
        const i = network.nodes.indexOf(t.text);
        if (i < 0) fail(`"${t.text}" is not a node of this network (${network.nodes.slice(0, 6).join(', ')}${network.nodes.length > 6 ? ', …' : ''})`, t);
        return i;
      };
      const link = (): number => {
        const a = arg(0, 'the two ends of a link');
        const b = arg(1, 'the two ends of a link');
        node(a);
        node(b);
        const i = network.links.findIndex((l) => (l.from === a.text && l.to === b.text) || (l.from === b.text && l.to === a.text));
        if (i < 0) fail(`no link joins ${a.text} and ${b.text}`, a);
        return i;
      };
      const percent = (t: Token, max: number): number => {
        const v = decimalWithSuffix(t.text, '%');
        if (v === null || v < 0 || v > max) fail(`"${t.text}" is not a share 0%..${max}% like 40%`, t);
        return v! / 100;
      };
      let command: NetCommand;
      switch (word.text) {
        case 'cut':
        case 'restore':
          command = { kind: word.text, link: link() };
          expect(2);
          break;
        case 'outage':
          command = { kind: 'outage', node: node(arg(0, 'a region')) };
          expect(1);
          break;
        case 'capacity':
          command = { kind: 'capacity', link: link(), share: percent(arg(2, 'a share like 40%'), 100) };
          expect(3);
          break;
        case 'loss':
          command = { kind: 'loss', link: link(), rate: percent(arg(2, 'a loss rate like 0.1%'), 99.9) };
          expect(3);
          break;
        default:
          fail(`unknown command "${word.text}" (cut, restore, outage, capacity, loss)`, word);
      }
      out.push({ at: at!, command: command!, text: part.trim() });
    }
  });
  return out;
}

// The vCPU fault schedule: "<time> <command> [args]" separated by ";" or new lines, e.g.
// "300ms arrive noisy; 500ms storm p2 50ms; 700ms offline p3; 900ms upgrade". VMs are named
// as the config names them, pCPUs p0..pN-1; every error names the line and the column. Times
// and durations use raft's duration reader (the same one-hour bound).
import { durationTooLong, formatDuration, MAX_DURATION_TEXT, parseDuration } from '../raft/schedule';
import type { StampedVcpuCommand, VcpuCommand } from './types';

export class ScheduleError extends Error {
  constructor(message: string, readonly source: string, readonly line: number, readonly column: number) {
    super(`${source}:${line}:${column}: ${message}`);
    this.name = 'ScheduleError';
  }
}

export const MAX_SCHEDULE_COMMANDS = 10_000;
/** The longest interrupt storm (the kernel holds it as ns in an f64; one simulated minute is plenty). */
export const MAX_STORM_NS = 60e9;

export const COMMAND_HELP = [
  'arrive <vm>             a dormant VM (e.g. the noisy neighbour) comes online',
  'storm pN <dur>          an interrupt storm on host pCPU N for a while',
  'offline pN              host pCPU N goes offline (its vCPUs move; pinned ones wait)',
  'online pN               it comes back',
  'upgrade                 live upgrade: pause every vCPU, transfer state, resume (blackout measured)',
];

interface Token {
  text: string;
  column: number;
}

function tokens(part: string, offset: number): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(part))) out.push({ text: m[0], column: offset + m.index + 1 });
  return out;
}

/** Reads a schedule for a host with `pcpus` pCPUs and VMs named `vmNames` (in config order). */
export function parseSchedule(text: string, source: string, vmNames: readonly string[], pcpus: number): StampedVcpuCommand[] {
  const out: StampedVcpuCommand[] = [];
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
      const pcpu = (t: Token): number => {
        const m = /^p(0|[1-9][0-9]{0,2})$/.exec(t.text);
        if (!m || Number(m[1]) >= pcpus) fail(`"${t.text}" is not a host pCPU p0..p${pcpus - 1}`, t);
        return Number(m![1]);
      };
      let command: VcpuCommand;
      switch (word.text) {
        case 'arrive': {
          const t = arg(0, 'a VM name');
          const vm = vmNames.indexOf(t.text);
          if (vm < 0) fail(`"${t.text}" is not a VM of this run (${vmNames.join(', ')})`, t);
          command = { kind: 'arrive', vm };
          expect(1);
          break;
        }
        case 'storm': {
          const p = pcpu(arg(0, 'a pCPU pN'));
          const t = arg(1, 'a duration like 50ms');
          const ns = parseDuration(t.text);
          if (ns === null || ns === 0 || ns > MAX_STORM_NS) fail(`"${t.text}" is not a storm length (a duration above 0 up to 60s, like 50ms)`, t);
          command = { kind: 'storm', pcpu: p, ns: ns! };
          expect(2);
          break;
        }
        case 'offline':
        case 'online':
          command = { kind: word.text, pcpu: pcpu(arg(0, 'a pCPU pN')) };
          expect(1);
          break;
        case 'upgrade':
          command = { kind: 'upgrade' };
          expect(0);
          break;
        default:
          fail(`unknown command "${word.text}" (one of arrive, storm, offline, online, upgrade)`, word);
      }
      out.push({ at: at!, command: command! });
    }
  });
  return out;
}

/** The canonical text of a schedule: parseSchedule(formatSchedule(s)) is s. */
export function formatSchedule(schedule: readonly StampedVcpuCommand[], vmNames: readonly string[]): string {
  return schedule.map(({ at, command: c }) => {
    const time = formatDuration(at);
    switch (c.kind) {
      case 'arrive': return `${time} arrive ${vmNames[c.vm]}`;
      case 'storm': return `${time} storm p${c.pcpu} ${formatDuration(c.ns)}`;
      case 'offline': case 'online': return `${time} ${c.kind} p${c.pcpu}`;
      case 'upgrade': return `${time} upgrade`;
    }
  }).join('; ');
}

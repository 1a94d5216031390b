// The vCPU fault schedule: "<time> <command> [args]" separated by ";" or new lines, e.g.
// "300ms arrive noisy; 500ms storm p2 50ms; 700ms offline p3; 900ms upgrade". VMs are named
// as the config names them, pCPUs p0..pN-1; every error names the line and the column. Times
// and durations use raft's duration reader (the same one-hour bound).
import { formatDuration, parseDuration } from '../raft/schedule';
import { readSchedule, type Token } from '../scheduleLines';

export { MAX_SCHEDULE_COMMANDS, ScheduleError } from '../scheduleLines';
import type { StampedVcpuCommand, VcpuCommand } from './types';

/** The longest interrupt storm (the kernel holds it as ns in an f64; one simulated minute is plenty). */
export const MAX_STORM_NS = 60e9;

export const COMMAND_HELP = [
  'arrive <vm>             a dormant VM (e.g. the noisy neighbour) comes online',
  'storm pN <dur>          an interrupt storm on host pCPU N for a while',
  'offline pN              host pCPU N goes offline (its vCPUs move; pinned ones wait)',
  'online pN               it comes back',
  'upgrade                 live upgrade: pause every vCPU, transfer state, resume (blackout measured)',
];

/** Reads a schedule for a host with `pcpus` pCPUs and VMs named `vmNames` (in config order). */
export function parseSchedule(text: string, source: string, vmNames: readonly string[], pcpus: number): StampedVcpuCommand[] {
  return readSchedule(text, source, ({ word, arg, expect, fail }): VcpuCommand => {
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
    return command!;
  });
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

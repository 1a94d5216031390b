// `vcpu ...`: every command reads back from its canonical text, faults mean what the fault
// schedule means, and every refusal names the column of the typed line.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../commands/types';
import { error, parsed } from '../../commands/parseTesting';
import { formatCommand, parseCommand } from '../../commands/parse';
import { grammarOf } from '../../commands/kernelGrammar';
import { helpLines } from '../../commands/registry';
import { parseSchedule } from './schedule';


const EXAMPLES: Command[] = [
  ...(['open', 'close', 'pause', 'reset', 'status', 'single', 'hash'] as const).map((action): Command => ({ name: 'vcpu', action })),
  { name: 'vcpu', action: 'run', ns: null },
  { name: 'vcpu', action: 'run', ns: 250_000_000 },
  { name: 'vcpu', action: 'step', ns: 100_000_000 },
  { name: 'vcpu', action: 'seek', ns: 0 },
  { name: 'vcpu', action: 'seek', ns: 1_500_000 },
  { name: 'vcpu', action: 'speed', nsPerSecond: 10_000_000 },
  { name: 'vcpu', action: 'speed', nsPerSecond: 'max' },
  { name: 'vcpu', action: 'profile', profile: 'kvm' },
  { name: 'vcpu', action: 'profile', profile: 'offload' },
  { name: 'vcpu', action: 'profile', profile: 'bare-metal' },
  { name: 'vcpu', action: 'sched', sched: 'credit' },
  { name: 'vcpu', action: 'sched', sched: 'cfs' },
  { name: 'vcpu', action: 'sched', sched: 'eevdf' },
  { name: 'vcpu', action: 'sched', sched: 'pin' },
  { name: 'vcpu', action: 'side-by-side', other: null },
  { name: 'vcpu', action: 'side-by-side', other: 'bare-metal' },
  { name: 'vcpu', action: 'preset', preset: 'default' },
  { name: 'vcpu', action: 'preset', preset: 'dragonfly' },
  ...[1, 2, 3, 4, 5, 6, 7].map((n): Command => ({ name: 'vcpu', action: 'preset', preset: `HV-${n}` })),
  { name: 'vcpu', action: 'mitigate', mitigations: [] },
  { name: 'vcpu', action: 'mitigate', mitigations: ['ple'] },
  { name: 'vcpu', action: 'mitigate', mitigations: ['ple', 'pv-spinlock'] },
  { name: 'vcpu', action: 'break', broken: [] },
  { name: 'vcpu', action: 'break', broken: ['cap-ignored'] },
  { name: 'vcpu', action: 'break', broken: ['cap-ignored', 'eevdf-lag-inflated'] },
  { name: 'vcpu', action: 'seed', seed: 0 },
  { name: 'vcpu', action: 'seed', seed: 2 ** 31 - 1 },
  { name: 'vcpu', action: 'fault', fault: { kind: 'arrive', vm: 'noisy' } },
  { name: 'vcpu', action: 'fault', fault: { kind: 'storm', pcpu: 2, ns: 20_000_000 } },
  { name: 'vcpu', action: 'fault', fault: { kind: 'offline', pcpu: 3 } },
  { name: 'vcpu', action: 'fault', fault: { kind: 'online', pcpu: 127 } },
  { name: 'vcpu', action: 'fault', fault: { kind: 'upgrade' } },
];

describe('vcpu commands', () => {
  it('reads back every command from its canonical text', () => {
    for (const command of EXAMPLES) {
      const text = formatCommand(command);
      expect(parsed(text), text).toEqual(command);
      expect(formatCommand(parsed(text))).toBe(text);
    }
  });

  it('reads the lines as a person types them', () => {
    expect(formatCommand(parsed('vcpu step'))).toBe('vcpu step 1ms');
    expect(formatCommand(parsed('vcpu mitigate pv-spinlock ple'))).toBe('vcpu mitigate ple,pv-spinlock');
    expect(formatCommand(parsed('vcpu break eevdf-lag-inflated,cap-ignored'))).toBe('vcpu break cap-ignored,eevdf-lag-inflated');
    expect(parsed('vcpu preset hv-3')).toEqual({ name: 'vcpu', action: 'preset', preset: 'HV-3' });
    expect(parsed('vcpu PROFILE Offload')).toEqual({ name: 'vcpu', action: 'profile', profile: 'offload' });
    expect(parsed('vcpu')).toEqual({ name: 'vcpu', action: 'open' });
  });

  it('gives a fault exactly the meaning the schedule gives it', () => {
    for (const text of ['storm p2 20ms', 'offline p3', 'online p3', 'upgrade']) {
      expect(parsed(`vcpu ${text}`), text).toEqual({ name: 'vcpu', action: 'fault', fault: parseSchedule(`0ns ${text}`, 'x', [], 8)[0].command });
    }
  });

  it('sends bare front verbs to vcpu when its tab is in front', () => {
    const front = (line: string) => {
      const r = parseCommand(line, { front: 'vcpu' });
      if (!r.ok) throw new Error(r.error);
      return r.command;
    };
    expect(front('step 5ms')).toEqual({ name: 'vcpu', action: 'step', ns: 5_000_000 });
    expect(front('run')).toEqual({ name: 'vcpu', action: 'run', ns: null });
    expect(front('speed max')).toEqual({ name: 'vcpu', action: 'speed', nsPerSecond: 'max' });
    expect(front('reset')).toEqual({ name: 'vcpu', action: 'reset' });
  });

  it('refuses a bad line, naming the column and the nearest word', () => {
    expect(error('vcpu profile ofload')).toMatchObject({ column: 14, error: expect.stringContaining('did you mean offload?') });
    expect(error('vcpu sched eevd')).toMatchObject({ column: 12, error: expect.stringContaining('did you mean eevdf?') });
    expect(error('vcpu sched')).toMatchObject({ column: 12, error: expect.stringContaining('missing <sched>') });
    expect(error('vcpu side-by-side kvm offload').column).toBe(23);
    expect(error('vcpu preset HV-9')).toMatchObject({ column: 13, error: expect.stringContaining('unknown preset') });
    expect(error('vcpu preset dragonfy')).toMatchObject({ column: 13, error: expect.stringContaining('did you mean dragonfly?') });
    expect(error('vcpu mitigate pl')).toMatchObject({ column: 15, error: expect.stringContaining('did you mean ple?') });
    expect(error('vcpu mitigate ple,gang')).toMatchObject({ column: 19, error: expect.stringContaining('unknown mitigation "gang"') });
    expect(error('vcpu mitigate none,ple')).toMatchObject({ column: 15, error: expect.stringContaining('must stand alone') });
    expect(error('vcpu mitigate')).toMatchObject({ column: 15, error: expect.stringContaining('missing <mitigation>') });
    expect(error('vcpu break cap-ignord')).toMatchObject({ column: 12, error: expect.stringContaining('did you mean cap-ignored?') });
    expect(error('vcpu seed -1').column).toBe(11);
    expect(error('vcpu seed 2147483648')).toMatchObject({ column: 11, error: expect.stringContaining('0..2147483647') });
    expect(error('vcpu step 0ms').column).toBe(11);
    expect(error('vcpu step 3601s')).toMatchObject({ column: 11, error: expect.stringContaining('longer than the most a run takes') });
    expect(error('vcpu run 5')).toMatchObject({ column: 10, error: expect.stringContaining('not a positive duration') });
    expect(error('vcpu staus')).toMatchObject({ column: 6, error: expect.stringContaining('did you mean status?') });
    expect(error('vcpu status now').column).toBe(13);
  });

  it('points a fault\'s error at the typed word, through the schedule grammar', () => {
    expect(error('vcpu storm p128 1ms')).toMatchObject({ column: 12, error: expect.stringContaining('not a host pCPU p0..p127') });
    expect(error('vcpu storm p2 0ms')).toMatchObject({ column: 15, error: expect.stringContaining('storm length') });
    expect(error('vcpu storm p2 61s').column).toBe(15);
    expect(error('vcpu offline x3').column).toBe(14);
    expect(error('vcpu arrive 9lives')).toMatchObject({ column: 13, error: expect.stringContaining('not a VM name') });
    expect(error('vcpu arrive').error).toContain('VM name');
    expect(error('vcpu arrive noisy web').column).toBe(19);
    expect(error('vcpu upgrade now').column).toBe(14);
    expect(error('vcpu offline p1;online p1')).toMatchObject({ column: 14, error: expect.stringContaining('one fault at a time') });
    expect(error('vcpu arrive #noisy').column).toBe(13);
  });

  it('has a full help entry, with completion for its words, and zh-CN help', async () => {
    const lines = helpLines('vcpu');
    expect(lines.join('\n')).toContain('side-by-side [kvm|offload|bare-metal]');
    expect(lines.join('\n')).toContain('eevdf-ineligible-pick');
    expect(lines.join('\n')).toContain('not Alibaba');
    const spec = grammarOf('vcpu')!.spec;
    expect(spec.args[0].completer!([])).toEqual(expect.arrayContaining(['side-by-side', 'preset', 'storm']));
    expect(spec.args[1].completer!(['preset'])).toEqual(expect.arrayContaining(['dragonfly', 'HV-7']));
    expect(spec.args[1].completer!(['mitigate'])).toEqual(['none', 'ple', 'pv-spinlock']);
    expect(spec.args[1].completer!(['storm'])).toContain('p7');
    const zh = await grammarOf('vcpu')!.localHelp!['zh-CN']();
    expect(zh.length).toBe(16);
    expect(zh.join('\n')).toContain('调度器');
  });
});

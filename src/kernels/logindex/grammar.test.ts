// `logindex ...`: every command reads back from its canonical text, faults mean what the fault
// schedule means, and every refusal names the column of the typed line.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../commands/types';
import { error, parsed } from '../../commands/parseTesting';
import { formatCommand, parseCommand } from '../../commands/parse';
import { grammarOf } from '../../commands/kernelGrammar';
import { helpLines } from '../../commands/registry';
import { parseSchedule } from './schedule';

const EXAMPLES: Command[] = [
  { name: 'logindex', action: 'open' },
  { name: 'logindex', action: 'close' },
  { name: 'logindex', action: 'run', ns: null },
  { name: 'logindex', action: 'run', ns: 250_000_000 },
  { name: 'logindex', action: 'pause' },
  { name: 'logindex', action: 'reset' },
  { name: 'logindex', action: 'status' },
  { name: 'logindex', action: 'hash' },
  { name: 'logindex', action: 'side-by-side' },
  { name: 'logindex', action: 'single' },
  { name: 'logindex', action: 'mode', mode: 'lazy' },
  { name: 'logindex', action: 'mode', mode: 'full' },
  { name: 'logindex', action: 'ro', count: 1 },
  { name: 'logindex', action: 'ro', count: 15 },
  { name: 'logindex', action: 'write-scale', scale: 4 },
  { name: 'logindex', action: 'write-scale', scale: 0.5 },
  { name: 'logindex', action: 'seed', seed: 0 },
  { name: 'logindex', action: 'seed', seed: 2 ** 31 - 1 },
  { name: 'logindex', action: 'break', broken: [] },
  { name: 'logindex', action: 'break', broken: ['flush-control-off'] },
  { name: 'logindex', action: 'break', broken: ['flush-control-off', 'bloom-false-negative'] },
  { name: 'logindex', action: 'scenario', scenario: 'LI-2' },
  { name: 'logindex', action: 'scenario', scenario: null },
  { name: 'logindex', action: 'inspect', page: 0, node: 1 },
  { name: 'logindex', action: 'inspect', page: 4095, node: 15 },
  { name: 'logindex', action: 'step', ns: 100_000_000 },
  { name: 'logindex', action: 'seek', ns: 0 },
  { name: 'logindex', action: 'seek', ns: 1_500_000 },
  { name: 'logindex', action: 'speed', nsPerSecond: 10_000_000 },
  { name: 'logindex', action: 'speed', nsPerSecond: 'max' },
  { name: 'logindex', action: 'fault', fault: { kind: 'crash', node: 0 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'crash', node: 2 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'restart', node: 2 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'promote', node: 1 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'slow-storage', factor: 4 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'starve', node: 1, factor: 10 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'delay', node: 1, ns: 2_000_000 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'loss', node: 1, permille: 50 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'partition', node: 3 } },
  { name: 'logindex', action: 'fault', fault: { kind: 'heal', node: null } },
  { name: 'logindex', action: 'fault', fault: { kind: 'heal', node: 3 } },
];

describe('logindex commands', () => {
  it('reads back every command from its canonical text', () => {
    for (const command of EXAMPLES) {
      const text = formatCommand(command);
      expect(parsed(text), text).toEqual(command);
      expect(formatCommand(parsed(text))).toBe(text);
    }
  });

  it('reads the brief\'s lines as written', () => {
    expect(formatCommand(parsed('logindex slow-storage 4x'))).toBe('logindex slow-storage 4x');
    expect(formatCommand(parsed('logindex loss ro1 5%'))).toBe('logindex loss ro1 5%');
    expect(formatCommand(parsed('logindex inspect 17'))).toBe('logindex inspect 17 ro1');
    expect(formatCommand(parsed('logindex step'))).toBe('logindex step 1ms');
    expect(formatCommand(parsed('logindex write-scale 8x'))).toBe('logindex write-scale 8');
    expect(formatCommand(parsed('logindex break bloom-false-negative,flush-control-off'))).toBe('logindex break flush-control-off,bloom-false-negative');
    expect(parsed('logindex scenario li-3')).toEqual({ name: 'logindex', action: 'scenario', scenario: 'LI-3' });
    expect(parsed('logindex')).toEqual({ name: 'logindex', action: 'open' });
  });

  it('gives a fault exactly the meaning the schedule gives it', () => {
    for (const text of ['crash ro2', 'restart rw', 'promote ro1', 'slow-storage 4x', 'starve ro1 10x', 'delay ro1 2ms', 'loss ro1 5%', 'partition ro3', 'heal', 'heal ro3']) {
      expect(parsed(`logindex ${text}`), text).toEqual({ name: 'logindex', action: 'fault', fault: parseSchedule(`0ns ${text}`)[0].command });
    }
  });

  it('sends bare front verbs to logindex when its tab is in front', () => {
    const front = (line: string) => {
      const r = parseCommand(line, { front: 'logindex' });
      if (!r.ok) throw new Error(r.error);
      return r.command;
    };
    expect(front('step 5ms')).toEqual({ name: 'logindex', action: 'step', ns: 5_000_000 });
    expect(front('run')).toEqual({ name: 'logindex', action: 'run', ns: null });
    expect(front('pause')).toEqual({ name: 'logindex', action: 'pause' });
    expect(front('speed max')).toEqual({ name: 'logindex', action: 'speed', nsPerSecond: 'max' });
    expect(front('reset')).toEqual({ name: 'logindex', action: 'reset' });
  });

  it('refuses a bad line, naming the column', () => {
    expect(error('logindex mode lazzy')).toMatchObject({ column: 15, error: expect.stringContaining('did you mean lazy?') });
    expect(error('logindex ro 16')).toMatchObject({ column: 13, error: expect.stringContaining('1..15') });
    expect(error('logindex ro 0').column).toBe(13);
    expect(error('logindex ro')).toMatchObject({ column: 13, error: expect.stringContaining('missing <replicas>') });
    expect(error('logindex write-scale 17')).toMatchObject({ column: 22, error: expect.stringContaining('at most 16') });
    expect(error('logindex write-scale 0').column).toBe(22);
    expect(error('logindex seed -1').column).toBe(15);
    expect(error('logindex break flush-control-of')).toMatchObject({ column: 16, error: expect.stringContaining('did you mean flush-control-off?') });
    expect(error('logindex break none,mtr-lock-off')).toMatchObject({ column: 16, error: expect.stringContaining('must stand alone') });
    expect(error('logindex scenario LI-10').column).toBe(19);
    expect(error('logindex inspect 4096')).toMatchObject({ column: 18, error: expect.stringContaining('0..4095') });
    expect(error('logindex inspect 1 ro16')).toMatchObject({ column: 20, error: expect.stringContaining('ro1..ro15') });
    expect(error('logindex inspect 1 ro1 x').column).toBe(24);
    expect(error('logindex step 0ms').column).toBe(15);
    expect(error('logindex step 3601s')).toMatchObject({ column: 15, error: expect.stringContaining('longer than the most a run takes') });
    expect(error('logindex run 5')).toMatchObject({ column: 14, error: expect.stringContaining('not a positive duration') });
    expect(error('logindex staus')).toMatchObject({ column: 10, error: expect.stringContaining('did you mean status?') });
    expect(error('logindex status now').column).toBe(17);
  });

  it('points a fault\'s error at the typed word, through the schedule grammar', () => {
    expect(error('logindex crash ro16')).toMatchObject({ column: 16, error: expect.stringContaining('rw or a replica ro1..ro15') });
    expect(error('logindex promote rw')).toMatchObject({ column: 18, error: expect.stringContaining('not a replica') });
    expect(error('logindex slow-storage 0.5x')).toMatchObject({ column: 23, error: expect.stringContaining('1x..100000x') });
    expect(error('logindex loss ro1 101%').column).toBe(19);
    expect(error('logindex delay ro1')).toMatchObject({ column: 10, error: expect.stringContaining('needs a duration') });
    expect(error('logindex heal ro1 ro2').column).toBe(19);
    expect(error('logindex crash ro1;restart ro1')).toMatchObject({ column: 16, error: expect.stringContaining('one fault at a time') });
    expect(error('logindex crash #ro1').column).toBe(16);
  });

  it('has a full help entry, with completion for its words, and zh-CN help', async () => {
    const lines = helpLines('logindex');
    expect(lines.join('\n')).toContain('write-scale <k>');
    expect(lines.join('\n')).toContain('flush-control-off');
    const spec = grammarOf('logindex')!.spec;
    expect(spec.args[0].completer!([])).toContain('side-by-side');
    expect(spec.args[1].completer!(['break'])).toContain('mtr-lock-off');
    expect(spec.args[1].completer!(['crash'])).toEqual(expect.arrayContaining(['rw', 'ro15']));
    const zh = await grammarOf('logindex')!.localHelp!['zh-CN']();
    expect(zh.length).toBeGreaterThan(5);
    expect(zh.join('\n')).toContain('副本');
  });
});

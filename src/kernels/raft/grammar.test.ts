import { describe, expect, it } from 'vitest';
import type { Command } from '../../commands/types';
import { error, parsed } from '../../commands/parseTesting';
import { formatCommand, parseCommand } from '../../commands/parse';
import { parseSchedule } from './schedule';


const EXAMPLES: Command[] = [
  { name: 'raft', action: 'open' },
  { name: 'raft', action: 'close' },
  { name: 'raft', action: 'run' },
  { name: 'raft', action: 'pause' },
  { name: 'raft', action: 'reset' },
  { name: 'raft', action: 'status' },
  { name: 'raft', action: 'hash' },
  { name: 'raft', action: 'side-by-side' },
  { name: 'raft', action: 'single' },
  { name: 'raft', action: 'mode', mode: 'raft' },
  { name: 'raft', action: 'mode', mode: 'parallel' },
  { name: 'raft', action: 'mode', mode: 'parallel-ce' },
  { name: 'raft', action: 'net', net: 'tcp' },
  { name: 'raft', action: 'disk', disk: 'nvme' },
  { name: 'raft', action: 'seed', seed: 0 },
  { name: 'raft', action: 'seed', seed: 12345 },
  { name: 'raft', action: 'step', ns: 5_000_000 },
  { name: 'raft', action: 'step', ns: 250_000 },
  { name: 'raft', action: 'seek', ns: 0 },
  { name: 'raft', action: 'seek', ns: 1_500_000 },
  { name: 'raft', action: 'speed', nsPerSecond: 200_000 },
  { name: 'raft', action: 'speed', nsPerSecond: 'max' },
  { name: 'raft', action: 'scenario', scenario: 'ghost' },
  { name: 'raft', action: 'select', index: 1905 },
  { name: 'raft', action: 'break', broken: [] },
  { name: 'raft', action: 'break', broken: ['dirty-read'] },
  { name: 'raft', action: 'break', broken: ['ignore-lbb', 'stale-lbb', 'dirty-read'] },
  { name: 'raft', action: 'read-share', percent: 50 },
  { name: 'raft', action: 'read-share', percent: 12.5 },
  { name: 'raft', action: 'read-share', percent: 0 },
  { name: 'raft', action: 'blocks', blocks: 32 },
  { name: 'raft', action: 'blocks', blocks: 65536 },
  { name: 'raft', action: 'p9', on: false },
  { name: 'raft', action: 'p9', on: true },
  { name: 'raft', action: 'fault', fault: { kind: 'crash', node: 0, wipe: false } },
  { name: 'raft', action: 'fault', fault: { kind: 'crash', node: 2, wipe: true } },
  { name: 'raft', action: 'fault', fault: { kind: 'restart', node: 1 } },
  { name: 'raft', action: 'fault', fault: { kind: 'partition', a: 2, b: null } },
  { name: 'raft', action: 'fault', fault: { kind: 'oneway', from: 0, to: 2 } },
  { name: 'raft', action: 'fault', fault: { kind: 'heal', a: null, b: null } },
  { name: 'raft', action: 'fault', fault: { kind: 'heal', a: 0, b: 1 } },
  { name: 'raft', action: 'fault', fault: { kind: 'delay', from: 0, to: 1, ns: 300_000, both: false } },
  { name: 'raft', action: 'fault', fault: { kind: 'loss', from: 0, to: 1, percent: 20, both: true } },
  { name: 'raft', action: 'fault', fault: { kind: 'duplicate', from: 1, to: 2, percent: 2.5, both: false } },
  { name: 'raft', action: 'fault', fault: { kind: 'reorder', from: 2, to: 0, percent: 50, both: true } },
  { name: 'raft', action: 'fault', fault: { kind: 'limp', node: 1, factor: 10 } },
  { name: 'raft', action: 'fault', fault: { kind: 'limp', node: 1, factor: 1 } },
  { name: 'raft', action: 'fault', fault: { kind: 'elect', node: 2 } },
  { name: 'raft', action: 'fault', fault: { kind: 'write', block: 7, blocks: 4 } },
  { name: 'raft', action: 'fault', fault: { kind: 'iodepth', depth: 32 } },
  { name: 'raft', action: 'fault', fault: { kind: 'checkpoint', node: null } },
];

describe('raft numbers: bounded, and written as they are read', () => {
  // The reproducers: these were accepted and became 1e20s, 9007199.254740991s or Infinity.
  it('refuses durations and fault times past one hour of simulated time', () => {
    expect(error('raft step 99999999999999999999s')).toMatchObject({ column: 11, error: expect.stringContaining('longer than the most a run takes, 3600s') });
    expect(error('raft seek 3601s').error).toContain('longer than the most');
    expect(error('raft speed 2h').error).toContain('not a positive duration');
    expect(error('raft delay 0 1 3600.5s')).toMatchObject({ column: 16, error: expect.stringContaining('longer than the most') });
    expect(parsed('raft step 3600s')).toEqual({ name: 'raft', action: 'step', ns: 3600e9 });
    expect(() => parseSchedule('9007199254740991s crash 0')).toThrow(/1:1: the time "9007199254740991s" is later than the latest a run reaches, 3600s/);
    expect(parseSchedule('3600s crash 0')).toHaveLength(1);
  });

  it('refuses a limp factor that overflows, and reads back every factor and percentage it writes', () => {
    expect(error(`raft limp 0 ${'9'.repeat(400)}x`)).toMatchObject({ column: 13, error: expect.stringContaining('0.001x..1000000x') });
    expect(error('raft limp 0 1000001x').column).toBe(13);
    for (const line of ['raft limp 0 0.0000001x', 'raft loss 0>1 0.0000001%', 'raft read-share 0.0000001', 'raft limp 1 123456.789x']) {
      const result = parseCommand(line);
      if (!result.ok) continue;
      expect(parsed(formatCommand(result.command)), line).toEqual(result.command);
    }
    const tiny = parsed('raft loss 0>1 0.0000001%');
    expect(formatCommand(tiny)).toBe('raft loss 0>1 1e-7%');
    expect(formatCommand(parsed('raft read-share 0.0000001'))).toBe('raft read-share 1e-7');
  });
});

describe('raft commands', () => {
  it.each(EXAMPLES.map((c) => [formatCommand(c), c] as const))('round trip: %s', (text, command) => {
    expect(parsed(text)).toEqual(command);
    expect(formatCommand(parsed(text))).toBe(text);
  });

  it('reads the short and long forms of faults the same way', () => {
    expect(parsed('raft fault crash 0')).toEqual(parsed('raft crash 0'));
    expect(parsed('raft')).toEqual({ name: 'raft', action: 'open' });
    expect(parsed('RAFT Mode PARALLEL')).toEqual({ name: 'raft', action: 'mode', mode: 'parallel' });
    expect(parsed('raft step')).toEqual({ name: 'raft', action: 'step', ns: 1_000_000 });
    expect(formatCommand(parsed('raft dup 0 1 5%'))).toBe('raft dup 0 1 5%');
  });

  it('points at the bad word of a fault, in the typed line', () => {
    expect(error('raft crash 5')).toMatchObject({ column: 12, error: expect.stringContaining('"5" is not a node (0..2)') });
    expect(error('raft  loss 0>1 200%')).toMatchObject({ column: 16, error: expect.stringContaining('not a percentage') });
    expect(error('raft fault delay 0 1 soon')).toMatchObject({ column: 22 });
    expect(error('raft partition 1 1').error).toContain('cannot be partitioned from itself');
    expect(error('raft crash 0 now').column).toBe(14);
  });

  it('suggests the nearest action and value', () => {
    expect(error('raft mdoe parallel').error).toContain('did you mean mode?');
    expect(error('raft mode paralel')).toMatchObject({ column: 11, error: expect.stringContaining('did you mean parallel?') });
    expect(error('raft scenario gost').error).toContain('did you mean ghost?');
    expect(error('raft mode').error).toContain('missing <mode>');
    expect(error('raft run now').column).toBe(10);
    expect(error('raft step 0ms').error).toContain('positive duration');
    expect(error('raft select 0').error).toContain('whole number 1..');
  });

  it('raft break: names as the CLI takes them, joined by commas or spaces, in one canonical order', () => {
    expect(parsed('raft break none')).toEqual({ name: 'raft', action: 'break', broken: [] });
    expect(parsed('raft break NONE')).toEqual({ name: 'raft', action: 'break', broken: [] });
    // Table order and no repeats, whatever the order typed.
    expect(parsed('raft break dirty-read,stale-lbb,dirty-read')).toEqual({ name: 'raft', action: 'break', broken: ['stale-lbb', 'dirty-read'] });
    expect(parsed('raft break dirty-read, stale-lbb')).toEqual(parsed('raft break stale-lbb dirty-read'));
    expect(formatCommand(parsed('raft break dirty-read,commit-old-terms'))).toBe('raft break commit-old-terms,dirty-read');
    expect(formatCommand(parsed('raft break keep-past-end'))).toBe('raft break keep-past-end');
    expect(parsed('raft read-share 50%')).toEqual({ name: 'raft', action: 'read-share', percent: 50 });
  });

  it('raft break, read-share and blocks point at the bad word, in the typed line', () => {
    expect(error('raft break dirty-red')).toMatchObject({ column: 12, error: expect.stringContaining('unknown broken option "dirty-red" at column 12; did you mean dirty-read?') });
    // The bad name inside a comma list, by its own column.
    expect(error('raft break dirty-read,vote-twise')).toMatchObject({ column: 23, error: expect.stringContaining('did you mean vote-twice?') });
    expect(error('raft  break ignore-lbb, lose-aply')).toMatchObject({ column: 25, error: expect.stringContaining('"lose-aply"') });
    expect(error('raft break constructor')).toMatchObject({ column: 12, error: expect.stringContaining('unknown broken option "constructor"') });
    expect(error('raft break dirty-read,none')).toMatchObject({ column: 23, error: expect.stringContaining('"none" at column 23 must stand alone') });
    expect(error('raft break')).toMatchObject({ column: 12, error: expect.stringContaining('missing <option> at column 12') });
    expect(error('raft break ,')).toMatchObject({ column: 12, error: expect.stringContaining('missing <option>') });
    expect(error('raft read-share 150')).toMatchObject({ column: 17, error: expect.stringContaining('must be a percentage 0..100') });
    expect(error('raft read-share half').column).toBe(17);
    expect(error('raft read-share').error).toContain('missing <percent>');
    expect(error('raft read-share 50 60').column).toBe(20);
    expect(error('raft blocks 16')).toMatchObject({ column: 13, error: expect.stringContaining('32..65536') });
    expect(error('raft blocks 65537').column).toBe(13);
    expect(error('raft blocks 3.5').column).toBe(13);
    expect(error('raft blcks 32').error).toContain('did you mean blocks?');
    expect(error('raft p9 of')).toMatchObject({ column: 9, error: expect.stringContaining('unknown switch "of" at column 9; did you mean off?') });
    expect(error('raft p9').error).toContain('missing <on|off>');
  });
});

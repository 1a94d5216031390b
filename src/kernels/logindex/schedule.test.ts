// The LogIndex fault schedule: every command reads back from its canonical text, and every
// mistake is refused with its line and column.
import { describe, expect, it } from 'vitest';
import { formatSchedule, parseSchedule, ScheduleError } from './schedule';

describe('logindex fault schedule', () => {
  it('reads the issue example and writes it back', () => {
    const text = '500ms crash ro2; 1200ms restart ro2; 1800ms crash rw; 2s promote ro1';
    const s = parseSchedule(text);
    expect(s).toEqual([
      { at: 500e6, command: { kind: 'crash', node: 2 } },
      { at: 1200e6, command: { kind: 'restart', node: 2 } },
      { at: 1800e6, command: { kind: 'crash', node: 0 } },
      { at: 2e9, command: { kind: 'promote', node: 1 } },
    ]);
    expect(formatSchedule(s)).toBe(text);
  });

  it('round-trips every command', () => {
    const text = '1ms slow-storage 2.5x; 2ms starve ro15 10x; 3ms delay ro3 150us; 4ms loss ro1 12.5%; 5ms partition ro4; 6ms heal ro4; 7ms heal';
    expect(formatSchedule(parseSchedule(text))).toBe(text);
  });

  it.each([
    ['5 crash ro1', 1, '"5" is not a time'],
    ['5ms', 1, 'a time needs a command'],
    ['5ms crash', 5, 'crash needs a node'],
    ['5ms crash ro16', 11, '"ro16" is not rw or a replica ro1..ro15'],
    ['5ms promote rw', 13, '"rw" is not a replica'],
    ['5ms fly ro1', 5, 'unknown command "fly"'],
    ['1ms crash ro1; 5ms loss ro1 200%', 29, 'not a percentage'],
    ['5ms slow-storage 0.5x', 18, 'not a factor 1x..100000x'],
    ['5ms delay ro1 3s', 15, 'not a delay'],
    ['5ms crash ro1 now', 15, 'crash takes 1 argument'],
    ['9999s crash ro1', 1, 'later than the latest a run reaches'],
  ])('refuses %j at column %i', (text, column, words) => {
    let error: unknown;
    try {
      parseSchedule(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleError);
    expect((error as ScheduleError).column).toBe(column);
    expect((error as ScheduleError).message).toContain(words);
  });

  it('names the line of a multi-line schedule', () => {
    expect(() => parseSchedule('1ms crash ro1\n2ms restart x')).toThrow('faults:2:13:');
  });
});

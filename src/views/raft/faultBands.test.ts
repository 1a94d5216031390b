import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../kernels/raft/schedule';
import { faultBands } from './faultBands';

const bands = (text: string, now = 1e12) => faultBands(parseSchedule(text), now).map((b) => [b.label, b.from / 1e6, b.to === null ? null : b.to / 1e6]);

describe('faultBands', () => {
  it('opens a band at a fault and closes it at the command that undoes it', () => {
    expect(bands('1ms crash 0; 3ms restart 0; 2ms partition 1 2; 5ms heal 2 1; 4ms limp 2 10x; 6ms limp 2 off')).toEqual([
      ['crash 0', 1, 3], ['partition 1 2', 2, 5], ['limp 2 10x', 4, 6],
    ]);
  });

  it('keeps a fault open while nothing ends it, and heal with no arguments ends every link fault', () => {
    expect(bands('1ms oneway 0 1; 2ms loss 0>2 20%; 3ms crash 1; 4ms heal')).toEqual([
      ['oneway 0 1', 1, 4], ['loss 0>2 20%', 2, 4], ['crash 1', 3, null],
    ]);
    expect(bands('1ms partition 2; 2ms heal 2')).toEqual([['partition 2', 1, 2]]);
    expect(bands('1ms partition 0 1; 2ms heal 0 2')).toEqual([['partition 0 1', 1, null]]);
  });

  it('ignores the future and settings that only clear', () => {
    expect(bands('1ms crash 0; 9ms restart 0', 5e6)).toEqual([['crash 0', 1, null]]);
    expect(bands('1ms loss 0 1 0%; 2ms limp 1 off')).toEqual([]);
  });
});

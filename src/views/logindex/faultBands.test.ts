import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../kernels/logindex/schedule';
import { faultBands } from './faultBands';

const MS = 1e6;
const bands = (text: string) => faultBands(parseSchedule(text)).map((b) => [b.label, b.from / MS, b.to === null ? null : b.to / MS]);

describe('logindex fault bands', () => {
  it('runs each fault from its command to the command that ends it', () => {
    expect(bands('500ms crash ro2; 1200ms restart ro2; 1800ms crash rw; 2000ms promote ro1')).toEqual([
      ['crash ro2', 500, 1200], ['crash rw', 1800, 2000],
    ]);
    expect(bands('10ms delay ro1 2ms; 20ms loss ro2 5%; 30ms heal ro1; 40ms partition ro3; 50ms heal')).toEqual([
      ['delay ro1 2 ms', 10, 30], ['loss ro2 5%', 20, 50], ['partition ro3', 40, 50],
    ]);
    expect(bands('1ms slow-storage 4x; 3ms slow-storage 1x; 5ms starve ro1 10x')).toEqual([
      ['slow storage 4x', 1, 3], ['starve ro1 10x', 5, null],
    ]);
  });

  it('restarts a band when its fault is given again', () => {
    expect(bands('1ms delay ro1 2ms; 2ms delay ro1 5ms; 3ms heal')).toEqual([['delay ro1 2 ms', 1, 2], ['delay ro1 5 ms', 2, 3]]);
  });
});

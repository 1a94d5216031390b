// The span speed max asks the workers for: it grows while every column reaches it and shrinks
// to a little more than the slowest column managed when a wall budget cut that one short.
import { describe, expect, test } from 'vitest';
import { FIRST_MAX_SPAN_NS, MAX_MAX_SPAN_NS, MIN_MAX_SPAN_NS, nextMaxSpan } from './maxSpeed';

describe('nextMaxSpan', () => {
  test('every column reached the target: ask for half as much again', () => {
    expect(nextMaxSpan(FIRST_MAX_SPAN_NS, FIRST_MAX_SPAN_NS, true)).toBe(7_500_000);
  });
  test('the slowest column was cut short: a quarter more than it managed', () => {
    expect(nextMaxSpan(40_000_000, 8_000_000, false)).toBe(10_000_000);
  });
  test('bounded both ways, and a column that made no progress does not stall the clock', () => {
    expect(nextMaxSpan(MAX_MAX_SPAN_NS, MAX_MAX_SPAN_NS, true)).toBe(MAX_MAX_SPAN_NS);
    expect(nextMaxSpan(1_000_000, 0, false)).toBe(MIN_MAX_SPAN_NS);
    expect(nextMaxSpan(1_000_000, -5, false)).toBe(MIN_MAX_SPAN_NS);
  });
});

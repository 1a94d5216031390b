// The message ring behind the space-time diagram: appends wrap around in bulk, and the walk a
// view of a recent span makes returns exactly the messages that ended inside it, newest first.
import { describe, expect, test } from 'vitest';
import { MSG_STRIDE } from '../../kernels/raft/api';
import { MessageStore } from './messageStore';

/** Messages sent at `t - 1` and ended at `t`, for each t. */
function messages(ends: number[]): Float64Array {
  const out = new Float64Array(ends.length * MSG_STRIDE);
  ends.forEach((t, i) => {
    out.set([t - 1, t, 0, 1, 1, i, 1, 0], i * MSG_STRIDE);
  });
  return out;
}

const ended = (store: MessageStore, from: number) => {
  const seen: number[] = [];
  store.forEachEndingSince(from, (d, o) => seen.push(Number.isNaN(d[o + 1]) ? -1 : d[o + 1]));
  return seen;
};

describe('MessageStore', () => {
  test('appends past the capacity keep the newest, in order, across the wrap', () => {
    const store = new MessageStore(5);
    store.append(messages([1, 2, 3]), new Float64Array(0));
    store.append(messages([4, 5, 6, 7]), new Float64Array(0));
    const all: number[] = [];
    store.forEach((d, o) => all.push(d[o + 1]));
    expect(all).toEqual([3, 4, 5, 6, 7]);
    expect(store.length).toBe(5);
    // One append larger than the ring keeps its own newest.
    store.append(messages([10, 11, 12, 13, 14, 15, 16]), new Float64Array(0));
    const last: number[] = [];
    store.forEach((d, o) => last.push(d[o + 1]));
    expect(last).toEqual([12, 13, 14, 15, 16]);
  });

  test('the walk since a time stops at the first older message and adds those in flight', () => {
    const store = new MessageStore(8);
    store.append(messages([1, 2, 3, 4, 5, 6]), new Float64Array(0));
    store.append(messages([7, 8, 9]), new Float64Array([8.5, Number.NaN, 0, 2, 1, 0, 1, 0]));
    expect(ended(store, 5)).toEqual([9, 8, 7, 6, 5, -1]);
    expect(ended(store, 100)).toEqual([-1]);
    // Everything stored, when the span starts before the oldest.
    expect(ended(store, 0)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, -1]);
    store.clear();
    expect(ended(store, 0)).toEqual([]);
  });
});

// The shared time-travel core: which checkpoint a seek restores, what the budget allows, and
// how a trap is reported once the good state is back.
import { describe, expect, it } from 'vitest';
import { Checkpoints, guardTrap } from './timeTravel';
import { KernelTrap } from './wasmKernel';

const MIB = 1024 * 1024;
const state = (bytes: number) => new Uint8Array(bytes);

describe('Checkpoints', () => {
  it('finds the latest checkpoint at or before a time, or the base (-1)', () => {
    const c = new Checkpoints<number>(8 * MIB);
    c.reset(state(MIB));
    for (const t of [100, 300, 200]) c.set(t, state(MIB));
    expect(c.latestAtOrBefore(250)).toBe(200);
    expect(c.latestAtOrBefore(300)).toBe(300);
    expect(c.latestAtOrBefore(99)).toBe(-1);
    expect(c.latestAtOrBefore(1000, [100])).toBe(100);
    c.delete(300);
    expect(c.latestAtOrBefore(1000)).toBe(200);
    expect(c.bytes()).toBe(3 * MIB);
  });

  it('counts what the budget leaves beside the base and refuses a budget under 1 MiB', () => {
    const c = new Checkpoints<number>(4 * MIB);
    c.reset(state(MIB));
    expect(c.slots()).toBe(3);
    c.set(1, state(MIB));
    c.set(2, state(MIB));
    c.set(3, state(MIB));
    // The base and three checkpoints fill 4 MiB exactly; a fourth passes it.
    expect(c.overBudget(MIB)).toBe(false);
    c.set(4, state(MIB));
    expect(c.overBudget(MIB)).toBe(true);
    expect(() => c.setBudget(1000)).toThrow(/at least 1 MiB/);
    expect(() => new Checkpoints(Number.NaN)).toThrow(/at least 1 MiB/);
    c.reset(state(MIB));
    expect(c.size).toBe(0);
  });

  it('has no base before a run starts', () => {
    expect(() => new Checkpoints(MIB).base).toThrow(/no run/);
  });
});

describe('guardTrap', () => {
  it('recovers on a trap and rethrows saying where the state is now', () => {
    let recovered = 0;
    const trap = () => guardTrap('step 10', () => { throw new KernelTrap('unreachable', 'advance'); }, () => `step ${++recovered}`);
    expect(trap).toThrow(KernelTrap);
    expect(trap).toThrow('KernelTrap: unreachable; restored the state at step 2 (during step 10)');
    expect(recovered).toBe(2);
  });

  it('passes other errors through without recovering', () => {
    let recovered = false;
    expect(() => guardTrap('x', () => { throw new RangeError('bad node'); }, () => { recovered = true; return ''; })).toThrow(RangeError);
    expect(recovered).toBe(false);
  });
});

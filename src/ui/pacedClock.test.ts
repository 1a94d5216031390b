import { describe, expect, it } from 'vitest';
import { MAX_WALL_STEP_MS, PacedClock, type FrameSource, type Pace, type PacedRun } from './pacedClock';

/** Frames on demand: each `next()` waits for the test to hand it a frame time. */
class TestFrames implements FrameSource {
  time = 0;
  private waiting: ((t: number) => void) | null = null;
  next(): Promise<number> {
    return new Promise((resolve) => (this.waiting = resolve));
  }
  now(): number {
    return this.time;
  }
  /** Moves the wall clock by `ms` and delivers one frame; resolves once the loop has handled it. */
  async frame(ms: number): Promise<void> {
    this.time += ms;
    for (let i = 0; i < 20 && this.waiting === null; i++) await Promise.resolve();
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(this.time);
    for (let i = 0; i < 20; i++) await Promise.resolve();
  }
}

function counter(end: number, pace: Pace) {
  const run = {
    at: 0,
    pace,
    stretches: 0,
    targets: [] as number[],
    position: () => run.at,
    canAdvance: () => run.at < end,
    advanceTo: async (target: number) => {
      run.targets.push(target);
      run.at = Math.min(target, end);
    },
    runFlatOut: async () => {
      run.stretches++;
      run.at = Math.min(end, run.at + 100);
    },
    failed: (error: unknown) => {
      throw error;
    },
  };
  return { run, paced: { ...run, pace: () => run.pace, position: () => run.at, canAdvance: () => run.at < end } satisfies PacedRun };
}

describe('the paced clock', () => {
  it('moves simulated time by wall time times the pace, slow paces included', async () => {
    const frames = new TestFrames();
    const { run, paced } = counter(1_000, 30);
    const clock = new PacedClock(paced, { value: false }, frames);
    clock.play();
    for (let i = 0; i < 60; i++) await frames.frame(1000 / 60);
    // One wall second at 30 units a second: 30 units, reached in whole steps.
    expect(run.at).toBeGreaterThanOrEqual(29);
    expect(run.at).toBeLessThanOrEqual(30);
    expect(run.targets.every((t, i) => i === 0 || t > run.targets[i - 1])).toBe(true);
    await clock.stop();
  });

  it('counts a long gap between frames (a hidden tab) as a short one', async () => {
    const frames = new TestFrames();
    const { run, paced } = counter(1_000_000, 100);
    const clock = new PacedClock(paced, { value: false }, frames);
    clock.play();
    await frames.frame(10_000);
    expect(run.at).toBe(Math.floor((MAX_WALL_STEP_MS / 1000) * 100));
    await clock.stop();
  });

  it('follows the run after a seek, and stops at the end', async () => {
    const frames = new TestFrames();
    const { run, paced } = counter(120, 60);
    const flag = { value: false };
    const clock = new PacedClock(paced, flag, frames);
    clock.play();
    await frames.frame(250);
    expect(run.at).toBe(15);
    run.at = 100; // a seek forward while playing
    await frames.frame(100);
    expect(run.at).toBe(106);
    for (let i = 0; i < 10; i++) await frames.frame(250);
    expect(run.at).toBe(120);
    expect(flag.value).toBe(false);
  });

  it('at max the run goes flat out in its own stretches', async () => {
    const frames = new TestFrames();
    const { run, paced } = counter(1_000, 'max');
    const clock = new PacedClock(paced, { value: false }, frames);
    clock.play();
    for (let i = 0; i < 3; i++) await frames.frame(16);
    expect(run.stretches).toBe(3);
    expect(run.at).toBe(300);
    clock.pause();
    await frames.frame(16);
    expect(run.stretches).toBe(3);
    expect(clock.playing).toBe(false);
  });
});

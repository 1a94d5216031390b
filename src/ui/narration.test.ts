import { describe, expect, test } from 'vitest';
import { mergeTally, Narrator, onePod, podSentence, type PodTally, type Scheduler } from './narration';

/** A clock the test moves by hand; `later` work runs when the clock passes its time. */
class ManualClock implements Scheduler {
  time = 0;
  private queue: { at: number; fn: () => void }[] = [];
  now(): number {
    return this.time;
  }
  later(ms: number, fn: () => void): void {
    this.queue.push({ at: this.time + ms, fn });
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.queue.filter((q) => q.at <= this.time);
    this.queue = this.queue.filter((q) => q.at > this.time);
    for (const q of due) q.fn();
  }
}

describe('narration', () => {
  test('one pod is named with its node, or why it was refused', () => {
    expect(podSentence(onePod(12, 7, 90))).toBe('pod 12 placed on node 7');
    expect(podSentence(onePod(8077, -1, 9.25))).toBe('pod 8077 refused: no node has room for it, though 9.3% of GPU capacity is idle');
  });

  test('many pods are summed up, naming the first refusal', () => {
    let tally: PodTally | null = null;
    for (let pod = 8077; pod <= 8090; pod++) tally = mergeTally(tally, onePod(pod, pod % 5 === 0 ? -1 : 3, 100 - pod / 100));
    expect(podSentence(tally!)).toBe('pods 8077–8090: 11 placed, 3 refused (first at pod 8080, with 19.2% of GPU capacity idle: fragmented)');
  });

  test('a range known only by its counts (a seek) merges with single pods', () => {
    const seek: PodTally = { from: 66, to: 9000, placed: 8900, refused: 35, lastNode: -1, firstRefused: -1, idleAtRefusal: 12.5 };
    expect(podSentence(mergeTally(onePod(65, 2, 99), seek))).toBe('pods 65–9000: 8901 placed, 35 refused (now 12.5% of GPU capacity idle: fragmented)');
  });

  test('speaks at once, then at most once per interval, summarising what came between', () => {
    const clock = new ManualClock();
    const said: string[] = [];
    const narrator = new Narrator((s) => said.push(s), 2000, clock);
    narrator.pods(onePod(1, 4, 99));
    expect(said).toEqual(['pod 1 placed on node 4']);
    for (let pod = 2; pod <= 40; pod++) {
      clock.advance(50);
      narrator.pods(onePod(pod, pod === 30 ? -1 : 4, 80));
    }
    expect(said).toHaveLength(1);
    clock.advance(2000);
    expect(said).toHaveLength(2);
    expect(said[1]).toBe('pods 2–40: 38 placed, 1 refused (first at pod 30, with 80.0% of GPU capacity idle: fragmented)');
    clock.advance(10_000);
    expect(said).toHaveLength(2);
  });

  test('notes beyond three are counted, and dropped work is never said', () => {
    const clock = new ManualClock();
    const said: string[] = [];
    const narrator = new Narrator((s) => said.push(s), 2000, clock);
    narrator.note('a');
    for (const n of ['b', 'c', 'd', 'e', 'f']) narrator.note(n);
    clock.advance(2000);
    expect(said).toEqual(['a', 'b; c; d; (and 2 more)']);
    narrator.pods(onePod(5, 1, 50));
    narrator.drop();
    clock.advance(5000);
    expect(said).toHaveLength(2);
  });
});

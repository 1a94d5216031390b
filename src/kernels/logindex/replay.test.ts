// Replaying a described LogIndex run: in chunks from the host it is LogIndexSession.replay bit
// for bit, stop at a violation included; a throw from the progress report stops it; and the
// cost model that gates a link's replay follows the kernel's own event counts.
import { describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { replayInChunks, type ChunkedLogIndexTarget } from './chunkedReplay';
import { defaultConfig } from './config';
import { BREAK_FAULTS } from './protocol';
import { eventsPerSimSecond, logIndexReplayAsk, LOGINDEX_REPLAY_BUDGET, timeToReplay } from './replayCost';
import { runLogIndex } from './run';
import { parseSchedule } from './schedule';
import { LogIndexSession } from './session';
import type { LogIndexConfig, StampedLogIndexCommand } from './types';
import { needsConsent } from '../replayBudget';

const MS = 1_000_000;
/** A clock that moves 1 ms each time it is read, so every chunk is cut short. */
const ticking = () => {
  let t = 0;
  return { now: () => t++ };
};

function target(session: LogIndexSession): ChunkedLogIndexTarget {
  return {
    start: async (config, schedule, seed) => session.start(config, schedule, seed),
    advance: async (toNs, budgetMs) => session.advance(toNs, budgetMs),
    apply: async (command) => session.apply(command),
    seek: async (ns) => session.seek(ns),
  };
}

const SCHEDULE = parseSchedule('250ms crash ro2; 600ms restart ro2');
const GIVEN: StampedLogIndexCommand[] = [
  { at: 100 * MS, command: { kind: 'loss', node: 1, permille: 50 } },
  { at: 400 * MS, command: { kind: 'starve', node: 3, factor: 8 } },
  { at: 700 * MS, command: { kind: 'heal', node: null } },
];

describe('replayInChunks', () => {
  it('rebuilds the run LogIndexSession.replay rebuilds, bit for bit', async () => {
    const config: LogIndexConfig = { ...defaultConfig(), mode: 'full' };
    const whole = new LogIndexSession(logindexModule());
    whole.replay(config, SCHEDULE, GIVEN, 900 * MS, 7);
    const chunked = new LogIndexSession(logindexModule(), ticking());
    const seen: number[] = [];
    const status = await replayInChunks(target(chunked), config, SCHEDULE, GIVEN, 900 * MS, 7, (ns) => seen.push(ns), 1);
    expect(status).toEqual({ now: 900 * MS, stopped: false });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(chunked.commandLog()).toEqual(whole.commandLog());
    expect(chunked.stateHash()).toBe(whole.stateHash());
  });

  it('stops where the run stopped and leaves out the commands after it', async () => {
    const config: LogIndexConfig = { ...defaultConfig(), broken: ['flush-control-off'] };
    const schedule = parseSchedule(BREAK_FAULTS['flush-control-off']);
    const late: StampedLogIndexCommand[] = [{ at: 5_000 * MS, command: { kind: 'heal', node: null } }];
    const whole = new LogIndexSession(logindexModule());
    const wholeStatus = whole.replay(config, schedule, late, 6_000 * MS, 1);
    expect(wholeStatus.stopped).toBe(true);
    const chunked = new LogIndexSession(logindexModule(), ticking());
    const status = await replayInChunks(target(chunked), config, schedule, late, 6_000 * MS, 1, () => undefined, 1);
    expect(status).toEqual(wholeStatus);
    expect(chunked.commandLog()).toEqual(whole.commandLog());
    expect(chunked.commandLog().some((c) => c.at === 5_000 * MS)).toBe(false);
    expect(chunked.stateHash()).toBe(whole.stateHash());
  });

  it('stops at a throw from the progress report, between two chunks', async () => {
    const session = new LogIndexSession(logindexModule(), ticking());
    let reports = 0;
    const cancel = () => {
      if (++reports === 2) throw new Error('cancelled by the reader');
    };
    await expect(replayInChunks(target(session), defaultConfig(), SCHEDULE, GIVEN, 900 * MS, 7, cancel, 1)).rejects.toThrow('cancelled by the reader');
    expect(session.current.now).toBeLessThan(900 * MS);
  });
});

describe('replay cost', () => {
  it('follows the kernel\'s event count within a factor of 1.5 over modes, replicas and rates', () => {
    const base = defaultConfig();
    for (const ro of [1, 4, 15]) {
      for (const mode of ['lazy', 'full'] as const) {
        for (const [w, r] of [[1, 1], [4, 1], [1, 4]]) {
          const config = { ...base, ro, mode, writeTps: base.writeTps * w, readQps: base.readQps * r };
          const events = runLogIndex(logindexModule(), config, 1, 500 * MS).summary.events * 2;
          const ratio = eventsPerSimSecond(config) / events;
          expect(ratio, `ro=${ro} ${mode} w×${w} r×${r}`).toBeGreaterThan(1 / 1.5);
          expect(ratio, `ro=${ro} ${mode} w×${w} r×${r}`).toBeLessThan(1.5);
        }
      }
    }
  });

  it('opens the default run for tens of seconds without asking, and asks past that', () => {
    const config = defaultConfig();
    expect(needsConsent(logIndexReplayAsk(config, timeToReplay(30e9, [2e9]), 1))).toBe(false);
    expect(needsConsent(logIndexReplayAsk(config, 30e9, 2))).toBe(true);
    expect(needsConsent(logIndexReplayAsk({ ...config, ro: 15 }, 10e9, 1))).toBe(false);
    expect(needsConsent(logIndexReplayAsk({ ...config, ro: 15 }, 20e9, 1))).toBe(true);
    expect(needsConsent(logIndexReplayAsk(config, timeToReplay(0, [2 ** 53 - 1]), 1))).toBe(true);
    expect(needsConsent(logIndexReplayAsk(config, Number.NaN, 1))).toBe(true);
    expect(logIndexReplayAsk(config, 1e9, 1).budget).toBe(LOGINDEX_REPLAY_BUDGET);
  });
});

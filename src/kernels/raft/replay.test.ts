// RaftSession.replay: a run rebuilt from (config, scripted schedule, commands given, time)
// is the run it was taken from, bit for bit, now and from then on.
import { beforeAll, describe, expect, it } from 'vitest';
import { raftModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import { parseSchedule } from './schedule';
import { SCENARIOS } from './scenarios';
import { RaftSession } from './session';
import { replayInChunks, type ChunkedRaftTarget } from './chunkedReplay';
import type { RaftConfig, StampedRaftCommand } from './types';

let module: WebAssembly.Module;
beforeAll(() => {
  module = raftModule();
});

const MS = 1_000_000;
const clock = { now: () => 0 };
const config = (over: Partial<RaftConfig> = {}): RaftConfig => defaultConfig({ traceMessages: true, sampleNs: MS, ...over });
/** The commands a person gave (no source: a scripted command carries its scenario's). */
const given = (s: RaftSession): StampedRaftCommand[] => s.commandLog().filter((c) => c.source === undefined);

describe('RaftSession.replay', () => {
  it('keeps a command left in the future by a seek back, so the rebuilt run goes on the same way', () => {
    const live = new RaftSession(module, clock);
    live.start(config());
    live.advance(10 * MS);
    live.apply({ kind: 'partition', a: 0, b: 2 });
    live.advance(20 * MS);
    live.apply({ kind: 'heal', a: null, b: null });
    live.advance(26 * MS);
    live.seek(15 * MS);
    const at15 = live.stateHash();

    const rebuilt = new RaftSession(module, clock);
    rebuilt.replay(config(), [], given(live), 15 * MS);
    expect(rebuilt.current.now).toBe(15 * MS);
    expect(rebuilt.stateHash()).toBe(at15);
    expect(rebuilt.commandLog()).toEqual(live.commandLog());

    live.advance(30 * MS);
    rebuilt.advance(30 * MS);
    expect(rebuilt.stateHash()).toBe(live.stateHash());
  });

  it('a command given after a seek back drops the old future in the run and in the description alike', () => {
    const live = new RaftSession(module, clock);
    live.start(config({ seed: 5 }));
    live.advance(12 * MS);
    live.apply({ kind: 'crash', node: 1, wipe: false });
    live.advance(18 * MS);
    live.seek(8 * MS);
    live.apply({ kind: 'limp', node: 2, factor: 4 });
    live.advance(20 * MS);
    expect(given(live).map((c) => c.command.kind)).toEqual(['limp']);

    const rebuilt = new RaftSession(module, clock);
    rebuilt.replay(config({ seed: 5 }), [], given(live), 20 * MS);
    expect(rebuilt.stateHash()).toBe(live.stateHash());
  });

  it('a scripted scenario that stops at a violation stops at the same event, and later commands are skipped as they were', () => {
    const s = SCENARIOS.ghost;
    const cfg = config({ ...s.config, mode: 'parallel' });
    const schedule = parseSchedule(s.faults, 'ghost');
    const live = new RaftSession(module, clock);
    live.start(cfg, schedule);
    live.advance(3000 * MS);
    expect(live.current.stopped()).toBe(true);
    const verdict = live.current.verdict();
    expect(verdict.verdict).toBe('invalid');

    const rebuilt = new RaftSession(module, clock);
    // In a side-by-side run the other column went on and took this command; this one could not.
    rebuilt.replay(cfg, schedule, [{ at: 2500 * MS, command: { kind: 'elect', node: 1 } }], 3000 * MS);
    expect(rebuilt.current.now).toBe(live.current.now);
    expect(rebuilt.stateHash()).toBe(live.stateHash());
    expect(rebuilt.current.verdict()).toEqual(verdict);
  });
});

describe('replayInChunks', () => {
  it('rebuilds the run RaftSession.replay does, bit for bit, in many small calls with progress', async () => {
    const commands: StampedRaftCommand[] = [
      { at: 4 * MS, command: { kind: 'partition', a: 0, b: 2 } },
      { at: 9 * MS, command: { kind: 'crash', node: 1, wipe: false } },
      { at: 9 * MS, command: { kind: 'heal', a: null, b: null } },
      { at: 14 * MS, command: { kind: 'restart', node: 1 } },
    ];
    const whole = new RaftSession(module, clock);
    whole.replay(config(), [], commands, 20 * MS);

    // A clock that moves 1 ms a read: every chunk of 2 ms stops after a slice or two of events.
    let ms = 0;
    const chunked = new RaftSession(module, { now: () => ms++ });
    const seen: number[] = [];
    const target: ChunkedRaftTarget = {
      start: async (c, s, live) => chunked.start(c, s, live),
      advance: async (ns, budget) => chunked.advance(ns, budget),
      apply: async (command) => chunked.apply(command),
      seek: async (ns) => chunked.seek(ns),
    };
    const status = await replayInChunks(target, config(), [], commands, 20 * MS, true, (ns) => seen.push(ns), 2);
    expect(status.now).toBe(20 * MS);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(chunked.stateHash()).toBe(whole.stateHash());
    expect(chunked.commandLog()).toEqual(whole.commandLog());
  });

  it('stops where progress throws (a cancel), without finishing the replay', async () => {
    let ms = 0;
    const session = new RaftSession(module, { now: () => ms++ });
    const target: ChunkedRaftTarget = {
      start: async (c, s, live) => session.start(c, s, live),
      advance: async (ns, budget) => session.advance(ns, budget),
      apply: async (command) => session.apply(command),
      seek: async (ns) => session.seek(ns),
    };
    const cancel = (ns: number): void => {
      if (ns > 3 * MS) throw new Error('cancelled');
    };
    await expect(replayInChunks(target, config(), [], [], 60_000 * MS, true, cancel, 2)).rejects.toThrow('cancelled');
    expect(session.current.now).toBeLessThan(60_000 * MS);
  });
});

// The live P9 check inside RaftSession, on the real kernel: under faults the verdict agrees with
// the zone checker holding the whole history, it holds few clusters, and it travels in time
// with the kernel: a seek back, a run sliced by the wall clock, and a run rebuilt from its
// commands all show the same verdict at the same time.
import { beforeAll, describe, expect, it } from 'vitest';
import { raftModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import { checkLinearizability } from './linearizability';
import { runRaft } from './run';
import { parseSchedule } from './schedule';
import { RaftSession } from './session';
import type { HistoryRecord, RaftConfig } from './types';

let module: WebAssembly.Module;
beforeAll(() => {
  module = raftModule();
});

const MS = 1_000_000;
const still = { now: () => 0 };
const FAULTS = '150ms crash 0; 300ms restart 0; 420ms partition 1 2; 520ms heal; 600ms loss 0 1 20%; 700ms crash 1; 760ms heal; 800ms restart 1';
const config = (over: Partial<RaftConfig> = {}): RaftConfig =>
  defaultConfig({ mode: 'parallel', iodepth: 16, readPct: 50, minBlocks: 1, maxBlocks: 4, blocks: 64, seed: 3, traceMessages: true, sampleNs: MS, ...over });
const window = { from: null, count: 16 };

function session(cfg: RaftConfig, clock = still): RaftSession {
  const s = new RaftSession(module, clock, { liveHistoryCheck: true });
  s.start(cfg, parseSchedule(FAULTS, 'test'));
  return s;
}

describe('the live P9 check in a session', () => {
  for (const mode of ['raft', 'parallel', 'parallel-ce'] as const) {
    it(`${mode}: linearizable under crash, partition and loss, as the whole history is, in few clusters`, () => {
      const cfg = config({ mode });
      const s = session(cfg);
      s.advance(900 * MS);
      const p9 = s.frame(window).p9!;
      expect(p9).toMatchObject({ state: 'linearizable', violation: null, note: null, blocks: 64, through: 900 * MS });
      // The same run headless, its whole history checked at once (ops in flight at the end left out, as the live check does).
      const records: HistoryRecord[] = [];
      const run = runRaft(module, { config: cfg, durationNs: 900 * MS, warmupNs: 0, schedule: parseSchedule(FAULTS, 'test'), onHistory: (r) => records.push(...r) });
      expect(run.verdict).toBe('valid');
      const whole = checkLinearizability(records, { truncated: true });
      expect(whole.ok).toBe(true);
      expect(p9.ops).toBe(whole.opsChecked);
      expect(p9.ops).toBeGreaterThan(5000);
      expect(p9.kept).toBeLessThan(p9.ops / 4);
    });
  }

  it('the verdict at a time does not depend on seeks back, wall-clock slicing or a rebuild from the commands', () => {
    const cfg = config();
    const straight = session(cfg);
    straight.advance(350 * MS);
    straight.apply({ kind: 'partition', a: 0, b: null });
    straight.advance(700 * MS);
    const expected = straight.frame(window).p9!;
    expect(expected.state).toBe('linearizable');

    // Back to before the partition and forward again (the commands given are kept).
    straight.seek(120 * MS);
    const early = straight.frame(window).p9!;
    straight.seek(700 * MS);
    expect(straight.frame(window).p9).toEqual(expected);

    // A session whose advances are cut by a wall clock that moves 1 ms per look.
    let wall = 0;
    const sliced = session(cfg, { now: () => (wall += 1) });
    while (sliced.current.now < 350 * MS) sliced.advance(350 * MS, 3);
    sliced.apply({ kind: 'partition', a: 0, b: null });
    while (sliced.current.now < 700 * MS) {
      sliced.advance(700 * MS, 3);
      sliced.frame(window); // frames in between read the history at odd times
    }
    expect(sliced.frame(window).p9).toEqual(expected);

    // Rebuilt from its description, to 120 ms and to 700 ms.
    const rebuilt = new RaftSession(module, still, { liveHistoryCheck: true });
    rebuilt.replay(cfg, parseSchedule(FAULTS, 'test'), [{ at: 350 * MS, command: { kind: 'partition', a: 0, b: null } }], 120 * MS);
    expect(rebuilt.frame(window).p9).toEqual(early);
    rebuilt.seek(700 * MS);
    expect(rebuilt.frame(window).p9).toEqual(expected);
  });

  it('turned off the check goes and the run is untouched; turned on again the run is rebuilt with the verdict it would have had', () => {
    const cfg = config();
    const always = session(cfg);
    always.advance(300 * MS);
    always.apply({ kind: 'partition', a: 0, b: null });
    always.advance(500 * MS);
    const expected = always.frame(window).p9!;
    const hash = always.stateHash();

    const toggled = session(cfg);
    toggled.advance(200 * MS);
    toggled.setLiveCheck(false);
    expect(toggled.liveCheck).toBe(false);
    expect(toggled.frame(window).p9).toBeNull();
    toggled.advance(300 * MS);
    toggled.apply({ kind: 'partition', a: 0, b: null });
    toggled.advance(500 * MS);
    expect(toggled.frame(window).p9).toBeNull();
    // Seeking works without it (any checkpoint will do), and the kernel is where the other one is.
    toggled.seek(100 * MS);
    toggled.seek(500 * MS);
    expect(toggled.stateHash()).toBe(hash);
    toggled.setLiveCheck(true);
    expect(toggled.current.now).toBe(500 * MS);
    expect(toggled.stateHash()).toBe(hash);
    expect(toggled.frame(window).p9).toEqual(expected);
    // The partition given is still in the run's log, at the time it was given (the scripted ones have a source).
    expect(toggled.commandLog().filter((c) => c.source === undefined).map((c) => [c.at, c.command.kind])).toEqual([[300 * MS, 'partition']]);
    // A new run can start with the check off.
    toggled.start(cfg, [], false);
    toggled.advance(20 * MS);
    expect(toggled.frame(window).p9).toBeNull();
  });

  it('before any op finishes: not checked yet; without the option frames carry no P9 verdict', () => {
    const s = session(config());
    expect(s.frame(window).p9).toMatchObject({ state: 'unchecked', ops: 0 });
    s.advance(20 * MS);
    expect(s.frame(window).p9!.state).toBe('linearizable');
    s.seek(0);
    expect(s.frame(window).p9).toMatchObject({ state: 'unchecked', ops: 0 });
    const plain = new RaftSession(module, still);
    plain.start(config());
    plain.advance(5 * MS);
    expect(plain.frame(window).p9).toBeNull();
  });
});

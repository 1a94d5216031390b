import { beforeAll, describe, expect, it } from 'vitest';
import { raftModule } from '../../testing/fixtures';
import { EVENT_STRIDE, MSG_DROPPED, MSG_STRIDE, SERIES_STRIDE } from './api';
import { defaultConfig } from './config';
import { KernelTrap } from './kernel';
import { LOG, STRIP_STATES } from './protocol';
import { parseSchedule } from './schedule';
import { SCENARIOS } from './scenarios';
import { RaftSession } from './session';
import type { RaftConfig } from './types';

let module: WebAssembly.Module;
beforeAll(() => {
  module = raftModule();
});

const MS = 1_000_000;
const clock = { now: () => 0 };
const config = (over: Partial<RaftConfig> = {}): RaftConfig => defaultConfig({ traceMessages: true, sampleNs: MS, ...over });

function ghost(mode: 'parallel' | 'parallel-ce'): { session: RaftSession; config: RaftConfig } {
  const s = SCENARIOS.ghost;
  const session = new RaftSession(module, clock);
  const cfg = config({ ...s.config, mode });
  session.start(cfg, parseSchedule(s.faults, 'ghost'));
  return { session, config: cfg };
}

describe('RaftSession', () => {
  it('runs, and a frame carries paired messages, log cells, samples and the verdict', () => {
    const session = new RaftSession(module, clock);
    session.start(config({ iodepth: 8 }));
    const status = session.advance(5 * MS);
    expect(status.now).toBe(5 * MS);
    const frame = session.frame({ from: null, count: 64 });
    expect(frame.reset).toBe(true);
    expect(frame.verdict.verdict).toBe('valid');
    const done = frame.messages.done;
    expect(done.length % MSG_STRIDE).toBe(0);
    expect(done.length / MSG_STRIDE).toBeGreaterThan(100);
    for (let i = 0; i < done.length; i += MSG_STRIDE) {
      expect(done[i + 1]).toBeGreaterThanOrEqual(done[i]); // received after it was sent
      expect(done[i + 2]).not.toBe(done[i + 3]); // between two different nodes
    }
    expect(frame.series.length / SERIES_STRIDE).toBeGreaterThanOrEqual(4);
    // The window follows the newest entries; with no faults the leader's cells are mostly applied.
    const w = frame.window;
    expect(w.count).toBe(64);
    const leaderCodes = [...w.code.subarray(0, 64)].map((c) => STRIP_STATES[c]);
    expect(leaderCodes.filter((s) => s === 'applied').length).toBeGreaterThan(32);
    const next = session.frame({ from: 1, count: 8 });
    expect(next.reset).toBe(false);
    expect(next.window.from).toBe(1);
    expect(next.messages.done.length).toBe(0); // nothing happened since
  });

  it('seeking back and forth reproduces the straight run bit for bit, faults included', () => {
    const straight = new RaftSession(module, clock);
    straight.start(config());
    straight.advance(7 * MS);
    straight.apply({ kind: 'partition', a: 0, b: 2 });
    straight.advance(23 * MS);
    const hash = straight.stateHash();

    const wandering = new RaftSession(module, clock);
    wandering.start(config());
    wandering.advance(7 * MS);
    wandering.apply({ kind: 'partition', a: 0, b: 2 });
    wandering.advance(23 * MS);
    wandering.seek(3 * MS);
    expect(wandering.current.now).toBe(3 * MS);
    expect(wandering.stateHash()).not.toBe(hash);
    wandering.seek(23 * MS);
    expect(wandering.stateHash()).toBe(hash);
    expect(wandering.commandLog().map((c) => c.at)).toEqual([7 * MS]);
    expect(wandering.memory().checkpoints).toBeGreaterThan(0);
  });

  it('a command after seeking back rewrites the future the user made, not a scenario', () => {
    const session = new RaftSession(module, clock);
    session.start(config(), parseSchedule('20ms crash 1'));
    session.advance(10 * MS);
    session.apply({ kind: 'loss', from: 0, to: 1, percent: 5, both: true });
    session.advance(30 * MS);
    session.seek(5 * MS);
    session.apply({ kind: 'limp', node: 2, factor: 3 });
    expect(session.commandLog().map((c) => [c.at, c.command.kind])).toEqual([[5 * MS, 'limp'], [20 * MS, 'crash']]);
  });

  it('a refused command leaves no trace in the log', () => {
    const session = new RaftSession(module, clock);
    session.start(config());
    session.advance(MS);
    expect(() => session.apply({ kind: 'crash', node: 7, wipe: false })).toThrow(/refused/);
    expect(session.commandLog()).toEqual([]);
  });

  it('a kernel trap restores the last good state', () => {
    const session = new RaftSession(module, clock);
    session.start(config());
    session.advance(12 * MS);
    const hash = session.stateHash();
    const report = session.debugTrap();
    expect(report.restoredNs).toBe(12 * MS);
    expect(report.during).toBe('debug trap');
    expect(session.stateHash()).toBe(hash);
    // It carries on afterwards.
    expect(session.advance(14 * MS).now).toBe(14 * MS);
    expect(() => session.current.debugTrap()).toThrow(KernelTrap);
  });

  it('the ghost scenario stops at the violating event in parallel mode and passes in CE', () => {
    const paper = ghost('parallel').session;
    const status = paper.advance(SCENARIOS.ghost.durationNs);
    expect(status.stopped).toBe(true);
    const frame = paper.frame({ from: null, count: 32 });
    expect(frame.verdict.verdict).toBe('invalid');
    const v = frame.verdict.violations[0];
    expect(v.at).toBe(status.now);
    expect(status.now).toBeLessThan(SCENARIOS.ghost.durationNs);
    // The merges that revived the ghost are in the frame's events.
    const kinds = new Set<number>();
    for (let i = 0; i < frame.events.records.length; i += EVENT_STRIDE) kinds.add(frame.events.records[i + 1]);
    expect(kinds.has(LOG.merge)).toBe(true);
    expect(kinds.has(LOG.role)).toBe(true);
    expect(() => paper.apply({ kind: 'heal', a: null, b: null })).toThrow(/stopped/);

    const ce = ghost('parallel-ce').session;
    const ceStatus = ce.advance(SCENARIOS.ghost.durationNs);
    expect(ceStatus.stopped).toBe(false);
    expect(ce.frame({ from: null, count: 8 }).verdict.verdict).toBe('valid');
  });

  it('a partition shows as dropped messages', () => {
    const session = new RaftSession(module, clock);
    session.start(config());
    session.advance(2 * MS);
    session.frame({ from: null, count: 1 });
    session.apply({ kind: 'partition', a: 0, b: 1 });
    session.advance(4 * MS);
    const done = session.frame({ from: null, count: 1 }).messages.done;
    let dropped01 = 0;
    for (let i = 0; i < done.length; i += MSG_STRIDE) {
      if (done[i + 7] === MSG_DROPPED && ((done[i + 2] === 0 && done[i + 3] === 1) || (done[i + 2] === 1 && done[i + 3] === 0))) dropped01++;
    }
    expect(dropped01).toBeGreaterThan(10);
  });
});

describe('RaftSession, sliced by wall time', () => {
  it('a run cut into wall-time slices reaches the state of a straight run, even when it stops on a command time', () => {
    const s = SCENARIOS.ghost;
    const cfg = config({ ...s.config, mode: 'parallel-ce' });
    const schedule = parseSchedule(s.faults, 'ghost');
    // 503 ms is the time of several scheduled faults: the slice may end right there.
    for (const target of [503 * MS, 510 * MS]) {
      const straight = new RaftSession(module, clock);
      straight.start(cfg, schedule);
      straight.advance(target);
      let tick = 0;
      const sliced = new RaftSession(module, { now: () => (tick += 1) });
      sliced.start(cfg, schedule);
      while (sliced.current.now < target && !sliced.current.stopped()) sliced.advance(target, 1);
      expect(sliced.stateHash()).toBe(straight.stateHash());
      sliced.seek(0);
      sliced.seek(target);
      expect(sliced.stateHash()).toBe(straight.stateHash());
    }
  });
});

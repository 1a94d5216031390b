// LogIndexSession on the real logindex.wasm: time travel, replay, the rewritten future, the
// stop at a violation and trap recovery, each checked by the kernel's state hash.
import { describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import { SERIES_STRIDE } from './api';
import { BREAK_FAULTS } from './protocol';
import { runLogIndex } from './run';
import { parseSchedule } from './schedule';
import { LogIndexSession } from './session';
import { KernelTrap } from '../wasmKernel';
import type { LogIndexConfig } from './types';

const MS = 1_000_000;
const config = (over: Partial<LogIndexConfig> = {}): LogIndexConfig => ({ ...defaultConfig(), ...over });
const FAULTS = parseSchedule('300ms crash ro2; 700ms restart ro2; 900ms crash rw; 1000ms promote ro1');
/** A clock that moves 1 ms each time it is read: wall-time budgets cut work at every chance. */
const ticking = () => {
  let t = 0;
  return { now: () => t++ };
};

function straightHash(cfg: LogIndexConfig, seed: number, toNs: number, schedule = FAULTS): string {
  const s = new LogIndexSession(logindexModule());
  s.start(cfg, schedule, seed);
  s.advance(toNs);
  return s.stateHash();
}

describe('LogIndexSession', () => {
  it('runs like the headless run, bit for bit', () => {
    const s = new LogIndexSession(logindexModule());
    const status = s.start(config(), FAULTS, 5);
    expect(status).toEqual({ now: 0, stopped: false });
    expect(s.advance(1200 * MS)).toEqual({ now: 1200 * MS, stopped: false });
    const headless = runLogIndex(logindexModule(), config(), 5, 1200 * MS, FAULTS);
    expect(s.stateHash()).toBe(headless.stateHash());
    expect(s.frame().summary).toEqual(headless.summary);
    expect(headless.summary.writer).toBe('ro1');
  });

  it('seeks back and forward to the state hash of a straight run', () => {
    const s = new LogIndexSession(logindexModule(), undefined, { checkpointEvents: 20_000 });
    s.start(config(), FAULTS, 2);
    s.advance(1300 * MS);
    expect(s.memory().checkpoints).toBeGreaterThan(2);
    expect(s.seek(450 * MS).now).toBe(450 * MS);
    expect(s.stateHash()).toBe(straightHash(config(), 2, 450 * MS));
    expect(s.frame().reset).toBe(true);
    expect(s.frame().reset).toBe(false);
    s.seek(1100 * MS);
    expect(s.stateHash()).toBe(straightHash(config(), 2, 1100 * MS));
    s.seek(0);
    expect(s.stateHash()).toBe(straightHash(config(), 2, 0));
  });

  it('cuts work by wall time without changing the run', () => {
    const s = new LogIndexSession(logindexModule(), ticking());
    s.start(config({ ro: 6 }), FAULTS, 4);
    let calls = 0;
    while (s.advance(1100 * MS, 1).now < 1100 * MS) calls++;
    expect(calls).toBeGreaterThan(1);
    expect(s.stateHash()).toBe(straightHash(config({ ro: 6 }), 4, 1100 * MS));
  });

  it('replays (config, schedule, commands, time) to the live run', () => {
    const live = new LogIndexSession(logindexModule());
    live.start(config({ mode: 'full' }), FAULTS, 9);
    live.advance(200 * MS);
    expect(live.apply({ kind: 'delay', node: 3, ns: 2 * MS }).applied).toBe(true);
    live.advance(500 * MS);
    expect(live.apply({ kind: 'slow-storage', factor: 20 }).applied).toBe(true);
    expect(live.apply({ kind: 'restart', node: 1 }).applied).toBe(false); // ro1 is up: refused, not logged
    live.advance(800 * MS);
    live.apply({ kind: 'heal', node: null });
    live.advance(1250 * MS);
    const given = live.commandLog().filter((c) => !FAULTS.some((f) => f.at === c.at && f.command.kind === c.command.kind));
    expect(given.map((c) => c.at)).toEqual([200 * MS, 500 * MS, 800 * MS]);

    const rebuilt = new LogIndexSession(logindexModule());
    expect(rebuilt.replay(config({ mode: 'full' }), FAULTS, given, 1250 * MS, 9)).toEqual({ now: 1250 * MS, stopped: false });
    expect(rebuilt.stateHash()).toBe(live.stateHash());
    expect(rebuilt.commandLog()).toEqual(live.commandLog());
  });

  it('drops the old future when a command is given after a seek back; the schedule stays', () => {
    const s = new LogIndexSession(logindexModule());
    s.start(config(), FAULTS, 3);
    s.advance(600 * MS);
    s.apply({ kind: 'partition', node: 3 });
    s.advance(1200 * MS);
    s.seek(400 * MS);
    s.apply({ kind: 'loss', node: 2, permille: 100 });
    const log = s.commandLog();
    expect(log.some((c) => c.command.kind === 'partition')).toBe(false);
    expect(log.filter((c) => c.command.kind === 'loss')).toEqual([{ at: 400 * MS, command: { kind: 'loss', node: 2, permille: 100 } }]);
    expect(log.filter((c) => ['crash', 'restart', 'promote'].includes(c.command.kind))).toHaveLength(FAULTS.length);
    s.advance(1200 * MS);

    const fresh = new LogIndexSession(logindexModule());
    fresh.start(config(), FAULTS, 3);
    fresh.advance(400 * MS);
    fresh.apply({ kind: 'loss', node: 2, permille: 100 });
    fresh.advance(1200 * MS);
    expect(s.stateHash()).toBe(fresh.stateHash());
  });

  it('stops at a violation, at its time, however the work was sliced', () => {
    const cfg = config({ broken: ['flush-control-off'] });
    const faults = parseSchedule(BREAK_FAULTS['flush-control-off']);
    const straight = new LogIndexSession(logindexModule());
    straight.start(cfg, faults, 1);
    const status = straight.advance(3000 * MS);
    expect(status.stopped).toBe(true);
    const violation = straight.frame().summary.violation!;
    expect(violation.property).toBe('L2');
    expect(status.now).toBe(violation.atNs);
    expect(() => straight.apply({ kind: 'heal', node: null })).toThrow(/stopped at .* violation/);

    const sliced = new LogIndexSession(logindexModule(), ticking());
    sliced.start(cfg, faults, 1);
    while (!sliced.advance(3000 * MS, 2).stopped);
    expect(sliced.stateHash()).toBe(straight.stateHash());

    // Back before it, the run goes on; forward again, it stops in the same state.
    expect(straight.seek(violation.atNs - 1).stopped).toBe(false);
    expect(straight.seek(3000 * MS).now).toBe(violation.atNs);
    expect(straight.stateHash()).toBe(sliced.stateHash());
  });

  it('recovers from a trap to the last good state', () => {
    const s = new LogIndexSession(logindexModule());
    s.start(config(), FAULTS, 6);
    s.advance(800 * MS);
    const good = s.stateHash();
    // Damage the state as a kernel bug would: every pointer in it now leads out of memory.
    s.current.memoryBytes().fill(0xff, 0, s.current.snapshot().length);
    let trap: unknown = null;
    try {
      s.advance(900 * MS);
    } catch (error) {
      trap = error;
    }
    expect(trap).toBeInstanceOf(KernelTrap);
    expect((trap as KernelTrap).reason).toMatch(/restored the state at 800\.000 ms/);
    expect((trap as KernelTrap).during).toBe('run to 900.000 ms');
    expect(s.frame().summary.nowNs).toBe(800 * MS);
    expect(s.stateHash()).toBe(good);
    s.advance(1100 * MS);
    expect(s.stateHash()).toBe(straightHash(config(), 6, 1100 * MS));
  });

  it('keeps its checkpoints within the byte budget', () => {
    const s = new LogIndexSession(logindexModule(), undefined, { checkpointEvents: 5_000 });
    s.start(config({ ro: 1, writeTps: 500, readQps: 500 }), [], 1);
    const budget = s.memory().checkpointBytes + 4 * 1024 * 1024;
    s.setCheckpointBudget(budget);
    s.advance(6000 * MS);
    const m = s.memory();
    expect(m.checkpointBytes).toBeLessThanOrEqual(budget);
    expect(m.checkpoints).toBeGreaterThan(1);
    s.seek(1234 * MS);
    expect(s.stateHash()).toBe(straightHash(config({ ro: 1, writeTps: 500, readQps: 500 }), 1, 1234 * MS, []));
  });

  it('frames carry the lanes, the flush list and the lag samples once each, all of them again on a reset', () => {
    const s = new LogIndexSession(logindexModule());
    s.start(config({ ro: 4 }), parseSchedule('100ms delay ro3 2ms'), 8);
    s.advance(300 * MS);
    const first = s.frame();
    expect(first.reset).toBe(true);
    expect(first.nodes.map((n) => n.name)).toEqual(['rw', 'ro1', 'ro2', 'ro3', 'ro4']);
    expect(first.nodes[3].delayNs).toBe(2 * MS);
    expect(first.writer.dirtyPages).toBe(first.writer.flushable + first.writer.blocked);
    expect(first.flushList.length).toBeGreaterThan(0);
    const ticks = (f: { series: Float64Array }) => f.series.length / SERIES_STRIDE;
    expect(ticks(first)).toBe(300); // one sample per 1 ms tick
    s.advance(350 * MS);
    const next = s.frame();
    expect(next.reset).toBe(false);
    expect(ticks(next)).toBe(50);
    expect(next.series[0]).toBe(301 * MS);
    expect(ticks(s.frame())).toBe(0);
    s.seek(120 * MS);
    const back = s.frame();
    expect(back.reset).toBe(true);
    expect(ticks(back)).toBe(120);
    expect(back.series[back.series.length - SERIES_STRIDE]).toBe(120 * MS);
    // Looking changes nothing.
    s.page(5, 2);
    expect(s.stateHash()).toBe(straightHash(config({ ro: 4 }), 8, 120 * MS, parseSchedule('100ms delay ro3 2ms')));
  });

  it('inspects one page from a node, and refuses a page or node that does not exist', () => {
    const s = new LogIndexSession(logindexModule());
    s.start(config({ ro: 2 }), [], 9);
    s.advance(600 * MS);
    const page = s.page(0, 1);
    expect(page.page).toBe(0);
    expect(page.node).toBe(1);
    expect(page.entries[0].lsn).toBe(page.writerLsn);
    expect(page.writerImage).toMatch(/^[0-9a-f]{16}$/);
    expect(() => s.page(4096, 1)).toThrow('page 4096 does not exist (0..4095)');
    expect(() => s.page(1.5, 1)).toThrow('page 1.5 does not exist');
    expect(() => s.page(0, 3)).toThrow('node 3 does not exist (0 the writer, 1..2 the replicas)');
  });

  it('refuses a time that is not a number', () => {
    const s = new LogIndexSession(logindexModule());
    expect(() => s.advance(MS)).toThrow(/start one first/);
    s.start(config());
    expect(() => s.seek(Number.NaN)).toThrow(/NaN is not a time/);
  });
});

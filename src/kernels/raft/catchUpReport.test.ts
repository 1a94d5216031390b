// Every catch-up of a headless run, as `hlab raft` reports it (spec §1.4), on the real raft.wasm:
// a follower that loses its disk is streamed back (case 1), one cut off while the others elect a
// new leader comes back by fast catch-up (case 2 or 3). The run reads them from the event ring
// as it goes, so one long over before the run ends is still there.
import { describe, expect, test } from 'vitest';
import { defaultConfig } from './config';
import { runRaft } from './run';
import { parseSchedule } from './schedule';
import { piecesFor } from './catchUp';
import { catchUpLine, catchUpReports } from './catchUpReport';
import type { RaftMode } from './protocol';
import type { RaftConfig } from './types';
import { raftModule } from '../../testing/fixtures';

const MS = 1e6;

function run(config: Partial<RaftConfig>, faults: string, durationNs: number) {
  return runRaft(raftModule(), {
    config: defaultConfig(config), durationNs, settleNs: 2000 * MS, schedule: parseSchedule(faults, 'test'),
  });
}

// Node 2 loses its disk at 300 ms and is back at 800 ms; the run goes on to 2 s, long after the
// catch-up's records have left the event ring.
const WIPE = '300ms crash 2 wipe; 800ms restart 2';
// A 100 ms partition of node 2 while nodes 0 and 1 elect node 1 (term 2). Election timers of
// seconds and no periodic checkpoint: only the forced election happens, and LC stays put.
const PARTITION = '100ms partition 2; 150ms elect 1; 200ms heal';
const QUIET = { iodepth: 4, electionMinNs: 150 * MS, electionMaxNs: 10_000 * MS, checkpointNs: 10_000 * MS };

describe('a run reports every catch-up', () => {
  test.each(['parallel', 'parallel-ce', 'raft'] as RaftMode[])('%s: a crash with disk loss and a restart stream the follower back (case 1)', (mode) => {
    const r = run({ mode, iodepth: 8 }, WIPE, 2000 * MS);
    expect(r.verdict, r.reason).toBe('valid');
    expect(r.settle).toBe('compared');
    expect(r.catchUpRecordsLost).toBe(0);
    // Read only at the end, the ring no longer holds it: the run had to collect it on the way.
    expect(r.kernel.catchUpLog()).toEqual([]);
    expect(r.catchUps).toHaveLength(1);
    const c = r.catchUps[0];
    expect(c).toMatchObject({
      follower: 2, leader: 0, case: 1, reason: 'lc-past-fl', fc: 0, fa: 0, outcome: 'done',
      pieces: piecesFor(2560), piecesSent: piecesFor(2560), piecesReceived: piecesFor(2560), dataBlocks: 2560, pruned: 0,
    });
    expect(c.lc).toBeGreaterThan(c.fl);
    // [I] Raft's FL is the leader's view (its next index less one, from before the crash).
    if (mode !== 'raft') expect(c.fl).toBe(0);
    expect(c.dataEntries).toBeGreaterThanOrEqual(c.lc);
    expect(c.logEntries).not.toBeNull();
    expect(c.startNs).toBeGreaterThanOrEqual(800 * MS);
    expect(c.startNs).toBeLessThan(900 * MS);
    expect(c.endNs!).toBeGreaterThan(c.startNs);
    expect(c.tookUs).toBe(Math.round((c.endNs! - c.startNs) / 100) / 10);
    // The kernel's state of node 2's latest catch-up is this one.
    const state = r.kernel.catchUps()[2]!;
    expect([state.startAt, state.doneAt, state.lc, state.received]).toEqual([c.startNs, c.endNs, c.lc, c.piecesReceived]);
  });

  test.each(['parallel', 'parallel-ce'] as RaftMode[])('%s: a short partition across an election ends in fast catch-up (case 2 or 3)', (mode) => {
    const r = run({ ...QUIET, mode }, PARTITION, 400 * MS);
    expect(r.verdict, r.reason).toBe('valid');
    expect(r.settle).toBe('compared');
    expect(r.catchUps).toHaveLength(1);
    const c = r.catchUps[0];
    expect(c.follower).toBe(2);
    expect(c.leader).toBe(1);
    expect([2, 3]).toContain(c.case);
    expect(c.reason).toBe(c.case === 2 ? 'fl-reaches-lc' : 'stale-older-terms');
    expect(c.fl).toBeGreaterThanOrEqual(c.lc);
    expect(c.fc!).toBeLessThanOrEqual(c.fa!);
    expect(c.fa!).toBeLessThanOrEqual(c.fl);
    expect([c.pieces, c.piecesSent, c.piecesReceived]).toEqual([0, 0, 0]);
    // Holes up to LC come from the data blocks (none when FA >= LC); the rest from the log.
    expect(c.dataEntries).toBe(c.fa! < c.lc ? c.lc - c.fa! : 0);
    expect(c.logEntries).toBeGreaterThan(0);
    expect(c.outcome).toBe('done');
    expect(c.startNs).toBeGreaterThanOrEqual(200 * MS);
    expect(c.endNs!).toBeGreaterThan(c.startNs);
  });

  test('one line per catch-up says who, which case and why, the marks, the fills and the times', () => {
    const r = run({ ...QUIET, mode: 'parallel' }, `${PARTITION}; 600ms crash 0 wipe; 900ms restart 0`, 1200 * MS);
    expect(r.verdict, r.reason).toBe('valid');
    const lines = r.catchUps.map(catchUpLine);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^catch-up of node 2 by leader 1: case [23] \(FL >= LC.*\); LC \d+, FL \d+, FC \d+, FA \d+; from data: \d+ entries in \d+ blocks, from log: [1-9]\d* entries; 2\d\d\.\d{3} ms to \d+\.\d{3} ms \([\d.]+ us\)$/);
    const wiped = r.catchUps.findIndex((c) => c.follower === 0);
    expect(lines[wiped]).toMatch(/^catch-up of node 0 by leader 1: case 1 \(LC > FL, streaming\); LC \d+, FL 0, FC 0, FA 0; 80\/80 pieces of 128 KB received, 80 sent; /);
  });
});

describe('catchUpReports', () => {
  const base = {
    follower: 2, leader: 0, case: 1 as const, reason: 'lc-past-fl' as const, session: 1, lc: 100, fl: 10, fc: 5, fa: 10,
    startAt: 1_000_000, doneAt: null, tookUs: null, pieces: 80, piecesSent: 40, resent: 3, piecesReceived: 30,
    dataEntries: null, dataBlocks: null, logEntries: null, pruned: 0, prunedFrom: null,
  };

  test('an unfinished one is replaced when a newer one of the same follower began, else abandoned or running as the kernel says', () => {
    const later = { ...base, session: 2, startAt: 5_000_000 };
    const [first, second] = catchUpReports([base, later], [null, null, null]);
    expect(first.outcome).toBe('replaced');
    expect(second.outcome).toBe('running');
    expect(second.endNs).toBeNull();
    expect(second.tookUs).toBeNull();
    expect(second.dataEntries).toBeNull(); // not installed: not known yet
    const abandoned = { session: 2, abandoned: true } as unknown as NonNullable<Parameters<typeof catchUpReports>[1][number]>;
    expect(catchUpReports([later], [null, null, abandoned])[0].outcome).toBe('abandoned');
    // Sessions are compared modulo 2^15, as the event log carries them.
    const wrapped = { session: 2 + 0x8000, abandoned: true } as unknown as NonNullable<Parameters<typeof catchUpReports>[1][number]>;
    expect(catchUpReports([later], [null, null, wrapped])[0].outcome).toBe('abandoned');
    expect(catchUpLine(second)).toMatch(/30\/80 pieces of 128 KB received, 40 sent \+ 3 re-sent; nothing installed; 5\.000 ms, running$/);
  });

  test('a finished one with no fill record filled nothing from that source', () => {
    const done = { ...base, case: 2 as const, reason: null, pieces: 0, piecesSent: 0, resent: 0, piecesReceived: 0, doneAt: 1_250_000, logEntries: 4 };
    const [c] = catchUpReports([done], [null, null, null]);
    expect(c).toMatchObject({ reason: 'fl-reaches-lc', dataEntries: 0, dataBlocks: 0, logEntries: 4, endNs: 1_250_000, tookUs: 250, outcome: 'done' });
  });
});

// Spec §1.4: "If LC is older than FC, the leader first takes a new checkpoint, so that LC >= FC
// always holds." A scripted run on the real raft.wasm reaches that branch: node 2 takes a
// checkpoint of its own and is cut off; nodes 0 and 1 elect node 1, whose checkpoint is still
// the initial one (periodic checkpoints are 10 s apart); when node 2 returns it missed term 2's
// sync window, so node 1 catches it up with LC < FC. The event log must show node 1's
// checkpoint at the catch-up's instant, just before it, and the case chosen from the new LC.
import { describe, expect, test } from 'vitest';
import { RaftKernel } from './kernel';
import { defaultConfig } from './config';
import { parseSchedule } from './schedule';
import type { RaftMode } from './protocol';
import type { LogRecord } from './types';
import { raftModule } from '../../testing/fixtures';

const MS = 1e6;
// Election timers of seconds and no periodic checkpoint: only the scripted ones happen.
const QUIET = { iodepth: 4, electionMinNs: 150 * MS, electionMaxNs: 10_000 * MS, checkpointNs: 10_000 * MS };
const HEAL = 200 * MS;
// Clients pause first, so node 1's log is as new as node 0's (node 0 votes for it) and node 2
// holds everything; they resume after the catch-up: the leader's applied prefix equals FL, so
// the new LC reaches FL and the catch-up is fast (case 2).
const PAUSED = '100ms iodepth 0; 101ms checkpoint 2; 101ms partition 2; 102ms elect 1; 200ms heal; 300ms iodepth 4';
// Clients resume before the heal: node 1 applies more while node 2 is away, so its new
// checkpoint is past FL and the catch-up streams (case 1, LC > FL), where LC = 0 would have
// meant a fast one.
const RESUMED = '100ms checkpoint 2; 100ms partition 2; 100ms iodepth 0; 101ms elect 1; 110ms iodepth 4; 200ms heal';
// Every record but the many applies and commits (nothing between a checkpoint and a catch-up's
// start writes those), so "just before" below means just before in the kernel's log.
const SKIPPED = new Set(['apply', 'commit']);

/** Runs the schedule to `until`, keeping the event-log records but SKIPPED (read in slices, before the ring laps). */
function runLogged(kernel: RaftKernel, faults: string, from: number, until: number, into: LogRecord[]): void {
  let seen = kernel.query('logTotal');
  const schedule = parseSchedule(faults, 'test').filter((c) => c.at >= from);
  kernel.runSchedule(until, schedule, () => {
    for (const r of kernel.events(seen)) if (!SKIPPED.has(r.kind)) into.push(r);
    seen = kernel.query('logTotal');
  }, 4096);
}

/** Applies `settle` and runs until the replicas were compared (P6) or 2 s passed. */
function settle(kernel: RaftKernel): void {
  kernel.apply({ kind: 'settle' });
  const limit = kernel.now + 2000 * MS;
  while (kernel.summary().settle !== 'compared' && !kernel.stopped() && kernel.now < limit) kernel.runSchedule(kernel.now + 10 * MS, []);
}

function scenario(mode: RaftMode, faults: string) {
  const kernel = new RaftKernel(raftModule(), defaultConfig({ ...QUIET, mode }));
  const log: LogRecord[] = [];
  runLogged(kernel, faults, 0, HEAL - 1, log);
  const before = kernel.nodes();
  runLogged(kernel, faults, HEAL - 1, 400 * MS, log);
  const latest = kernel.catchUps()[2];
  settle(kernel);
  return { kernel, log, before, latest };
}

describe('LC < FC: the leader takes a checkpoint before it picks the case', () => {
  test.each(['parallel', 'parallel-ce'] as RaftMode[])('%s, clients paused: checkpoint first, then fast catch-up from LC = FL', (mode) => {
    const { kernel, log, before, latest } = scenario(mode, PAUSED);
    // Just before the heal: node 1 leads term 2 with its initial checkpoint, below node 2's.
    expect(before[1].role).toBe('leader');
    expect(before[2].syncTerm).toBeLessThan(before[1].term);
    const lcBefore = before[1].checkpoint;
    const fc = before[2].checkpoint;
    expect(fc).toBeGreaterThan(0);
    expect(lcBefore).toBeLessThan(fc);

    const at = log.findIndex((r) => r.kind === 'catchup');
    expect(at).toBeGreaterThan(0);
    const start = log[at];
    expect(start.a & 15).toBe(2); // follower
    expect((start.a >> 4) & 15).toBe(1); // leader
    expect(start.at).toBeGreaterThanOrEqual(HEAL);
    // The record just before it: node 1's checkpoint, at the same instant, at the LC the case used.
    expect(log[at - 1]).toMatchObject({ kind: 'checkpoint', at: start.at, a: 1, b: start.b });
    expect(log.slice(0, at - 1).some((r) => r.kind === 'checkpoint' && r.a === 1)).toBe(false);
    const cu = latest!;
    expect(cu.leader).toBe(1);
    expect(cu.fc).toBe(fc);
    expect(cu.lc).toBe(start.b);
    expect(cu.lc).toBeGreaterThanOrEqual(cu.fc); // LC >= FC, as the spec promises
    expect(cu.lc).toBe(before[1].appliedPrefix); // the new checkpoint is the leader's applied prefix
    expect(cu.case).toBe(2);
    expect(cu.fl).toBeGreaterThanOrEqual(cu.lc);
    expect(cu.doneAt).not.toBeNull();
    expect(cu.abandoned).toBe(false);
    expect(kernel.nodes()[1].checkpoint).toBeGreaterThanOrEqual(fc);

    const v = kernel.verdict();
    expect(v.verdict, v.reason).toBe('valid');
    expect(kernel.summary().settle).toBe('compared');
    expect(kernel.summary().replicasConverged).toBe(3);
  });

  test.each(['parallel', 'parallel-ce'] as RaftMode[])('%s, clients running: the new LC is past FL, so the catch-up streams (case 1)', (mode) => {
    const { kernel, log, before, latest } = scenario(mode, RESUMED);
    expect(before[1].role).toBe('leader');
    expect(before[1].checkpoint).toBeLessThan(before[2].checkpoint);
    const at = log.findIndex((r) => r.kind === 'catchup');
    expect(at).toBeGreaterThan(0);
    expect(log[at - 1]).toMatchObject({ kind: 'checkpoint', at: log[at].at, a: 1, b: log[at].b });
    const cu = latest!;
    expect(cu.lc).toBe(log[at].b);
    expect(cu.fc).toBe(before[2].checkpoint);
    expect(cu.lc).toBeGreaterThan(cu.fl); // chosen from the new LC: with the old one (below FC <= FL) it would be fast
    expect(before[1].checkpoint).toBeLessThanOrEqual(cu.fl);
    expect(cu.case).toBe(1);
    expect(cu.reason).toBe('lc-past-fl');
    expect(cu.received).toBe(cu.pieces);
    expect(cu.doneAt).not.toBeNull();

    const v = kernel.verdict();
    expect(v.verdict, v.reason).toBe('valid');
    expect(kernel.summary().settle).toBe('compared');
  });
});

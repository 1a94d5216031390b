// Catch-up (spec §1.4) on the real raft.wasm: each of the three cases reached by a scripted
// fault schedule, the 128 KB pieces of streaming catch-up (re-sent under loss), the event log a
// view reads, and P6 convergence once the replicas have caught up (`settle`).
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { RaftKernel } from './kernel';
import { defaultConfig } from './config';
import { runRaft } from './run';
import { parseSchedule } from './schedule';
import { CatchUpHistory, piecesFor } from './catchUp';
import type { RaftMode } from './protocol';
import type { RaftConfig } from './types';
import { PROJECT_ROOT } from '../../testing/fixtures';

let compiled: WebAssembly.Module | null = null;
function raftModule(): WebAssembly.Module {
  if (!compiled) {
    const path = join(PROJECT_ROOT, 'build', 'wasm', 'raft.wasm');
    if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build:wasm" first`);
    compiled = new WebAssembly.Module(readFileSync(path));
  }
  return compiled;
}

const MS = 1e6;

/** Runs the faults, then settles (P6 is compared once every replica has caught up). */
function settled(config: Partial<RaftConfig>, faults: string, durationNs = 600 * MS) {
  return runRaft(raftModule(), {
    config: defaultConfig(config), durationNs, settleNs: 2000 * MS, schedule: parseSchedule(faults, 'test'),
  });
}

/** Runs the faults reading the event log as it goes (in slices small enough that the ring never laps). */
function logged(config: Partial<RaftConfig>, faults: string, durationNs: number) {
  const kernel = new RaftKernel(raftModule(), defaultConfig(config));
  const history = new CatchUpHistory(64);
  let seen = 0;
  kernel.runSchedule(durationNs, parseSchedule(faults, 'test'), () => {
    seen = kernel.readCatchUps(history, seen);
  }, 4096);
  return { kernel, history: history.list };
}

const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// Follower 2 is down while the leader checkpoints past everything it holds.
const CRASH_PAST_CHECKPOINT = '100ms crash 2; 300ms checkpoint 0; 400ms restart 2';
// Election timers of at least 150 ms but usually seconds: the follower cut off does not start
// elections of its own, and no periodic checkpoint moves LC.
const QUIET = { iodepth: 4, electionMinNs: 150 * MS, electionMaxNs: 10_000 * MS, checkpointNs: 10_000 * MS };
// A burst of loss leaves follower 2 holes (their ranges known from LBBs) just below the leader's
// checkpoint, and it is cut off before retransmission fills them: it comes back with FL >= LC > FA.
const HOLES_BELOW_CHECKPOINT = '100ms loss 0>2 10%; 101ms checkpoint 0; 101ms partition 2; 280ms heal';
// The ghost recipe (scenarios.ts) with node 2 cut off holding term-1 entries nobody else has;
// node 1 leads term 2 (merging with node 0 only) and seals those indices; then node 2 returns.
const STALE_OLD_TERM = [
  '500ms limp 0 10000x; 500ms oneway 2 0; 500ms oneway 0 1',
  '503ms heal 0 1; 503ms oneway 0 2; 503100us write 0 32',
  '503300us crash 0; 503400us heal; 503400us partition 2; 503400us limp 0 off',
  '600ms restart 0; 700ms elect 1; 1000ms heal',
].join('; ');
const STALE_CONFIG = { clients: 1, iodepth: 4, blocks: 32, thinkNs: 1 * MS, checkpointNs: 20_000 * MS, electionMinNs: 150 * MS, electionMaxNs: 10_000 * MS };

describe('case 1: streaming catch-up in 128 KB pieces', () => {
  test.each(['parallel', 'parallel-ce', 'raft'] as RaftMode[])('%s: a follower that was down past the checkpoint gets every piece, then converges', (mode) => {
    const blocks = 1000; // 31.25 pieces of 128 KB: the last one is partial
    const r = settled({ mode, blocks, iodepth: 8 }, CRASH_PAST_CHECKPOINT);
    expect(r.verdict, r.reason).toBe('valid');
    expect(r.settle).toBe('compared');
    expect(r.kernel.summary().replicasConverged).toBe(3);
    const [none0, none1, cu] = r.kernel.catchUps();
    expect(none0).toBeNull();
    expect(none1).toBeNull();
    expect(cu).not.toBeNull();
    expect(cu!.case).toBe(1);
    expect(cu!.reason).toBe('lc-past-fl');
    expect(cu!.leader).toBe(0);
    expect(cu!.lc).toBeGreaterThan(cu!.fl);
    expect(cu!.pieces).toBe(piecesFor(blocks));
    expect(cu!.pieces).toBe(32);
    expect(cu!.received).toBe(32);
    expect([...cu!.got]).toEqual(new Array(32).fill(1));
    expect(cu!.sent).toBe(32); // no loss: nothing sent twice
    expect(cu!.dataBlocks).toBe(blocks);
    expect(cu!.startAt).toBeGreaterThanOrEqual(400 * MS);
    expect(cu!.doneAt).not.toBeNull();
    expect(cu!.doneAt!).toBeGreaterThan(cu!.startAt);
    expect(cu!.abandoned).toBe(false);
  });

  test('the event log tells the case, why, each piece sent and received, the fills and the time taken', () => {
    const { history } = logged({ mode: 'parallel', blocks: 1000, iodepth: 8 }, CRASH_PAST_CHECKPOINT, 450 * MS);
    expect(history).toHaveLength(1);
    const h = history[0];
    expect(h).toMatchObject({ follower: 2, leader: 0, case: 1, reason: 'lc-past-fl', pieces: 32, piecesSent: 32, resent: 0, piecesReceived: 32, dataBlocks: 1000, pruned: 0 });
    expect(h.lc).toBeGreaterThan(h.fl);
    expect(h.fa).toBe(h.fl); // a crash loses no durable entry: applied up to where it holds entries
    expect(h.fc).toBeLessThanOrEqual(h.fa!);
    expect(h.dataEntries).toBeGreaterThan(0);
    expect(h.logEntries).not.toBeNull();
    expect(h.doneAt).not.toBeNull();
    expect(h.tookUs).toBe(Math.trunc((h.doneAt! - h.startAt) / 1000));
  });

  test('under 30% loss, lost pieces are sent again and the follower still gets all of them', () => {
    const r = settled({ mode: 'parallel', iodepth: 8 }, '100ms crash 2; 300ms checkpoint 0; 390ms loss 0>2 30%; 400ms restart 2');
    expect(r.verdict, r.reason).toBe('valid');
    expect(r.settle).toBe('compared');
    const cu = r.kernel.catchUps()[2]!;
    expect(cu.case).toBe(1);
    expect(cu.pieces).toBe(80); // the default 2,560 blocks = 10 MB
    expect(cu.received).toBe(80);
    expect(cu.sent).toBeGreaterThan(80);
    expect(cu.doneAt).not.toBeNull();
  });

  test('a snapshot taken mid-stream restores to the same run bit for bit', () => {
    const k = new RaftKernel(raftModule(), defaultConfig({ mode: 'parallel', iodepth: 8 }));
    k.runSchedule(400 * MS, parseSchedule(CRASH_PAST_CHECKPOINT, 'test'));
    k.advance(400.3 * MS);
    const mid = k.catchUps()[2]!;
    expect(mid.case).toBe(1);
    expect(mid.received).toBeGreaterThan(0);
    expect(mid.received).toBeLessThan(mid.pieces);
    expect(mid.doneAt).toBeNull();
    const snap = k.snapshot();
    k.advance(420 * MS);
    const straight = hash(k.stateBytes());
    expect(k.catchUps()[2]!.doneAt).not.toBeNull();
    k.restore(snap);
    expect(k.catchUps()[2]!.received).toBe(mid.received);
    k.advance(420 * MS);
    expect(hash(k.stateBytes())).toBe(straight);
  });
});

describe('fast catch-up', () => {
  test.each(['parallel', 'parallel-ce'] as RaftMode[])('%s, case 2: holes up to LC come from the leader\'s data blocks, the rest from its log', (mode) => {
    const r = settled({ ...QUIET, mode }, HOLES_BELOW_CHECKPOINT);
    expect(r.verdict, r.reason).toBe('valid');
    expect(r.settle).toBe('compared');
    const cu = r.kernel.catchUps()[2]!;
    expect(cu.case).toBe(2);
    expect(cu.fl).toBeGreaterThanOrEqual(cu.lc);
    expect(cu.fa).toBeLessThan(cu.lc);
    expect(cu.pieces).toBe(0);
    expect(cu.dataEntries).toBe(cu.lc - cu.fa);
    expect(cu.dataBlocks).toBeGreaterThan(0);
    expect(cu.dataBlocks).toBeLessThanOrEqual(cu.dataEntries); // one-block writes; later writes supersede some
    expect(cu.logEntries).toBeGreaterThan(0);
    expect(cu.pruned).toBe(0);
    expect(cu.doneAt).not.toBeNull();
  });

  test.each(['parallel', 'parallel-ce'] as RaftMode[])('%s, case 3: uncommitted entries of the old term are pruned first', (mode) => {
    const r = settled({ ...STALE_CONFIG, mode }, STALE_OLD_TERM, 1500 * MS);
    expect(r.verdict, r.reason).toBe('valid');
    expect(r.settle).toBe('compared');
    const cu = r.kernel.catchUps()[2]!;
    expect(cu.case).toBe(3);
    expect(cu.leader).toBe(1);
    expect(cu.fl).toBeGreaterThanOrEqual(cu.lc);
    expect(cu.pruned).toBeGreaterThan(0);
    expect(cu.logEntries).toBeGreaterThan(0);
    expect(cu.doneAt).not.toBeNull();
    const { history } = logged({ ...STALE_CONFIG, mode }, STALE_OLD_TERM, 1100 * MS);
    const h = history.find((x) => x.follower === 2)!;
    expect(h.case).toBe(3);
    expect(h.pruned).toBe(cu.pruned);
    expect(h.prunedFrom).toBeGreaterThan(h.fa!); // past what it had applied
  });
});

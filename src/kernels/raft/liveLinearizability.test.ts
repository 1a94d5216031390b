// The bounded-memory P9 check that runs while a run plays: on thousands of seeded random
// histories long enough for clusters to be let go, it must reach the same answer as the zone
// checker holding the whole history (itself checked against a brute-force search); it must say
// which block and op broke it, stop where a record breaks its assumption, and keep few clusters.
import { describe, expect, test } from 'vitest';
import { checkLinearizability } from './linearizability';
import { LiveLinearizability, P9_SETTLE_NS } from './liveLinearizability';
import type { HistoryRecord } from './types';
import { xorshift } from '../../testing/xorshift';

const MS = 1_000_000;
const TIMEOUT = 100 * MS;
const options = (blocks: number) => ({ blocks, clientTimeoutNs: TIMEOUT, tickNs: MS });


interface Timed {
  record: HistoryRecord;
  /** When the kernel would write the record: its completion, or the timeout for an op that never returned. */
  at: number;
}

/**
 * A long random history on a few blocks: clients issue ops one after another over `span`, each
 * lasting up to the client timeout; values come from a register per block at random
 * linearization points inside each op; then some reads are corrupted (an older value, the
 * initial value, a value never written) and some ops fail or never return.
 */
function randomHistory(seed: number): { timed: Timed[]; end: number } {
  const rng = xorshift(seed * 2654435761);
  const blocks = 1 + rng.int(3);
  const clients = 2 + rng.int(4);
  const span = (300 + rng.int(700)) * MS;
  const corrupt = rng.chance(0.5) ? 0.002 + rng.int(20) / 1000 : 0;
  type Planned = HistoryRecord & { point: number; effective: boolean; at: number };
  const planned: Planned[] = [];
  let value = 0;
  for (let c = 0; c < clients; c++) {
    let t = rng.int(5 * MS);
    while (t < span) {
      const quick = rng.chance(0.8);
      const duration = quick ? rng.int(3 * MS) : rng.int(TIMEOUT);
      const roll = rng.int(100);
      const unfinished = roll < 3;
      const ok = roll >= 8;
      const isWrite = rng.chance(0.45);
      const complete = t + duration;
      planned.push({
        client: c, op: isWrite ? 'write' : 'read', block: rng.int(blocks), value: isWrite ? ++value : 0, invoke: t,
        complete: unfinished ? null : complete, ok: ok && !unfinished,
        point: t + rng.int(duration + 1), effective: ok || rng.chance(0.5),
        at: unfinished ? t + TIMEOUT : complete,
      });
      // Coarse times now and then, so equal timestamps (ties) are common.
      t = complete + (rng.chance(0.3) ? 0 : rng.int(2 * MS));
      if (rng.chance(0.2)) t = Math.ceil(t / MS) * MS;
    }
  }
  const order = planned.map((_, i) => i).sort((a, b) => planned[a].point - planned[b].point || a - b);
  const register = new Map<number, number>();
  const history = new Map<number, number[]>();
  for (const i of order) {
    const op = planned[i];
    if (op.op === 'write' && op.effective) {
      register.set(op.block, op.value);
      history.set(op.block, [...(history.get(op.block) ?? []), op.value]);
    }
    if (op.op === 'read') op.value = register.get(op.block) ?? 0;
  }
  for (const op of planned) {
    if (op.op !== 'read') continue;
    if (!op.ok) op.value = 0;
    else if (rng.chance(corrupt)) {
      const older = history.get(op.block) ?? [];
      const pick = rng.int(3);
      op.value = pick === 0 ? 0 : pick === 1 && older.length > 0 ? older[rng.int(older.length)] : value + 1 + rng.int(5);
    }
  }
  // The kernel writes a record when the op ends (an abandoned op at its timeout).
  const timed = planned.map(({ client, op, block, value: v, invoke, complete, ok, at }) => ({ record: { client, op, block, value: v, invoke, complete, ok }, at }));
  timed.sort((x, y) => x.at - y.at);
  return { timed, end: Math.max(span, ...timed.map((x) => x.at)) };
}

/** Feeds a history as a run would: records up to each settle time, then the settle. */
function play(timed: Timed[], end: number, blocks: number, chunk = 7): { live: LiveLinearizability; maxKept: number } {
  const live = new LiveLinearizability(options(blocks));
  let i = 0;
  let maxKept = 0;
  for (let g = 0; g <= end + P9_SETTLE_NS; g += P9_SETTLE_NS) {
    while (i < timed.length && timed[i].at <= g) {
      const part: HistoryRecord[] = [];
      while (i < timed.length && timed[i].at <= g && part.length < chunk) part.push(timed[i++].record);
      live.add(part);
    }
    live.settle(g);
    maxKept = Math.max(maxKept, live.verdict(g).kept);
  }
  return { live, maxKept };
}

const blocksOf = (timed: Timed[]) => 1 + Math.max(0, ...timed.map((x) => x.record.block));

describe('the live P9 check agrees with the zone checker over the whole history', () => {
  test('3000 seeded random histories of 300 ms to 1 s, with ties, failures and corrupted reads', () => {
    let linearizable = 0;
    let rejected = 0;
    let letGo = 0;
    let caughtAfterLettingGo = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const { timed, end } = randomHistory(seed);
      const records = timed.map((x) => x.record);
      const whole = checkLinearizability(records);
      const { live } = play(timed, end, blocksOf(timed));
      // Far past the end every read still waiting for a write is judged.
      const v = live.verdict(end + 10 * TIMEOUT);
      const ok = v.state === 'linearizable';
      if (ok !== whole.ok) {
        throw new Error(`seed ${seed}: live says ${v.state} (${v.violation?.reason ?? v.note}), the whole history says ${whole.reason}`);
      }
      if (!ok) {
        expect(v.violation).not.toBeNull();
        expect(v.note).toBeNull();
        rejected++;
        // Caught by what a let-go cluster left behind (a retired value or a deadline), not by the zone checker.
        if (/ came after value \d+ had replaced /.test(v.violation!.reason)) caughtAfterLettingGo++;
      } else {
        linearizable++;
      }
      const clusters = new Set(records.filter((r) => r.op === 'write' || (r.ok && r.complete !== null)).map((r) => `${r.block}:${r.value}`)).size;
      if (v.kept < clusters) letGo++;
    }
    // Both answers common, and clusters really let go, or the agreement proves little.
    expect(linearizable).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(600);
    expect(letGo).toBeGreaterThan(1500);
    expect(caughtAfterLettingGo).toBeGreaterThan(100);
  });

  test('a long run keeps a bounded number of clusters while the history grows', () => {
    // One block, one client at a time writing then reading: the clusters kept stay near the
    // ops of the last client timeout, however long the history.
    const timed: Timed[] = [];
    let t = 0;
    let value = 0;
    for (let i = 0; i < 20_000; i++) {
      const write: HistoryRecord = { client: 0, op: 'write', block: i % 4, value: ++value, invoke: t, complete: t + 100_000, ok: true };
      const read: HistoryRecord = { client: 1, op: 'read', block: i % 4, value, invoke: t + 200_000, complete: t + 300_000, ok: true };
      timed.push({ record: write, at: write.complete! }, { record: read, at: read.complete! });
      t += 400_000;
    }
    const { live, maxKept } = play(timed, t, 4, 64);
    const v = live.verdict(t);
    expect(v.state).toBe('linearizable');
    expect(v.ops).toBe(40_000);
    // 100 ms + 3 ms of horizon and 50 ms between settles hold about 400 writes.
    expect(maxKept).toBeLessThan(500);
    expect(checkLinearizability(timed.map((x) => x.record)).ok).toBe(true);
  });
});

describe('what the live P9 check says', () => {
  const w = (value: number, invoke: number, complete: number | null, block = 0, client = 0): HistoryRecord =>
    ({ client, op: 'write', block, value, invoke, complete, ok: complete !== null });
  const r = (value: number, invoke: number, complete: number, block = 0, client = 1): HistoryRecord =>
    ({ client, op: 'read', block, value, invoke, complete, ok: true });

  test('before any op: not checked yet; then linearizable with the ops and blocks counted', () => {
    const live = new LiveLinearizability(options(8));
    expect(live.verdict(0)).toMatchObject({ state: 'unchecked', ops: 0, note: null });
    live.add([w(1, 0, 10), r(1, 20, 30), w(2, 40, 50, 3)]);
    expect(live.verdict(60)).toMatchObject({ state: 'linearizable', ops: 3, blocks: 2, through: 60 });
  });

  test('a stale read of a value let go long ago names the block, the ops and what replaced it', () => {
    const live = new LiveLinearizability(options(4));
    live.add([w(1, 1 * MS, 2 * MS), r(1, 3 * MS, 4 * MS), w(2, 5 * MS, 6 * MS), r(2, 7 * MS, 8 * MS)]);
    live.settle(0);
    for (let g = P9_SETTLE_NS; g <= 400 * MS; g += P9_SETTLE_NS) live.settle(g);
    // Value 1 was let go (2 replaced it and was in place long before the horizon).
    expect(live.verdict(400 * MS).kept).toBe(1);
    live.add([r(1, 401 * MS, 402 * MS, 0, 7)]);
    const v = live.verdict(402 * MS);
    expect(v.state).toBe('not-linearizable');
    expect(v.violation).toMatchObject({ kind: 'stale-read', block: 0, at: 401 * MS });
    expect(v.violation!.ops.map((o) => `${o.client}:${o.op}:${o.value}`)).toEqual(['0:write:1', '0:write:2', '1:read:2', '7:read:1']);
    expect(v.violation!.reason).toMatch(/^block 0: client 7's read returning 1 \(invoked at 401\.000000 ms\) came after value 2 had replaced 1: 1 was the block's content by 2\.000000 ms/);
    // The whole history says the same.
    const whole = checkLinearizability([w(1, 1 * MS, 2 * MS), r(1, 3 * MS, 4 * MS), w(2, 5 * MS, 6 * MS), r(2, 7 * MS, 8 * MS), r(1, 401 * MS, 402 * MS, 0, 7)]);
    expect(whole.ok).toBe(false);
    // The next settle keeps it: the verdict no longer changes.
    live.settle(450 * MS);
    live.add([w(3, 451 * MS, 452 * MS)]);
    expect(live.verdict(500 * MS)).toMatchObject({ state: 'not-linearizable', ops: v.ops, through: 500 * MS });
    expect(live.verdict(500 * MS).violation).toEqual(v.violation);
  });

  test('the initial value read after a write was in place is stale, even on a block never read before', () => {
    const live = new LiveLinearizability(options(2));
    live.add([w(1, 1 * MS, 2 * MS, 1), w(2, 3 * MS, 4 * MS, 1)]);
    for (let g = 0; g <= 300 * MS; g += P9_SETTLE_NS) live.settle(g);
    live.add([r(0, 301 * MS, 302 * MS, 1)]);
    const v = live.verdict(302 * MS);
    expect(v.state).toBe('not-linearizable');
    expect(v.violation).toMatchObject({ kind: 'stale-read', block: 1 });
    expect(v.violation!.reason).toMatch(/client 1's read returning 0/);
  });

  test('a read whose value no write began before it returned: never written, once its write can no longer come', () => {
    const live = new LiveLinearizability(options(1));
    live.add([r(9, 1 * MS, 2 * MS)]);
    // The write may still be running at first (invoked before the read returned, not yet recorded) ...
    expect(live.verdict(50 * MS).state).toBe('linearizable');
    // ... but not once the horizon has passed the read's return.
    const v = live.verdict(200 * MS);
    expect(v.state).toBe('not-linearizable');
    expect(v.violation).toMatchObject({ kind: 'never-written', block: 0, at: 1 * MS });
  });

  test('a refused record makes the history not linearizable; an op older than the horizon stops the check', () => {
    const refused = new LiveLinearizability(options(1));
    refused.add([w(1, 0, 10), { ...r(1, 20, 30), complete: 5 }]);
    refused.settle(0);
    expect(refused.verdict(0)).toMatchObject({ state: 'not-linearizable', violation: null });
    expect(refused.verdict(0).note).toMatch(/^history record 2 was refused: "complete" \(5\) must be null/);

    const late = new LiveLinearizability(options(1));
    late.add([w(1, 0, MS)]);
    for (let g = 0; g <= 500 * MS; g += P9_SETTLE_NS) late.settle(g);
    late.add([w(2, 10 * MS, 501 * MS)]);
    late.settle(550 * MS);
    const v = late.verdict(550 * MS);
    expect(v.state).toBe('unchecked');
    expect(v.note).toMatch(/an op invoked at 10\.000000 ms finished after the check had let go of ops invoked before 397\.000000 ms/);
  });

  test('a copy goes its own way: what one copy takes the other does not see', () => {
    const live = new LiveLinearizability(options(2));
    live.add([w(1, 1 * MS, 2 * MS), w(2, 3 * MS, 4 * MS)]);
    for (let g = 0; g <= 300 * MS; g += P9_SETTLE_NS) live.settle(g);
    const copy = live.copy();
    copy.add([r(1, 301 * MS, 302 * MS)]);
    expect(copy.verdict(302 * MS).state).toBe('not-linearizable');
    expect(live.verdict(302 * MS).state).toBe('linearizable');
    live.add([r(2, 301 * MS, 302 * MS), w(3, 303 * MS, 304 * MS, 1)]);
    expect(live.verdict(304 * MS)).toMatchObject({ state: 'linearizable', ops: 4 });
    expect(copy.verdict(304 * MS).ops).toBe(3);
  });
});

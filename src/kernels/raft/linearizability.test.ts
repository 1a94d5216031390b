// The per-block linearizability checker (spec §1.9 P9): hand-written histories for each kind of
// violation and each rule about failed, unfinished and tied ops; a property test against a
// brute-force search over every linearization (Wing & Gong) on thousands of small seeded random
// histories; and the real kernel's history under faults in every mode, plus a corrupted copy
// the checker must reject.
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { checkLinearizability, LinearizabilityChecker, type LinearizabilityResult } from './linearizability';
import { drainInFlight } from './inFlight';
import { RunHistoryChecker, WriteCensus } from './runHistoryCheck';
import { formatHistoryLine, HistoryLineReader, parseHistoryLine, type HistoryLineError } from './historyLines';
import { defaultConfig } from './config';
import { runRaft } from './run';
import { parseSchedule } from './schedule';
import { SCENARIOS } from './scenarios';
import type { HistoryRecord, RaftConfig } from './types';
import { raftModule } from '../../testing/fixtures';
import { xorshift } from '../../testing/xorshift';

// ---- building histories by hand ----

let nextClient = 0;
function w(value: number, invoke: number, complete: number | null, opts: { ok?: boolean; block?: number; client?: number } = {}): HistoryRecord {
  return {
    client: opts.client ?? nextClient++ % 4, op: 'write', block: opts.block ?? 0, value, invoke, complete,
    ok: opts.ok ?? complete !== null,
  };
}
function r(value: number, invoke: number, complete: number | null, opts: { ok?: boolean; block?: number; client?: number } = {}): HistoryRecord {
  return {
    client: opts.client ?? nextClient++ % 4, op: 'read', block: opts.block ?? 0, value, invoke, complete,
    ok: opts.ok ?? complete !== null,
  };
}
const check = (records: HistoryRecord[], truncated = false) => checkLinearizability(records, { truncated });

function expectViolation(result: LinearizabilityResult, kind: string, block = 0) {
  expect(result.ok).toBe(false);
  expect(result.violationCount).toBeGreaterThan(0);
  expect(result.violations[0].kind).toBe(kind);
  expect(result.violations[0].block).toBe(block);
  expect(result.reason).toMatch(/^not linearizable/);
}

describe('hand-written histories', () => {
  test('a stale read (an older value after a newer write completed) is rejected', () => {
    const result = check([w(1, 0, 10), w(2, 20, 30), r(1, 40, 50, { client: 7 })]);
    expectViolation(result, 'stale-read');
    const v = result.violations[0];
    expect(v.ops.map((o) => `${o.op}${o.value}`)).toEqual(['write1', 'write2', 'read1']);
    expect(v.reason).toContain("client 7's read returning 1 is stale (it missed the write of 2)");
    expect(v.reason).toContain('0.000040 ms');
  });

  test('the initial value read after a write completed is stale too', () => {
    expectViolation(check([w(1, 0, 10), r(0, 20, 30)]), 'stale-read');
    expect(check([w(1, 0, 10), r(0, 5, 30)]).ok).toBe(true);
  });

  test('a read from the future (returned before the write began) is rejected', () => {
    const result = check([r(1, 0, 10, { client: 2 }), w(1, 20, 30, { client: 3 })]);
    expectViolation(result, 'read-before-write');
    expect(result.violations[0].reason).toMatch(/client 2's read returned 1 at 0\.000010 ms, but client 3's write of 1 was only invoked at 0\.000020 ms/);
  });

  test('a value nobody wrote is rejected, unless the history is known to be truncated', () => {
    const records = [w(1, 0, 10), r(7, 20, 30)];
    const result = check(records);
    expectViolation(result, 'never-written');
    expect(result.violations[0].reason).toContain('no write of 7 to block 0 appears in the history');
    const truncated = check(records, true);
    expect(truncated.ok).toBe(true);
    expect(truncated.truncated).toBe(true);
    expect(truncated.assumedWrites).toBe(1);
    expect(truncated.reason).toMatch(/truncated.*1 value read without a write record was assumed/);
  });

  test('a truncated history still rejects what no write time could explain', () => {
    // Value 7's write is missing, but reads saw 7, then 1, then 7 again after 1 was acknowledged... impossible.
    const result = check([r(7, 0, 10), w(1, 20, 30), r(1, 40, 50), r(7, 60, 70)], true);
    expect(result.ok).toBe(false);
    expect(result.assumedWrites).toBe(1);
  });

  test('two overlapping forward zones (reads see 1, then 2, then 1 again) are rejected', () => {
    const result = check([w(1, 0, 10), w(2, 0, 10), r(1, 20, 30), r(2, 40, 50), r(1, 60, 70)]);
    expectViolation(result, 'overlapping-values');
    expect(result.violations[0].reason).toMatch(/the two spans overlap, so no order of the writes of 1 and 2 explains every read/);
  });

  test('reads concurrent with a write may see the old or the new value', () => {
    expect(check([w(1, 0, 10), w(2, 20, 40), r(2, 25, 35), r(1, 26, 30), r(2, 41, 50)]).ok).toBe(true);
    // ... but once a read saw the new value, a read that begins after it returned cannot see the old one.
    expectViolation(check([w(1, 0, 10), w(2, 20, 40), r(2, 21, 25), r(1, 26, 30)]), 'stale-read');
  });

  test('a failed or unfinished write that somebody read took effect, however late', () => {
    expect(check([w(1, 0, 10), w(2, 20, 30, { ok: false }), r(2, 100, 110)]).ok).toBe(true);
    expect(check([w(1, 0, 10), w(2, 20, null), r(2, 100, 110), r(2, 200, 210)]).ok).toBe(true);
    // It took effect once: the older value cannot come back after a read saw it.
    expectViolation(check([w(1, 0, 10), w(2, 20, null), r(2, 100, 110), r(1, 200, 210)]), 'stale-read');
    // It cannot take effect before it was invoked.
    expectViolation(check([w(1, 0, 10), r(2, 12, 15), w(2, 20, null)]), 'read-before-write');
  });

  test('a failed or unfinished write that nobody read may be dropped', () => {
    const result = check([w(1, 0, 10), w(2, 20, 30, { ok: false }), w(3, 25, null), r(1, 40, 50)]);
    expect(result.ok).toBe(true);
    expect(result.opsChecked).toBe(4);
  });

  test('failed and unfinished reads carry no information', () => {
    const result = check([w(1, 0, 10), w(2, 20, 30), r(1, 40, 50, { ok: false }), r(1, 40, null)]);
    expect(result.ok).toBe(true);
    expect(result.opsIgnored).toBe(2);
    expect(result.opsChecked).toBe(2);
  });

  test('ties: ops that touch at an instant may be ordered either way', () => {
    // The read begins the instant the write returns: it may still see the old value.
    expect(check([w(1, 0, 10), w(2, 10, 20), r(1, 20, 30)]).ok).toBe(true);
    // Writes that touch may be ordered either way too: 2 at 10, then 1 at 10, then the read.
    expect(check([w(1, 0, 10), w(2, 10, 19), r(1, 20, 30)]).ok).toBe(true);
    expectViolation(check([w(1, 0, 10), w(2, 11, 19), r(1, 20, 30)]), 'stale-read');
    // The write begins the instant the read returns: the read may see it.
    expect(check([r(1, 0, 10), w(1, 10, 20)]).ok).toBe(true);
    // Forward zones that touch at 20 ([10, 20] for 1, [20, 30] for 2) fit one after the other.
    expect(check([w(1, 0, 10), r(1, 20, 25), w(2, 15, 20), r(2, 30, 35)]).ok).toBe(true);
    expectViolation(check([w(1, 0, 10), r(1, 20, 25), w(2, 15, 19), r(2, 30, 35)]), 'overlapping-values');
    // A backward zone ([20, 30] for write 2) that ends where a forward zone ([10, 30] for 1) ends is not inside it.
    expect(check([w(1, 0, 10), r(1, 30, 40), w(2, 20, 30)]).ok).toBe(true);
    expectViolation(check([w(1, 0, 10), r(1, 30, 40), w(2, 20, 29)]), 'stale-read');
    // Everything at one instant.
    expect(check([w(1, 5, 5), r(1, 5, 5), w(2, 5, 5), r(2, 5, 5), r(0, 5, 5)]).ok).toBe(true);
  });

  test('blocks are independent registers: a value written to block 0 does not exist on block 1', () => {
    expect(check([w(1, 0, 10, { block: 0 }), w(1, 0, 10, { block: 1 }), r(1, 20, 30, { block: 1 })]).ok).toBe(true);
    const result = check([w(1, 0, 10, { block: 0 }), r(1, 20, 30, { block: 1 })]);
    expectViolation(result, 'never-written', 1);
    expect(result.blocksChecked).toBe(2);
    // A stale read on block 3 is found among clean blocks.
    const many = [];
    for (let b = 0; b < 50; b++) many.push(w(b + 1, 0, 10, { block: b }), r(b + 1, 20, 30, { block: b }));
    many.push(w(100, 40, 50, { block: 3 }), r(4, 60, 70, { block: 3 }));
    expectViolation(check(many), 'stale-read', 3);
  });

  test('records are refused with a reason, and the checker keeps going', () => {
    const checker = new LinearizabilityChecker();
    expect(checker.add(w(1, 0, 10))).toBeNull();
    expect(checker.add(w(1, 20, 30))).toMatch(/value 1 is written twice to block 0/);
    expect(checker.add(w(0, 20, 30))).toMatch(/must be positive/);
    expect(checker.add(w(5, 20, 10))).toMatch(/no earlier than "invoke"/);
    expect(checker.add({ ...r(1, 20, null), ok: true })).toMatch(/"ok": true must have a "complete"/);
    expect(checker.add(r(1, 20, 30))).toBeNull();
    expect(checker.finish().ok).toBe(true);
    expect(() => checkLinearizability([w(1, 0, 10), w(1, 0, 10)])).toThrow(/record 1: value 1 is written twice/);
  });

  test('records can come in any order and in chunks, and the result is the same', () => {
    const records = [w(1, 0, 10), w(2, 20, 30), r(2, 35, 40), r(1, 40, 50), w(3, 60, 70), r(3, 80, 90)];
    const forward = check(records);
    const checker = new LinearizabilityChecker();
    checker.addAll(records.slice(4).reverse());
    checker.addAll(records.slice(0, 4).reverse());
    const backward = checker.finish();
    expect(backward).toEqual(forward);
    expect(forward.ok).toBe(false);
  });
});

// ---- brute force: every linearization (Wing & Gong), with memoisation ----

/**
 * The definition, searched exhaustively: an op may come next when no other remaining op returned
 * strictly before it was invoked; a write sets its block, a read must see its block's value.
 * A failed or unfinished write may take effect any time after its invocation or never; a failed
 * or unfinished read is left out. With `truncated`, a value read with no write record gets a
 * write at an unknown time.
 */
function bruteForce(records: HistoryRecord[], truncated: boolean): boolean {
  interface Op { block: number; write: boolean; value: number; inv: number; resp: number; optional: boolean }
  const ops: Op[] = [];
  const written = new Set<string>();
  for (const x of records) {
    if (x.op === 'read' && (!x.ok || x.complete === null)) continue;
    const done = x.ok && x.complete !== null;
    ops.push({ block: x.block, write: x.op === 'write', value: x.value, inv: x.invoke, resp: done ? x.complete! : Infinity, optional: x.op === 'write' && !done });
    if (x.op === 'write') written.add(`${x.block}:${x.value}`);
  }
  if (truncated) {
    for (const x of records) {
      const key = `${x.block}:${x.value}`;
      if (x.op === 'read' && x.ok && x.complete !== null && x.value !== 0 && !written.has(key)) {
        written.add(key);
        ops.push({ block: x.block, write: true, value: x.value, inv: -Infinity, resp: Infinity, optional: true });
      }
    }
  }
  const blocks = [...new Set(ops.map((o) => o.block))];
  const n = ops.length;
  const mandatory = ops.reduce((m, o, i) => (o.optional ? m : m | (1 << i)), 0);
  const failed = new Set<string>();
  const search = (remaining: number, state: number[]): boolean => {
    if ((remaining & mandatory) === 0) return true;
    const key = `${remaining}|${state.join(',')}`;
    if (failed.has(key)) return false;
    for (let i = 0; i < n; i++) {
      if (!(remaining & (1 << i))) continue;
      const x = ops[i];
      let minimal = true;
      for (let j = 0; j < n && minimal; j++) if (j !== i && remaining & (1 << j) && ops[j].resp < x.inv) minimal = false;
      if (!minimal) continue;
      const b = blocks.indexOf(x.block);
      if (x.write) {
        const next = [...state];
        next[b] = x.value;
        if (search(remaining & ~(1 << i), next)) return true;
      } else if (state[b] === x.value && search(remaining & ~(1 << i), state)) {
        return true;
      }
    }
    failed.add(key);
    return false;
  };
  return search((1 << n) - 1, blocks.map(() => 0));
}


/**
 * A small random history: ops on one or two blocks with random intervals on a coarse clock (so
 * ties are common), values taken from a simulated register at random linearization points, then
 * some reads corrupted, some ops failed or unfinished, and (for truncation) some writes removed.
 */
function randomHistory(seed: number): { records: HistoryRecord[]; truncated: boolean } {
  const rng = xorshift(seed * 2654435761);
  const blocks = 1 + rng.int(2);
  const count = 3 + rng.int(9);
  type Planned = HistoryRecord & { point: number; effective: boolean };
  const planned: Planned[] = [];
  let value = 0;
  for (let i = 0; i < count; i++) {
    const invoke = rng.int(16);
    const complete = invoke + rng.int(8);
    const isWrite = rng.chance(0.45);
    const point = invoke + rng.int(complete - invoke + 1);
    const roll = rng.int(10);
    const ok = roll < 7;
    const unfinished = roll >= 9;
    planned.push({
      client: rng.int(3), op: isWrite ? 'write' : 'read', block: rng.int(blocks), value: isWrite ? ++value : 0,
      invoke, complete: unfinished ? null : complete, ok,
      // A write that failed or never returned may take effect later than its reply, or never.
      point: ok ? point : point + rng.int(6), effective: ok || rng.chance(0.6),
    });
  }
  // Reads see the register at their point (ties broken by position in the list).
  const order = planned.map((_, i) => i).sort((a, b) => planned[a].point - planned[b].point || a - b);
  const register = new Map<number, number>();
  for (const i of order) {
    const op = planned[i];
    if (op.op === 'write' && op.effective) register.set(op.block, op.value);
    if (op.op === 'read') op.value = register.get(op.block) ?? 0;
  }
  for (const op of planned) {
    if (op.op === 'read' && rng.chance(0.25)) op.value = rng.chance(0.1) ? 99 : rng.int(value + 1);
    if (op.op === 'read' && !op.ok) op.value = 0;
  }
  const truncated = rng.chance(0.2);
  const records: HistoryRecord[] = planned
    .filter((op) => !(truncated && op.op === 'write' && rng.chance(0.3)))
    .map(({ client, op, block, value: v, invoke, complete, ok }) => ({ client, op, block, value: v, invoke, complete, ok }));
  return { records, truncated };
}

describe('property: the zone checker agrees with a brute-force search over every linearization', () => {
  test('8000 seeded random histories with ties, failed and unfinished ops, two blocks and truncation', () => {
    let linearizable = 0;
    let rejected = 0;
    let truncatedCases = 0;
    for (let seed = 1; seed <= 8000; seed++) {
      const { records, truncated } = randomHistory(seed);
      const expected = bruteForce(records, truncated);
      const result = checkLinearizability(records, { truncated });
      if (result.ok !== expected) {
        throw new Error(`seed ${seed}: checker says ${result.ok}, brute force says ${expected}\n${records.map(formatHistoryLine).join('\n')}\n${result.reason}`);
      }
      if (expected) linearizable++;
      else rejected++;
      if (truncated) truncatedCases++;
    }
    // Both answers must be common, or the comparison proves little.
    expect(linearizable).toBeGreaterThan(3000);
    expect(rejected).toBeGreaterThan(1500);
    expect(truncatedCases).toBeGreaterThan(1000);
  });

  test('the brute force itself rejects a stale read and accepts a concurrent one', () => {
    expect(bruteForce([w(1, 0, 10), w(2, 20, 30), r(1, 40, 50)], false)).toBe(false);
    expect(bruteForce([w(1, 0, 10), w(2, 20, 30), r(1, 25, 50)], false)).toBe(true);
  });
});

// ---- JSON Lines ----

describe('history JSON Lines', () => {
  test('records round-trip through a line, split across chunks anywhere', () => {
    const records = [w(1, 0, 10), r(1, 20, null, { ok: false }), w(2, 30, 40, { ok: false, block: 9 })];
    const text = records.map(formatHistoryLine).join('\n') + '\n';
    expect(text.split('\n')[0]).toBe(JSON.stringify(records[0]));
    for (const cut of [1, 7, 33, text.length - 1]) {
      const got: HistoryRecord[] = [];
      const reader = new HistoryLineReader((x) => got.push(x), (e) => { throw new Error(e.message); });
      reader.push(text.slice(0, cut));
      reader.push(text.slice(cut));
      reader.end();
      expect(got).toEqual(records);
    }
  });

  test('malformed lines are reported with line, column and what is wrong; the rest is read', () => {
    const text = [
      formatHistoryLine(w(1, 0, 10)),
      '{"client":0,"op":"write","block":1,"value":2,"invoke":0,"complete":5,"ok":true',
      '{"client":0,"op":"wrte","block":1,"value":2,"invoke":0,"complete":5,"ok":true}',
      '',
      '{"client":0,"op":"read","block":-1,"value":2,"invoke":0,"complete":5,"ok":true}',
      '{"client":0,"op":"read","block":1,"value":2,"invoke":0,"ok":true}',
      '[1,2]',
      formatHistoryLine(r(1, 20, 30)),
    ].join('\r\n');
    const got: HistoryRecord[] = [];
    const errors: HistoryLineError[] = [];
    const reader = new HistoryLineReader((x) => got.push(x), (e) => errors.push(e));
    reader.push(text);
    reader.end();
    expect(got.length).toBe(2);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 5, 6, 7]);
    expect(errors[0].message).toMatch(/not valid JSON/);
    expect(errors[1]).toMatchObject({ column: 13, message: '"op" must be "write" or "read"; found "wrte"' });
    expect(errors[2]).toMatchObject({ column: 25, message: '"block" must be a non-negative integer; found -1' });
    expect(errors[3].message).toBe('"complete" must be a finite number of ns or null; it is missing');
    expect(errors[4].message).toMatch(/expected a JSON object/);
    // JSON allows -0; it reads as 0, the form formatHistoryLine writes (found by the fuzz suite).
    expect(parseHistoryLine('{"client":-0,"op":"read","block":-0,"value":0,"invoke":-0,"complete":-0,"ok":true}')).toEqual({
      record: { client: 0, op: 'read', block: 0, value: 0, invoke: 0, complete: 0, ok: true },
    });
    expect(Object.is((parseHistoryLine('{"client":0,"op":"read","block":-0,"value":0,"invoke":0,"complete":0,"ok":true}') as { record: { block: number } }).record.block, 0)).toBe(true);
    expect(parseHistoryLine('{"client":0}')).toMatchObject({ message: '"op" must be "write" or "read"; it is missing' });
  });
});

// ---- the real kernel ----


const MS = 1e6;

/** A run's whole history: what runRaft delivered, then the ops still in flight at the end. */
function runHistory(config: Partial<RaftConfig>, durationNs: number, faults: string, withInFlight = true) {
  const records: HistoryRecord[] = [];
  const census = new WriteCensus();
  const collect = (chunk: HistoryRecord[]) => {
    for (const x of chunk) {
      records.push(x);
      census.note(x);
    }
  };
  const module = raftModule();
  const run = runRaft(module, { config: defaultConfig(config), durationNs, warmupNs: 0, schedule: parseSchedule(faults, 'test'), onHistory: collect });
  const finished = records.length;
  const inFlight = withInFlight ? drainInFlight(module, run.kernel, collect) : null;
  return { run, records, finished, inFlight, missing: census.missing(run.kernel.summary().writes) };
}

const FAULTS = '150ms crash 0; 300ms restart 0; 420ms partition 1 2; 520ms heal; 600ms loss 0 1 20%; 700ms crash 1; 760ms heal; 800ms restart 1';
const WORKLOAD: Partial<RaftConfig> = { iodepth: 16, readPct: 50, minBlocks: 1, maxBlocks: 4, blocks: 64, seed: 3 };

describe('the real kernel under faults (spec §1.9 P9)', () => {
  for (const mode of ['raft', 'parallel', 'parallel-ce'] as const) {
    test(`${mode}: the client history with leader crash, partition and loss is linearizable`, () => {
      const h = runHistory({ ...WORKLOAD, mode }, 1000 * MS, FAULTS);
      expect(h.run.verdict).toBe('valid');
      expect(h.run.elections).toBeGreaterThan(0);
      expect(h.run.failedOps + h.run.timedOut).toBeGreaterThan(0);
      // Every write the run issued is in the history (the in-flight ones as never-returned).
      expect(h.inFlight!.reachedHorizon).toBe(true);
      expect(h.inFlight!.records).toBeGreaterThan(0);
      expect(h.missing).toBe(0);
      const result = checkLinearizability(h.records);
      expect(result.reason).toMatch(/are linearizable/);
      expect(result.ok).toBe(true);
      expect(result.blocksChecked).toBe(64);
      const reads = h.records.filter((x) => x.op === 'read' && x.ok).length;
      expect(reads).toBeGreaterThan(1000);
      expect(result.opsChecked).toBeGreaterThan(reads);
    });
  }

  for (const mode of ['raft', 'parallel', 'parallel-ce'] as const) {
    test(`must fail (${mode}): a leader that answers reads from uncommitted entries is caught by P9 alone`, () => {
      // The cut-off leader keeps taking writes it can never commit and answers reads with them
      // (the broken dirty-read option); after the heal, reads from the new leader return the older
      // values. No write the client saw succeed is lost, so only the history check can tell.
      const config: Partial<RaftConfig> = { mode, seed: 1, iodepth: 32, readPct: 50, blocks: 32 };
      const faults = '300ms partition 0; 600ms heal';
      const broken = runHistory({ ...config, broken: { dirtyRead: true } }, 1000 * MS, faults);
      expect(broken.run.violations).toEqual([]);
      expect(broken.run.verdict).not.toBe('invalid');
      const result = checkLinearizability(broken.records);
      expect(result.ok).toBe(false);
      expect(result.violations[0].kind).toBe('stale-read');
      expect(result.reason).toMatch(/^not linearizable/);
      // The same workload and faults with reads done right are linearizable.
      const right = runHistory(config, 1000 * MS, faults);
      expect(right.run.verdict).toBe('valid');
      expect(checkLinearizability(right.records).ok).toBe(true);
    });
  }

  test('a read saw a write still in flight when the run ended: the in-flight ops make the history whole', () => {
    // The leader is cut off and node 1 takes over: it commits writes whose clients still wait on
    // node 0, and scripted reads on node 1 return them before the run ends at 150 ms.
    const config: Partial<RaftConfig> = { mode: 'parallel', seed: 1, iodepth: 32, blocks: 32 };
    const faults = '100ms partition 0; 101ms elect 1; 130ms read 0 32; 140ms read 0 32; 149ms read 0 32';
    const cut = runHistory(config, 150 * MS, faults, false);
    expect(cut.missing).toBeGreaterThan(0);
    // Without them a read returned a value no write record carries ...
    expectViolation(checkLinearizability(cut.records), 'never-written', checkLinearizability(cut.records).violations[0].block);
    // ... which a history declared truncated accepts, saying what it assumed.
    const assumed = checkLinearizability(cut.records, { truncated: true });
    expect(assumed.ok).toBe(true);
    expect(assumed.assumedWrites).toBeGreaterThan(0);
    // With them (as writes that never returned) every write is present and the history is linearizable.
    const whole = runHistory(config, 150 * MS, faults);
    expect(whole.missing).toBe(0);
    const inFlight = whole.records.slice(whole.finished);
    expect(inFlight.length).toBe(whole.inFlight!.records);
    expect(inFlight.every((x) => x.complete === null && !x.ok)).toBe(true);
    const result = checkLinearizability(whole.records);
    expect(result.ok).toBe(true);
    expect(result.truncated).toBe(false);
    // The same through the streaming checker the CLI uses.
    const live = new RunHistoryChecker();
    const module = raftModule();
    const run = runRaft(module, { config: defaultConfig(config), durationNs: 150 * MS, warmupNs: 0, schedule: parseSchedule(faults, 'test'), onHistory: live.add });
    const verdict = live.finish(module, run.kernel);
    expect(verdict).toMatchObject({ linearizable: true, missingWrites: 0, inFlightRecords: whole.inFlight!.records });
    // The ended run's kernel is untouched by the twin that drained it.
    expect(run.kernel.now).toBe(150 * MS);
  });

  test('a run the live checker stopped leaves its history truncated, and the verdict says so', () => {
    const s = SCENARIOS.ghost;
    const live = new RunHistoryChecker();
    const module = raftModule();
    const run = runRaft(module, { config: defaultConfig({ ...s.config, mode: 'parallel', iodepth: 4, clients: 1 }), durationNs: s.durationNs, warmupNs: 0, schedule: parseSchedule(s.faults, 'ghost'), onHistory: live.add });
    expect(run.verdict).toBe('invalid');
    const verdict = live.finish(module, run.kernel);
    expect(verdict.inFlightRecords).toBe(0);
    expect(verdict.missingWrites).toBeGreaterThan(0);
    expect(verdict.result.truncated).toBe(true);
  });

  test('a record the checker refuses (served before it was invoked) makes the run\'s history not linearizable', () => {
    const live = new RunHistoryChecker();
    const module = raftModule();
    const run = runRaft(module, { config: defaultConfig({ mode: 'parallel', iodepth: 4, readPct: 50 }), durationNs: 20 * MS, warmupNs: 0, onHistory: live.add });
    live.add([{ client: 0, op: 'read', block: 3, value: 0, invoke: 2 * MS, complete: 1 * MS, ok: true }]);
    const verdict = live.finish(module, run.kernel);
    expect(verdict.linearizable).toBe(false);
    expect(verdict.reason).toMatch(/^history record \d+ was refused: "complete" \(1000000\) must be null or a time no earlier than "invoke" \(2000000\); the other records: .* are linearizable/);
    expect(verdict.result.truncated).toBe(true);
  });

  test('a corrupted copy (one read given an older overwritten value) is rejected on that block', () => {
    const h = runHistory({ ...WORKLOAD, mode: 'parallel' }, 400 * MS, '150ms crash 0; 300ms restart 0');
    expect(checkLinearizability(h.records).ok).toBe(true);
    // Find a read of value v on block b, and an older write u of b that returned before v's write
    // began, while v's write returned before the read began: reading u there is stale.
    const writes = new Map<string, HistoryRecord>();
    for (const x of h.records) if (x.op === 'write') writes.set(`${x.block}:${x.value}`, x);
    const byBlock = new Map<number, HistoryRecord[]>();
    for (const x of h.records) {
      if (x.op !== 'write' || !x.ok) continue;
      if (!byBlock.has(x.block)) byBlock.set(x.block, []);
      byBlock.get(x.block)!.push(x);
    }
    let corrupted: { index: number; old: HistoryRecord } | null = null;
    for (let i = 0; i < h.records.length && !corrupted; i++) {
      const x = h.records[i];
      if (x.op !== 'read' || !x.ok || x.value === 0) continue;
      const newer = writes.get(`${x.block}:${x.value}`)!;
      if (!newer.ok || newer.complete! >= x.invoke) continue;
      const old = (byBlock.get(x.block) ?? []).find((u) => u.complete! < newer.invoke);
      if (old) corrupted = { index: i, old };
    }
    expect(corrupted).not.toBeNull();
    const bad = h.records.map((x, i) => (i === corrupted!.index ? { ...x, value: corrupted!.old.value } : x));
    const result = checkLinearizability(bad);
    expect(result.ok).toBe(false);
    expect(['stale-read', 'overlapping-values']).toContain(result.violations[0].kind);
    expect(result.violations[0].block).toBe(h.records[corrupted!.index].block);
    expect(result.violations[0].ops.some((o) => o.op === 'read' && o.value === corrupted!.old.value && o.invoke === h.records[corrupted!.index].invoke)).toBe(true);
    // A read of a value never written to its block, and a read given a later write's value, are caught too.
    const never = h.records.map((x, i) => (i === corrupted!.index ? { ...x, value: 987654321 } : x));
    expectViolation(checkLinearizability(never), 'never-written', h.records[corrupted!.index].block);
  });
});

// Per-block linearizability of the client history (spec §1.9 P9). Pure TypeScript: the same
// code runs in the CLI, the tests and the browser.
//
// Each 4 KB block is a read/write register, checked on its own (P-compositionality: a history
// is linearizable iff every block's sub-history is). Write values are unique per write, so a
// read names the write it saw and the check is polynomial (Gibbons & Korach, "Testing shared
// memories", 1997): a value's *cluster* is its write plus every read that returned it. With
//   f = the earliest response in the cluster, s = the latest invocation in the cluster,
// the cluster has a *forward zone* [f, s] when f < s (the value must be the block's content
// over that whole span) and otherwise a *backward zone* [s, f] (the whole cluster fits at any
// instant of it). The history is linearizable iff
//   1. every read returns a value some write of this block wrote (or 0, the initial value),
//   2. no read returns before the write of its value was invoked,
//   3. no two forward zones overlap, and
//   4. no backward zone lies inside a forward zone.
// The initial value 0 is a write that completed before time began (f = -∞).
//
// What the ops mean:
// * An ok write with a completion time took effect within [invoke, complete].
// * A failed write (ok false) or one that never returned (complete null) may take effect at any
//   time after its invocation, even after the client saw the error, or never: its response is
//   +∞. If nobody read its value it imposes nothing (it can always go last, or be dropped); if
//   somebody did, it happened, with an open-ended interval.
// * A failed or unfinished read carries no information and is ignored.
//
// Ties (equal nanosecond times): intervals are closed and op A precedes op B in real time only
// when A.complete < B.invoke, strictly. Ops that touch at an instant may be linearized in either
// order. This is the weakest reading of the times, so equal timestamps never produce a
// violation that a finer clock could have explained away. Every comparison below follows it:
// zones conflict only when they overlap for a positive length or contain strictly.
import type { HistoryRecord, SimNs } from './types';

/** One op as a violation reports it (complete null: it never returned). */
export interface LinearizabilityOp {
  client: number;
  op: 'write' | 'read';
  value: number;
  invoke: SimNs;
  complete: SimNs | null;
  ok: boolean;
}

export type LinearizabilityViolationKind =
  /** A read returned a value that no write of this block wrote. */
  | 'never-written'
  /** A read returned before the write of its value was invoked. */
  | 'read-before-write'
  /** Two values must each be the block's content over spans that overlap. */
  | 'overlapping-values'
  /** A write (with its reads) must happen inside the span where another value must stay: a stale read. */
  | 'stale-read';

export interface LinearizabilityViolation {
  kind: LinearizabilityViolationKind;
  block: number;
  /** The ops that pin the contradiction down, earliest invocation first. */
  ops: LinearizabilityOp[];
  /** One plain-English sentence. */
  reason: string;
  /** Simulated time the contradiction starts (used to report the earliest first). */
  at: SimNs;
}

export interface LinearizabilityResult {
  ok: boolean;
  blocksChecked: number;
  /** Writes and completed reads: the ops that carry information. */
  opsChecked: number;
  /** Failed or unfinished reads (no information). */
  opsIgnored: number;
  /** The history was declared truncated (ops missing from its end). */
  truncated: boolean;
  /** Truncated histories only: values read whose write record is missing, assumed written at an unknown time. */
  assumedWrites: number;
  violationCount: number;
  /** The earliest violations (at most `maxViolations`). */
  violations: LinearizabilityViolation[];
  /** One sentence for people. */
  reason: string;
}

export interface FinishOptions {
  /**
   * Ops are missing from the end of the history (the run stopped with ops in flight and they
   * could not be recovered). A value that reads returned but no write record carries is then
   * assumed to come from a write invoked at an unknown time, instead of being a violation.
   */
  truncated?: boolean;
  /** How many violations to describe (default 10); all are counted. */
  maxViolations?: number;
}

/** Block numbers the checker accepts (2^24 blocks of 4 KB = 64 GB). */
export const MAX_BLOCK = 2 ** 24 - 1;

const NONE = -1;
/** Values below this are indexed by an array (at most 64 MB of it); larger ones by a Map. */
const DENSE_VALUES = 1 << 24;
const WRITE = 0;
const READ = 1;

/**
 * Feed records with `add` (in any order, in as many chunks as you like), then `finish`. Memory
 * is a few typed arrays per op and per (block, value): about 100 bytes per record, no strings.
 */
/**
 * What is wrong with one history record on its own, or null: an unknown op, a block outside
 * 0..MAX_BLOCK (or outside `blocks` when the volume's size is known), a bad client, a
 * completion before the invocation, an ok op that never completed, a bad value, a write of 0.
 * The whole-history checker and the live one refuse records by the same rules.
 */
export function historyRecordProblem(r: HistoryRecord, blocks?: number): string | null {
  return historyRecordRefusal(r, blocks)?.message ?? null;
}

/** What historyRecordProblem says, with the field it is about (so a file can point at its column). */
export function historyRecordRefusal(r: HistoryRecord, blocks?: number): { field: keyof HistoryRecord; message: string } | null {
  const refuse = (field: keyof HistoryRecord, message: string) => ({ field, message });
  if (r.op !== 'write' && r.op !== 'read') return refuse('op', `"op" must be "write" or "read", found ${JSON.stringify(r.op)}`);
  if (!Number.isInteger(r.block) || r.block < 0 || r.block > MAX_BLOCK) return refuse('block', `"block" must be an integer 0..${MAX_BLOCK}, found ${r.block}`);
  if (blocks !== undefined && r.block >= blocks) return refuse('block', `block ${r.block} is beyond the volume's ${blocks} blocks`);
  if (!Number.isInteger(r.client) || r.client < 0 || r.client > 0x7fffffff) return refuse('client', `"client" must be a non-negative integer, found ${r.client}`);
  if (!Number.isFinite(r.invoke)) return refuse('invoke', `"invoke" must be a finite number of ns, found ${r.invoke}`);
  if (r.complete !== null && !(Number.isFinite(r.complete) && r.complete >= r.invoke)) {
    return refuse('complete', `"complete" (${r.complete}) must be null or a time no earlier than "invoke" (${r.invoke})`);
  }
  if (r.ok && r.complete === null) return refuse('complete', 'an op with "ok": true must have a "complete" time');
  if (!Number.isSafeInteger(r.value) || r.value < 0) return refuse('value', `"value" must be a non-negative integer, found ${r.value}`);
  if (r.op === 'write' && r.value === 0) return refuse('value', 'a write\'s "value" must be positive (0 means "never written")');
  return null;
}

export class LinearizabilityChecker {
  // Ops that carry information, as columns.
  private opCount = 0;
  private opClient = new Int32Array(1024);
  private opKind = new Uint8Array(1024);
  private opOk = new Uint8Array(1024);
  private opValue = new Float64Array(1024);
  private opInvoke = new Float64Array(1024);
  /** NaN when the op never returned. */
  private opComplete = new Float64Array(1024);

  // Clusters: one per (block, value), chained per value (a multi-block write shares its value).
  private clusterCount = 0;
  private cBlock = new Int32Array(1024);
  private cValue = new Float64Array(1024);
  private cNext = new Int32Array(1024);
  private cWrite = new Int32Array(1024);
  private cReads = new Int32Array(1024);
  /** Earliest response in the cluster (the write's is +∞ when it failed or never returned). */
  private cMinResp = new Float64Array(1024);
  private cMinRespOp = new Int32Array(1024);
  /** Latest invocation in the cluster. */
  private cMaxInv = new Float64Array(1024);
  private cMaxInvOp = new Int32Array(1024);
  /** Earliest response among the cluster's reads (condition 2). */
  private cMinReadResp = new Float64Array(1024);
  private cMinReadRespOp = new Int32Array(1024);
  /** First cluster of each value (the kernel's values are dense 1..n); NONE-filled, grown on demand. */
  private headByValue = new Int32Array(1024).fill(NONE);
  /** Values too large for the dense index. */
  private readonly headBySparseValue = new Map<number, number>();
  /** The initial value 0 has a cluster on every block read before its first write: indexed by block. */
  private zeroByBlock = new Int32Array(1024).fill(NONE);

  private ignored = 0;
  private blockSeen = new Uint8Array(1024);
  private blockCount = 0;

  /**
   * Adds one record. Returns null, or a sentence saying why the record was refused (it is then
   * left out): a write value that is not a positive integer, a duplicate write value on a
   * block, a completion before the invocation, an ok op that never completed.
   */
  add(r: HistoryRecord): string | null {
    const isWrite = r.op === 'write';
    const problem = historyRecordProblem(r);
    if (problem !== null) return problem;
    if (!isWrite && (!r.ok || r.complete === null)) {
      this.ignored++;
      return null;
    }
    let c = this.clusterOf(r.block, r.value);
    if (isWrite && c !== NONE && this.cWrite[c] !== NONE) return `value ${r.value} is written twice to block ${r.block} (write values must be unique)`;
    if (c === NONE) c = this.newCluster(r.block, r.value);
    const op = this.newOp(r, isWrite);
    const invoke = r.invoke;
    // A write that failed or never returned may take effect at any later time.
    const response = r.ok && r.complete !== null ? r.complete : Infinity;
    if (isWrite) this.cWrite[c] = op;
    else {
      this.cReads[c]++;
      if (response < this.cMinReadResp[c]) {
        this.cMinReadResp[c] = response;
        this.cMinReadRespOp[c] = op;
      }
    }
    if (response < this.cMinResp[c]) {
      this.cMinResp[c] = response;
      this.cMinRespOp[c] = op;
    }
    if (invoke > this.cMaxInv[c]) {
      this.cMaxInv[c] = invoke;
      this.cMaxInvOp[c] = op;
    }
    return null;
  }

  /** Adds a chunk; returns the refusals with the record's position in the chunk. */
  addAll(records: Iterable<HistoryRecord>): { index: number; message: string }[] {
    const refused: { index: number; message: string }[] = [];
    let index = 0;
    for (const r of records) {
      const message = this.add(r);
      if (message !== null) refused.push({ index, message });
      index++;
    }
    return refused;
  }

  /** Checks everything added so far (the checker can take more records afterwards). */
  finish(options: FinishOptions = {}): LinearizabilityResult {
    const truncated = options.truncated ?? false;
    const report = new ViolationList(options.maxViolations ?? 10);
    const n = this.clusterCount;
    const f = new Float64Array(n);
    const s = new Float64Array(n);
    /** 0: not in the zone checks; 1: forward zone; 2: backward zone. */
    const zone = new Uint8Array(n);
    let assumed = 0;
    let forwardCount = 0;
    for (let c = 0; c < n; c++) {
      const w = this.cWrite[c];
      const reads = this.cReads[c];
      f[c] = this.cMinResp[c];
      s[c] = this.cMaxInv[c];
      if (reads === 0) {
        // An unread write that failed or never returned can go last: no constraint.
        if (f[c] === Infinity) continue;
      } else if (w === NONE) {
        if (this.cValue[c] === 0) {
          f[c] = -Infinity; // the initial value: written before time began
        } else if (truncated) {
          assumed++; // its write is somewhere in the missing tail, invoked at an unknown time
        } else {
          report.add(this.neverWritten(c));
          continue;
        }
      } else if (this.opInvoke[w] > this.cMinReadResp[c]) {
        report.add(this.readBeforeWrite(c));
        continue;
      }
      if (f[c] < s[c]) {
        zone[c] = 1;
        forwardCount++;
      } else {
        zone[c] = 2;
      }
    }

    // Forward zones grouped by block (a counting sort), each block's run sorted by f: an
    // overlap is then between a zone and the one reaching furthest before it.
    const cBlock = this.cBlock;
    const blocks = this.blockSeen.length;
    const runStart = new Int32Array(blocks + 1);
    for (let c = 0; c < n; c++) if (zone[c] === 1) runStart[cBlock[c] + 1]++;
    for (let b = 0; b < blocks; b++) runStart[b + 1] += runStart[b];
    const forward = new Int32Array(forwardCount);
    const fill = runStart.slice(0, blocks);
    for (let c = 0; c < n; c++) if (zone[c] === 1) forward[fill[cBlock[c]]++] = c;
    const byF = (a: number, b: number) => f[a] - f[b] || a - b;
    // reach[k]: the zone reaching furthest (largest s) among forward[runStart[block]..k].
    const reach = new Int32Array(forwardCount);
    for (let block = 0; block < blocks; block++) {
      const from = runStart[block];
      const to = runStart[block + 1];
      if (to - from > 1) forward.subarray(from, to).sort(byF);
      for (let k = from; k < to; k++) {
        const b = forward[k];
        if (k === from) {
          reach[k] = b;
          continue;
        }
        const a = reach[k - 1];
        // Condition 3: a starts no later than b; they overlap for a positive length when b
        // starts strictly before a ends (b ends after it starts, being forward).
        if (f[b] < s[a]) report.add(this.overlapping(a, b, f, s));
        reach[k] = s[b] > s[a] ? b : a;
      }
    }

    // Condition 4: a backward zone [s_b, f_b] lies inside a forward zone [f_a, s_a] when
    // f_a < s_b and f_b < s_a. Of the block's forward zones with f_a < s_b, reach[] names the
    // one reaching furthest.
    if (forwardCount > 0) {
      for (let b = 0; b < n; b++) {
        if (zone[b] !== 2) continue;
        const block = cBlock[b];
        const k = lastBefore(forward, f, runStart[block], runStart[block + 1], s[b]);
        if (k < 0) continue;
        const a = reach[k];
        if (f[b] < s[a]) report.add(this.stale(a, b, f, s));
      }
    }

    const violations = report.sorted();
    const result: LinearizabilityResult = {
      ok: report.count === 0,
      blocksChecked: this.blockCount,
      opsChecked: this.opCount,
      opsIgnored: this.ignored,
      truncated,
      assumedWrites: assumed,
      violationCount: report.count,
      violations,
      reason: '',
    };
    result.reason = summarise(result);
    return result;
  }

  private clusterOf(block: number, value: number): number {
    if (value === 0) return block < this.zeroByBlock.length ? this.zeroByBlock[block] : NONE;
    let c = this.head(value);
    while (c !== NONE && this.cBlock[c] !== block) c = this.cNext[c];
    return c;
  }

  private head(value: number): number {
    if (value < DENSE_VALUES) return value < this.headByValue.length ? this.headByValue[value] : NONE;
    return this.headBySparseValue.get(value) ?? NONE;
  }

  /** Links a new cluster in front of its value's chain (or in the block's slot for value 0). */
  private link(c: number, block: number, value: number): void {
    if (value === 0) {
      if (block >= this.zeroByBlock.length) this.zeroByBlock = growFilled(this.zeroByBlock, block + 1);
      this.zeroByBlock[block] = c;
      this.cNext[c] = NONE;
    } else if (value < DENSE_VALUES) {
      if (value >= this.headByValue.length) this.headByValue = growFilled(this.headByValue, value + 1);
      this.cNext[c] = this.headByValue[value];
      this.headByValue[value] = c;
    } else {
      this.cNext[c] = this.headBySparseValue.get(value) ?? NONE;
      this.headBySparseValue.set(value, c);
    }
  }

  private newCluster(block: number, value: number): number {
    if (this.clusterCount === this.cBlock.length) this.growClusters();
    const c = this.clusterCount++;
    this.cBlock[c] = block;
    this.cValue[c] = value;
    this.link(c, block, value);
    this.cWrite[c] = NONE;
    this.cReads[c] = 0;
    this.cMinResp[c] = Infinity;
    this.cMinRespOp[c] = NONE;
    this.cMaxInv[c] = -Infinity;
    this.cMaxInvOp[c] = NONE;
    this.cMinReadResp[c] = Infinity;
    this.cMinReadRespOp[c] = NONE;
    if (block >= this.blockSeen.length) this.blockSeen = grow(this.blockSeen, Math.max(block + 1, this.blockSeen.length * 2));
    if (this.blockSeen[block] === 0) {
      this.blockSeen[block] = 1;
      this.blockCount++;
    }
    return c;
  }

  private newOp(r: HistoryRecord, isWrite: boolean): number {
    if (this.opCount === this.opClient.length) this.growOps();
    const op = this.opCount++;
    this.opClient[op] = r.client;
    this.opKind[op] = isWrite ? WRITE : READ;
    this.opOk[op] = r.ok ? 1 : 0;
    this.opValue[op] = r.value;
    this.opInvoke[op] = r.invoke;
    this.opComplete[op] = r.complete === null ? NaN : r.complete;
    return op;
  }

  private growOps(): void {
    const size = this.opClient.length * 2;
    this.opClient = grow(this.opClient, size);
    this.opKind = grow(this.opKind, size);
    this.opOk = grow(this.opOk, size);
    this.opValue = grow(this.opValue, size);
    this.opInvoke = grow(this.opInvoke, size);
    this.opComplete = grow(this.opComplete, size);
  }

  private growClusters(): void {
    const size = this.cBlock.length * 2;
    this.cBlock = grow(this.cBlock, size);
    this.cValue = grow(this.cValue, size);
    this.cNext = grow(this.cNext, size);
    this.cWrite = grow(this.cWrite, size);
    this.cReads = grow(this.cReads, size);
    this.cMinResp = grow(this.cMinResp, size);
    this.cMinRespOp = grow(this.cMinRespOp, size);
    this.cMaxInv = grow(this.cMaxInv, size);
    this.cMaxInvOp = grow(this.cMaxInvOp, size);
    this.cMinReadResp = grow(this.cMinReadResp, size);
    this.cMinReadRespOp = grow(this.cMinReadRespOp, size);
  }

  // ---- explanations ----

  private op(i: number): LinearizabilityOp {
    const complete = this.opComplete[i];
    return {
      client: this.opClient[i], op: this.opKind[i] === WRITE ? 'write' : 'read', value: this.opValue[i],
      invoke: this.opInvoke[i], complete: Number.isNaN(complete) ? null : complete, ok: this.opOk[i] === 1,
    };
  }

  private ops(ids: number[]): LinearizabilityOp[] {
    const unique = [...new Set(ids.filter((i) => i !== NONE))];
    unique.sort((a, b) => this.opInvoke[a] - this.opInvoke[b] || a - b);
    return unique.map((i) => this.op(i));
  }

  private who(i: number): string {
    const v = this.opValue[i];
    return this.opKind[i] === WRITE ? `client ${this.opClient[i]}'s write of ${v}` : `client ${this.opClient[i]}'s read returning ${v}`;
  }

  /** Why the value must already be in place at f: the op that returned first. */
  private fromText(c: number, f: number): string {
    if (f === -Infinity) return 'the start (0 is the initial value)';
    return `${time(f)} (when ${this.who(this.cMinRespOp[c])} returned)`;
  }

  /** Why the value must still be in place at s: the op invoked last. */
  private untilText(c: number, s: number): string {
    return `${time(s)} (when ${this.who(this.cMaxInvOp[c])} began)`;
  }

  private clusterOps(c: number): number[] {
    return [this.cWrite[c], this.cMinRespOp[c], this.cMaxInvOp[c]];
  }

  private neverWritten(c: number): LinearizabilityViolation {
    const r = this.cMinReadRespOp[c];
    const block = this.cBlock[c];
    const v = this.cValue[c];
    const others = this.cReads[c] - 1;
    return {
      kind: 'never-written', block, at: this.opInvoke[r], ops: this.ops([r]),
      reason: `block ${block}: client ${this.opClient[r]}'s read (${span(this.opInvoke[r], this.opComplete[r])}) returned ${v}` +
        `${others > 0 ? ` (as did ${others} other read${others > 1 ? 's' : ''})` : ''}, but no write of ${v} to block ${block} appears in the history`,
    };
  }

  private readBeforeWrite(c: number): LinearizabilityViolation {
    const r = this.cMinReadRespOp[c];
    const w = this.cWrite[c];
    const block = this.cBlock[c];
    const v = this.cValue[c];
    return {
      kind: 'read-before-write', block, at: this.opComplete[r], ops: this.ops([r, w]),
      reason: `block ${block}: client ${this.opClient[r]}'s read returned ${v} at ${time(this.opComplete[r])}, ` +
        `but client ${this.opClient[w]}'s write of ${v} was only invoked at ${time(this.opInvoke[w])}, after the read had returned`,
    };
  }

  private overlapping(a: number, b: number, f: Float64Array, s: Float64Array): LinearizabilityViolation {
    const block = this.cBlock[a];
    const [va, vb] = [this.cValue[a], this.cValue[b]];
    return {
      kind: 'overlapping-values', block, at: f[b], ops: this.ops([...this.clusterOps(a), ...this.clusterOps(b)]),
      reason: `block ${block}: value ${va} must be the block's content from ${this.fromText(a, f[a])} until ${this.untilText(a, s[a])}, ` +
        `and value ${vb} from ${this.fromText(b, f[b])} until ${this.untilText(b, s[b])}; ` +
        `the two spans overlap, so no order of the writes of ${va} and ${vb} explains every read`,
    };
  }

  private stale(a: number, b: number, f: Float64Array, s: Float64Array): LinearizabilityViolation {
    const block = this.cBlock[a];
    const [va, vb] = [this.cValue[a], this.cValue[b]];
    const w = this.cWrite[b];
    const what = this.cReads[b] > 0 ? `the write of ${vb} and its reads` : `client ${this.opClient[w]}'s write of ${vb}`;
    return {
      kind: 'stale-read', block, at: s[b], ops: this.ops([...this.clusterOps(a), ...this.clusterOps(b)]),
      reason: `block ${block}: value ${va} must be the block's content from ${this.fromText(a, f[a])} until ${this.untilText(a, s[a])}, ` +
        `yet ${what} must take effect between ${time(s[b])} and ${time(f[b])}, inside that span: ` +
        `${this.who(this.cMaxInvOp[a])} is stale (it missed the write of ${vb})`,
    };
  }
}

/** Checks a whole history in one call. */
export function checkLinearizability(records: Iterable<HistoryRecord>, options: FinishOptions = {}): LinearizabilityResult {
  const checker = new LinearizabilityChecker();
  const refused = checker.addAll(records);
  if (refused.length) throw new RangeError(`history record ${refused[0].index}: ${refused[0].message}`);
  return checker.finish(options);
}

/** Index of the last zone in forward[from..to) (sorted by f) that starts strictly before `before`, or -1. */
function lastBefore(forward: Int32Array, f: Float64Array, from: number, to: number, before: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (f[forward[mid]] < before) lo = mid + 1;
    else hi = mid;
  }
  return lo > from ? lo - 1 : -1;
}

/** Keeps the earliest few violations and counts them all. */
class ViolationList {
  count = 0;
  private kept: LinearizabilityViolation[] = [];
  constructor(private readonly max: number) {}

  add(v: LinearizabilityViolation): void {
    this.count++;
    if (this.max <= 0) return;
    this.kept.push(v);
    if (this.kept.length >= this.max * 4) this.kept = this.sorted();
  }

  sorted(): LinearizabilityViolation[] {
    return [...this.kept].sort((x, y) => x.at - y.at || x.block - y.block).slice(0, this.max);
  }
}

function summarise(r: LinearizabilityResult): string {
  const scope = `${r.opsChecked} ops on ${r.blocksChecked} block${r.blocksChecked === 1 ? '' : 's'}`;
  const assumed = r.assumedWrites > 0
    ? `; the history is truncated, so ${r.assumedWrites} value${r.assumedWrites === 1 ? '' : 's'} read without a write record ${r.assumedWrites === 1 ? 'was' : 'were'} assumed written at an unknown time`
    : r.truncated ? '; the history is truncated (no read depended on a missing write)' : '';
  if (r.ok) return `${scope} are linearizable, each block checked as a register${assumed}`;
  const first = r.violations[0];
  const count = r.violationCount === 1 ? 'one violation' : `${r.violationCount} violations`;
  return `not linearizable (${count} in ${scope}${assumed})${first ? `; first: ${first.reason}` : ''}`;
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as { new (n: number): T })(size);
  b.set(a);
  return b;
}

/** At least doubles an index, filling the new part with NONE. */
function growFilled(a: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(atLeast, a.length * 2)).fill(NONE);
  b.set(a);
  return b;
}

/** Exact to the nanosecond, readable in milliseconds. */
function time(ns: number): string {
  if (ns === Infinity) return 'never';
  if (ns === -Infinity) return 'the start';
  return `${(ns / 1e6).toFixed(6)} ms`;
}

function span(invoke: number, complete: number): string {
  return `${time(invoke)} to ${time(complete)}`;
}

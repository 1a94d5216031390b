// Per-block linearizability (spec §1.9 P9) while a run plays, in bounded memory. The worker
// feeds the client history as ops finish; the tab shows whether every op finished so far fits
// a linearization of each block (ops still running are not in the history yet, so "so far").
//
// The verdict comes from the zone checker of linearizability.ts (read its header): per block,
// each value's cluster (its write and the reads that returned it) has f, its earliest response,
// and s, its latest invocation; two clusters a and b conflict iff f_a < s_b and f_b < s_a
// (neither can wholly precede the other). A checker that kept every cluster would grow by ~100
// bytes per op, ~10 MB per simulated second at iodepth 32; a run plays for minutes. So this
// one lets clusters go once nothing that can still arrive could make them part of a violation
// that is not already known.
//
// What can still arrive. The kernel abandons an op one client timeout after its invocation
// (checked every tick), so at simulated time T every op still running was invoked at or after
//   H(T) = T - clientTimeout - tick - slack,
// and so is every record still to come (its response is later than its invocation). A record
// that breaks this (an op that ran longer) makes the check stop and say so, rather than guess.
//
// When a cluster a may go, at a check at time G with horizon H = H(G), no violation known:
// * a has its write (or is the initial value 0): a read with no write yet may still get it.
// * a is dead: some other cluster b of its block has f_b < H and s_b > f_a. A later op of a
//   would have s >= H > f_b while f_a < s_b: a conflict with b. So any later op of a's value
//   is a violation, and the value is remembered as retired (a bit per block of its write).
//   With no conflict between a and b now, s_a <= f_b < H: no op of a is recent, and a cluster
//   that appears later (f and s at least H) cannot conflict with a (f_n < s_a fails).
// * Nothing else is lost. A later conflict between a and a cluster c kept would need
//   f_c < s_a (true now or never: later responses come after H > s_a) and a later op of c
//   invoked after f_a; but then c is dead by a and goes in the same pass. The initial value 0
//   never read has no cluster: a later read of it conflicts anyway with the cluster kept at the
//   end of the chain of witnesses (f_0 = -inf is before every s, and that cluster's f < H).
//
// Every other condition is checked as ops arrive: an op changes only its own cluster, so only
// that cluster's pairs (and whether a read of it came before its write began) can turn bad,
// and they are checked against the clusters its block keeps (blocks are independent); the zone
// checker itself words the violation of a block found broken. A read whose value has no write
// yet is a violation once its response is older than the horizon: the write, if it ever
// arrives, began after the read returned. What stays in memory: per block the current value
// and the clusters of about the last client timeout, and the writes that failed or never
// returned that nobody read (they may still take effect, however late).
//
// Layout. The worker feeds about 100,000 ops per simulated second, so nothing here is an
// object per op: records arrive as numbers (RaftKernel.historyEach reads them straight from
// wasm memory); a cluster is a slot in typed columns, reused through a free list, linked per
// block in arrival order and chained per value behind an open-addressing table, with copies of
// the four records that fix it (its write, earliest response, latest invocation, earliest read)
// side by side in one Float64Array; retired stories are fixed-size slots too. A copy is a
// handful of typed-array slices, and records become objects only when a violation is worded.
// (With an object per op and per cluster the check took about 45 % of a worker's time at
// iodepth 32, a third of it in the garbage collector; now about 25 %: bench/raftP9.ts.)
//
// Determinism: `settle(G)` runs at fixed simulated times with the history read exactly up to
// G (RaftSession stops its loop there), and `verdict(T)` is a pure function of the state; so a
// run rebuilt from its commands shows the same verdict at the same time, whatever the wall
// clock did. The first violation a settle finds is kept: the check stops there.
import { historyRecordProblem, LinearizabilityChecker, type LinearizabilityOp, type LinearizabilityViolation } from './linearizability';
import type { HistoryRecord, SimNs } from './types';

/** Simulated time between two settles (checks and letting clusters go). */
export const P9_SETTLE_NS = 50_000_000;
/** Margin on the kernel's client timeout (its tick and retry delays are 1 ms). */
const HORIZON_SLACK_NS = 2_000_000;
/** Retired clusters whose story (what replaced them) is kept for the sentence of a later stale op. */
const TOMB_STORIES = 8192;
/** Retired write values are tracked in chunks, shared between copies until one writes. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
/** No slot: an empty list, the end of a chain. */
const NONE = -1;
/** A cluster's record slots: its write, the op with the earliest response, the latest invocation, the earliest read. */
const WRITE = 0;
const FIRST_RESP = 1;
const LAST_INV = 2;
const FIRST_READ = 3;
const ROLES = 4;
const ROLE_ORDER = [WRITE, FIRST_RESP, LAST_INV, FIRST_READ] as const;
/** A retired cluster's story: its own first response, and its replacer's first response and latest invocation. */
const OWN_FIRST_RESP = 0;
const BY_FIRST_RESP = 1;
const BY_LAST_INV = 2;
const TOMB_RECORDS = 3;
/** Cluster slots a new check starts with (they double when full). */
const FIRST_CAPACITY = 1024;

export type LiveP9State = 'linearizable' | 'not-linearizable' | 'unchecked';

export interface LiveP9Verdict {
  /** `unchecked`: no op has finished yet, or the check had to stop (see `note`). */
  state: LiveP9State;
  /** Ops that carry information (writes, completed reads), one per block touched; blocks touched. */
  ops: number;
  blocks: number;
  /** Simulated time the history was read up to. */
  through: SimNs;
  /** The earliest violation found (not-linearizable), with its block, ops and sentence. */
  violation: LinearizabilityViolation | null;
  /** A refused record (not-linearizable) or why the check stopped (unchecked). English. */
  note: string | null;
  /** Clusters held in memory (a figure for benchmarks). */
  kept: number;
}

export interface LiveP9Options {
  /** Blocks of the volume (records must name one of them). */
  blocks: number;
  clientTimeoutNs: SimNs;
  tickNs: SimNs;
}

// A record copy is RECORD numbers side by side (one cache line or two): which record it is (its
// arrival number; -1: no record) and its fields but block and value, which are those of the
// cluster or story holding it.
const SEQ = 0;
const CLIENT = 1;
/** 1: a write; 2: ok. */
const FLAGS = 2;
const INVOKE = 3;
/** NaN: the op never returned. */
const COMPLETE = 4;
const RECORD = 5;

/** Record copies, RECORD numbers each, in one Float64Array. */
class RecordSlots {
  readonly cells: Float64Array;

  /** Room for `size` records, holding the first `keep` of `from`. */
  constructor(size: number, from?: RecordSlots, keep = 0) {
    this.cells = new Float64Array(size * RECORD);
    for (let i = keep; i < size; i++) this.cells[i * RECORD + SEQ] = -1;
    if (from !== undefined && keep > 0) this.cells.set(from.cells.subarray(0, keep * RECORD));
  }

  has(i: number): boolean {
    return this.cells[i * RECORD + SEQ] >= 0;
  }

  seq(i: number): number {
    return this.cells[i * RECORD + SEQ];
  }

  invoke(i: number): number {
    return this.cells[i * RECORD + INVOKE];
  }

  clear(i: number): void {
    this.cells[i * RECORD + SEQ] = -1;
  }

  set(i: number, seq: number, client: number, write: boolean, invoke: number, complete: number, ok: boolean): void {
    const cells = this.cells;
    const at = i * RECORD;
    cells[at + SEQ] = seq;
    cells[at + CLIENT] = client;
    cells[at + FLAGS] = (write ? 1 : 0) | (ok ? 2 : 0);
    cells[at + INVOKE] = invoke;
    cells[at + COMPLETE] = complete;
  }

  /** Slot `i` becomes a copy of slot `j` of `from`. */
  take(i: number, from: RecordSlots, j: number): void {
    const to = this.cells;
    const src = from.cells;
    const a = i * RECORD;
    const b = j * RECORD;
    for (let k = 0; k < RECORD; k++) to[a + k] = src[b + k];
  }

  /** The record in slot `i` as an object (for the zone checker and sentences), or null. */
  record(i: number, block: number, value: number): HistoryRecord | null {
    const cells = this.cells;
    const at = i * RECORD;
    if (cells[at + SEQ] < 0) return null;
    const complete = cells[at + COMPLETE];
    const flags = cells[at + FLAGS];
    return {
      client: cells[at + CLIENT], op: (flags & 1) !== 0 ? 'write' : 'read', block, value, invoke: cells[at + INVOKE],
      complete: Number.isNaN(complete) ? null : complete, ok: (flags & 2) !== 0,
    };
  }
}

/** A record's field as a column stores it: NaN for an op that never returned. */
const completeColumn = (complete: number | null): number => (complete === null ? Number.NaN : complete);

/**
 * The clusters in columns, one slot each. `f` is the earliest response, `s` the latest
 * invocation, `minReadResp` the earliest read response; `prev`/`next` link a block's clusters
 * in arrival order, `same` chains the clusters of one value (a multi-block write).
 */
class ClusterColumns {
  readonly block: Int32Array;
  readonly value: Float64Array;
  readonly same: Int32Array;
  readonly prev: Int32Array;
  readonly next: Int32Array;
  readonly f: Float64Array;
  readonly s: Float64Array;
  readonly minReadResp: Float64Array;
  readonly reads: Int32Array;
  /** ROLES record slots per cluster. */
  readonly records: RecordSlots;

  /** Columns for `capacity` clusters, holding the first `keep` of `from`. */
  constructor(readonly capacity: number, from?: ClusterColumns, keep = 0) {
    this.block = grown(new Int32Array(capacity), from?.block, keep);
    this.value = grown(new Float64Array(capacity), from?.value, keep);
    this.same = grown(new Int32Array(capacity), from?.same, keep);
    this.prev = grown(new Int32Array(capacity), from?.prev, keep);
    this.next = grown(new Int32Array(capacity), from?.next, keep);
    this.f = grown(new Float64Array(capacity), from?.f, keep);
    this.s = grown(new Float64Array(capacity), from?.s, keep);
    this.minReadResp = grown(new Float64Array(capacity), from?.minReadResp, keep);
    this.reads = grown(new Int32Array(capacity), from?.reads, keep);
    this.records = new RecordSlots(capacity * ROLES, from?.records, keep * ROLES);
  }
}

function grown<T extends Int32Array | Float64Array>(into: T, from: T | undefined, keep: number): T {
  if (from !== undefined && keep > 0) into.set(from.subarray(0, keep));
  return into;
}

/** The stories of retired clusters in hashed slots (see `retire`). */
class TombColumns {
  readonly block: Int32Array;
  readonly value: Float64Array;
  readonly f: Float64Array;
  readonly byValue: Float64Array;
  readonly byF: Float64Array;
  readonly byS: Float64Array;
  /** TOMB_RECORDS record slots per story. */
  readonly records: RecordSlots;

  constructor(from?: TombColumns) {
    this.block = from ? from.block.slice() : new Int32Array(TOMB_STORIES).fill(NONE);
    this.value = from ? from.value.slice() : new Float64Array(TOMB_STORIES);
    this.f = from ? from.f.slice() : new Float64Array(TOMB_STORIES);
    this.byValue = from ? from.byValue.slice() : new Float64Array(TOMB_STORIES);
    this.byF = from ? from.byF.slice() : new Float64Array(TOMB_STORIES);
    this.byS = from ? from.byS.slice() : new Float64Array(TOMB_STORIES);
    this.records = new RecordSlots(TOMB_STORIES * TOMB_RECORDS, from?.records, from ? TOMB_STORIES * TOMB_RECORDS : 0);
  }
}

/**
 * Write value -> a slot (the first cluster of its chain), by open addressing with linear
 * probing; keys are positive (the initial value 0 has its own per-block column), 0 marks a
 * free entry, and a deletion shifts the entries after it back instead of leaving a marker.
 */
class ValueTable {
  private keys: Float64Array;
  private slots: Int32Array;
  private mask: number;
  private shift: number;
  private size = 0;

  /** `capacity`: a power of two, at least 2. */
  constructor(capacity = 1024, from?: ValueTable) {
    this.keys = from ? from.keys.slice() : new Float64Array(capacity);
    this.slots = from ? from.slots.slice() : new Int32Array(capacity);
    this.mask = this.keys.length - 1;
    this.shift = 32 - Math.log2(this.keys.length);
    this.size = from?.size ?? 0;
  }

  private home(key: number): number {
    // Values are below 2^32: the top bits of a multiplicative (Fibonacci) hash of their 32 bits.
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  get(key: number): number {
    const keys = this.keys;
    for (let i = this.home(key); ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === key) return this.slots[i];
      if (k === 0) return NONE;
    }
  }

  set(key: number, slot: number): void {
    const keys = this.keys;
    let i = this.home(key);
    while (keys[i] !== 0 && keys[i] !== key) i = (i + 1) & this.mask;
    if (keys[i] === 0) {
      keys[i] = key;
      this.size++;
    }
    this.slots[i] = slot;
    if (this.size * 2 > keys.length) this.rehash(keys.length * 2);
  }

  delete(key: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let i = this.home(key);
    while (keys[i] !== key) {
      if (keys[i] === 0) return;
      i = (i + 1) & mask;
    }
    // Entries after the hole that could not sit at their home move back into it.
    for (let j = (i + 1) & mask; keys[j] !== 0; j = (j + 1) & mask) {
      const h = this.home(keys[j]);
      const between = i <= j ? i < h && h <= j : i < h || h <= j;
      if (between) continue;
      keys[i] = keys[j];
      this.slots[i] = this.slots[j];
      i = j;
    }
    keys[i] = 0;
    this.size--;
  }

  private rehash(capacity: number): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i], slots[i]);
  }

  copy(): ValueTable {
    return new ValueTable(0, this);
  }
}

/** A growable column of uint32 in chunks, copied on write after `copy()`. */
class ChunkedColumn {
  private chunks: (Uint32Array | undefined)[] = [];
  private owned: boolean[] = [];

  get(i: number): number {
    const chunk = this.chunks[i >>> CHUNK_BITS];
    return chunk === undefined ? 0 : chunk[i & (CHUNK - 1)];
  }

  set(i: number, v: number): void {
    const k = i >>> CHUNK_BITS;
    let chunk = this.chunks[k];
    if (chunk === undefined) chunk = this.chunks[k] = new Uint32Array(CHUNK);
    else if (!this.owned[k]) chunk = this.chunks[k] = chunk.slice();
    this.owned[k] = true;
    chunk[i & (CHUNK - 1)] = v;
  }

  copy(): ChunkedColumn {
    const c = new ChunkedColumn();
    c.chunks = this.chunks.slice();
    c.owned = this.chunks.map(() => false);
    this.owned = this.chunks.map(() => false);
    return c;
  }
}

const keyOf = (block: number, value: number) => value * 65536 + block;
const tombSlot = (block: number, value: number) => ((value * 31 + block) >>> 0) & (TOMB_STORIES - 1);

export class LiveLinearizability {
  private readonly blocks: number;
  private readonly reach: number;
  /** The clusters kept, in slots: [0, high) used at some time, the free ones on the `free` stack. */
  private cl = new ClusterColumns(FIRST_CAPACITY);
  private high = 0;
  private free = new Int32Array(FIRST_CAPACITY);
  private freeTop = 0;
  /** Per write value the first cluster of its chain; per block its list and its value 0. */
  private heads = new ValueTable();
  private zeroOf: Int32Array;
  private headOf: Int32Array;
  private tailOf: Int32Array;
  private countOf: Int32Array;
  private kept = 0;
  /** Blocks where a new op made two clusters conflict (or a read precede its write): a flag per block and their list. */
  private brokenFlag: Uint8Array;
  private broken: number[] = [];
  /** Clusters with reads but no write yet (value > 0). */
  private pending = new Set<number>();
  /** Per block: the initial value's cluster went (its later reads are stale). */
  private zeroRetired: Uint8Array;
  /** Per write value: 1 + the first block its write record named, and a bit per retired block from there. */
  private writeBase = new ChunkedColumn();
  private retiredBits = new ChunkedColumn();
  /** Retired (block, value) pairs outside those bits (a write whose records came out of block order). */
  private retiredElsewhere = new Set<number>();
  /** The stories of recently retired clusters, by a hash of (block, value); a collision forgets the older one. Null once the verdict is final. */
  private tombs: TombColumns | null = new TombColumns();
  private blockSeen: Uint8Array;
  private blockCount = 0;
  private ops = 0;
  /** Records taken (each one's number is its identity in the record slots). */
  private records = 0;
  /** Violations found when their ops arrived (an op of a retired value). */
  private found: LinearizabilityViolation[] = [];
  private refusal: string | null = null;
  private breach: string | null = null;
  /** The horizon clusters were last let go at: every later record must be invoked at or after it. */
  private horizon = -Infinity;
  private frozen: LiveP9Verdict | null = null;
  /** The last simulated time `settle` ran at (-1: never). */
  settledAt: SimNs = -1;

  constructor(options: LiveP9Options) {
    this.blocks = options.blocks;
    this.reach = options.clientTimeoutNs + options.tickNs + HORIZON_SLACK_NS;
    this.zeroOf = new Int32Array(options.blocks).fill(NONE);
    this.headOf = new Int32Array(options.blocks).fill(NONE);
    this.tailOf = new Int32Array(options.blocks).fill(NONE);
    this.countOf = new Int32Array(options.blocks);
    this.zeroRetired = new Uint8Array(options.blocks);
    this.blockSeen = new Uint8Array(options.blocks);
    this.brokenFlag = new Uint8Array(options.blocks);
  }

  /** The check cannot go on (the history could not be read): the verdict says why from the next settle. */
  stop(reason: string): void {
    this.breach ??= reason;
  }

  /** The earliest invocation any op still running at `now` can have. */
  horizonAt(now: SimNs): SimNs {
    return now - this.reach;
  }

  /** The next time `settle` is due (a multiple of P9_SETTLE_NS). */
  nextSettle(): SimNs {
    return this.settledAt < 0 ? 0 : this.settledAt + P9_SETTLE_NS;
  }

  /** Takes records in history order (as RaftKernel.history gives them). */
  add(records: HistoryRecord[]): void {
    for (const r of records) this.addOp(r.client, r.op === 'write', r.block, r.value, r.invoke, r.complete, r.ok, r);
  }

  /**
   * Takes one record as numbers, in history order (RaftKernel.historyEach feeds them so, with
   * no object per op). `record` is the object it came as, if any: a malformed one is judged as
   * it was written (an "op" that is neither write nor read, say).
   */
  addOp(client: number, isWrite: boolean, block: number, value: number, invoke: SimNs, complete: SimNs | null, ok: boolean, record?: HistoryRecord): void {
    const seq = ++this.records;
    if (this.frozen !== null) return;
    // The kernel's records are well formed: one cheap test for them, the full one otherwise.
    if (!((block | 0) === block && block >= 0 && block < this.blocks && (client | 0) === client && client >= 0
      && (value >>> 0) === value && (record === undefined || record.op === 'read' || record.op === 'write') && (!isWrite || value > 0)
      && invoke - invoke === 0 && (complete === null ? !ok : complete - complete === 0 && complete >= invoke))) {
      const refused = this.refusalOf(record ?? { client, op: isWrite ? 'write' : 'read', block, value, invoke, complete, ok });
      if (refused !== null) {
        this.refusal ??= `history record ${seq} was refused: ${refused}`;
        return;
      }
    }
    if (!isWrite && (!ok || complete === null)) return; // a failed or unfinished read says nothing
    if (invoke < this.horizon) {
      this.breach ??= `an op invoked at ${ms(invoke)} finished after the check had let go of ops invoked before ${ms(this.horizon)} ` +
        '(ops are abandoned one client timeout after they begin), so later ops are not checked';
      return;
    }
    this.ops++;
    if (this.blockSeen[block] === 0) {
      this.blockSeen[block] = 1;
      this.blockCount++;
    }
    let c = this.clusterOf(block, value);
    if (c === NONE) {
      if (this.isRetired(block, value)) {
        if (isWrite) this.refusal ??= `history record ${seq} was refused: value ${value} is written twice to block ${block} (write values must be unique)`;
        else this.found.push(this.staleOfRetired({ client, op: 'read', block, value, invoke, complete, ok }, seq));
        return;
      }
      c = this.newCluster(block, value);
    } else if (isWrite && this.cl.records.has(c * ROLES + WRITE)) {
      this.refusal ??= `history record ${seq} was refused: value ${value} is written twice to block ${block} (write values must be unique)`;
      return;
    }
    this.take(c, seq, client, isWrite, block, value, invoke, complete, ok);
  }

  private clusterOf(block: number, value: number): number {
    if (value === 0) return this.zeroOf[block];
    const blockOf = this.cl.block;
    const same = this.cl.same;
    let c = this.heads.get(value);
    while (c !== NONE && blockOf[c] !== block) c = same[c];
    return c;
  }

  private take(c: number, seq: number, client: number, isWrite: boolean, block: number, value: number, invoke: SimNs, complete: SimNs | null, ok: boolean): void {
    const cl = this.cl;
    const records = cl.records;
    const base = c * ROLES;
    const completed = completeColumn(complete);
    // A write that failed or never returned may take effect at any later time: its response is +inf.
    const response = ok && complete !== null ? complete : Infinity;
    if (isWrite) {
      if (cl.reads[c] > 0) this.pending.delete(c);
      records.set(base + WRITE, seq, client, true, invoke, completed, ok);
      if (this.writeBase.get(value) === 0) this.writeBase.set(value, block + 1);
    } else {
      cl.reads[c]++;
      if (response < cl.minReadResp[c]) {
        cl.minReadResp[c] = response;
        records.set(base + FIRST_READ, seq, client, false, invoke, completed, ok);
      }
      if (cl.reads[c] === 1 && !records.has(base + WRITE) && value !== 0) this.pending.add(c);
    }
    if (response < cl.f[c]) {
      cl.f[c] = response;
      records.set(base + FIRST_RESP, seq, client, isWrite, invoke, completed, ok);
    }
    if (invoke > cl.s[c]) {
      cl.s[c] = invoke;
      records.set(base + LAST_INV, seq, client, isWrite, invoke, completed, ok);
    }
    // Only pairs with c can have changed: check them now, and word a violation when asked.
    if (this.brokenFlag[block] === 0 && this.conflicts(c)) {
      this.brokenFlag[block] = 1;
      this.broken.push(block);
    }
  }

  /**
   * The zone conditions of linearizability.ts for one cluster against the others of its block,
   * from f and s alone: a read before its write's invocation, or a cluster neither of which can
   * precede the other. Reads still waiting for their write are judged by their own ops (as the
   * zone checker does with a truncated history); an unread write that failed or never returned
   * imposes nothing.
   */
  private conflicts(c: number): boolean {
    const { f, s, next, records } = this.cl;
    const w = c * ROLES + WRITE;
    if (records.has(w) && records.invoke(w) > this.cl.minReadResp[c]) return true;
    const fc = f[c];
    if (fc === Infinity) return false;
    const sc = s[c];
    for (let x = this.headOf[this.cl.block[c]]; x !== NONE; x = next[x]) {
      if (x !== c && f[x] !== Infinity && fc < s[x] && f[x] < sc) return true;
    }
    return false;
  }

  private newCluster(block: number, value: number): number {
    let c: number;
    if (this.freeTop > 0) c = this.free[--this.freeTop];
    else {
      if (this.high === this.cl.capacity) this.grow();
      c = this.high++;
    }
    const cl = this.cl;
    cl.block[c] = block;
    cl.value[c] = value;
    cl.f[c] = value === 0 ? -Infinity : Infinity;
    cl.s[c] = -Infinity;
    cl.minReadResp[c] = Infinity;
    cl.reads[c] = 0;
    for (let role = 0; role < ROLES; role++) cl.records.clear(c * ROLES + role);
    // Last in its block's list (arrival order).
    const tail = this.tailOf[block];
    cl.prev[c] = tail;
    cl.next[c] = NONE;
    if (tail === NONE) this.headOf[block] = c;
    else cl.next[tail] = c;
    this.tailOf[block] = c;
    this.countOf[block]++;
    if (value === 0) this.zeroOf[block] = c;
    else {
      cl.same[c] = this.heads.get(value);
      this.heads.set(value, c);
    }
    this.kept++;
    return c;
  }

  private grow(): void {
    const capacity = Math.max(FIRST_CAPACITY, this.cl.capacity * 2);
    this.cl = new ClusterColumns(capacity, this.cl, this.high);
    const free = new Int32Array(capacity);
    free.set(this.free.subarray(0, this.freeTop));
    this.free = free;
  }

  /** Takes a cluster out of its block's list and its value's chain; its slot is free again. */
  private drop(c: number): void {
    const cl = this.cl;
    const block = cl.block[c];
    const prev = cl.prev[c];
    const next = cl.next[c];
    if (prev === NONE) this.headOf[block] = next;
    else cl.next[prev] = next;
    if (next === NONE) this.tailOf[block] = prev;
    else cl.prev[next] = prev;
    this.countOf[block]--;
    const value = cl.value[c];
    if (value === 0) this.zeroOf[block] = NONE;
    else {
      const head = this.heads.get(value);
      if (head === c) {
        if (cl.same[c] === NONE) this.heads.delete(value);
        else this.heads.set(value, cl.same[c]);
      } else {
        let p = head;
        while (cl.same[p] !== c) p = cl.same[p];
        cl.same[p] = cl.same[c];
      }
    }
    this.free[this.freeTop++] = c;
    this.kept--;
  }

  private refusalOf(r: HistoryRecord): string | null {
    const problem = historyRecordProblem(r, this.blocks);
    if (problem !== null) return problem;
    // The kernel's write values are 32-bit; the retired-value columns are indexed by them.
    if (r.value > 0xffffffff) return `"value" must be below 2^32 here, found ${r.value}`;
    return null;
  }

  // ---- retired clusters ----

  private isRetired(block: number, value: number): boolean {
    if (value === 0) return this.zeroRetired[block] === 1;
    const base = this.writeBase.get(value) - 1;
    const bit = block - base;
    if (base >= 0 && bit >= 0 && bit < 32) return (this.retiredBits.get(value) & (1 << bit)) !== 0;
    // Almost always empty (the kernel writes a value's blocks in order), and its keys are not small integers.
    return this.retiredElsewhere.size > 0 && this.retiredElsewhere.has(keyOf(block, value));
  }

  /** Remembers cluster `c` let go (a value, or the initial value 0), with its story: `by` replaced it. */
  private retire(block: number, c: number, by: number): void {
    const cl = this.cl;
    const value = cl.value[c];
    if (value === 0) {
      this.zeroRetired[block] = 1;
    } else {
      const base = this.writeBase.get(value) - 1;
      const bit = block - base;
      if (base >= 0 && bit >= 0 && bit < 32) this.retiredBits.set(value, (this.retiredBits.get(value) | (1 << bit)) >>> 0);
      else this.retiredElsewhere.add(keyOf(block, value));
    }
    const tombs = this.tombs!;
    const slot = tombSlot(block, value);
    // A cluster let go never changes again: its story is what it holds now.
    tombs.block[slot] = block;
    tombs.value[slot] = value;
    tombs.f[slot] = cl.f[c];
    tombs.byValue[slot] = cl.value[by];
    tombs.byF[slot] = cl.f[by];
    tombs.byS[slot] = cl.s[by];
    const t = slot * TOMB_RECORDS;
    tombs.records.take(t + OWN_FIRST_RESP, cl.records, c * ROLES + FIRST_RESP);
    tombs.records.take(t + BY_FIRST_RESP, cl.records, by * ROLES + FIRST_RESP);
    tombs.records.take(t + BY_LAST_INV, cl.records, by * ROLES + LAST_INV);
  }

  // ---- settling: check, then let go ----

  /**
   * The check at simulated time `now` (a multiple of P9_SETTLE_NS), with the history read up to
   * `now`: the blocks that got ops, the reads still waiting for a write; then, if all is well,
   * the clusters that can no longer matter go.
   */
  settle(now: SimNs): void {
    this.settledAt = now;
    if (this.frozen !== null) return;
    const h = this.horizonAt(now);
    const verdict = this.judge(now, h);
    // The first violation, refusal or stop is final; before any op there is nothing to judge.
    if (verdict.state === 'not-linearizable' || (verdict.state === 'unchecked' && verdict.note !== null)) {
      this.frozen = verdict;
      this.release();
      return;
    }
    this.letGo(h);
    this.horizon = Math.max(this.horizon, h);
  }

  /** The verdict on everything read so far, at simulated time `now` (a pure function of the state: it only caches sound blocks). */
  verdict(now: SimNs): LiveP9Verdict {
    if (this.frozen !== null) return { ...this.frozen, through: Math.max(this.frozen.through, now) };
    return this.judge(now, this.horizonAt(now));
  }

  private judge(now: SimNs, h: SimNs): LiveP9Verdict {
    const candidates = [...this.found];
    const zone = this.checkBroken();
    if (zone !== null) candidates.push(zone);
    for (const c of this.pending) if (this.cl.minReadResp[c] < h) candidates.push(this.neverWritten(c));
    // A total order (the sentence last), so a copy that holds its clusters in another order finds the same first.
    candidates.sort((x, y) => x.at - y.at || x.block - y.block || (x.reason < y.reason ? -1 : x.reason > y.reason ? 1 : 0));
    const violation = candidates[0] ?? null;
    const base = { ops: this.ops, blocks: this.blockCount, through: now, kept: this.kept };
    if (violation !== null) return { ...base, state: 'not-linearizable', violation, note: this.refusal };
    if (this.refusal !== null) return { ...base, state: 'not-linearizable', violation: null, note: this.refusal };
    if (this.breach !== null) return { ...base, state: 'unchecked', violation: null, note: this.breach };
    return { ...base, state: this.ops === 0 ? 'unchecked' : 'linearizable', violation: null, note: null };
  }

  /** The earliest violation among the blocks found broken, worded by the zone checker, or null. */
  private checkBroken(): LinearizabilityViolation | null {
    let first: LinearizabilityViolation | null = null;
    for (const block of this.broken) {
      const v = this.explain(block);
      if (first === null || v.at < first.at || (v.at === first.at && v.block < first.block)) first = v;
    }
    return first;
  }

  /**
   * The zone checker itself on one block's clusters (the ops that fix each cluster's f, s and
   * condition 2 stand for all of its ops): the violation with its ops and sentence.
   */
  private explain(block: number): LinearizabilityViolation {
    const checker = new LinearizabilityChecker();
    const { records, value, next } = this.cl;
    for (let c = this.headOf[block]; c !== NONE; c = next[c]) {
      const seen: number[] = [];
      for (const role of ROLE_ORDER) {
        const i = c * ROLES + role;
        const seq = records.seq(i);
        if (seq < 0 || seen.includes(seq)) continue;
        seen.push(seq);
        checker.add(records.record(i, block, value[c])!);
      }
    }
    // Truncated: a read whose write has not arrived yet is judged by `pending`, not here.
    const found = checker.finish({ truncated: true, maxViolations: 1 }).violations[0];
    if (found !== undefined) return found;
    throw new Error(`P9: block ${block} breaks a zone condition the zone checker does not see (a bug in liveLinearizability.ts)`);
  }

  /** Lets go the dead clusters (see the header); called only when no violation is known. */
  private letGo(h: SimNs): void {
    const { f, s, next, value, records } = this.cl;
    for (let block = 0; block < this.blocks; block++) {
      if (this.countOf[block] < 2) continue; // a lone cluster has no witness
      // The two latest invocations among clusters first in place before h: the witnesses.
      let s1 = -Infinity;
      let w1 = NONE;
      let s2 = -Infinity;
      let w2 = NONE;
      for (let c = this.headOf[block]; c !== NONE; c = next[c]) {
        if (!(f[c] < h)) continue;
        if (s[c] > s1) {
          s2 = s1;
          w2 = w1;
          s1 = s[c];
          w1 = c;
        } else if (s[c] > s2) {
          s2 = s[c];
          w2 = c;
        }
      }
      if (w1 === NONE) continue; // no witness, nothing dead
      // A witness let go in this pass still tells its story: a freed slot is only reused by a later op.
      for (let c = this.headOf[block]; c !== NONE;) {
        const after = next[c];
        const witness = c === w1 ? w2 : w1;
        if (witness !== NONE && f[c] < (c === w1 ? s2 : s1) && (records.has(c * ROLES + WRITE) || value[c] === 0)) {
          this.retire(block, c, witness);
          this.drop(c);
        }
        c = after;
      }
    }
  }

  /** After the verdict is final nothing more is needed: drop the clusters. */
  private release(): void {
    this.cl = new ClusterColumns(0);
    this.high = 0;
    this.free = new Int32Array(0);
    this.freeTop = 0;
    this.heads = new ValueTable(16);
    this.zeroOf.fill(NONE);
    this.headOf.fill(NONE);
    this.tailOf.fill(NONE);
    this.countOf.fill(0);
    this.kept = 0;
    this.pending = new Set();
    this.broken = [];
    this.tombs = null;
  }

  /** A copy that evolves on its own (RaftSession keeps one per checkpoint). */
  copy(): LiveLinearizability {
    const o = Object.create(LiveLinearizability.prototype) as LiveLinearizability;
    Object.assign(o, this);
    // Only the slots used so far; the copy grows its columns when it needs more.
    o.cl = new ClusterColumns(this.high, this.cl, this.high);
    o.free = this.free.slice(0, Math.max(this.freeTop, this.high));
    o.heads = this.heads.copy();
    o.zeroOf = this.zeroOf.slice();
    o.headOf = this.headOf.slice();
    o.tailOf = this.tailOf.slice();
    o.countOf = this.countOf.slice();
    o.pending = new Set(this.pending);
    o.broken = this.broken.slice();
    o.brokenFlag = this.brokenFlag.slice();
    o.zeroRetired = this.zeroRetired.slice();
    o.writeBase = this.writeBase.copy();
    o.retiredBits = this.retiredBits.copy();
    o.retiredElsewhere = new Set(this.retiredElsewhere);
    o.tombs = this.tombs === null ? null : new TombColumns(this.tombs);
    o.blockSeen = this.blockSeen.slice();
    o.found = this.found.slice();
    return o;
  }

  // ---- sentences ----

  /** Read `r` (record number `seq`) of a value let go: stale, told with the story of what replaced it when still kept. */
  private staleOfRetired(r: HistoryRecord, seq: number): LinearizabilityViolation {
    const tombs = this.tombs!;
    const slot = tombSlot(r.block, r.value);
    if (tombs.block[slot] === r.block && tombs.value[slot] === r.value) {
      const t = slot * TOMB_RECORDS;
      const u = tombs.byValue[slot];
      return stale(
        { record: r, seq },
        { value: r.value, f: tombs.f[slot], firstResp: this.tombRecord(t + OWN_FIRST_RESP, r.block, r.value) },
        { value: u, f: tombs.byF[slot], s: tombs.byS[slot], firstResp: this.tombRecord(t + BY_FIRST_RESP, r.block, u), lastInv: this.tombRecord(t + BY_LAST_INV, r.block, u) },
      );
    }
    return {
      kind: 'stale-read', block: r.block, at: r.invoke, ops: [opOf(r)],
      reason: `block ${r.block}: ${who(r)} (invoked at ${ms(r.invoke)}) came after value ${r.value} had been replaced on the block ` +
        'by a later value that was in place before the op began',
    };
  }

  private tombRecord(i: number, block: number, value: number): Held | null {
    const records = this.tombs!.records;
    const record = records.record(i, block, value);
    return record === null ? null : { record, seq: records.seq(i) };
  }

  private neverWritten(c: number): LinearizabilityViolation {
    const cl = this.cl;
    const block = cl.block[c];
    const value = cl.value[c];
    const r = cl.records.record(c * ROLES + FIRST_READ, block, value)!;
    const others = cl.reads[c] - 1;
    return {
      kind: 'never-written', block, at: r.invoke, ops: [opOf(r)],
      reason: `block ${block}: ${who(r)} (${ms(r.invoke)} to ${ms(r.complete!)})${others > 0 ? ` (and ${others} other read${others > 1 ? 's' : ''})` : ''}` +
        `, but no write of ${value} to block ${block} began before the read returned`,
    };
  }
}

/** A record as a sentence needs it, with its number (two slots holding one record are one op). */
interface Held {
  record: HistoryRecord;
  seq: number;
}

/** Op `r` of value v came after u replaced v: v was in place by f_v, u was still asked for at s_u > f_v, and in place by f_u < r.invoke. */
function stale(
  r: Held,
  v: { value: number; f: number; firstResp: Held | null },
  u: { value: number; f: number; s: number; firstResp: Held | null; lastInv: Held | null },
): LinearizabilityViolation {
  const held = [r, v.firstResp, u.lastInv, u.firstResp];
  const ops = held.filter((x, i): x is Held => x !== null && held.findIndex((y) => y !== null && y.seq === x.seq) === i)
    .map((x) => x.record).sort((x, y) => x.invoke - y.invoke).map(opOf);
  const op = r.record;
  const vIn = v.firstResp === null ? 'from the start (0 is the initial value)' : `by ${ms(v.f)} (when ${who(v.firstResp.record)} returned)`;
  return {
    kind: 'stale-read', block: op.block, at: op.invoke, ops,
    reason: `block ${op.block}: ${who(op)} (invoked at ${ms(op.invoke)}) came after value ${u.value} had replaced ${v.value}: ` +
      `${v.value} was the block's content ${vIn}, ${u.value} still at ${ms(u.s)} (when ${u.lastInv === null ? 'the history began' : who(u.lastInv.record)} began), ` +
      `so ${u.value} came later, and ${u.value} was in place by ${ms(u.f)} (when ${u.firstResp === null ? 'the history began' : who(u.firstResp.record)} returned), before this op began`,
  };
}

function opOf(r: HistoryRecord): LinearizabilityOp {
  return { client: r.client, op: r.op, value: r.value, invoke: r.invoke, complete: r.complete, ok: r.ok };
}

function who(r: HistoryRecord): string {
  return r.op === 'write' ? `client ${r.client}'s write of ${r.value}` : `client ${r.client}'s read returning ${r.value}`;
}

/** Exact to the nanosecond, readable in milliseconds (as linearizability.ts writes times). */
function ms(ns: number): string {
  if (ns === Infinity) return 'never';
  if (ns === -Infinity) return 'the start';
  return `${(ns / 1e6).toFixed(6)} ms`;
}

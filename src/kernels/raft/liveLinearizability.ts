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

/** A cluster as a later sentence tells it: its value, when it was first in place, when last asked for. */
interface Story {
  value: number;
  f: number;
  s: number;
  firstResp: HistoryRecord | null;
  lastInv: HistoryRecord | null;
}

/** A retired cluster: how it was in place, and the cluster that replaced it. */
interface Tomb {
  own: Story;
  by: Story;
}

class Cluster {
  /** The next cluster of the same value (another block of a multi-block write). */
  next: Cluster | null = null;
  write: HistoryRecord | null = null;
  /** The op with the earliest response (null for the initial value: it was written before time began). */
  firstResp: HistoryRecord | null = null;
  lastInv: HistoryRecord | null = null;
  /** The read with the earliest response. */
  firstRead: HistoryRecord | null = null;
  f: number;
  s = -Infinity;
  minReadResp = Infinity;
  reads = 0;

  constructor(readonly block: number, readonly value: number) {
    this.f = value === 0 ? -Infinity : Infinity;
  }

  /** A copy, without its chain (the caller links copies). */
  copy(): Cluster {
    const c = new Cluster(this.block, this.value);
    c.write = this.write;
    c.firstResp = this.firstResp;
    c.lastInv = this.lastInv;
    c.firstRead = this.firstRead;
    c.f = this.f;
    c.s = this.s;
    c.minReadResp = this.minReadResp;
    c.reads = this.reads;
    return c;
  }

  story(): Story {
    return { value: this.value, f: this.f, s: this.s, firstResp: this.firstResp, lastInv: this.lastInv };
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
  /** The clusters kept: per write value the first of its chain (small integer keys), per block its list and its value 0. */
  private byValue = new Map<number, Cluster>();
  private zeroOf: (Cluster | null)[];
  private byBlock: Cluster[][];
  private kept = 0;
  /** Blocks where a new op made two clusters conflict (or a read precede its write): a flag per block and their list. */
  private brokenFlag: Uint8Array;
  private broken: number[] = [];
  /** Clusters with reads but no write yet (value > 0). */
  private pending = new Set<Cluster>();
  /** Per block: the initial value's cluster went (its later reads are stale). */
  private zeroRetired: Uint8Array;
  /** Per write value: 1 + the first block its write record named, and a bit per retired block from there. */
  private writeBase = new ChunkedColumn();
  private retiredBits = new ChunkedColumn();
  /** Retired (block, value) pairs outside those bits (a write whose records came out of block order). */
  private retiredElsewhere = new Set<number>();
  /** The stories of recently retired clusters, by a hash of (block, value); a collision forgets the older one. */
  private tombBlock: Int32Array;
  private tombs: (Tomb | null)[];
  private blockSeen: Uint8Array;
  private blockCount = 0;
  private ops = 0;
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
    this.byBlock = Array.from({ length: options.blocks }, () => []);
    this.zeroOf = new Array<Cluster | null>(options.blocks).fill(null);
    this.zeroRetired = new Uint8Array(options.blocks);
    this.blockSeen = new Uint8Array(options.blocks);
    this.brokenFlag = new Uint8Array(options.blocks);
    this.tombBlock = new Int32Array(TOMB_STORIES).fill(-1);
    this.tombs = new Array<Tomb | null>(TOMB_STORIES).fill(null);
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
    for (const r of records) {
      this.records++;
      if (this.frozen !== null) continue;
      const refused = this.refusalOf(r);
      if (refused !== null) {
        this.refusal ??= `history record ${this.records} was refused: ${refused}`;
        continue;
      }
      const isWrite = r.op === 'write';
      if (!isWrite && (!r.ok || r.complete === null)) continue; // a failed or unfinished read says nothing
      if (r.invoke < this.horizon) {
        this.breach ??= `an op invoked at ${ms(r.invoke)} finished after the check had let go of ops invoked before ${ms(this.horizon)} ` +
          '(ops are abandoned one client timeout after they begin), so later ops are not checked';
        continue;
      }
      this.ops++;
      if (this.blockSeen[r.block] === 0) {
        this.blockSeen[r.block] = 1;
        this.blockCount++;
      }
      let c = this.clusterOf(r.block, r.value);
      if (c === null) {
        if (this.isRetired(r.block, r.value)) {
          if (isWrite) this.refusal ??= `history record ${this.records} was refused: value ${r.value} is written twice to block ${r.block} (write values must be unique)`;
          else this.found.push(this.staleOfRetired(r));
          continue;
        }
        c = this.newCluster(r.block, r.value);
      } else if (isWrite && c.write !== null) {
        this.refusal ??= `history record ${this.records} was refused: value ${r.value} is written twice to block ${r.block} (write values must be unique)`;
        continue;
      }
      this.take(c, r, isWrite);
    }
  }

  private clusterOf(block: number, value: number): Cluster | null {
    if (value === 0) return this.zeroOf[block];
    let c = this.byValue.get(value) ?? null;
    while (c !== null && c.block !== block) c = c.next;
    return c;
  }

  private take(c: Cluster, r: HistoryRecord, isWrite: boolean): void {
    // A write that failed or never returned may take effect at any later time: its response is +inf.
    const response = r.ok && r.complete !== null ? r.complete : Infinity;
    if (isWrite) {
      if (c.reads > 0) this.pending.delete(c);
      c.write = r;
      if (this.writeBase.get(r.value) === 0) this.writeBase.set(r.value, r.block + 1);
    } else {
      c.reads++;
      if (response < c.minReadResp) {
        c.minReadResp = response;
        c.firstRead = r;
      }
      if (c.reads === 1 && c.write === null && c.value !== 0) this.pending.add(c);
    }
    if (response < c.f) {
      c.f = response;
      c.firstResp = r;
    }
    if (r.invoke > c.s) {
      c.s = r.invoke;
      c.lastInv = r;
    }
    // Only pairs with c can have changed: check them now, and word a violation when asked.
    if (this.brokenFlag[c.block] === 0 && this.conflicts(c)) {
      this.brokenFlag[c.block] = 1;
      this.broken.push(c.block);
    }
  }

  /**
   * The zone conditions of linearizability.ts for one cluster against the others of its block,
   * from f and s alone: a read before its write's invocation, or a cluster neither of which can
   * precede the other. Reads still waiting for their write are judged by their own ops (as the
   * zone checker does with a truncated history); an unread write that failed or never returned
   * imposes nothing.
   */
  private conflicts(c: Cluster): boolean {
    if (c.write !== null && c.write.invoke > c.minReadResp) return true;
    if (c.f === Infinity) return false;
    for (const x of this.byBlock[c.block]) {
      if (x !== c && x.f !== Infinity && c.f < x.s && x.f < c.s) return true;
    }
    return false;
  }

  private newCluster(block: number, value: number): Cluster {
    const c = new Cluster(block, value);
    this.byBlock[block].push(c);
    this.link(c);
    this.kept++;
    return c;
  }

  private link(c: Cluster): void {
    if (c.value === 0) {
      this.zeroOf[c.block] = c;
    } else {
      c.next = this.byValue.get(c.value) ?? null;
      this.byValue.set(c.value, c);
    }
  }

  private unlink(c: Cluster): void {
    this.kept--;
    if (c.value === 0) {
      this.zeroOf[c.block] = null;
      return;
    }
    const head = this.byValue.get(c.value)!;
    if (head === c) {
      if (c.next === null) this.byValue.delete(c.value);
      else this.byValue.set(c.value, c.next);
      return;
    }
    let p = head;
    while (p.next !== c) p = p.next!;
    p.next = c.next;
  }

  private refusalOf(r: HistoryRecord): string | null {
    // The kernel's records are well formed: one cheap test for them, the full one otherwise.
    const { block, client, invoke, complete, value } = r;
    if ((block | 0) === block && block >= 0 && block < this.blocks && (client | 0) === client && client >= 0
      && (value >>> 0) === value && (r.op === 'read' || (r.op === 'write' && value > 0))
      && invoke - invoke === 0 && (complete === null ? !r.ok : complete - complete === 0 && complete >= invoke)) return null;
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
    return this.retiredElsewhere.has(keyOf(block, value));
  }

  /** Remembers a cluster let go (a value, or the initial value 0), with its story. */
  private retire(block: number, own: Story, by: Story): void {
    const value = own.value;
    if (value === 0) {
      this.zeroRetired[block] = 1;
    } else {
      const base = this.writeBase.get(value) - 1;
      const bit = block - base;
      if (base >= 0 && bit >= 0 && bit < 32) this.retiredBits.set(value, (this.retiredBits.get(value) | (1 << bit)) >>> 0);
      else this.retiredElsewhere.add(keyOf(block, value));
    }
    const slot = tombSlot(block, value);
    this.tombBlock[slot] = block;
    this.tombs[slot] = { own, by };
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
    for (const c of this.pending) if (c.minReadResp < h) candidates.push(this.neverWritten(c));
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
    for (const c of this.byBlock[block]) {
      const seen: HistoryRecord[] = [];
      for (const r of [c.write, c.firstResp, c.lastInv, c.firstRead]) {
        if (r === null || seen.includes(r)) continue;
        seen.push(r);
        checker.add(r);
      }
    }
    // Truncated: a read whose write has not arrived yet is judged by `pending`, not here.
    const found = checker.finish({ truncated: true, maxViolations: 1 }).violations[0];
    if (found !== undefined) return found;
    throw new Error(`P9: block ${block} breaks a zone condition the zone checker does not see (a bug in liveLinearizability.ts)`);
  }

  /** Lets go the dead clusters (see the header); called only when no violation is known. */
  private letGo(h: SimNs): void {
    for (let block = 0; block < this.blocks; block++) {
      const list = this.byBlock[block];
      if (list.length < 2) continue; // a lone cluster has no witness
      // The two latest invocations among clusters first in place before h: the witnesses.
      let s1 = -Infinity;
      let w1: Cluster | null = null;
      let s2 = -Infinity;
      let w2: Cluster | null = null;
      for (const c of list) {
        if (!(c.f < h)) continue;
        if (c.s > s1) {
          s2 = s1;
          w2 = w1;
          s1 = c.s;
          w1 = c;
        } else if (c.s > s2) {
          s2 = c.s;
          w2 = c;
        }
      }
      let kept: Cluster[] | null = null;
      let story1: Story | null = null;
      let story2: Story | null = null;
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        const witness = c === w1 ? w2 : w1;
        const dead = witness !== null && c.f < (c === w1 ? s2 : s1) && (c.write !== null || c.value === 0);
        if (!dead) {
          if (kept !== null) kept.push(c);
          continue;
        }
        kept ??= list.slice(0, i);
        const by = witness === w1 ? (story1 ??= w1.story()) : (story2 ??= witness.story());
        this.retire(block, c, by); // a cluster let go never changes again: it is its own story
        this.unlink(c);
      }
      if (kept !== null) this.byBlock[block] = kept;
    }
  }

  /** After the verdict is final nothing more is needed: drop the clusters. */
  private release(): void {
    this.byValue = new Map();
    this.zeroOf = this.zeroOf.map(() => null);
    this.byBlock = this.byBlock.map(() => []);
    this.kept = 0;
    this.pending = new Set();
    this.broken = [];
    this.tombs = this.tombs.map(() => null);
  }

  /** A copy that evolves on its own (RaftSession keeps one per checkpoint). */
  copy(): LiveLinearizability {
    const o = Object.create(LiveLinearizability.prototype) as LiveLinearizability;
    Object.assign(o, this);
    o.byBlock = this.byBlock.map((list) => list.map((c) => c.copy()));
    o.byValue = new Map();
    o.zeroOf = this.zeroOf.map(() => null);
    o.pending = new Set();
    // Linked in list order: chains come out reversed, which no lookup depends on.
    for (const list of o.byBlock) {
      for (const c of list) {
        o.link(c);
        if (c.reads > 0 && c.write === null && c.value !== 0) o.pending.add(c);
      }
    }
    o.broken = this.broken.slice();
    o.brokenFlag = this.brokenFlag.slice();
    o.zeroRetired = this.zeroRetired.slice();
    o.writeBase = this.writeBase.copy();
    o.retiredBits = this.retiredBits.copy();
    o.retiredElsewhere = new Set(this.retiredElsewhere);
    o.tombBlock = this.tombBlock.slice();
    o.tombs = this.tombs.slice();
    o.blockSeen = this.blockSeen.slice();
    o.found = this.found.slice();
    return o;
  }

  // ---- sentences ----

  private staleOfRetired(r: HistoryRecord): LinearizabilityViolation {
    const slot = tombSlot(r.block, r.value);
    const tomb = this.tombs[slot];
    if (tomb !== null && this.tombBlock[slot] === r.block && tomb.own.value === r.value) return stale(r, tomb.own, tomb.by);
    return {
      kind: 'stale-read', block: r.block, at: r.invoke, ops: [opOf(r)],
      reason: `block ${r.block}: ${who(r)} (invoked at ${ms(r.invoke)}) came after value ${r.value} had been replaced on the block ` +
        'by a later value that was in place before the op began',
    };
  }

  private neverWritten(c: Cluster): LinearizabilityViolation {
    const r = c.firstRead!;
    const others = c.reads - 1;
    return {
      kind: 'never-written', block: c.block, at: r.invoke, ops: [opOf(r)],
      reason: `block ${c.block}: ${who(r)} (${ms(r.invoke)} to ${ms(r.complete!)})${others > 0 ? ` (and ${others} other read${others > 1 ? 's' : ''})` : ''}` +
        `, but no write of ${c.value} to block ${c.block} began before the read returned`,
    };
  }
}

/** Op `r` of value v came after u replaced v: v was in place by f_v, u was still asked for at s_u > f_v, and in place by f_u < r.invoke. */
function stale(r: HistoryRecord, v: Story, u: Story): LinearizabilityViolation {
  const ops = [r, v.firstResp, u.lastInv, u.firstResp].filter((x, i, all): x is HistoryRecord => x !== null && all.indexOf(x) === i)
    .sort((x, y) => x.invoke - y.invoke).map(opOf);
  const vIn = v.firstResp === null ? 'from the start (0 is the initial value)' : `by ${ms(v.f)} (when ${who(v.firstResp)} returned)`;
  return {
    kind: 'stale-read', block: r.block, at: r.invoke, ops,
    reason: `block ${r.block}: ${who(r)} (invoked at ${ms(r.invoke)}) came after value ${u.value} had replaced ${v.value}: ` +
      `${v.value} was the block's content ${vIn}, ${u.value} still at ${ms(u.s)} (when ${u.lastInv === null ? 'the history began' : who(u.lastInv)} began), ` +
      `so ${u.value} came later, and ${u.value} was in place by ${ms(u.f)} (when ${u.firstResp === null ? 'the history began' : who(u.firstResp)} returned), before this op began`,
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

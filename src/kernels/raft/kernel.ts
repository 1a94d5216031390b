// The host side of one raft kernel instance: the same code runs in the browser's worker, in
// the Node CLI and in the unit tests, over the same raft.wasm. Views read frames, the event
// ring, the client history and the log strips through this class.
import {
  CMD, CONFIG_SLOTS, HISTORY_CAP, LOG_CAP, LOG_NAMES, MODES, NODES, READ_VALUES_CAP, ROLES, SERIES_CAP,
  STRIP_STATES, VIOLATION_PROPERTY, MERGE_RULES, MESSAGE_KINDS, LOG, CU_FIELDS, MAX_PIECES,
  FRAME, FRAME_SIZE, FRAME_NODE, FRAME_NODE_BASE, FRAME_NODE_FIELDS,
} from './protocol';
import { encodeConfig } from './config';
import type {
  HistoryRecord, LogRecord, NodeState, RaftCommand, RaftConfig, RaftSummary, SeriesPoint, SimNs, StampedRaftCommand,
  StripCell, Verdict, Violation,
} from './types';
import { formatCommand } from './schedule';
import { instantiateKernel, type KernelInstance } from '../wasmKernel';
import { CatchUpHistory, decodeCatchUps, type CatchUpRecord, type CatchUpState } from './catchUp';

export { KernelTrap } from '../wasmKernel';

interface RaftExports {
  memory: WebAssembly.Memory;
  configPtr(): number;
  init(seed: number): number;
  apply(kind: number, a: number, b: number, c: number, d: number): number;
  advance(untilNs: number, maxEvents: number): number;
  frame(): number;
  query(id: number): number;
  nowNs(): number;
  halted(): number;
  logRecordsTotal(): number;
  catchUpRecordsTotal(): number;
  historyRecordsTotal(): number;
  measureFromNow(): void;
  stripFill(node: number, from: number, count: number): number;
  logTimesPtr(): number;
  logFieldsPtr(): number;
  logCapacity(): number;
  historyClientPtr(): number;
  historyKindPtr(): number;
  historyLbaPtr(): number;
  historyLenPtr(): number;
  historyValuePtr(): number;
  historyOkPtr(): number;
  historyInvokePtr(): number;
  historyCompletePtr(): number;
  historyReadAtPtr(): number;
  readValuesPtr(): number;
  seriesTimePtr(): number;
  seriesOpsPtr(): number;
  seriesP50Ptr(): number;
  seriesP99Ptr(): number;
  seriesP999Ptr(): number;
  lgIndexPtr(): number;
  lgTermPtr(): number;
  lgValuePtr(): number;
  lgLbaPtr(): number;
  lgLenPtr(): number;
  lgLbbPtr(): number;
  lgStatePtr(): number;
  lgAckPtr(): number;
  dataPtr(): number;
  catchUpInfoPtr(): number;
  catchUpPiecesPtr(): number;
  blockCount(): number;
  lbbMax(): number;
  clearScratch(): void;
  debugTrap(): void;
}

export { FRAME, FRAME_SIZE } from './protocol';
const SETTLE_STATES = ['running', 'settling', 'compared'] as const;

/** Names for `query` (lab checks and the terminal). */
export const QUERIES: Record<string, number> = {
  ...FRAME,
  ...Object.fromEntries(Array.from({ length: NODES }, (_, n) => [
    ...(['up', 'role', 'term', 'lastIndex', 'commitIndex', 'applied', 'checkpoint'] as const).map(
      (field) => [`node${n}.${field}`, FRAME_NODE_BASE + n * FRAME_NODE_FIELDS + FRAME_NODE[field]] as const),
  ]).flat()),
};

/** Takes client history records as numbers (`complete` null: the op never returned). */
export interface HistorySink {
  addOp(client: number, isWrite: boolean, block: number, value: number, invoke: SimNs, complete: SimNs | null, ok: boolean): void;
}

export class RaftKernel {
  readonly config: RaftConfig;
  readonly blocks: number;
  private readonly exports: RaftExports;
  private readonly instance: KernelInstance<RaftExports>;
  private readonly applied: StampedRaftCommand[] = [];

  constructor(module: WebAssembly.Module, config: RaftConfig) {
    this.config = config;
    this.instance = instantiateKernel<RaftExports>(module);
    this.exports = this.instance.exports;
    const encoded = encodeConfig(config);
    const at = this.exports.configPtr();
    new Float64Array(this.exports.memory.buffer, at, CONFIG_SLOTS).set(encoded);
    const status = this.call('init', () => this.exports.init(config.seed));
    if (status !== 0) throw new Error('raft kernel config version mismatch (rebuild the wasm: npm run build:wasm)');
    this.blocks = this.exports.blockCount();
  }

  /** Runs a kernel call; any trap becomes a KernelTrap naming the command. */
  call<T>(during: string, fn: () => T): T {
    return this.instance.call(during, fn);
  }


  get now(): SimNs {
    return this.exports.nowNs();
  }

  /** Runs events up to `untilNs` (at most maxEvents); returns events run. */
  advance(untilNs: SimNs, maxEvents = 0x7fffffff): number {
    return this.call(`advance to ${untilNs} ns`, () => this.exports.advance(untilNs, maxEvents));
  }

  /** Applies one command now. */
  apply(command: RaftCommand): void {
    const [kind, a, b, c, d] = encodeCommand(command);
    const status = this.call(formatCommand(command), () => this.exports.apply(kind, a, b, c, d));
    if (status !== 0) throw new RangeError(`the kernel refused "${formatCommand(command)}" (arguments out of range)`);
    this.applied.push({ at: this.now, command });
  }

  /** Commands applied so far, stamped with the simulated time they took effect. */
  commandLog(): StampedRaftCommand[] {
    return [...this.applied];
  }

  /**
   * Runs to `untilNs`, applying each stamped command at its time; stops early at a checker
   * violation. `onSlice` runs between slices (drain history, render a frame).
   */
  runSchedule(untilNs: SimNs, schedule: StampedRaftCommand[], onSlice?: () => void, sliceEvents = 1 << 16): void {
    const pending = [...schedule].sort((x, y) => x.at - y.at);
    let next = 0;
    while (!this.stopped()) {
      const target = next < pending.length && pending[next].at <= untilNs ? pending[next].at : untilNs;
      while (this.now < target && !this.stopped()) {
        this.advance(target, sliceEvents);
        onSlice?.();
      }
      if (this.stopped()) break;
      if (next < pending.length && pending[next].at <= untilNs) {
        this.apply(pending[next].command);
        next++;
        continue;
      }
      if (this.now >= untilNs) break;
    }
    onSlice?.();
  }

  /** A checker violation or an overflow stopped the run. */
  stopped(): boolean {
    // Asked between every slice: a direct export, not a whole frame (three percentiles).
    return this.exports.halted() !== 0;
  }

  /** Client-history records written so far (monotonic). */
  historyTotal(): number {
    return this.exports.historyRecordsTotal();
  }

  /** Event-log records written so far, and catch-up records among them (both monotonic). */
  logCounts(): { records: number; catchUp: number } {
    return { records: this.exports.logRecordsTotal(), catchUp: this.exports.catchUpRecordsTotal() };
  }

  measureFromNow(): void {
    this.exports.measureFromNow();
  }

  private frameView(): Float64Array {
    return new Float64Array(this.exports.memory.buffer, this.exports.frame(), FRAME_SIZE);
  }

  /** The raw frame (a copy): what a worker transfers to the main thread each animation frame. */
  frame(): Float64Array {
    return this.frameView().slice();
  }

  summary(): RaftSummary {
    const f = this.frameView();
    return {
      now: f[FRAME.now], events: f[FRAME.events], mode: MODES[f[FRAME.mode]], leader: f[FRAME.leader],
      okWrites: f[FRAME.okWrites], okReads: f[FRAME.okReads], failedOps: f[FRAME.failedOps], timedOut: f[FRAME.timedOut],
      p50Ns: f[FRAME.p50], p99Ns: f[FRAME.p99], p999Ns: f[FRAME.p999],
      msgSent: f[FRAME.msgSent], msgDelivered: f[FRAME.msgDelivered], msgDropped: f[FRAME.msgDropped],
      rejects: f[FRAME.rejects], resends: f[FRAME.resends], elections: f[FRAME.elections], commits: f[FRAME.commits],
      checked: {
        commits: f[FRAME.commitsChecked], applies: f[FRAME.appliesChecked], reads: f[FRAME.readsChecked],
        acks: f[FRAME.acksChecked], elections: f[FRAME.electionsChecked], unverified: f[FRAME.unverified],
        lbbs: f[FRAME.lbbsChecked], syncs: f[FRAME.syncsChecked],
      },
      settle: SETTLE_STATES[f[FRAME.settle]] ?? 'running', replicasConverged: f[FRAME.replicasConverged],
      maxCommitted: f[FRAME.maxCommitted],
      historyTotal: f[FRAME.historyTotal], logTotal: f[FRAME.logTotal], overflow: f[FRAME.overflow] !== 0,
      writes: f[FRAME.writes], iodepth: f[FRAME.iodepth], measuredOps: f[FRAME.measuredOps], measureFrom: f[FRAME.measureFrom],
    };
  }

  nodes(): NodeState[] {
    const f = this.frameView();
    return Array.from({ length: NODES }, (_, id) => {
      const o = FRAME_NODE_BASE + id * FRAME_NODE_FIELDS;
      const N = FRAME_NODE;
      return {
        id, up: f[o + N.up] !== 0, role: ROLES[f[o + N.role]], term: f[o + N.term], votedFor: f[o + N.votedFor],
        lastIndex: f[o + N.lastIndex], commitIndex: f[o + N.commitIndex], appliedPrefix: f[o + N.applied],
        checkpoint: f[o + N.checkpoint], syncTerm: f[o + N.syncTerm], pending: f[o + N.pending],
        diskFactor: f[o + N.diskFactor] / 1000, leaderHint: f[o + N.leaderHint], mergeEnd: f[o + N.mergeEnd],
        contigKnown: f[o + N.contigKnown], persistedPrefix: f[o + N.persistedPrefix], epoch: f[o + N.epoch],
      };
    });
  }

  /** The tri-state verdict of the live checker, with a sentence saying why. */
  verdict(): Verdict {
    const f = this.frameView();
    const code = f[FRAME.violation];
    if (f[FRAME.overflow] !== 0) {
      return { verdict: 'unknown', reason: 'the event queue overflowed, so the run stopped before its end', violations: [] };
    }
    if (code !== 0) {
      const v: Violation = { code, property: VIOLATION_PROPERTY[code] ?? `violation ${code}`, at: f[FRAME.vTime], a: f[FRAME.vA], b: f[FRAME.vB], c: f[FRAME.vC] };
      return { verdict: 'invalid', reason: describeViolation(v), violations: [v] };
    }
    const s = this.summary();
    if (s.checked.commits === 0) {
      return { verdict: 'unknown', reason: 'nothing was committed, so there was nothing to check', violations: [] };
    }
    const lbbs = s.checked.lbbs > 0 ? `, ${s.checked.lbbs} LBBs` : '';
    const syncs = s.checked.syncs > 0 ? `, ${s.checked.syncs} sync windows` : '';
    const converged = s.settle === 'compared' ? `; after settling, all ${s.replicasConverged} replicas equal the serial replay of ${s.maxCommitted} entries (P6)` : '';
    const base = `${s.checked.commits} commits, ${s.checked.applies} applies${lbbs}${syncs}, ${s.checked.reads} reads and ${s.checked.elections} leader changes checked${converged}`;
    if (s.checked.unverified > 0) {
      return { verdict: 'unknown', reason: `${base}; no violation, but ${s.checked.unverified} observations could not be verified (what they refer to was outside the checker's shadow window, or never committed)`, violations: [] };
    }
    return { verdict: 'valid', reason: `${base}; every property held`, violations: [] };
  }

  /** Event-log records written since `sinceTotal` (at most the ring's capacity). */
  events(sinceTotal = 0): LogRecord[] {
    const total = this.exports.logRecordsTotal();
    const cap = this.exports.logCapacity();
    const times = new BigInt64Array(this.exports.memory.buffer, this.exports.logTimesPtr(), cap);
    const fields = new Int32Array(this.exports.memory.buffer, this.exports.logFieldsPtr(), cap * 4);
    const out: LogRecord[] = [];
    for (let i = Math.max(sinceTotal, total - cap); i < total; i++) {
      const s = i % cap;
      out.push({ at: Number(times[s]), kind: LOG_NAMES[fields[s * 4]] ?? String(fields[s * 4]), a: fields[s * 4 + 1], b: fields[s * 4 + 2], c: fields[s * 4 + 3] });
    }
    return out;
  }

  /** Message records from the event log (needs traceMessages), decoded for a timeline view. */
  messages(sinceTotal = 0): { at: SimNs; what: 'send' | 'recv' | 'drop'; from: number; to: number; kind: string; a: number; term: number }[] {
    return this.events(sinceTotal)
      .filter((r) => r.kind === 'msgSend' || r.kind === 'msgRecv' || r.kind === 'msgDrop')
      .map((r) => ({
        at: r.at, what: r.kind === 'msgSend' ? 'send' : r.kind === 'msgRecv' ? 'recv' : 'drop',
        from: r.a & 15, to: (r.a >> 4) & 15, kind: MESSAGE_KINDS[r.a >> 8] ?? String(r.a >> 8), a: r.b, term: r.c,
      }));
  }

  /** Merge decisions (one per index) from the event log. */
  merges(sinceTotal = 0): { at: SimNs; index: number; rule: string; from: number | null; term: number }[] {
    return this.events(sinceTotal).filter((r) => r.kind === 'merge').map((r) => ({
      at: r.at, index: r.a, rule: MERGE_RULES[r.b & 15], from: (r.b >> 4) - 1 < 0 ? null : (r.b >> 4) - 1, term: r.c,
    }));
  }

  /**
   * Client history records since `sinceOp` (op count), one per block touched. Throws when the
   * ring has already overwritten some of them (drain more often).
   */
  history(sinceOp: number): { records: HistoryRecord[]; next: number } {
    const records: HistoryRecord[] = [];
    const next = this.historyEach(sinceOp, {
      addOp: (client, isWrite, block, value, invoke, complete, ok) => {
        records.push({ client, op: isWrite ? 'write' : 'read', block, value, invoke, complete, ok });
      },
    });
    return { records, next };
  }

  /**
   * The records `history` gives, handed to `sink` one by one as numbers straight from the
   * kernel's memory, with no object per record (the live P9 check takes about 100,000 a
   * simulated second). Returns the op count read up to; throws as `history` does.
   */
  historyEach(sinceOp: number, sink: HistorySink): number {
    const total = this.historyTotal();
    if (total - sinceOp > HISTORY_CAP) throw new Error(`history ring overrun: ${total - sinceOp} ops since the last drain (capacity ${HISTORY_CAP})`);
    const buf = this.exports.memory.buffer;
    const e = this.exports;
    const client = new Int32Array(buf, e.historyClientPtr(), HISTORY_CAP);
    const kind = new Int32Array(buf, e.historyKindPtr(), HISTORY_CAP);
    const lba = new Int32Array(buf, e.historyLbaPtr(), HISTORY_CAP);
    const len = new Int32Array(buf, e.historyLenPtr(), HISTORY_CAP);
    const value = new Int32Array(buf, e.historyValuePtr(), HISTORY_CAP);
    const ok = new Int32Array(buf, e.historyOkPtr(), HISTORY_CAP);
    // The i64 times as their 32-bit halves (wasm is little-endian): reading a BigInt64Array makes
    // a BigInt per element, which the garbage collector then has to sweep.
    const invokeLow = new Uint32Array(buf, e.historyInvokePtr(), 2 * HISTORY_CAP);
    const invokeHigh = new Int32Array(buf, e.historyInvokePtr(), 2 * HISTORY_CAP);
    const completeLow = new Uint32Array(buf, e.historyCompletePtr(), 2 * HISTORY_CAP);
    const completeHigh = new Int32Array(buf, e.historyCompletePtr(), 2 * HISTORY_CAP);
    const readAt = new Int32Array(buf, e.historyReadAtPtr(), HISTORY_CAP);
    const values = new Int32Array(buf, e.readValuesPtr(), READ_VALUES_CAP);
    for (let i = sinceOp; i < total; i++) {
      const h = i % HISTORY_CAP;
      const isWrite = kind[h] === 0;
      // Exact below 2^53 ns (104 days); -1 (never completed) has both halves all ones.
      const done = completeHigh[2 * h + 1] * 4294967296 + completeLow[2 * h];
      const finished = done < 0 ? null : done;
      const at = invokeHigh[2 * h + 1] * 4294967296 + invokeLow[2 * h];
      const good = ok[h] === 1;
      for (let k = 0; k < len[h]; k++) {
        const read = !isWrite && good && readAt[h] >= 0 ? values[(readAt[h] + k) % READ_VALUES_CAP] : 0;
        sink.addOp(client[h], isWrite, lba[h] + k, isWrite ? value[h] : read, at, finished, good);
      }
    }
    return total;
  }

  /** IOPS and latency percentiles per sample interval. */
  series(): SeriesPoint[] {
    const count = this.frameView()[FRAME.seriesCount];
    const { time, ops, p50, p99, p999 } = this.seriesRing();
    const out: SeriesPoint[] = [];
    for (let i = Math.max(0, count - SERIES_CAP); i < count; i++) {
      const s = i % SERIES_CAP;
      out.push({ at: Number(time[s]), ops: Number(ops[s]), p50Ns: Number(p50[s]), p99Ns: Number(p99[s]), p999Ns: Number(p999[s]) });
    }
    return out;
  }

  /** View states of `count` log slots of a node from index `from` (the per-replica log strip). */
  strip(node: number, from: number, count: number): StripCell[] {
    const n = Math.min(count, LOG_CAP);
    const ptr = this.exports.stripFill(node, from, n);
    const codes = new Uint8Array(this.exports.memory.buffer, ptr, n);
    return Array.from(codes, (code, i) => ({ index: from + i, state: STRIP_STATES[code] }));
  }

  /** Raw strip codes (no objects), for a view filling an instance buffer. */
  stripCodes(node: number, from: number, count: number): Uint8Array {
    const n = Math.min(count, LOG_CAP);
    return new Uint8Array(this.exports.memory.buffer, this.exports.stripFill(node, from, n), n).slice();
  }

  /**
   * Typed views over one node's log ring (slot = index & (LOG_CAP-1)); valid until the next
   * kernel call that grows memory. `ack` is the leader's bitmap of replicas that persisted.
   */
  logViews(node: number) {
    const buf = this.exports.memory.buffer;
    const e = this.exports;
    const o = node * LOG_CAP;
    const lbbMax = e.lbbMax();
    return {
      index: new Int32Array(buf, e.lgIndexPtr() + o * 4, LOG_CAP),
      term: new Int32Array(buf, e.lgTermPtr() + o * 4, LOG_CAP),
      value: new Int32Array(buf, e.lgValuePtr() + o * 4, LOG_CAP),
      lba: new Int32Array(buf, e.lgLbaPtr() + o * 4, LOG_CAP),
      len: new Int32Array(buf, e.lgLenPtr() + o * 4, LOG_CAP),
      lbb: new Int32Array(buf, e.lgLbbPtr() + o * 4 * lbbMax * 2, LOG_CAP * lbbMax * 2),
      state: new Uint8Array(buf, e.lgStatePtr() + o, LOG_CAP),
      ack: new Uint8Array(buf, e.lgAckPtr() + o, LOG_CAP),
      lbbMax,
    };
  }

  /** One entry as a view shows it on hover: range, LBB, ack bitmap. */
  entry(node: number, index: number) {
    const v = this.logViews(node);
    const s = index & (LOG_CAP - 1);
    if (v.index[s] !== index) return null;
    const lbb = [];
    for (let k = 0; k < this.config.lbbN; k++) lbb.push({ index: index - 1 - k, lba: v.lbb[s * v.lbbMax * 2 + k * 2], blocks: v.lbb[s * v.lbbMax * 2 + k * 2 + 1] });
    return { index, term: v.term[s], value: v.value[s], lba: v.lba[s], blocks: v.len[s], state: v.state[s], ackMask: v.ack[s], lbb };
  }

  /** The catch-up records and piece maps as the kernel holds them (copies), for frames. */
  catchUpRaw(): { info: Float64Array; pieces: Uint8Array } {
    const buf = this.exports.memory.buffer;
    return {
      info: new Float64Array(buf, this.exports.catchUpInfoPtr(), NODES * CU_FIELDS).slice(),
      pieces: new Uint8Array(buf, this.exports.catchUpPiecesPtr(), NODES * MAX_PIECES).slice(),
    };
  }

  /** Per follower, its latest catch-up (null when it has had none). */
  catchUps(): (CatchUpState | null)[] {
    const { info, pieces } = this.catchUpRaw();
    return decodeCatchUps(info, pieces);
  }

  /** Catch-ups as the event log tells them (those whose start is still in the ring). */
  catchUpLog(sinceTotal = 0): CatchUpRecord[] {
    const history = new CatchUpHistory(Number.POSITIVE_INFINITY);
    this.readCatchUps(history, sinceTotal);
    return history.list;
  }

  /**
   * Feeds the catch-up records written since `sinceTotal` into `history`; returns the total to
   * read from next time. Read often enough (the ring holds 65,536 records) to miss none.
   */
  readCatchUps(history: CatchUpHistory, sinceTotal: number): number {
    const { times, fields, capacity } = this.logRing();
    const total = this.exports.logRecordsTotal();
    for (let i = Math.max(sinceTotal, total - capacity); i < total; i++) {
      const s = i % capacity;
      history.add(Number(times[s]), fields[s * 4], fields[s * 4 + 1], fields[s * 4 + 2], fields[s * 4 + 3]);
    }
    return total;
  }

  /** Block contents of a replica (write ids; 0 = never written). */
  blocksOf(node: number): Int32Array {
    return new Int32Array(this.exports.memory.buffer, this.exports.dataPtr() + node * this.blocks * 4, this.blocks).slice();
  }

  query(name: string): number {
    const id = QUERIES[name];
    if (id === undefined) throw new Error(`unknown raft query "${name}"`);
    return this.exports.query(id);
  }

  snapshot(): Uint8Array {
    return this.instance.snapshot();
  }

  restore(snapshot: Uint8Array): void {
    this.instance.restore(snapshot);
  }

  stateBytes(): Uint8Array {
    return this.instance.stateBytes(() => this.exports.clearScratch());
  }

  /**
   * The event ring as typed views over linear memory (valid until the next call): for readers
   * that walk a million records per simulated second and must not build an object each.
   */
  logRing(): { times: BigInt64Array; fields: Int32Array; capacity: number } {
    const buffer = this.exports.memory.buffer;
    const capacity = this.exports.logCapacity();
    return {
      times: new BigInt64Array(buffer, this.exports.logTimesPtr(), capacity),
      fields: new Int32Array(buffer, this.exports.logFieldsPtr(), capacity * 4),
      capacity,
    };
  }

  /** The IOPS and latency series as typed views (SERIES_CAP slots each; see `series()`). */
  seriesRing(): { time: BigInt64Array; ops: BigInt64Array; p50: BigInt64Array; p99: BigInt64Array; p999: BigInt64Array } {
    const buffer = this.exports.memory.buffer;
    const view = (ptr: number) => new BigInt64Array(buffer, ptr, SERIES_CAP);
    return {
      time: view(this.exports.seriesTimePtr()),
      ops: view(this.exports.seriesOpsPtr()),
      p50: view(this.exports.seriesP50Ptr()),
      p99: view(this.exports.seriesP99Ptr()),
      p999: view(this.exports.seriesP999Ptr()),
    };
  }

  debugTrap(): never {
    this.call('debug trap', () => this.exports.debugTrap());
    throw new Error('the kernel did not trap');
  }
}

export function encodeCommand(c: RaftCommand): [number, number, number, number, number] {
  switch (c.kind) {
    case 'crash': return [CMD.crash, c.node, c.wipe ? 1 : 0, 0, 0];
    case 'restart': return [CMD.restart, c.node, 0, 0, 0];
    case 'partition': return [CMD.partition, c.a, c.b ?? -1, 0, 0];
    case 'oneway': return [CMD.oneway, c.from, c.to, 0, 0];
    case 'heal': return [CMD.heal, c.a ?? -1, c.b ?? -1, 0, 0];
    case 'delay': return [CMD.delay, c.from, c.to, Math.round(c.ns), c.both ? 1 : 0];
    case 'loss': return [CMD.loss, c.from, c.to, Math.round(c.percent * 10), c.both ? 1 : 0];
    case 'duplicate': return [CMD.duplicate, c.from, c.to, Math.round(c.percent * 10), c.both ? 1 : 0];
    case 'reorder': return [CMD.reorder, c.from, c.to, Math.round(c.percent * 10), c.both ? 1 : 0];
    case 'limp': return [CMD.limp, c.node, Math.max(1, Math.round(c.factor * 1000)), 0, 0];
    case 'elect': return [CMD.elect, c.node, 0, 0, 0];
    case 'write': return [CMD.write, c.block, c.blocks, 0, 0];
    case 'read': return [CMD.read, c.block, c.blocks, 0, 0];
    case 'iodepth': return [CMD.iodepth, c.depth, 0, 0, 0];
    case 'checkpoint': return [CMD.checkpoint, c.node ?? -1, 0, 0, 0];
    case 'settle': return [CMD.settle, 0, 0, 0, 0];
  }
}

const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;
const ms = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

/** One sentence per violation, in the terms of spec §1.9. */
export function describeViolation(v: Violation): string {
  const when = `at ${ms(v.at)}`;
  switch (v.code) {
    case 1: return `${when}: term ${v.a} has two leaders (node ${v.b} became leader after another node had) — ${v.property}`;
    case 2: return `${when}: term ${v.a} has two leader candidates (node ${v.b} and another) — ${v.property}`;
    case 3: return `${when}: leader ${v.a} overwrote or deleted its own entry ${v.b} (term ${v.c}) during its term — ${v.property}`;
    case 4: return `${when}: node ${v.a} appended entry ${v.b} (term ${v.c}) whose predecessor term differs from its own log — ${v.property}`;
    case 5: return `${when}: node ${v.a} holds entry ${v.b} of term ${v.c} with a different value than another replica — ${v.property}`;
    case 6: return `${when}: node ${v.a} became leader without entry ${v.b}, committed in term ${v.c} — ${v.property}`;
    case 7: return `${when}: index ${v.a} was committed with write ${v.b} and is now committed with ${v.c} — ${v.property}`;
    case 8: return `${when}: node ${v.a} applied write ${v.c} at index ${v.b}, which is not the committed value — ${v.property}`;
    case 9: return `${when}: node ${v.a} applied entry ${v.b} after the later overlapping entry ${v.c} (old data over new) — ${v.property}`;
    case 10: return `${when}: index ${v.a} (term ${v.b}) was reported committed while only replicas ${maskText(v.c)} had persisted it — ${v.property}`;
    case 11: return `${when}: a read of block ${v.a} returned write ${v.b}, older than the write at index ${v.c} acknowledged before the read began — ${v.property}`;
    case 12: return `${when}: node ${v.a} applied entry ${v.b} (write ${v.c}) that was never committed — ${v.property}`;
    case 13: return `${when}: node ${v.a} received entry ${v.b} whose look-behind buffer slot ${v.c} names the wrong LBA range — ${v.property}`;
    case 14: return `${when}: after settling, node ${v.a}'s block ${v.b} holds write ${v.c}, not what applying every committed entry in index order gives — ${v.property}`;
    case 16: return `${when}: write ${v.a} was acknowledged to its client although index ${v.b} does not hold it committed — ${v.property}`;
    case 15: return `${when}: nodes ${v.a} and ${v.b} hold different old-term entries at index ${v.c}, below both their sync terms — ${v.property}`;
    default: return `${when}: violation ${v.code} (${v.a}, ${v.b}, ${v.c}) — ${v.property}`;
  }
}

function maskText(mask: number): string {
  const nodes = [0, 1, 2].filter((n) => mask & (1 << n));
  return nodes.length ? `{${nodes.join(', ')}}` : 'none';
}

export { us, ms, LOG };

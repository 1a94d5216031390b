// The host side of one LogIndex kernel instance, the same in the CLI, the tests and (later) a
// worker: encodes the config, applies commands, advances time, decodes the frame.
import { instantiateKernel, type KernelInstance } from '../wasmKernel';
import { fnv1a64Hex } from '../../state/hash';
import {
  BROKEN_OPTIONS, CFG, CMD, CONFIG_SLOTS, CONFIG_VERSION, FR, FRAME_SIZE, HISTORY_CAP, HISTORY_DRAIN_EVENTS, HISTORY_READ,
  MODE_CODES, OPT_HISTORY, PROPERTIES, VERDICTS, nodeName,
} from './protocol';
import type { LogIndexCommand, LogIndexConfig, LogIndexSummary, SimNs } from './types';
import type { FlushEntry, NodeView, PageInspection, WriterView } from './api';
import { decodeFlushList, decodeNodes, decodePage, decodeWriter } from './inspect';
import * as K from '../../../wasm/logindex/constants';

/** One line of the --history file: a writer page change (`lsn`) or a replica read (`replayLsn`). */
export interface HistoryRecord {
  t: SimNs;
  node: string;
  op: 'write' | 'read';
  page: number;
  lsn: number;
  /** The page image, 16 hex digits. */
  image: string;
}

interface LogIndexExports {
  memory: WebAssembly.Memory;
  configPtr(): number;
  init(seed: number): number;
  apply(kind: number, a: number, b: number): number;
  advance(untilNs: number, maxEvents: number): number;
  frame(): number;
  clearScratch(): void;
  historyTotal(): number;
  historyTimePtr(): number;
  historyImagePtr(): number;
  historyWhoPtr(): number;
  historyPagePtr(): number;
  historyLsnPtr(): number;
  seriesTotal(): number;
  seriesTimePtr(): number;
  seriesLagPtr(): number;
  nodesPtr(): number;
  writerPtr(): number;
  flushPtr(): number;
  pagePtr(page: number, node: number): number;
}

/** Events one advance call runs before the host looks again. */
const CHUNK_EVENTS = 1 << 20;

export class LogIndexKernel {
  private readonly instance: KernelInstance<LogIndexExports>;
  private nowNs: SimNs = 0;
  private drained = 0;
  private seriesDrained = 0;
  private readonly ro: number;

  /** With `history`, every writer page change and replica read goes to it, in order. */
  constructor(module: WebAssembly.Module, config: LogIndexConfig, seed: number, private readonly history?: (r: HistoryRecord) => void) {
    this.instance = instantiateKernel<LogIndexExports>(module);
    this.ro = config.ro;
    const e = this.instance.exports;
    const slots = new Float64Array(CONFIG_SLOTS);
    slots[CFG.version] = CONFIG_VERSION;
    slots[CFG.mode] = MODE_CODES[config.mode];
    slots[CFG.ro] = config.ro;
    slots[CFG.options] = config.broken.reduce((bits, name) => bits | BROKEN_OPTIONS[name], history ? OPT_HISTORY : 0);
    for (const key of Object.keys(CFG) as (keyof typeof CFG)[]) {
      if (key === 'version' || key === 'mode' || key === 'ro' || key === 'options') continue;
      slots[CFG[key]] = config[key];
    }
    new Float64Array(e.memory.buffer, e.configPtr(), CONFIG_SLOTS).set(slots);
    const code = this.instance.call('init', () => e.init(seed));
    if (code !== 0) throw new Error('logindex.wasm refused the config block (another kernel version?)');
    this.drainHistory();
  }

  /** Hands the history records written since the last drain to the sink. */
  private drainHistory(): void {
    if (!this.history) return;
    const e = this.instance.exports;
    const total = e.historyTotal();
    if (total - this.drained > HISTORY_CAP) throw new Error('the history ring lapped between drains');
    const buf = e.memory.buffer;
    const time = new BigInt64Array(buf, e.historyTimePtr(), HISTORY_CAP);
    const image = new BigUint64Array(buf, e.historyImagePtr(), HISTORY_CAP);
    const who = new Int32Array(buf, e.historyWhoPtr(), HISTORY_CAP);
    const page = new Int32Array(buf, e.historyPagePtr(), HISTORY_CAP);
    const lsn = new Int32Array(buf, e.historyLsnPtr(), HISTORY_CAP);
    for (let i = this.drained; i < total; i++) {
      const k = i & (HISTORY_CAP - 1);
      this.history({
        t: Number(time[k]), node: nodeName(who[k] & 0xff), op: who[k] >> 8 === HISTORY_READ ? 'read' : 'write',
        page: page[k], lsn: lsn[k], image: image[k].toString(16).padStart(16, '0'),
      });
    }
    this.drained = total;
  }

  get now(): SimNs {
    return this.nowNs;
  }

  /** Runs the simulation up to `untilNs`. */
  advance(untilNs: SimNs): void {
    const e = this.instance.exports;
    // With a history, drain often enough that the ring never laps (each event adds at most 2).
    const chunk = this.history ? HISTORY_DRAIN_EVENTS : CHUNK_EVENTS;
    for (;;) {
      const ran = this.instance.call(`advance to ${untilNs} ns`, () => e.advance(untilNs, chunk));
      this.drainHistory();
      if (ran < chunk) break;
    }
    this.nowNs = untilNs;
  }

  /** Applies a command now; returns false when it does not apply (e.g. restarting a live node). */
  apply(command: LogIndexCommand): boolean {
    const [kind, a, b] = encodeCommand(command);
    return this.instance.call(`apply ${command.kind}`, () => this.instance.exports.apply(kind, a, b)) === 0;
  }

  frame(): Float64Array {
    const e = this.instance.exports;
    return new Float64Array(e.memory.buffer, this.instance.call('frame', () => e.frame()), FRAME_SIZE).slice();
  }

  summary(): LogIndexSummary {
    const f = this.frame();
    const code = f[FR.violation];
    return {
      nowNs: f[FR.now], events: f[FR.events], writes: f[FR.writes], reads: f[FR.reads],
      writeLsn: f[FR.writeLsn], durableLsn: f[FR.durableLsn], consistentLsn: f[FR.consistentLsn],
      oldestApplyLsn: f[FR.oldestApplyLsn], truncatedLsn: f[FR.truncatedLsn], bytesShipped: f[FR.bytesShipped],
      pagesReplayed: f[FR.pagesReplayed], lsnLagP50: f[FR.lsnLagP50], lsnLagP99: f[FR.lsnLagP99],
      timeLagP50Ns: f[FR.timeLagP50], timeLagP99Ns: f[FR.timeLagP99],
      visibilityLagP50Ns: f[FR.visLagP50], visibilityLagP99Ns: f[FR.visLagP99],
      verdict: VERDICTS[f[FR.verdict]],
      violation: code === 0 ? null : {
        property: PROPERTIES[code], page: f[FR.vPage] < 0 ? null : f[FR.vPage], node: nodeName(f[FR.vNode]),
        lsn: f[FR.vLsn], atNs: f[FR.vTime],
      },
      readsChecked: f[FR.readsChecked], tablesFlushed: f[FR.tablesFlushed], tablesTruncated: f[FR.tablesTruncated],
      bloomSkips: f[FR.bloomSkips], tableLookups: f[FR.tableLookups], copyBuffered: f[FR.copyBuffered],
      pagesFlushed: f[FR.pagesFlushed], flushBlocked: f[FR.flushBlocked], storageReads: f[FR.storageReads],
      messagesDropped: f[FR.msgDropped], promotionsChecked: f[FR.promotionsChecked],
      writer: f[FR.writer] < 0 ? null : nodeName(f[FR.writer]),
    };
  }

  /** Each node's lane, the writer's buffer pool and LogIndex, and the flush-list head. */
  inspect(): { nodes: NodeView[]; writer: WriterView; flushList: FlushEntry[] } {
    const e = this.instance.exports;
    const buf = () => e.memory.buffer;
    const nodes = decodeNodes(new Float64Array(buf(), this.instance.call('nodes', () => e.nodesPtr()), K.NODES * K.NODE_STRIDE), this.ro);
    const w = new Float64Array(buf(), this.instance.call('writer', () => e.writerPtr()), K.WRITER_FIELDS).slice();
    const fl = new Float64Array(buf(), e.flushPtr(), K.FLUSH_SAMPLE * K.FLUSH_STRIDE);
    return { nodes, writer: decodeWriter(w), flushList: decodeFlushList(fl, w[K.WV_FLUSH_COUNT]) };
  }

  /**
   * Lag samples written since the last call, as (time ns, max lsn_lag bytes) pairs; with
   * `fromStart`, every sample the ring still holds (a view drawing afresh). After a restore
   * the kernel's count goes back, and so does the host's.
   */
  drainSeries(fromStart = false): Float64Array {
    const e = this.instance.exports;
    const total = e.seriesTotal();
    if (fromStart) this.seriesDrained = 0;
    else if (total < this.seriesDrained) this.seriesDrained = total;
    const from = Math.max(this.seriesDrained, total - K.SERIES_CAP);
    const time = new BigInt64Array(e.memory.buffer, e.seriesTimePtr(), K.SERIES_CAP);
    const lag = new BigInt64Array(e.memory.buffer, e.seriesLagPtr(), K.SERIES_CAP);
    const out = new Float64Array((total - from) * 2);
    for (let i = from; i < total; i++) {
      const k = i & (K.SERIES_CAP - 1);
      out[(i - from) * 2] = Number(time[k]);
      out[(i - from) * 2 + 1] = Number(lag[k]);
    }
    this.seriesDrained = total;
    return out;
  }

  /** One page as the writer, storage and one replica hold it (the page inspector). */
  page(page: number, node: number): PageInspection {
    const e = this.instance.exports;
    const ptr = this.instance.call(`inspect page ${page}`, () => e.pagePtr(page, node));
    return decodePage(new BigInt64Array(e.memory.buffer, ptr, K.PAGE_SCRATCH).slice(), page, node);
  }

  /** FNV-1a 64 of the whole kernel state (linear memory up to its end). */
  stateHash(): string {
    const e = this.instance.exports;
    return fnv1a64Hex(this.instance.stateBytes(() => e.clearScratch()));
  }

  // ---- for the session (time travel): sliced runs, snapshots, linear memory ----

  /**
   * Runs at most `maxEvents` of the events due by `untilNs` and returns how many ran; fewer
   * than asked means every event up to `untilNs` has run and the clock stands there.
   */
  step(untilNs: SimNs, maxEvents: number): number {
    const e = this.instance.exports;
    const ran = this.instance.call(`advance to ${untilNs} ns`, () => e.advance(untilNs, maxEvents));
    this.drainHistory();
    this.nowNs = ran < maxEvents ? untilNs : this.frame()[FR.now];
    return ran;
  }

  /** The live checker has found a violation (the verdict is red). */
  violated(): boolean {
    return this.frame()[FR.violation] !== 0;
  }

  /** A copy of the whole state, up to the kernel's end of allocations. */
  snapshot(): Uint8Array {
    return this.instance.snapshot();
  }

  /**
   * Puts back a snapshot taken at `atNs`. It reads nothing from the kernel, so it also repairs
   * a state a trap left damaged. A history sink carries on from the restored ring.
   */
  restore(snapshot: Uint8Array, atNs: SimNs): void {
    this.instance.restore(snapshot);
    this.nowNs = atNs;
    if (this.history) this.drained = this.instance.exports.historyTotal();
  }

  /** Linear memory itself (valid until it grows; the kernel allocates nothing after init). */
  memoryBytes(): Uint8Array {
    return new Uint8Array(this.instance.exports.memory.buffer);
  }
}

function encodeCommand(c: LogIndexCommand): [number, number, number] {
  switch (c.kind) {
    case 'crash': return [CMD.crash, c.node, 0];
    case 'restart': return [CMD.restart, c.node, 0];
    case 'promote': return [CMD.promote, c.node, 0];
    case 'slow-storage': return [CMD.slowStorage, Math.round(c.factor * 1000), 0];
    case 'starve': return [CMD.starve, c.node, Math.round(c.factor * 1000)];
    case 'delay': return [CMD.delay, c.node, c.ns];
    case 'loss': return [CMD.loss, c.node, c.permille];
    case 'partition': return [CMD.partition, c.node, 0];
    case 'heal': return [CMD.heal, c.node ?? -1, 0];
  }
}

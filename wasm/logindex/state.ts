// The whole state of one LogIndex cluster: the writer (RW), shared storage, the replicas (RO),
// the reference history the checker reads, and the event engine's fields (wasm/lib). One
// record of arrays allocated once by `init`: a copy of linear memory is a snapshot.
import { EventHeap } from '../lib/eventHeap';
import { EVENT_FIELDS, fillFreeList } from '../lib/events';
import { MAX_CONNECTIONS } from '../lib/links';
import { MAX_WAL_CHANNELS } from '../lib/disks';
import { LatencyHistogram } from '../lib/latencyHistogram';
import { ExponentialTable } from '../lib/exponential';
import { rngAlloc } from '../lib/rng';
import {
  NODES, PAGES, RO_POOL, REC_CAP, ENTRY_CAP, TABLE_CAP, BLOOM_BYTES, COPY_SLOTS, WRITE_SLOTS, MAX_RO,
  MEMTABLE_ENTRIES, RO_MEMTABLES, EVENT_CAP, SERIES_CAP, HISTORY_CAP, OPT_HISTORY, LAST_READ_MAX,
} from './constants';

export const RING: i32 = MEMTABLE_ENTRIES * RO_MEMTABLES;
/** Scratch LSN list for one lazy apply (a page's backlog between its base and the replay LSN). */
export const APPLY_CAP: i32 = 65536;

export class State {
  // ---- configuration ----
  mode: i32 = 0;
  ros: i32 = 1;
  options: i32 = 0;
  writeMeanNs: i64 = 0;
  readMeanNs: i64 = 0;
  hotPages: i32 = 64;
  hotPermille: i32 = 800;
  splitPermille: i32 = 100;
  cpuParse: i64 = 0;
  cpuApply: i64 = 0;
  cpuRead: i64 = 0;
  bgwNs: i64 = 0;
  tickNs: i64 = 0;
  hotUpdates: i32 = 8;
  metaBytes: i32 = 48;
  payloadBytes: i32 = 200;
  mtrWindow: i64 = 0;

  // ---- event engine (wasm/lib) ----
  now: i64 = 0;
  events: StaticArray<i32> = new StaticArray<i32>(EVENT_CAP * EVENT_FIELDS);
  evFree: StaticArray<i32> = new StaticArray<i32>(EVENT_CAP);
  evFreeTop: i32 = 0;
  heap: EventHeap = new EventHeap(EVENT_CAP);
  epoch: StaticArray<i32> = new StaticArray<i32>(NODES);
  overflow: i32 = 0;
  cpuFree: StaticArray<i64> = new StaticArray<i64>(NODES);
  /** Per replica, when its startup process (the metadata parser) is next free. */
  startupFree: StaticArray<i64> = new StaticArray<i64>(NODES);
  /** Per node, CPU work takes cpuFactor / 1000 as long (a starved replica). */
  cpuFactor: StaticArray<i32> = new StaticArray<i32>(NODES);
  rng: StaticArray<i64> = rngAlloc();
  /**
   * The workload's own stream (write and read arrivals, their pages, their splits): the same
   * seed gives lazy and full the same writes and reads, whatever else (network jitter, pool
   * evictions) draws from rng.
   */
  workRng: StaticArray<i64> = rngAlloc();
  expTable: ExponentialTable = new ExponentialTable();
  connections: i32 = 1;
  netBase: i64 = 0;
  netJitter: i64 = 0;
  netNsPerKb: i64 = 0;
  connBase: StaticArray<i64> = new StaticArray<i64>(NODES * NODES * MAX_CONNECTIONS);
  connLast: StaticArray<i64> = new StaticArray<i64>(NODES * NODES * MAX_CONNECTIONS);
  connNext: StaticArray<i32> = new StaticArray<i32>(NODES * NODES);
  linkDrop: StaticArray<i32> = new StaticArray<i32>(NODES * NODES);
  linkLoss: StaticArray<i32> = new StaticArray<i32>(NODES * NODES);
  linkDup: StaticArray<i32> = new StaticArray<i32>(NODES * NODES);
  linkReorder: StaticArray<i32> = new StaticArray<i32>(NODES * NODES);
  linkDelay: StaticArray<i64> = new StaticArray<i64>(NODES * NODES);
  // The storage model reuses the engine's disk: node STORAGE's channels are PolarFS's.
  walChannels: i32 = 8;
  walBase: i64 = 0;
  walJitter: i64 = 0;
  walNsPerKb: i64 = 0;
  walFree: StaticArray<i64> = new StaticArray<i64>(NODES * MAX_WAL_CHANNELS);
  diskFactor: StaticArray<i32> = new StaticArray<i32>(NODES);
  eventsRun: i64 = 0;

  // ---- the WAL and the reference (every version of every page) ----
  /** Node acting as writer; -1 after the writer crashed and before a promotion. */
  writer: i32 = 0;
  writeLsn: i32 = 0;
  durableLsn: i32 = 0;
  recPage0: StaticArray<i32> = new StaticArray<i32>(REC_CAP);
  recPage1: StaticArray<i32> = new StaticArray<i32>(REC_CAP);
  /** The previous record touching page0 / page1 (0: none). */
  recPrev0: StaticArray<i32> = new StaticArray<i32>(REC_CAP);
  recPrev1: StaticArray<i32> = new StaticArray<i32>(REC_CAP);
  recImage0: StaticArray<i64> = new StaticArray<i64>(REC_CAP);
  recImage1: StaticArray<i64> = new StaticArray<i64>(REC_CAP);
  recCommitAt: StaticArray<i64> = new StaticArray<i64>(REC_CAP);
  /** WAL byte offset just past the record: lsn_lag is a difference of these. */
  recWalEnd: StaticArray<i64> = new StaticArray<i64>(REC_CAP);
  pageLastRec: StaticArray<i32> = new StaticArray<i32>(PAGES);

  // ---- the writer's buffer pool: every page resident ----
  rwImage: StaticArray<i64> = new StaticArray<i64>(PAGES);
  rwOldest: StaticArray<i32> = new StaticArray<i32>(PAGES); // 0: clean
  rwUpdates: StaticArray<i32> = new StaticArray<i32>(PAGES);
  rwInCopy: StaticArray<i32> = new StaticArray<i32>(PAGES); // copy slot + 1, or 0
  flNext: StaticArray<i32> = new StaticArray<i32>(PAGES);
  flPrev: StaticArray<i32> = new StaticArray<i32>(PAGES);
  flHead: i32 = -1;
  flTail: i32 = -1;
  cpPage: StaticArray<i32> = new StaticArray<i32>(COPY_SLOTS); // -1 free
  cpImage: StaticArray<i64> = new StaticArray<i64>(COPY_SLOTS);
  cpLsn: StaticArray<i32> = new StaticArray<i32>(COPY_SLOTS);
  cpOldest: StaticArray<i32> = new StaticArray<i32>(COPY_SLOTS);
  wrPage: StaticArray<i32> = new StaticArray<i32>(WRITE_SLOTS); // -1 free
  wrImage: StaticArray<i64> = new StaticArray<i64>(WRITE_SLOTS);
  wrLsn: StaticArray<i32> = new StaticArray<i32>(WRITE_SLOTS);
  wrOldest: StaticArray<i32> = new StaticArray<i32>(WRITE_SLOTS);
  consistentLsn: i32 = 0;
  oldestApplyLsn: i32 = 0;
  truncatedLsn: i32 = 0;
  /** Per replica, what the writer last heard: received, replay and min used LSN. */
  ackReceived: StaticArray<i32> = new StaticArray<i32>(NODES);
  ackReplay: StaticArray<i32> = new StaticArray<i32>(NODES);
  ackMinUsed: StaticArray<i32> = new StaticArray<i32>(NODES);

  sentUpTo: StaticArray<i32> = new StaticArray<i32>(NODES);
  lastAckAt: StaticArray<i64> = new StaticArray<i64>(NODES);
  tickAck: StaticArray<i32> = new StaticArray<i32>(NODES);
  lastWalDone: i64 = 0;
  /** The newest page version ever sent to storage: a replica serves reads only past it. */
  submittedMaxLsn: i32 = 0;

  // ---- LogIndex on the writer and in storage ----
  entPage: StaticArray<i32> = new StaticArray<i32>(ENTRY_CAP);
  entLsn: StaticArray<i32> = new StaticArray<i32>(ENTRY_CAP);
  entries: i32 = 0;
  /** The previous entry of the same page (-1: none), and each page's newest: the checker's index. */
  entPrev: StaticArray<i32> = new StaticArray<i32>(ENTRY_CAP);
  pageNewestEntry: StaticArray<i32> = new StaticArray<i32>(PAGES);
  /** FREE 0, ACTIVE 1, INACTIVE 2, FLUSHED 4 (spec §2.4), TRUNCATED 8 (ours). */
  tblState: StaticArray<i32> = new StaticArray<i32>(TABLE_CAP);
  tblMin: StaticArray<i32> = new StaticArray<i32>(TABLE_CAP);
  tblMax: StaticArray<i32> = new StaticArray<i32>(TABLE_CAP);
  bloom: StaticArray<u8> = new StaticArray<u8>(TABLE_CAP * BLOOM_BYTES);
  /** The meta file: tables 0..metaMaxTable are flushed; their LSNs end at metaMaxLsn. */
  metaMaxTable: i32 = -1;
  metaMaxLsn: i32 = 0;
  truncatedTables: i32 = 0;

  // ---- shared storage: one version per page ----
  storImage: StaticArray<i64> = new StaticArray<i64>(PAGES);
  storLsn: StaticArray<i32> = new StaticArray<i32>(PAGES);
  storMaxLsn: i32 = 0;

  // ---- replicas (index = node id; 0 unused unless promoted away) ----
  up: StaticArray<i32> = new StaticArray<i32>(NODES);
  /** Whether the replica serves reads: a restarted one waits until it passes storage. */
  ready: StaticArray<i32> = new StaticArray<i32>(NODES);
  readyAt: StaticArray<i32> = new StaticArray<i32>(NODES);
  received: StaticArray<i32> = new StaticArray<i32>(NODES);
  replayLsn: StaticArray<i32> = new StaticArray<i32>(NODES);
  minUsedLsn: StaticArray<i32> = new StaticArray<i32>(NODES);
  visibleLsn: StaticArray<i32> = new StaticArray<i32>(NODES);
  /** Entries at or below this LSN may be only in storage tables (reused memtables, restart). */
  tableBelow: StaticArray<i32> = new StaticArray<i32>(NODES);
  ringHead: StaticArray<i32> = new StaticArray<i32>(NODES);
  ringPage: StaticArray<i32> = new StaticArray<i32>(NODES * RING);
  ringLsn: StaticArray<i32> = new StaticArray<i32>(NODES * RING);
  ringPrev: StaticArray<i32> = new StaticArray<i32>(NODES * RING);
  /** Highest LSN in each memtable of each ring (for the reuse rule). */
  memMax: StaticArray<i32> = new StaticArray<i32>(NODES * RO_MEMTABLES);
  pageLastEntry: StaticArray<i32> = new StaticArray<i32>(NODES * PAGES); // ring seq, -1 none
  pageFrame: StaticArray<i32> = new StaticArray<i32>(NODES * PAGES); // -1 not resident
  framePage: StaticArray<i32> = new StaticArray<i32>(NODES * RO_POOL);
  frameImage: StaticArray<i64> = new StaticArray<i64>(NODES * RO_POOL);
  frameLsn: StaticArray<i32> = new StaticArray<i32>(NODES * RO_POOL);
  frameOutdated: StaticArray<u8> = new StaticArray<u8>(NODES * RO_POOL);
  /** frameOutdated again as bits, 32 frames a word: background replay finds outdated frames a word at a time. */
  outdatedBits: StaticArray<u32> = new StaticArray<u32>(NODES * (RO_POOL >> 5));
  frameUsed: StaticArray<i32> = new StaticArray<i32>(NODES);
  /** Full mode: every page applied on every replica. */
  fullImage: StaticArray<i64> = new StaticArray<i64>(NODES * PAGES);
  fullLsn: StaticArray<i32> = new StaticArray<i32>(NODES * PAGES);
  applyList: StaticArray<i32> = new StaticArray<i32>(APPLY_CAP);

  // ---- figures ----
  writes: i64 = 0;
  reads: i64 = 0;
  bytesShipped: i64 = 0;
  pagesReplayed: i64 = 0;
  storageReads: i64 = 0;
  tableLookups: i64 = 0;
  bloomSkips: i64 = 0;
  copyBuffered: i64 = 0;
  pagesFlushed: i64 = 0;
  flushBlocked: i64 = 0;
  msgDropped: i64 = 0;
  lsnLag: LatencyHistogram = new LatencyHistogram();
  timeLag: LatencyHistogram = new LatencyHistogram();
  visLag: LatencyHistogram = new LatencyHistogram();
  /** A ring of lag samples (one per tick); the host drains it by seriesTotal. */
  seriesTime: StaticArray<i64> = new StaticArray<i64>(SERIES_CAP);
  seriesLag: StaticArray<i64> = new StaticArray<i64>(SERIES_CAP);
  seriesTotal: i32 = 0;

  // ---- each replica's last read that replayed records (the page inspector's) ----
  /** Set by a reader around its page reads, so background replay is not taken for a read. */
  noteReads: bool = false;
  lastReadPage: StaticArray<i32> = new StaticArray<i32>(NODES);
  lastReadLsn: StaticArray<i32> = new StaticArray<i32>(NODES);
  lastReadBase: StaticArray<i32> = new StaticArray<i32>(NODES);
  lastReadFromStorage: StaticArray<i32> = new StaticArray<i32>(NODES);
  lastReadCount: StaticArray<i32> = new StaticArray<i32>(NODES);
  lastReadAt: StaticArray<i64> = new StaticArray<i64>(NODES);
  lastReadList: StaticArray<i32> = new StaticArray<i32>(NODES * LAST_READ_MAX);

  // ---- history ring (OPT_HISTORY): every writer page change and replica read ----
  histTime: StaticArray<i64> = new StaticArray<i64>(HISTORY_CAP);
  histImage: StaticArray<i64> = new StaticArray<i64>(HISTORY_CAP);
  /** node | op << 8 */
  histWho: StaticArray<i32> = new StaticArray<i32>(HISTORY_CAP);
  histPage: StaticArray<i32> = new StaticArray<i32>(HISTORY_CAP);
  histLsn: StaticArray<i32> = new StaticArray<i32>(HISTORY_CAP);
  histTotal: i32 = 0;

  // ---- checker ----
  violation: i32 = 0;
  vPage: i32 = -1;
  vNode: i32 = -1;
  vLsn: i32 = 0;
  vTime: i64 = 0;
  readsChecked: i64 = 0;
  promotionsChecked: i64 = 0;
  lastConsistent: i32 = 0;
  lastWriter: i32 = 0;
  minReplayNode: i32 = -1;
  /** When each replica last heard from the writer (it stops serving reads when that is old). */
  lastMetaAt: StaticArray<i64> = new StaticArray<i64>(NODES);
  readCost: i64 = 0;
  /**
   * The pages whose storage version is not their last record, as a set (lagIndex[p] is p's
   * place in lagPages, -1 when absent): the L7 check visits these instead of every page.
   */
  lagPages: StaticArray<i32> = new StaticArray<i32>(PAGES);
  lagIndex: StaticArray<i32> = new StaticArray<i32>(PAGES);
  lagCount: i32 = 0;

  constructor() {
    fillFreeList<State>(this, EVENT_CAP);
    for (let n = 0; n < NODES; n++) {
      this.cpuFactor[n] = 1000;
      this.diskFactor[n] = 1000;
    }
    for (let i = 0; i < COPY_SLOTS; i++) this.cpPage[i] = -1;
    for (let i = 0; i < WRITE_SLOTS; i++) this.wrPage[i] = -1;
    for (let p = 0; p < PAGES; p++) {
      this.flNext[p] = -1;
      this.flPrev[p] = -1;
      this.pageNewestEntry[p] = -1;
      this.lagIndex[p] = -1;
    }
    for (let n = 0; n < NODES; n++) this.lastReadPage[n] = -1;
    for (let i = 0; i < NODES * PAGES; i++) {
      this.pageLastEntry[i] = -1;
      this.pageFrame[i] = -1;
    }
  }
}

function workOn(s: State, free: StaticArray<i64>, node: i32, cost: i64): i64 {
  const f = unchecked(s.cpuFactor[node]);
  const scaled = f == 1000 ? cost : cost * <i64>f / 1000;
  let start = unchecked(free[node]);
  if (start < s.now) start = s.now;
  const done = start + scaled;
  unchecked((free[node] = done));
  return done;
}

/** Reader (backend) work of `cost` ns on the node, scaled by its starvation factor; returns when done. */
export function work(s: State, node: i32, cost: i64): i64 {
  return workOn(s, s.cpuFree, node, cost);
}

/** Startup-process work on a replica: parsing, and in full mode applying, runs one record at a time. */
export function startupWork(s: State, node: i32, cost: i64): i64 {
  return workOn(s, s.startupFree, node, cost);
}

export const MAX_RO_NODE: i32 = MAX_RO;
const OPT_HISTORY_BIT: i32 = OPT_HISTORY;

/** Appends one history record when the history is on. */
export function record(s: State, node: i32, op: i32, page: i32, lsn: i32, image: i64): void {
  if ((s.options & OPT_HISTORY_BIT) == 0) return;
  const i = s.histTotal & (HISTORY_CAP - 1);
  unchecked((s.histTime[i] = s.now));
  unchecked((s.histWho[i] = node | (op << 8)));
  unchecked((s.histPage[i] = page));
  unchecked((s.histLsn[i] = lsn));
  unchecked((s.histImage[i] = image));
  s.histTotal++;
}

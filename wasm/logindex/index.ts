// PolarDB LogIndex kernel (specs/logindex.md) behind the kernel contract of ARCHITECTURE.md:
// configPtr + init, apply (fault commands), advance, frame. One module global, `state`, set by
// init; nothing allocates afterwards, so a copy of linear memory is a snapshot.
import { State, record } from './state';
import {
  CONFIG_SLOTS, CONFIG_VERSION, MAX_RO, NODES, PAGES, STORAGE, FRAME_SIZE, SERIES_CAP, MODE_FULL,
  CFG_VERSION, CFG_MODE, CFG_RO, CFG_OPTIONS, CFG_WRITE_TPS, CFG_READ_QPS, CFG_HOT_PAGES, CFG_HOT_PERMILLE,
  CFG_SPLIT_PERMILLE, CFG_NET_BASE_NS, CFG_NET_JITTER_NS, CFG_NET_NS_PER_KB, CFG_STORAGE_BASE_NS,
  CFG_STORAGE_JITTER_NS, CFG_STORAGE_NS_PER_KB, CFG_CPU_PARSE_NS, CFG_CPU_APPLY_NS, CFG_CPU_READ_NS, CFG_BGW_NS,
  CFG_TICK_NS, CFG_HOT_UPDATES, CFG_META_BYTES, CFG_PAYLOAD_BYTES, CFG_MTR_WINDOW_NS,
  CMD_CRASH, CMD_RESTART, CMD_PROMOTE, CMD_SLOW_STORAGE, CMD_DELAY, CMD_LOSS, CMD_PARTITION, CMD_HEAL, CMD_STARVE,
  VERDICT_VALID, VERDICT_INVALID, VERDICT_UNKNOWN, V_NONE, HISTORY_WRITE,
  FR_NOW, FR_EVENTS, FR_WRITES, FR_READS, FR_WRITE_LSN, FR_DURABLE_LSN, FR_CONSISTENT_LSN, FR_OLDEST_APPLY_LSN,
  FR_TRUNCATED_LSN, FR_BYTES_SHIPPED, FR_PAGES_REPLAYED, FR_LSN_LAG_P50, FR_LSN_LAG_P99, FR_TIME_LAG_P50,
  FR_TIME_LAG_P99, FR_VIS_LAG_P50, FR_VIS_LAG_P99, FR_VERDICT, FR_VIOLATION, FR_V_PAGE, FR_V_NODE, FR_V_LSN,
  FR_V_TIME, FR_READS_CHECKED, FR_TABLES_FLUSHED, FR_TABLES_TRUNCATED, FR_BLOOM_SKIPS, FR_COPY_BUFFERED,
  FR_PAGES_FLUSHED, FR_FLUSH_BLOCKED, FR_OVERFLOW, FR_WRITER, FR_STORAGE_READS, FR_TABLE_LOOKUPS,
  FR_PROMOTIONS_CHECKED, FR_MSG_DROPPED,
} from './constants';
import { EV_META, EV_ACK, EV_TXN, EV_WAL_DONE, EV_BGW, EV_PAGE_WRITTEN, EV_TABLE_FLUSHED, EV_READ, EV_PARSED, EV_MTR_TAIL, EV_REPLAY, EV_TICK } from './kinds';
import { rngSeed } from '../lib/rng';
import { RNG_XOSHIRO } from '../lib/rngKinds';
import { at, freeEvent, eventAt, isStale, EV_KIND, EV_NODE, EV_FROM, EV_A, EV_B, EV_C } from '../lib/events';
import { MAX_CONNECTIONS, LINK_DROP, LINK_LOSS, LINK_DELAY, setLink } from '../lib/links';
import { diskLimp, diskRestart } from '../lib/disks';
import { uniform } from '../lib/draws';
import { initialImage } from './image';
import { onTxn, onWalDone, onBgw, onPageWritten, truncate, becomeWriter, shipTo, heardFrom, heartbeat } from './rw';
import { onTableFlushed } from './logindex';
import { onMeta, onParsed, onMtrTail, onRead, onReplay, crashReplica, startReplica, FENCE_NS } from './ro';
import { checkConsistent } from './checker';
import { InspectBuffers, fillNodes, fillWriter, fillPage } from './inspect';

let state!: State;
let config: StaticArray<f64> | null = null;
let frameBuf: StaticArray<f64> | null = null;
let inspectBuf: InspectBuffers | null = null;
let allocatedEnd: usize = 0;

export function configPtr(): usize {
  if (config == null) config = new StaticArray<f64>(CONFIG_SLOTS);
  return changetype<usize>(config);
}

function cfg(slot: i32): f64 {
  return unchecked(config![slot]);
}

function clampI(v: f64, lo: i32, hi: i32): i32 {
  const x = <i32>v;
  return x < lo ? lo : x > hi ? hi : x;
}

/** Mean gap between Poisson arrivals at `perSecond`, in ns (a huge gap for 0). */
function meanGap(perSecond: f64): i64 {
  return perSecond > 0 ? <i64>(1e9 / perSecond) : <i64>1 << 42;
}

/** Builds the cluster. Returns 0, or -1 for a config block from another kernel version. */
export function init(seed: f64): i32 {
  if (config == null || <i32>cfg(CFG_VERSION) != CONFIG_VERSION) return -1;
  if (frameBuf == null) frameBuf = new StaticArray<f64>(FRAME_SIZE);
  if (inspectBuf == null) inspectBuf = new InspectBuffers();
  const s = new State();
  state = s;
  s.mode = clampI(cfg(CFG_MODE), 0, 1);
  s.ros = clampI(cfg(CFG_RO), 1, MAX_RO);
  s.options = <i32>cfg(CFG_OPTIONS);
  s.writeMeanNs = meanGap(cfg(CFG_WRITE_TPS));
  s.readMeanNs = meanGap(cfg(CFG_READ_QPS));
  s.hotPages = clampI(cfg(CFG_HOT_PAGES), 1, PAGES);
  s.hotPermille = clampI(cfg(CFG_HOT_PERMILLE), 0, 1000);
  s.splitPermille = clampI(cfg(CFG_SPLIT_PERMILLE), 0, 1000);
  s.netBase = <i64>cfg(CFG_NET_BASE_NS);
  s.netJitter = <i64>cfg(CFG_NET_JITTER_NS);
  s.netNsPerKb = <i64>cfg(CFG_NET_NS_PER_KB);
  s.walBase = <i64>cfg(CFG_STORAGE_BASE_NS);
  s.walJitter = <i64>cfg(CFG_STORAGE_JITTER_NS);
  s.walNsPerKb = <i64>cfg(CFG_STORAGE_NS_PER_KB);
  s.cpuParse = <i64>cfg(CFG_CPU_PARSE_NS);
  s.cpuApply = <i64>cfg(CFG_CPU_APPLY_NS);
  s.cpuRead = <i64>cfg(CFG_CPU_READ_NS);
  s.bgwNs = <i64>cfg(CFG_BGW_NS);
  if (s.bgwNs < 1000) s.bgwNs = 1000;
  s.tickNs = <i64>cfg(CFG_TICK_NS);
  if (s.tickNs < 10000) s.tickNs = 10000;
  s.hotUpdates = clampI(cfg(CFG_HOT_UPDATES), 1, 1 << 30);
  s.metaBytes = clampI(cfg(CFG_META_BYTES), 1, 1 << 16);
  s.payloadBytes = clampI(cfg(CFG_PAYLOAD_BYTES), 0, 1 << 16);
  s.mtrWindow = <i64>cfg(CFG_MTR_WINDOW_NS);
  rngSeed(s.rng, RNG_XOSHIRO, <i64>seed);
  // Another stream of the same seed for the workload (a fixed constant mixed in keeps the two apart).
  rngSeed(s.workRng, RNG_XOSHIRO, <i64>seed ^ 0x5bd1e9955bd1e995);
  s.connections = 1;
  for (let p = 0; p < NODES * NODES; p++) {
    s.connBase[p * MAX_CONNECTIONS] = <i64>(<f64>s.netBase * (0.9 + 0.2 * uniform<State>(s)));
  }
  for (let p = 0; p < PAGES; p++) {
    s.rwImage[p] = initialImage(p);
    s.storImage[p] = initialImage(p);
  }
  for (let n = 0; n < NODES; n++) for (let p = 0; p < PAGES; p++) s.fullImage[n * PAGES + p] = initialImage(p);
  s.up[0] = 1;
  // The history opens with every page's initial image at LSN 0 (the host drains it first).
  for (let p = 0; p < PAGES; p++) record(s, 0, HISTORY_WRITE, p, 0, s.rwImage[p]);
  for (let ro = 1; ro <= s.ros; ro++) startReplica(s, ro);
  at<State>(s, 1, EV_TXN, 0, 0, 0, 0, 0);
  at<State>(s, s.bgwNs, EV_BGW, 0, 0, 0, 0, 0);
  at<State>(s, s.tickNs, EV_TICK, STORAGE, 0, 0, 0, 0);
  allocatedEnd = __alloc(1) + 1;
  return 0;
}

export function stateEnd(): usize {
  return allocatedEnd;
}

function isReplica(s: State, n: i32): bool {
  return n >= 1 && n <= s.ros && n != s.writer;
}

/** Applies one command at the current simulated time; returns 0, or -1 when it does not apply. */
export function apply(kind: i32, a: i32, b: i32): i32 {
  const s = state;
  switch (kind) {
    case CMD_CRASH: {
      if (a == s.writer) {
        s.up[a] = 0;
        s.epoch[a]++;
        s.writer = -1;
      } else if (isReplica(s, a) && s.up[a] != 0) crashReplica(s, a);
      else return -1;
      break;
    }
    case CMD_RESTART: {
      // A writer that comes back before anyone was promoted recovers as the writer.
      if (s.writer < 0 && a == s.lastWriter && s.up[a] == 0) {
        s.up[a] = 1;
        becomeWriter(s, a);
      } else if (isReplica(s, a) && s.up[a] == 0) startReplica(s, a);
      else return -1;
      break;
    }
    case CMD_PROMOTE: {
      if (s.writer >= 0 || !isReplica(s, a) || s.up[a] == 0) return -1;
      crashReplica(s, a); // its replica role ends; the writer role starts from storage and WAL
      s.up[a] = 1;
      becomeWriter(s, a);
      s.lastWriter = a;
      break;
    }
    case CMD_SLOW_STORAGE: if (a < 1) return -1; diskLimp<State>(s, STORAGE, a); break;
    case CMD_STARVE: if (!isReplica(s, a) || b < 1) return -1; s.cpuFactor[a] = b; break;
    case CMD_DELAY:
    case CMD_LOSS:
    case CMD_PARTITION: {
      if (!isReplica(s, a) || b < 0 || (kind == CMD_LOSS && b > 1000)) return -1;
      const field = kind == CMD_DELAY ? LINK_DELAY : kind == CMD_LOSS ? LINK_LOSS : LINK_DROP;
      const v: i64 = kind == CMD_PARTITION ? 1 : <i64>b;
      for (let w = 0; w < NODES; w++) {
        if (w == a) continue;
        setLink<State>(s, w * NODES + a, field, v);
        setLink<State>(s, a * NODES + w, field, v);
      }
      break;
    }
    case CMD_HEAL: {
      if (a != -1 && !isReplica(s, a)) return -1;
      for (let x = 0; x < NODES; x++) {
        for (let y = 0; y < NODES; y++) {
          if (a != -1 && x != a && y != a) continue;
          const pair = x * NODES + y;
          s.linkDrop[pair] = 0;
          s.linkLoss[pair] = 0;
          s.linkDelay[pair] = 0;
        }
      }
      break;
    }
    default: return -1;
  }
  return 0;
}

function tick(s: State): void {
  at<State>(s, s.now + s.tickNs, EV_TICK, STORAGE, 0, 0, 0, 0);
  let lagSum: i64 = 0;
  let lagMax: i64 = 0;
  const end = unchecked(s.recWalEnd[s.writeLsn]);
  for (let ro = 1; ro <= s.ros; ro++) {
    if (ro == s.writer || s.up[ro] == 0) continue;
    if (s.now - s.lastMetaAt[ro] > FENCE_NS) s.ready[ro] = 0;
    if (s.ready[ro] == 0) continue;
    // lsn_lag = write_lsn(RW) - replay_lsn(RO), in bytes of WAL.
    const lag = end - unchecked(s.recWalEnd[s.replayLsn[ro]]);
    s.lsnLag.record(lag);
    lagSum += lag;
    if (lag > lagMax) lagMax = lag;
  }
  const slot = s.seriesTotal & (SERIES_CAP - 1);
  s.seriesTime[slot] = s.now;
  s.seriesLag[slot] = lagMax;
  s.seriesTotal++;
  if (s.writer >= 0) {
    for (let ro = 1; ro <= s.ros; ro++) {
      if (ro == s.writer) continue;
      // Go back to what the replica has when its acks stopped moving (a lost message).
      const got = s.ackReceived[ro];
      if (got == s.tickAck[ro] && got < s.sentUpTo[ro]) s.sentUpTo[ro] = got;
      s.tickAck[ro] = got;
      if (heardFrom(s, ro)) shipTo(s, ro);
      else heartbeat(s, ro);
    }
    truncate(s);
  }
  checkConsistent(s);
}

function onAck(s: State, from: i32, received: i32, replay: i32, minUsed: i32): void {
  s.ackReceived[from] = received;
  s.ackReplay[from] = replay;
  s.ackMinUsed[from] = minUsed;
  s.lastAckAt[from] = s.now;
}

function dispatch(s: State, e: i32): void {
  const r = eventAt<State>(s, e);
  const kind = load<i32>(r, EV_KIND);
  const node = load<i32>(r, EV_NODE);
  const a = load<i32>(r, EV_A);
  const b = load<i32>(r, EV_B);
  // Events of a node that crashed since they were made, or that is down, are lost with it.
  if (node != STORAGE && (isStale<State>(s, e, node) || s.up[node] == 0)) return;
  switch (kind) {
    case EV_META: onMeta(s, node, load<i32>(r, EV_FROM), a, b); break;
    case EV_ACK: if (node == s.writer) onAck(s, load<i32>(r, EV_FROM), a, b, load<i32>(r, EV_C)); break;
    case EV_TXN: if (node == s.writer) onTxn(s, node); break;
    case EV_WAL_DONE: if (node == s.writer) onWalDone(s, a); break;
    case EV_BGW: if (node == s.writer) onBgw(s, node); break;
    case EV_PAGE_WRITTEN: onPageWritten(s, a); break;
    case EV_TABLE_FLUSHED: onTableFlushed(s, a); break;
    case EV_READ: onRead(s, node); break;
    case EV_PARSED: onParsed(s, node, a, b); break;
    case EV_MTR_TAIL: onMtrTail(s, node, a, b); break;
    case EV_REPLAY: onReplay(s, node); break;
    case EV_TICK: tick(s); break;
    default: break;
  }
}

/** Runs events due by `until` (ns), at most maxEvents; returns how many ran. */
export function advance(until: f64, maxEvents: i32): i32 {
  const s = state;
  const limit = <i64>until;
  let n = 0;
  while (n < maxEvents && s.heap.size > 0 && s.overflow == 0) {
    if (s.heap.peekTime() > limit) break;
    s.now = s.heap.peekTime();
    const e = s.heap.pop();
    dispatch(s, e);
    freeEvent<State>(s, e);
    n++;
  }
  s.eventsRun += <i64>n;
  if (n < maxEvents && s.now < limit) s.now = limit;
  return n;
}

/** The frame (FRAME_SIZE f64, FR_* slots); returns its address. */
export function frame(): usize {
  const s = state;
  const f = frameBuf!;
  f[FR_NOW] = <f64>s.now;
  f[FR_EVENTS] = <f64>s.eventsRun;
  f[FR_WRITES] = <f64>s.writes;
  f[FR_READS] = <f64>s.reads;
  f[FR_WRITE_LSN] = <f64>s.writeLsn;
  f[FR_DURABLE_LSN] = <f64>s.durableLsn;
  f[FR_CONSISTENT_LSN] = <f64>s.consistentLsn;
  f[FR_OLDEST_APPLY_LSN] = <f64>s.oldestApplyLsn;
  f[FR_TRUNCATED_LSN] = <f64>s.truncatedLsn;
  f[FR_BYTES_SHIPPED] = <f64>s.bytesShipped;
  f[FR_PAGES_REPLAYED] = <f64>s.pagesReplayed;
  f[FR_LSN_LAG_P50] = <f64>s.lsnLag.percentile(0.5);
  f[FR_LSN_LAG_P99] = <f64>s.lsnLag.percentile(0.99);
  f[FR_TIME_LAG_P50] = <f64>s.timeLag.percentile(0.5);
  f[FR_TIME_LAG_P99] = <f64>s.timeLag.percentile(0.99);
  f[FR_VIS_LAG_P50] = <f64>s.visLag.percentile(0.5);
  f[FR_VIS_LAG_P99] = <f64>s.visLag.percentile(0.99);
  f[FR_VERDICT] = <f64>(s.violation != V_NONE ? VERDICT_INVALID : s.overflow != 0 ? VERDICT_UNKNOWN : VERDICT_VALID);
  f[FR_VIOLATION] = <f64>s.violation;
  f[FR_V_PAGE] = <f64>s.vPage;
  f[FR_V_NODE] = <f64>s.vNode;
  f[FR_V_LSN] = <f64>s.vLsn;
  f[FR_V_TIME] = <f64>s.vTime;
  f[FR_READS_CHECKED] = <f64>s.readsChecked;
  f[FR_TABLES_FLUSHED] = <f64>(s.metaMaxTable + 1);
  f[FR_TABLES_TRUNCATED] = <f64>s.truncatedTables;
  f[FR_BLOOM_SKIPS] = <f64>s.bloomSkips;
  f[FR_COPY_BUFFERED] = <f64>s.copyBuffered;
  f[FR_PAGES_FLUSHED] = <f64>s.pagesFlushed;
  f[FR_FLUSH_BLOCKED] = <f64>s.flushBlocked;
  f[FR_OVERFLOW] = <f64>s.overflow;
  f[FR_WRITER] = <f64>s.writer;
  f[FR_STORAGE_READS] = <f64>s.storageReads;
  f[FR_TABLE_LOOKUPS] = <f64>s.tableLookups;
  f[FR_PROMOTIONS_CHECKED] = <f64>s.promotionsChecked;
  f[FR_MSG_DROPPED] = <f64>s.msgDropped;
  return changetype<usize>(f);
}

/** Per-replica replay LSN, for views and tests: the address of NODES i32. */
export function replayLsnPtr(): usize {
  return changetype<usize>(state.replayLsn);
}

/** Lag samples written so far (the ring keeps the last SERIES_CAP). */
export function seriesTotal(): i32 {
  return state.seriesTotal;
}

/** Max lsn_lag over replicas per tick (bytes): the address of SERIES_CAP i64. */
export function seriesLagPtr(): usize {
  return changetype<usize>(state.seriesLag);
}

export function seriesTimePtr(): usize {
  return changetype<usize>(state.seriesTime);
}

/** Nothing is left behind by reads: the frame and inspection buffers are the only scratch. */
export function clearScratch(): void {
  const f = frameBuf!;
  for (let i = 0; i < FRAME_SIZE; i++) f[i] = 0;
  inspectBuf!.clear();
}

/** Every node's lane (NODES x NODE_STRIDE f64, NV_* slots); returns its address. */
export function nodesPtr(): usize {
  fillNodes(state, inspectBuf!);
  return changetype<usize>(inspectBuf!.nodes);
}

/** The writer and storage (WRITER_FIELDS f64, WV_* slots); fills flushPtr() too. */
export function writerPtr(): usize {
  fillWriter(state, inspectBuf!);
  return changetype<usize>(inspectBuf!.writer);
}

/** The flush-list head and the copy buffer as writerPtr() last filled them. */
export function flushPtr(): usize {
  return changetype<usize>(inspectBuf!.flush);
}

/** One page seen from one node (PAGE_SCRATCH i64, PI_* slots); returns its address. */
export function pagePtr(page: i32, node: i32): usize {
  fillPage(state, inspectBuf!, page, node);
  return changetype<usize>(inspectBuf!.page);
}

/** History records written so far (the ring keeps the last HISTORY_CAP). */
export function historyTotal(): i32 {
  return state.histTotal;
}

export function historyTimePtr(): usize {
  return changetype<usize>(state.histTime);
}

export function historyImagePtr(): usize {
  return changetype<usize>(state.histImage);
}

export function historyWhoPtr(): usize {
  return changetype<usize>(state.histWho);
}

export function historyPagePtr(): usize {
  return changetype<usize>(state.histPage);
}

export function historyLsnPtr(): usize {
  return changetype<usize>(state.histLsn);
}

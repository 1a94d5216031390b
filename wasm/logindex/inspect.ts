// What the tab draws beyond the frame: each node's lane, the writer's flush list and LogIndex,
// and one page seen from one replica. Reads only; results go to scratch buffers that
// clearScratch() zeroes, so looking never changes the state hash.
import { State } from './state';
import { bloomMayHold, TBL_ACTIVE, TBL_FLUSHED, TBL_TRUNCATED } from './logindex';
import {
  NODES, PAGES, RO_POOL, MEMTABLE_ENTRIES, TABLES_PER_SEGMENT, COPY_SLOTS, WRITE_SLOTS, STORAGE, MODE_FULL,
  OPT_FLUSH_CONTROL_OFF, NODE_STRIDE, NV_UP, NV_READY, NV_WRITER, NV_RECEIVED, NV_REPLAY, NV_MIN_USED,
  NV_LAG_BYTES, NV_POOL, NV_OUTDATED, NV_MEMTABLE, NV_CPU_PERMILLE, NV_DELAY_NS, NV_LOSS_PERMILLE,
  NV_PARTITIONED, WRITER_FIELDS, WV_DIRTY, WV_FLUSHABLE, WV_BLOCKED, WV_COPY, WV_WRITES, WV_ACTIVE,
  WV_INACTIVE, WV_FLUSHED, WV_TRUNCATED, WV_SEGMENTS, WV_STORAGE_PERMILLE, WV_STORAGE_MAX_LSN, WV_FLUSH_COUNT,
  FLUSH_SAMPLE, FLUSH_STRIDE, FLUSH_BLOCKED, FLUSH_COPY, PAGE_SCRATCH, PI_WRITER_LSN, PI_WRITER_IMAGE,
  PI_STORAGE_LSN, PI_STORAGE_IMAGE, PI_RESIDENT, PI_RESIDENT_LSN, PI_RESIDENT_OUTDATED, PI_RESIDENT_IMAGE,
  PI_ENTRIES_TOTAL, PI_ENTRIES_SHOWN, PI_SKIPS_SHOWN, PI_LAST_READ, PI_LAST_PAGE, PI_LAST_REPLAY_LSN,
  PI_LAST_BASE_LSN, PI_LAST_FROM_STORAGE, PI_LAST_AT, PI_LAST_REPLAYED, PI_HEADER, PAGE_ENTRIES_MAX,
  PAGE_SKIPS_MAX, LAST_READ_MAX,
} from './constants';
import { RING } from './state';

export class InspectBuffers {
  nodes: StaticArray<f64> = new StaticArray<f64>(NODES * NODE_STRIDE);
  writer: StaticArray<f64> = new StaticArray<f64>(WRITER_FIELDS);
  flush: StaticArray<f64> = new StaticArray<f64>(FLUSH_SAMPLE * FLUSH_STRIDE);
  page: StaticArray<i64> = new StaticArray<i64>(PAGE_SCRATCH);

  clear(): void {
    for (let i = 0; i < NODES * NODE_STRIDE; i++) unchecked((this.nodes[i] = 0));
    for (let i = 0; i < WRITER_FIELDS; i++) unchecked((this.writer[i] = 0));
    for (let i = 0; i < FLUSH_SAMPLE * FLUSH_STRIDE; i++) unchecked((this.flush[i] = 0));
    for (let i = 0; i < PAGE_SCRATCH; i++) unchecked((this.page[i] = 0));
  }
}

/** The WAL end (bytes) at an LSN, 0 before the first record. */
function walEnd(s: State, lsn: i32): i64 {
  return lsn <= 0 ? 0 : unchecked(s.recWalEnd[lsn]);
}

/** Any node other than n: link faults are set on every pair with n alike. */
function peerOf(n: i32): i32 {
  return n == 0 ? 1 : 0;
}

export function fillNodes(s: State, b: InspectBuffers): void {
  const end = walEnd(s, s.writeLsn);
  for (let n = 0; n < NODES; n++) {
    const o = n * NODE_STRIDE;
    const f = b.nodes;
    const isWriter = n == s.writer;
    unchecked((f[o + NV_UP] = <f64>s.up[n]));
    unchecked((f[o + NV_READY] = <f64>(isWriter ? 0 : s.ready[n])));
    unchecked((f[o + NV_WRITER] = isWriter ? 1 : 0));
    unchecked((f[o + NV_RECEIVED] = <f64>(isWriter ? s.writeLsn : s.received[n])));
    unchecked((f[o + NV_REPLAY] = <f64>(isWriter ? s.writeLsn : s.replayLsn[n])));
    unchecked((f[o + NV_MIN_USED] = <f64>(isWriter ? s.writeLsn : s.minUsedLsn[n])));
    unchecked((f[o + NV_LAG_BYTES] = isWriter || s.up[n] == 0 ? 0 : <f64>(end - walEnd(s, s.replayLsn[n]))));
    let outdated = 0;
    let pool = 0;
    if (s.mode == MODE_FULL) pool = s.up[n] != 0 && !isWriter ? PAGES : 0;
    else {
      pool = unchecked(s.frameUsed[n]);
      for (let i = 0; i < pool; i++) if (unchecked(s.frameOutdated[n * RO_POOL + i]) != 0) outdated++;
    }
    unchecked((f[o + NV_POOL] = <f64>pool));
    unchecked((f[o + NV_OUTDATED] = <f64>outdated));
    const head = unchecked(s.ringHead[n]);
    unchecked((f[o + NV_MEMTABLE] = <f64>(head < RING ? head : RING)));
    unchecked((f[o + NV_CPU_PERMILLE] = <f64>s.cpuFactor[n]));
    const pair = peerOf(n) * NODES + n;
    unchecked((f[o + NV_DELAY_NS] = <f64>s.linkDelay[pair]));
    unchecked((f[o + NV_LOSS_PERMILLE] = <f64>s.linkLoss[pair]));
    unchecked((f[o + NV_PARTITIONED] = <f64>(s.linkDrop[pair] != 0 ? 1 : 0)));
  }
}

/** The replay LSN flush control holds pages to (the background writer's own rule). */
function flushLimit(s: State): i32 {
  return (s.options & OPT_FLUSH_CONTROL_OFF) != 0 ? s.durableLsn : s.oldestApplyLsn;
}

export function fillWriter(s: State, b: InspectBuffers): void {
  const w = b.writer;
  const fl = b.flush;
  const limit = flushLimit(s);
  let dirty = 0;
  let flushable = 0;
  let blocked = 0;
  let shown = 0;
  for (let p = s.flHead; p >= 0; p = unchecked(s.flNext[p])) {
    dirty++;
    const newest = unchecked(s.pageLastRec[p]);
    const held = newest > limit || newest > s.durableLsn;
    if (held) blocked++;
    else flushable++;
    if (shown < FLUSH_SAMPLE) {
      const o = shown * FLUSH_STRIDE;
      unchecked((fl[o] = <f64>p));
      unchecked((fl[o + 1] = <f64>s.rwOldest[p]));
      unchecked((fl[o + 2] = <f64>newest));
      unchecked((fl[o + 3] = held ? FLUSH_BLOCKED : 0));
      shown++;
    }
  }
  let copies = 0;
  for (let c = 0; c < COPY_SLOTS; c++) {
    const p = unchecked(s.cpPage[c]);
    if (p < 0) continue;
    copies++;
    if (shown < FLUSH_SAMPLE) {
      const o = shown * FLUSH_STRIDE;
      unchecked((fl[o] = <f64>p));
      unchecked((fl[o + 1] = <f64>s.cpOldest[c]));
      unchecked((fl[o + 2] = <f64>s.cpLsn[c]));
      unchecked((fl[o + 3] = FLUSH_COPY | (s.cpLsn[c] > limit ? FLUSH_BLOCKED : 0)));
      shown++;
    }
  }
  let writes = 0;
  for (let i = 0; i < WRITE_SLOTS; i++) if (unchecked(s.wrPage[i]) >= 0) writes++;
  let inactive = 0;
  let flushed = 0;
  const tables = (s.entries + MEMTABLE_ENTRIES - 1) / MEMTABLE_ENTRIES;
  for (let t = 0; t < tables; t++) {
    const st = unchecked(s.tblState[t]) & 15;
    if (st == TBL_FLUSHED) flushed++;
    else if (st != TBL_ACTIVE && st != TBL_TRUNCATED && st != 0) inactive++;
  }
  unchecked((w[WV_DIRTY] = <f64>dirty));
  unchecked((w[WV_FLUSHABLE] = <f64>flushable));
  unchecked((w[WV_BLOCKED] = <f64>blocked));
  unchecked((w[WV_COPY] = <f64>copies));
  unchecked((w[WV_WRITES] = <f64>writes));
  unchecked((w[WV_ACTIVE] = <f64>(s.entries % MEMTABLE_ENTRIES)));
  unchecked((w[WV_INACTIVE] = <f64>inactive));
  unchecked((w[WV_FLUSHED] = <f64>flushed));
  unchecked((w[WV_TRUNCATED] = <f64>s.truncatedTables));
  unchecked((w[WV_SEGMENTS] = <f64>((s.metaMaxTable + TABLES_PER_SEGMENT) / TABLES_PER_SEGMENT)));
  unchecked((w[WV_STORAGE_PERMILLE] = <f64>s.diskFactor[STORAGE]));
  unchecked((w[WV_STORAGE_MAX_LSN] = <f64>s.storMaxLsn));
  unchecked((w[WV_FLUSH_COUNT] = <f64>shown));
}

export function fillPage(s: State, b: InspectBuffers, page: i32, node: i32): void {
  const r = b.page;
  for (let i = 0; i < PAGE_SCRATCH; i++) unchecked((r[i] = 0));
  if (page < 0 || page >= PAGES || node < 0 || node >= NODES) return;
  unchecked((r[PI_WRITER_LSN] = s.pageLastRec[page]));
  unchecked((r[PI_WRITER_IMAGE] = s.rwImage[page]));
  unchecked((r[PI_STORAGE_LSN] = s.storLsn[page]));
  unchecked((r[PI_STORAGE_IMAGE] = s.storImage[page]));
  if (s.mode == MODE_FULL) {
    unchecked((r[PI_RESIDENT] = s.up[node]));
    unchecked((r[PI_RESIDENT_LSN] = s.fullLsn[node * PAGES + page]));
    unchecked((r[PI_RESIDENT_IMAGE] = s.fullImage[node * PAGES + page]));
  } else {
    const f = unchecked(s.pageFrame[node * PAGES + page]);
    if (f >= 0) {
      unchecked((r[PI_RESIDENT] = 1));
      unchecked((r[PI_RESIDENT_LSN] = s.frameLsn[node * RO_POOL + f]));
      unchecked((r[PI_RESIDENT_OUTDATED] = s.frameOutdated[node * RO_POOL + f]));
      unchecked((r[PI_RESIDENT_IMAGE] = s.frameImage[node * RO_POOL + f]));
    }
  }
  // The page's LSN list, newest first, with the table each entry lives in.
  let total = 0;
  let shown = 0;
  for (let e = unchecked(s.pageNewestEntry[page]); e >= 0; e = unchecked(s.entPrev[e])) {
    if (shown < PAGE_ENTRIES_MAX) {
      const o = PI_HEADER + shown * 3;
      const t = e / MEMTABLE_ENTRIES;
      unchecked((r[o] = s.entLsn[e]));
      unchecked((r[o + 1] = t));
      unchecked((r[o + 2] = s.tblState[t] & 15));
      shown++;
    }
    total++;
  }
  unchecked((r[PI_ENTRIES_TOTAL] = total));
  unchecked((r[PI_ENTRIES_SHOWN] = shown));
  // Flushed tables whose filter rules the page out: a read skips them, newest first.
  let skips = 0;
  const skipAt = PI_HEADER + PAGE_ENTRIES_MAX * 3;
  for (let t = s.metaMaxTable; t >= 0 && skips < PAGE_SKIPS_MAX; t--) {
    if ((unchecked(s.tblState[t]) & 15) != TBL_FLUSHED) continue;
    if (!bloomMayHold(s, t, page)) unchecked((r[skipAt + skips++] = t));
  }
  unchecked((r[PI_SKIPS_SHOWN] = skips));
  const last = unchecked(s.lastReadPage[node]);
  if (last >= 0) {
    unchecked((r[PI_LAST_READ] = 1));
    unchecked((r[PI_LAST_PAGE] = last));
    unchecked((r[PI_LAST_REPLAY_LSN] = s.lastReadLsn[node]));
    unchecked((r[PI_LAST_BASE_LSN] = s.lastReadBase[node]));
    unchecked((r[PI_LAST_FROM_STORAGE] = s.lastReadFromStorage[node]));
    unchecked((r[PI_LAST_AT] = s.lastReadAt[node]));
    const n = unchecked(s.lastReadCount[node]);
    const kept = n < LAST_READ_MAX ? n : LAST_READ_MAX;
    unchecked((r[PI_LAST_REPLAYED] = n));
    const listAt = skipAt + PAGE_SKIPS_MAX;
    for (let i = 0; i < kept; i++) unchecked((r[listAt + i] = s.lastReadList[node * LAST_READ_MAX + i]));
  }
}

// A read-only replica (spec §2.3): the startup process parses shipped metadata into the
// replica's own memtable ring and marks resident pages outdated, advancing the replay LSN at
// once; readers apply a page's backlog lazily (memtables, then storage tables behind their
// Bloom filters, then the WAL); background replay keeps backlogs short. In full mode every
// record is applied to every page as it arrives.
import { State, RING, APPLY_CAP, work, startupWork, record } from './state';
import { at } from '../lib/events';
import { diskDone } from '../lib/disks';
import { rngIntn } from '../lib/rng';
import {
  PAGES, RO_POOL, MEMTABLE_ENTRIES, RO_MEMTABLES, STORAGE, MODE_FULL, OPT_MTR_LOCK_OFF,
  V_L1, V_L3, V_L4, V_L5, V_L6, V_L8, HISTORY_READ, LAST_READ_MAX,
} from './constants';
import { EV_ACK, EV_PARSED, EV_MTR_TAIL, EV_READ, EV_REPLAY } from './kinds';
import { applyRecord, referenceImage, lastRecordAtOrBelow } from './image';
import { drawPage, send, sibling, workGap, workPermille } from './net';
import { bloomMayHold, tableHoldsIn, TBL_TRUNCATED } from './logindex';
import { violate } from './checker';

/** A replica that has not heard from the writer for this long stops serving reads. */
export const FENCE_NS: i64 = 20_000_000;
/** Frames one background-replay pass brings up to date. */
const REPLAY_FRAMES: i32 = RO_POOL;
const OUTDATED_WORDS: i32 = RO_POOL >> 5;

function ack(s: State, ro: i32): void {
  if (s.writer < 0) return;
  send(s, s.now, ro, s.writer, EV_ACK, unchecked(s.received[ro]), unchecked(s.replayLsn[ro]), unchecked(s.minUsedLsn[ro]), 24);
}

/** EV_META: records a..b arrive; the startup process parses the new ones in order. */
export function onMeta(s: State, ro: i32, from: i32, a: i32, b: i32): void {
  if (from != s.writer) return;
  unchecked((s.lastMetaAt[ro] = s.now));
  const next = unchecked(s.received[ro]) + 1;
  if (a > next || b < next) {
    ack(s, ro); // a gap (a lost message) or a repeat: the writer goes back to what we have
    return;
  }
  let cost: i64 = 0;
  for (let l = next; l <= b; l++) {
    const pages: i64 = unchecked(s.recPage1[l]) >= 0 ? 2 : 1;
    cost += s.mode == MODE_FULL ? s.cpuApply * pages : s.cpuParse * pages;
  }
  unchecked((s.received[ro] = b));
  at<State>(s, startupWork(s, ro, cost), EV_PARSED, ro, next, b, 0, 0);
}

/**
 * Whether the next `n` inserts fit the ring: each that starts a memtable may reuse it only once
 * the meta file shows the writer flushed its equivalent.
 */
function ringRoom(s: State, ro: i32, n: i32): bool {
  const head = unchecked(s.ringHead[ro]);
  for (let seq = head; seq < head + n; seq++) {
    if (seq % MEMTABLE_ENTRIES != 0 || seq < RING) continue;
    const mem = (seq / MEMTABLE_ENTRIES) % RO_MEMTABLES;
    if (unchecked(s.memMax[ro * RO_MEMTABLES + mem]) > s.metaMaxLsn) return false;
  }
  return true;
}

/** Inserts (page, lsn) into the replica's memtable ring; false when the next memtable cannot be reused yet. */
function ringInsert(s: State, ro: i32, page: i32, lsn: i32): bool {
  const seq = unchecked(s.ringHead[ro]);
  const mem = (seq / MEMTABLE_ENTRIES) % RO_MEMTABLES;
  if (seq % MEMTABLE_ENTRIES == 0 && seq >= RING) {
    // Reuse a memtable only once the meta file shows the writer flushed its equivalent.
    const max = unchecked(s.memMax[ro * RO_MEMTABLES + mem]);
    if (max > s.metaMaxLsn) return false;
    if (max > unchecked(s.tableBelow[ro])) unchecked((s.tableBelow[ro] = max));
  }
  const slot = ro * RING + seq % RING;
  const last = unchecked(s.pageLastEntry[ro * PAGES + page]);
  // L4: a page's LSN list strictly increases.
  if (last >= 0 && last >= seq - RING && unchecked(s.ringLsn[ro * RING + last % RING]) >= lsn) violate(s, V_L4, page, ro, lsn);
  unchecked((s.ringPage[slot] = page));
  unchecked((s.ringLsn[slot] = lsn));
  unchecked((s.ringPrev[slot] = last));
  unchecked((s.pageLastEntry[ro * PAGES + page] = seq));
  unchecked((s.memMax[ro * RO_MEMTABLES + mem] = lsn));
  unchecked((s.ringHead[ro] = seq + 1));
  return true;
}

function markOutdated(s: State, ro: i32, page: i32): void {
  const f = unchecked(s.pageFrame[ro * PAGES + page]);
  if (f < 0) return;
  unchecked((s.frameOutdated[ro * RO_POOL + f] = 1));
  const w = ro * OUTDATED_WORDS + (f >> 5);
  unchecked((s.outdatedBits[w] = s.outdatedBits[w] | (<u32>1 << <u32>(f & 31))));
}

function applyFull(s: State, ro: i32, page: i32, lsn: i32): void {
  const i = ro * PAGES + page;
  unchecked((s.fullImage[i] = applyRecord(s.fullImage[i], lsn, page)));
  unchecked((s.fullLsn[i] = lsn));
  s.pagesReplayed++;
}

/** EV_PARSED: records a..b are parsed; the replay LSN passes each at once. */
export function onParsed(s: State, ro: i32, a: i32, b: i32): void {
  // An earlier parse stopped short (no room in the ring) and these records come again later:
  // parsing them now would leave a gap in the replica's lists below its replay LSN.
  if (a > unchecked(s.replayLsn[ro]) + 1) {
    ack(s, ro);
    return;
  }
  const lazy = s.mode != MODE_FULL;
  for (let l = a; l <= b; l++) {
    if (l <= unchecked(s.replayLsn[ro])) continue;
    const p0 = unchecked(s.recPage0[l]);
    const p1 = unchecked(s.recPage1[l]);
    if (lazy) {
      // Under the mini-transaction locks both pages' lists take the LSN before a reader looks,
      // so a record waits until the ring has room for all of its pages.
      const mtrOff = (s.options & OPT_MTR_LOCK_OFF) != 0;
      if (!ringRoom(s, ro, p1 >= 0 && !mtrOff ? 2 : 1)) {
        unchecked((s.received[ro] = l - 1));
        break;
      }
      ringInsert(s, ro, p0, l);
      markOutdated(s, ro, p0);
      if (p1 >= 0) {
        if (mtrOff) at<State>(s, s.now + s.mtrWindow, EV_MTR_TAIL, ro, l, p1, 0, 0);
        else {
          ringInsert(s, ro, p1, l);
          markOutdated(s, ro, p1);
        }
      }
    } else {
      applyFull(s, ro, p0, l);
      if (p1 >= 0) applyFull(s, ro, p1, l);
    }
    unchecked((s.replayLsn[ro] = l));
    s.timeLag.record(s.now - unchecked(s.recCommitAt[l]));
  }
  if (!lazy) unchecked((s.minUsedLsn[ro] = s.replayLsn[ro]));
  if (unchecked(s.ready[ro]) == 0 && unchecked(s.replayLsn[ro]) >= s.submittedMaxLsn) unchecked((s.ready[ro] = 1));
  ack(s, ro);
}

/** EV_MTR_TAIL (mtr-lock-off): the second page's list gets the LSN only now. */
export function onMtrTail(s: State, ro: i32, lsn: i32, page: i32): void {
  ringInsert(s, ro, page, lsn);
  markOutdated(s, ro, page);
}

function frameFor(s: State, ro: i32, page: i32): i32 {
  let f = unchecked(s.frameUsed[ro]);
  if (f < RO_POOL) unchecked((s.frameUsed[ro] = f + 1));
  else {
    f = rngIntn(s.rng, RO_POOL);
    unchecked((s.pageFrame[ro * PAGES + s.framePage[ro * RO_POOL + f]] = -1));
  }
  unchecked((s.pageFrame[ro * PAGES + page] = f));
  unchecked((s.framePage[ro * RO_POOL + f] = page));
  return f;
}

/**
 * Sorts the backlog ascending. It is collected newest first (the memtable walk, then the tables
 * down each page's chain), so reversing it first leaves the insertion sort one pass; an out of
 * order list (mtr-lock-off's late inserts) still sorts.
 */
function sortAscending(s: State, n: i32): void {
  const list = s.applyList;
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const t = unchecked(list[i]);
    unchecked((list[i] = list[j]));
    unchecked((list[j] = t));
  }
  for (let i = 1; i < n; i++) {
    const v = unchecked(list[i]);
    let j = i - 1;
    while (j >= 0 && unchecked(list[j]) > v) {
      unchecked((list[j + 1] = list[j]));
      j--;
    }
    unchecked((list[j + 1] = v));
  }
}

/**
 * LSNs of page in (lo, hi] from the storage tables, newest table first, Bloom filters first.
 * Inside a table the page's entries are found through their chain (a LogIndex table hashes
 * page tags to item lists, so a lookup reads the page's items, not the whole table).
 */
function fromTables(s: State, ro: i32, page: i32, lo: i32, hi: i32, n: i32): i32 {
  let e = unchecked(s.pageNewestEntry[page]);
  for (let t = s.metaMaxTable; t >= 0; t--) {
    if (unchecked(s.tblMax[t]) <= lo) break;
    if (unchecked(s.tblMin[t]) > hi) continue;
    if (unchecked(s.tblState[t]) == TBL_TRUNCATED) {
      // Truncated tables are gone. L6: the read must not have needed one (its base plus what
      // is left would not reach the replay LSN).
      const lost = tableHoldsIn(s, t, page, lo, hi);
      if (lost != 0) violate(s, V_L6, page, ro, lost);
      break;
    }
    if (!bloomMayHold(s, t, page)) {
      s.bloomSkips++;
      // L3: a filter must never say no for a page its table holds in the range read.
      const held = tableHoldsIn(s, t, page, lo, hi);
      if (held != 0) violate(s, V_L3, page, ro, held);
      continue;
    }
    s.tableLookups++;
    s.readCost += diskDone<State>(s, STORAGE, s.now, 4096) - s.now;
    const from = t * MEMTABLE_ENTRIES;
    while (e >= from + MEMTABLE_ENTRIES) e = unchecked(s.entPrev[e]);
    for (; e >= from && n < APPLY_CAP; e = unchecked(s.entPrev[e])) {
      const l = unchecked(s.entLsn[e]);
      if (l <= lo) break;
      if (l <= hi) unchecked((s.applyList[n++] = l));
    }
  }
  return n;
}

/** Brings page to the replica's replay LSN L (lazy mode) and returns its image. */
function readLazy(s: State, ro: i32, page: i32, L: i32): i64 {
  let f = unchecked(s.pageFrame[ro * PAGES + page]);
  let img: i64;
  let baseLsn: i32;
  const fromStorage = f < 0;
  if (f < 0) {
    img = unchecked(s.storImage[page]);
    baseLsn = unchecked(s.storLsn[page]);
    s.storageReads++;
    s.readCost += diskDone<State>(s, STORAGE, s.now, 8192) - s.now;
    f = frameFor(s, ro, page);
  } else {
    img = unchecked(s.frameImage[ro * RO_POOL + f]);
    baseLsn = unchecked(s.frameLsn[ro * RO_POOL + f]);
    if (unchecked(s.frameOutdated[ro * RO_POOL + f]) == 0) return img;
  }
  // The backlog: memtable entries newest first, down to the base or the ring's end.
  const below = unchecked(s.tableBelow[ro]);
  let n = 0;
  let e = unchecked(s.pageLastEntry[ro * PAGES + page]);
  const oldest = unchecked(s.ringHead[ro]) - RING;
  while (e >= 0 && e >= oldest && n < APPLY_CAP) {
    const slot = ro * RING + e % RING;
    const l = unchecked(s.ringLsn[slot]);
    if (l <= baseLsn || l <= below) break;
    if (l <= L) unchecked((s.applyList[n++] = l));
    e = unchecked(s.ringPrev[slot]);
  }
  if (baseLsn < below) n = fromTables(s, ro, page, baseLsn, below < L ? below : L, n);
  sortAscending(s, n);
  let pageLsn = baseLsn;
  for (let i = 0; i < n; i++) {
    const l = unchecked(s.applyList[i]);
    img = applyRecord(img, l, page);
    pageLsn = l;
  }
  s.pagesReplayed += <i64>n;
  s.readCost += s.cpuApply * <i64>n;
  if (s.noteReads && n > 0) noteRead(s, ro, page, L, baseLsn, fromStorage, n);
  const r = ro * RO_POOL + f;
  unchecked((s.frameImage[r] = img));
  unchecked((s.frameLsn[r] = pageLsn));
  unchecked((s.frameOutdated[r] = 0));
  const w = ro * OUTDATED_WORDS + (f >> 5);
  unchecked((s.outdatedBits[w] = s.outdatedBits[w] & ~(<u32>1 << <u32>(f & 31))));
  // L8: a page's apply LSN never passes its replica's replay LSN.
  if (pageLsn > L) violate(s, V_L8, page, ro, pageLsn);
  return img;
}

/** Remembers a reader's read that replayed n records (the newest LAST_READ_MAX), for the inspector. */
function noteRead(s: State, ro: i32, page: i32, L: i32, baseLsn: i32, fromStorage: bool, n: i32): void {
  unchecked((s.lastReadPage[ro] = page));
  unchecked((s.lastReadLsn[ro] = L));
  unchecked((s.lastReadBase[ro] = baseLsn));
  unchecked((s.lastReadFromStorage[ro] = fromStorage ? 1 : 0));
  unchecked((s.lastReadCount[ro] = n));
  unchecked((s.lastReadAt[ro] = s.now));
  const skip = n > LAST_READ_MAX ? n - LAST_READ_MAX : 0;
  for (let i = skip; i < n; i++) unchecked((s.lastReadList[ro * LAST_READ_MAX + i - skip] = s.applyList[i]));
}

function readPage(s: State, ro: i32, page: i32, L: i32): i64 {
  if (s.mode == MODE_FULL) return unchecked(s.fullImage[ro * PAGES + page]);
  return readLazy(s, ro, page, L);
}

/**
 * A read returned the wrong image. When it lacks exactly the page's newest record <= L and that
 * record also changed another page, the pair is torn (L5); otherwise the read is wrong (L1).
 */
function readViolation(s: State, ro: i32, page: i32, L: i32, image: i64): void {
  const last = lastRecordAtOrBelow(s, page, L);
  if (last > 0 && unchecked(s.recPage1[last]) >= 0 && image == referenceImage(s, page, last - 1)) {
    violate(s, V_L5, page, ro, last);
  } else violate(s, V_L1, page, ro, L);
}

/** EV_READ: a reader on the replica reads a page, or a B-tree pair under one snapshot. */
export function onRead(s: State, ro: i32): void {
  at<State>(s, s.now + 1 + workGap(s, s.readMeanNs), EV_READ, ro, 0, 0, 0, 0);
  // Drawn before the replica decides whether it serves: every arrival takes the same draws,
  // so the workload stream does not depend on what the mode does with the read.
  const p0 = drawPage(s);
  const pair = workPermille(s, s.splitPermille);
  if (unchecked(s.ready[ro]) == 0 || ro == s.writer) return;
  const L = unchecked(s.replayLsn[ro]);
  s.readCost = s.cpuRead;
  s.noteReads = true;
  const img0 = readPage(s, ro, p0, L);
  record(s, ro, HISTORY_READ, p0, L, img0);
  const ok0 = img0 == referenceImage(s, p0, L);
  let ok1 = true;
  let p1 = -1;
  if (pair) {
    p1 = sibling(p0);
    const img1 = readPage(s, ro, p1, L);
    record(s, ro, HISTORY_READ, p1, L, img1);
    ok1 = img1 == referenceImage(s, p1, L);
  }
  s.noteReads = false;
  // L5: one page of a pair at the snapshot and its sibling not is a torn multi-page record.
  if (pair && ok0 != ok1) violate(s, V_L5, ok0 ? p1 : p0, ro, L);
  else if (!ok0) readViolation(s, ro, p0, L, img0);
  else if (!ok1) violate(s, V_L1, p1, ro, L);
  s.reads++;
  s.readsChecked++;
  const done = work(s, ro, s.readCost);
  // visibility_lag: commit -> the first read on this replica that can see it.
  for (let l = unchecked(s.visibleLsn[ro]) + 1; l <= L; l++) s.visLag.record(done - unchecked(s.recCommitAt[l]));
  if (L > unchecked(s.visibleLsn[ro])) unchecked((s.visibleLsn[ro] = L));
}

/** EV_REPLAY: background replay brings every outdated resident page to the replay LSN. */
export function onReplay(s: State, ro: i32): void {
  at<State>(s, s.now + s.bgwNs, EV_REPLAY, ro, 0, 0, 0, 0);
  if (s.mode == MODE_FULL || ro == s.writer) return;
  const L = unchecked(s.replayLsn[ro]);
  s.readCost = 0;
  const used = unchecked(s.frameUsed[ro]);
  let done = 0;
  // Outdated frames in ascending order, a word of 32 at a time (only resident ones are marked).
  for (let w = 0; w < (used + 31) >> 5 && done < REPLAY_FRAMES; w++) {
    let bits = unchecked(s.outdatedBits[ro * OUTDATED_WORDS + w]);
    while (bits != 0 && done < REPLAY_FRAMES) {
      const f = (w << 5) + <i32>ctz(bits);
      bits &= bits - 1;
      readLazy(s, ro, unchecked(s.framePage[ro * RO_POOL + f]), L);
      done++;
    }
  }
  work(s, ro, s.readCost);
  // Nothing on this replica still needs a record at or below L.
  unchecked((s.minUsedLsn[ro] = L));
}

/** The replica stops: its pool and memtables are gone. */
export function crashReplica(s: State, ro: i32): void {
  unchecked((s.up[ro] = 0));
  unchecked((s.ready[ro] = 0));
  unchecked((s.epoch[ro] = s.epoch[ro] + 1));
  for (let p = 0; p < PAGES; p++) {
    unchecked((s.pageFrame[ro * PAGES + p] = -1));
    unchecked((s.pageLastEntry[ro * PAGES + p] = -1));
  }
  unchecked((s.frameUsed[ro] = 0));
  for (let w = 0; w < OUTDATED_WORDS; w++) unchecked((s.outdatedBits[ro * OUTDATED_WORDS + w] = 0));
  unchecked((s.ringHead[ro] = 0));
  for (let m = 0; m < RO_MEMTABLES; m++) unchecked((s.memMax[ro * RO_MEMTABLES + m] = 0));
}

/**
 * Lazy recovery: the replica starts from the meta file (entries up to its max LSN are in
 * storage tables), takes the rest of the metadata from the writer and serves reads once its
 * replay LSN passes every page version sent to storage. Full mode rebuilds every page from
 * storage and the WAL instead.
 */
export function startReplica(s: State, ro: i32): void {
  unchecked((s.up[ro] = 1));
  unchecked((s.ready[ro] = 0));
  unchecked((s.cpuFree[ro] = s.now));
  unchecked((s.startupFree[ro] = s.now));
  let start = s.metaMaxLsn;
  if (s.mode == MODE_FULL) {
    start = s.submittedMaxLsn > s.durableLsn ? s.durableLsn : s.submittedMaxLsn;
    for (let p = 0; p < PAGES; p++) {
      unchecked((s.fullImage[ro * PAGES + p] = s.storImage[p]));
      unchecked((s.fullLsn[ro * PAGES + p] = s.storLsn[p]));
    }
    for (let l = 1; l <= start; l++) {
      for (let k = 0; k < 2; k++) {
        const p = k == 0 ? unchecked(s.recPage0[l]) : unchecked(s.recPage1[l]);
        if (p >= 0 && l > unchecked(s.fullLsn[ro * PAGES + p])) applyFull(s, ro, p, l);
      }
    }
  }
  unchecked((s.received[ro] = start));
  unchecked((s.replayLsn[ro] = start));
  unchecked((s.visibleLsn[ro] = start));
  unchecked((s.tableBelow[ro] = start));
  unchecked((s.minUsedLsn[ro] = start));
  unchecked((s.lastMetaAt[ro] = s.now));
  // A live writer may send newer pages to storage until it hears from this replica, so it
  // serves reads only after the writer's first metadata (onParsed); with no writer, at once.
  if (s.writer < 0 && start >= s.submittedMaxLsn) unchecked((s.ready[ro] = 1));
  at<State>(s, s.now + 1 + workGap(s, s.readMeanNs), EV_READ, ro, 0, 0, 0, 0);
  at<State>(s, s.now + s.bgwNs, EV_REPLAY, ro, 0, 0, 0, 0);
  ack(s, ro);
}

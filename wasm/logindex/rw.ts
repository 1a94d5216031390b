// The writer (spec §2.2): WAL generation with metadata shipped to replicas and payload to
// storage, the flush list ordered by oldest LSN, background writers under flush control, the
// copy buffer for hot pages, the consistent LSN and LogIndex truncation.
import { State, record } from './state';
import { at } from '../lib/events';
import { diskDone } from '../lib/disks';
import {
  PAGES, REC_CAP, TABLE_CAP, COPY_SLOTS, WRITE_SLOTS, MAX_RO, STORAGE, MODE_FULL, V_L2, V_L6, V_L9,
  OPT_FLUSH_CONTROL_OFF, OPT_EAGER_TRUNCATION, MEMTABLE_ENTRIES, HISTORY_WRITE,
} from './constants';
import { EV_TXN, EV_WAL_DONE, EV_BGW, EV_PAGE_WRITTEN, EV_META } from './kinds';
import { applyRecord, referenceImage } from './image';
import { drawPage, send, sibling, workGap, workPermille } from './net';
import { indexAdd, flushInactive, firstEntryFrom, TBL_ACTIVE, TBL_FLUSHED, TBL_TRUNCATED } from './logindex';
import { violate, minReplay, trackStorageLag } from './checker';

/** How long the writer waits for a replica's ack before leaving it out of flush control. */
export const ACK_TIMEOUT_NS: i64 = 50_000_000;
/** Most records one metadata message carries. */
const BATCH: i32 = 256;
/** Pages one background-writer pass looks at, from the flush-list head. */
const PASS_PAGES: i32 = 64;

// ---- the flush list: dirty pages in order of oldest LSN (appending keeps the order) ----

function flAppend(s: State, p: i32): void {
  unchecked((s.flPrev[p] = s.flTail));
  unchecked((s.flNext[p] = -1));
  if (s.flTail >= 0) unchecked((s.flNext[s.flTail] = p));
  else s.flHead = p;
  s.flTail = p;
}

function flRemove(s: State, p: i32): void {
  const prev = unchecked(s.flPrev[p]);
  const next = unchecked(s.flNext[p]);
  if (prev >= 0) unchecked((s.flNext[prev] = next));
  else s.flHead = next;
  if (next >= 0) unchecked((s.flPrev[next] = prev));
  else s.flTail = prev;
  unchecked((s.flPrev[p] = -1));
  unchecked((s.flNext[p] = -1));
}

function changePage(s: State, p: i32, lsn: i32): i64 {
  const img = applyRecord(unchecked(s.rwImage[p]), lsn, p);
  unchecked((s.rwImage[p] = img));
  unchecked((s.pageLastRec[p] = lsn));
  trackStorageLag(s, p);
  unchecked((s.rwUpdates[p] = s.rwUpdates[p] + 1));
  if (unchecked(s.rwOldest[p]) == 0) {
    unchecked((s.rwOldest[p] = lsn));
    flAppend(s, p);
  }
  return img;
}

/** EV_TXN: one write transaction makes one WAL record on one page or, for a split, two. */
export function onTxn(s: State, node: i32): void {
  at<State>(s, s.now + 1 + workGap(s, s.writeMeanNs), EV_TXN, node, 0, 0, 0, 0);
  if (s.writeLsn + 1 >= REC_CAP) {
    s.overflow = 1;
    return;
  }
  const p0 = drawPage(s);
  const p1 = workPermille(s, s.splitPermille) ? sibling(p0) : -1;
  const lsn = ++s.writeLsn;
  unchecked((s.recPage0[lsn] = p0));
  unchecked((s.recPage1[lsn] = p1));
  unchecked((s.recPrev0[lsn] = s.pageLastRec[p0]));
  unchecked((s.recImage0[lsn] = changePage(s, p0, lsn)));
  record(s, node, HISTORY_WRITE, p0, lsn, unchecked(s.recImage0[lsn]));
  indexAdd(s, p0, lsn);
  let bytes = s.metaBytes + s.payloadBytes;
  if (p1 >= 0) {
    unchecked((s.recPrev1[lsn] = s.pageLastRec[p1]));
    unchecked((s.recImage1[lsn] = changePage(s, p1, lsn)));
    record(s, node, HISTORY_WRITE, p1, lsn, unchecked(s.recImage1[lsn]));
    indexAdd(s, p1, lsn);
    bytes += s.metaBytes + s.payloadBytes;
  }
  unchecked((s.recWalEnd[lsn] = s.recWalEnd[lsn - 1] + <i64>bytes));
  s.writes++;
  // The WAL is one sequential log on storage: a record is durable once all before it are.
  let done = diskDone<State>(s, STORAGE, s.now, bytes);
  if (done < s.lastWalDone) done = s.lastWalDone;
  s.lastWalDone = done;
  unchecked((s.recCommitAt[lsn] = done));
  at<State>(s, done, EV_WAL_DONE, node, lsn, 0, 0, 0);
}

/** Bytes of WAL records a..b as shipped: metadata only (lazy) or whole records (full). */
function shippedBytes(s: State, a: i32, b: i32): i32 {
  let bytes = 16;
  for (let l = a; l <= b; l++) {
    const pages = unchecked(s.recPage1[l]) >= 0 ? 2 : 1;
    bytes += pages * (s.mode == MODE_FULL ? s.metaBytes + s.payloadBytes : s.metaBytes);
  }
  return bytes;
}

/** Sends replica ro the records it has not been sent yet (an empty message is a heartbeat). */
export function shipTo(s: State, ro: i32): void {
  const from = unchecked(s.sentUpTo[ro]) + 1;
  let to = s.durableLsn;
  if (to - from + 1 > BATCH) to = from + BATCH - 1;
  const bytes = shippedBytes(s, from, to);
  s.bytesShipped += <i64>bytes;
  send(s, s.now, s.writer, ro, EV_META, from, to, 0, bytes);
  if (to >= from) unchecked((s.sentUpTo[ro] = to));
}

/** EV_WAL_DONE: record lsn is committed; its metadata streams to every replica in step. */
export function onWalDone(s: State, lsn: i32): void {
  s.durableLsn = lsn;
  flushInactive(s);
  // A replica catching up (or silent) gets one batch per tick instead (tick in index.ts).
  for (let ro = 1; ro <= s.ros; ro++) if (ro != s.writer && unchecked(s.sentUpTo[ro]) == lsn - 1) shipTo(s, ro);
}

/** Whether the writer heard from replica ro lately (else it is left out of flush control). */
export function heardFrom(s: State, ro: i32): bool {
  return s.now - unchecked(s.lastAckAt[ro]) <= ACK_TIMEOUT_NS;
}

/** An empty metadata message: the replica knows the writer is there. */
export function heartbeat(s: State, ro: i32): void {
  s.bytesShipped += 16;
  send(s, s.now, s.writer, ro, EV_META, s.durableLsn + 1, s.durableLsn, 0, 16);
}

/** The oldest apply LSN: the minimum replay LSN over the replicas the writer hears from. */
function oldestApply(s: State): i32 {
  let m = s.durableLsn;
  for (let ro = 1; ro <= s.ros; ro++) {
    if (ro == s.writer || !heardFrom(s, ro)) continue;
    const r = unchecked(s.ackReplay[ro]);
    if (r < m) m = r;
  }
  return m;
}

function freeWriteSlot(s: State): i32 {
  for (let i = 0; i < WRITE_SLOTS; i++) if (unchecked(s.wrPage[i]) < 0) return i;
  return -1;
}

function submitWrite(s: State, slot: i32, p: i32, image: i64, lsn: i32, oldest: i32): void {
  unchecked((s.wrPage[slot] = p));
  unchecked((s.wrImage[slot] = image));
  unchecked((s.wrLsn[slot] = lsn));
  unchecked((s.wrOldest[slot] = oldest));
  if (lsn > s.submittedMaxLsn) s.submittedMaxLsn = lsn;
  at<State>(s, diskDone<State>(s, STORAGE, s.now, 8192), EV_PAGE_WRITTEN, STORAGE, slot, 0, 0, 0);
}

/** EV_BGW: one background-writer pass, then the consistent LSN. */
export function onBgw(s: State, node: i32): void {
  at<State>(s, s.now + s.bgwNs, EV_BGW, node, 0, 0, 0, 0);
  const limit = (s.options & OPT_FLUSH_CONTROL_OFF) != 0 ? s.durableLsn : oldestApply(s);
  s.oldestApplyLsn = limit;
  // Copies of hot pages go out once the slowest replica has passed them.
  for (let c = 0; c < COPY_SLOTS; c++) {
    const p = unchecked(s.cpPage[c]);
    if (p < 0 || unchecked(s.cpLsn[c]) > limit) continue;
    const slot = freeWriteSlot(s);
    if (slot < 0) break;
    submitWrite(s, slot, p, unchecked(s.cpImage[c]), unchecked(s.cpLsn[c]), unchecked(s.cpOldest[c]));
    unchecked((s.cpPage[c] = -1));
    unchecked((s.rwInCopy[p] = 0));
  }
  let p = s.flHead;
  for (let k = 0; k < PASS_PAGES && p >= 0; k++) {
    const next = unchecked(s.flNext[p]);
    const latest = unchecked(s.pageLastRec[p]);
    if (latest > s.durableLsn) break; // the WAL goes first: nothing newer than the durable log
    if (latest > limit) {
      s.flushBlocked++;
      // A page updated so often it never meets the rule is frozen in the copy buffer.
      if (unchecked(s.rwUpdates[p]) >= s.hotUpdates && unchecked(s.rwInCopy[p]) == 0) copyHot(s, p);
    } else {
      const slot = freeWriteSlot(s);
      if (slot < 0) break;
      submitWrite(s, slot, p, unchecked(s.rwImage[p]), latest, unchecked(s.rwOldest[p]));
      flRemove(s, p);
      unchecked((s.rwOldest[p] = 0));
      unchecked((s.rwUpdates[p] = 0));
    }
    p = next;
  }
  s.consistentLsn = consistentLsn(s);
}

function copyHot(s: State, p: i32): void {
  for (let c = 0; c < COPY_SLOTS; c++) {
    if (unchecked(s.cpPage[c]) >= 0) continue;
    unchecked((s.cpPage[c] = p));
    unchecked((s.cpImage[c] = s.rwImage[p]));
    unchecked((s.cpLsn[c] = s.pageLastRec[p]));
    unchecked((s.cpOldest[c] = s.rwOldest[p]));
    unchecked((s.rwInCopy[p] = c + 1));
    flRemove(s, p);
    unchecked((s.rwOldest[p] = 0));
    unchecked((s.rwUpdates[p] = 0));
    s.copyBuffered++;
    return;
  }
}

/** min(flush-list head, copy buffer, writes in flight) oldest LSN; durable + 1 bounds it. */
function consistentLsn(s: State): i32 {
  let c = s.durableLsn + 1;
  if (s.flHead >= 0) {
    const o = unchecked(s.rwOldest[s.flHead]);
    if (o < c) c = o;
  }
  for (let i = 0; i < COPY_SLOTS; i++) if (unchecked(s.cpPage[i]) >= 0 && unchecked(s.cpOldest[i]) < c) c = unchecked(s.cpOldest[i]);
  for (let i = 0; i < WRITE_SLOTS; i++) if (unchecked(s.wrPage[i]) >= 0 && unchecked(s.wrOldest[i]) < c) c = unchecked(s.wrOldest[i]);
  // Every change below c is on storage.
  return c;
}

/** EV_PAGE_WRITTEN: a page version reaches storage (never over a newer one). */
export function onPageWritten(s: State, slot: i32): void {
  const p = unchecked(s.wrPage[slot]);
  const lsn = unchecked(s.wrLsn[slot]);
  unchecked((s.wrPage[slot] = -1));
  if (lsn <= unchecked(s.storLsn[p])) return;
  unchecked((s.storImage[p] = s.wrImage[slot]));
  unchecked((s.storLsn[p] = lsn));
  trackStorageLag(s, p);
  if (lsn > s.storMaxLsn) s.storMaxLsn = lsn;
  s.pagesFlushed++;
  // L2: no page on storage is newer than any serving replica's replay LSN.
  const m = minReplay(s);
  if (lsn > m) violate(s, V_L2, p, s.minReplayNode, lsn);
}

/** Truncates LogIndex tables below min(consistent LSN, every replica's min used LSN). */
export function truncate(s: State): void {
  let point = s.consistentLsn;
  for (let ro = 1; ro <= s.ros; ro++) {
    if (ro == s.writer) continue;
    const u = unchecked(s.ackMinUsed[ro]);
    if (u < point) point = u;
  }
  if ((s.options & OPT_EAGER_TRUNCATION) != 0) point = s.durableLsn;
  // The checker's own bound, from the replicas' real state rather than their acks.
  let bound = s.consistentLsn;
  let who = s.writer;
  for (let ro = 1; ro <= s.ros; ro++) {
    // A replica that does not serve reads (restarting, fenced) uses nothing yet.
    if (ro == s.writer || unchecked(s.up[ro]) == 0 || unchecked(s.ready[ro]) == 0) continue;
    const u = unchecked(s.minUsedLsn[ro]);
    if (u < bound) {
      bound = u;
      who = ro;
    }
  }
  while (s.truncatedTables <= s.metaMaxTable && unchecked(s.tblState[s.truncatedTables]) == TBL_FLUSHED) {
    const t = s.truncatedTables;
    const max = unchecked(s.tblMax[t]);
    if (max >= point) break;
    // L6: nothing at or above min(consistent, min used) is ever truncated. Name the first
    // record lost that is still needed, and its page.
    if (max >= bound) {
      const e = firstEntryFrom(s, t, bound);
      violate(s, V_L6, unchecked(s.entPage[e]), who, unchecked(s.entLsn[e]));
    }
    unchecked((s.tblState[t] = TBL_TRUNCATED));
    s.truncatedLsn = max;
    s.truncatedTables++;
  }
}

/**
 * Makes `node` the writer after a crash (spec §2.3 step 7): every page is rebuilt from its
 * storage version plus the durable WAL records after it; records past the durable end were lost.
 * L9: each rebuilt page equals the old writer's last committed image.
 */
export function becomeWriter(s: State, node: i32): void {
  // Records past the durable end never committed: the reference forgets them.
  for (let l = s.writeLsn; l > s.durableLsn; l--) {
    const p1 = unchecked(s.recPage1[l]);
    if (p1 >= 0) unchecked((s.pageLastRec[p1] = s.recPrev1[l]));
    unchecked((s.pageLastRec[s.recPage0[l]] = s.recPrev0[l]));
  }
  for (let p = 0; p < PAGES; p++) trackStorageLag(s, p);
  s.writeLsn = s.durableLsn;
  while (s.entries > 0 && unchecked(s.entLsn[s.entries - 1]) > s.durableLsn) {
    s.entries--;
    unchecked((s.pageNewestEntry[s.entPage[s.entries]] = s.entPrev[s.entries]));
  }
  const open = s.entries / MEMTABLE_ENTRIES;
  if (s.entries % MEMTABLE_ENTRIES != 0) {
    unchecked((s.tblState[open] = TBL_ACTIVE));
    unchecked((s.tblMax[open] = s.entLsn[s.entries - 1]));
  }
  for (let t = s.entries % MEMTABLE_ENTRIES != 0 ? open + 1 : open; t < TABLE_CAP && unchecked(s.tblState[t]) != 0; t++) {
    unchecked((s.tblState[t] = 0));
  }
  s.flHead = -1;
  s.flTail = -1;
  for (let c = 0; c < COPY_SLOTS; c++) unchecked((s.cpPage[c] = -1));
  for (let p = 0; p < PAGES; p++) {
    unchecked((s.flNext[p] = -1));
    unchecked((s.flPrev[p] = -1));
    unchecked((s.rwInCopy[p] = 0));
    unchecked((s.rwUpdates[p] = 0));
    unchecked((s.rwOldest[p] = 0));
    unchecked((s.rwImage[p] = s.storImage[p]));
  }
  // One pass over the durable WAL: each record newer than a page's storage version is applied,
  // and the page joins the flush list at its first such record (so the list stays ordered).
  const base = s.durableLsn;
  for (let l = 1; l <= base; l++) {
    for (let k = 0; k < 2; k++) {
      const p = k == 0 ? unchecked(s.recPage0[l]) : unchecked(s.recPage1[l]);
      if (p < 0 || l <= unchecked(s.storLsn[p])) continue;
      unchecked((s.rwImage[p] = applyRecord(s.rwImage[p], l, p)));
      if (unchecked(s.rwOldest[p]) == 0) {
        unchecked((s.rwOldest[p] = l));
        flAppend(s, p);
      }
    }
  }
  for (let p = 0; p < PAGES; p++) {
    if (unchecked(s.rwImage[p]) != referenceImage(s, p, base)) violate(s, V_L9, p, node, base);
  }
  s.promotionsChecked++;
  s.writer = node;
  for (let ro = 1; ro <= MAX_RO; ro++) {
    unchecked((s.sentUpTo[ro] = s.ackReceived[ro]));
    unchecked((s.lastAckAt[ro] = s.now));
  }
  s.lastWalDone = s.now;
  at<State>(s, s.now + 1, EV_TXN, node, 0, 0, 0, 0);
  at<State>(s, s.now + s.bgwNs, EV_BGW, node, 0, 0, 0, 0);
}

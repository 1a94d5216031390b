// The writer's LogIndex (spec §2.2 step 3): (page, LSN) entries in memtables of
// MEMTABLE_ENTRIES, each flushed to shared storage as a table with a 4,096-byte Bloom filter
// over its pages and its min and max LSN; the meta file records the flushed prefix.
import { State } from './state';
import { at } from '../lib/events';
import { diskDone } from '../lib/disks';
import {
  MEMTABLE_ENTRIES, BLOOM_BYTES, TABLE_CAP, STORAGE, OPT_BLOOM_FALSE_NEGATIVE, V_L3,
} from './constants';
import { EV_TABLE_FLUSHED } from './kinds';
import { violate } from './checker';

export const TBL_FREE: i32 = 0;
export const TBL_ACTIVE: i32 = 1;
export const TBL_INACTIVE: i32 = 2;
export const TBL_FLUSHED: i32 = 4;
export const TBL_TRUNCATED: i32 = 8;
const BLOOM_BITS: u32 = <u32>BLOOM_BYTES * 8;

function bloomBit(page: i32, k: i32): u32 {
  let h = <u32>page * 0x9e3779b1 + <u32>k * 0x85ebca6b;
  h ^= h >> 15;
  h *= 0x2c1b3c6d;
  h ^= h >> 12;
  return h % BLOOM_BITS;
}

/** Whether table t's Bloom filter may hold page (three probes). */
export function bloomMayHold(s: State, t: i32, page: i32): bool {
  const base = <u32>t * <u32>BLOOM_BYTES;
  for (let k = 0; k < 3; k++) {
    const bit = bloomBit(page, k);
    if ((unchecked(s.bloom[base + (bit >> 3)]) & (<u8>1 << <u8>(bit & 7))) == 0) return false;
  }
  return true;
}

function bloomAdd(s: State, t: i32, page: i32): void {
  const base = <u32>t * <u32>BLOOM_BYTES;
  for (let k = 0; k < 3; k++) {
    const bit = bloomBit(page, k);
    const i = base + (bit >> 3);
    unchecked((s.bloom[i] = s.bloom[i] | (<u8>1 << <u8>(bit & 7))));
  }
}

/** Appends one (page, LSN) entry to the active memtable; false when the entry store is full. */
export function indexAdd(s: State, page: i32, lsn: i32): bool {
  if (s.entries >= TABLE_CAP * MEMTABLE_ENTRIES) {
    s.overflow = 1;
    return false;
  }
  const i = s.entries++;
  unchecked((s.entPage[i] = page));
  unchecked((s.entLsn[i] = lsn));
  unchecked((s.entPrev[i] = s.pageNewestEntry[page]));
  unchecked((s.pageNewestEntry[page] = i));
  const t = i / MEMTABLE_ENTRIES;
  if (i % MEMTABLE_ENTRIES == 0) {
    unchecked((s.tblState[t] = TBL_ACTIVE));
    unchecked((s.tblMin[t] = lsn));
  }
  unchecked((s.tblMax[t] = lsn));
  if (i % MEMTABLE_ENTRIES == MEMTABLE_ENTRIES - 1) unchecked((s.tblState[t] = TBL_INACTIVE));
  return true;
}

/** Flushes every inactive memtable whose records are all durable (a table never holds lost LSNs). */
export function flushInactive(s: State): void {
  const full = s.entries / MEMTABLE_ENTRIES;
  for (let t = s.metaMaxTable + 1; t < full; t++) {
    if (unchecked(s.tblState[t]) != TBL_INACTIVE) continue;
    if (unchecked(s.tblMax[t]) > s.durableLsn) break;
    unchecked((s.tblState[t] = TBL_INACTIVE | 16)); // flush in flight
    at<State>(s, diskDone<State>(s, STORAGE, s.now, MEMTABLE_ENTRIES * 8 + BLOOM_BYTES), EV_TABLE_FLUSHED, STORAGE, t, 0, 0, 0);
  }
}

/** EV_TABLE_FLUSHED: table t is on storage with its Bloom filter; the meta file moves on. */
export function onTableFlushed(s: State, t: i32): void {
  const from = t * MEMTABLE_ENTRIES;
  const broken = (s.options & OPT_BLOOM_FALSE_NEGATIVE) != 0;
  for (let i = from; i < from + MEMTABLE_ENTRIES; i++) {
    const page = unchecked(s.entPage[i]);
    if (broken && page % 5 == 0) continue;
    bloomAdd(s, t, page);
  }
  unchecked((s.tblState[t] = TBL_FLUSHED));
  // L3: the filter must hold every page the table holds (checked once, as the table lands).
  for (let i = from; i < from + MEMTABLE_ENTRIES; i++) {
    const page = unchecked(s.entPage[i]);
    if (!bloomMayHold(s, t, page)) {
      violate(s, V_L3, page, STORAGE, unchecked(s.entLsn[i]));
      break;
    }
  }
  // The meta file names the largest table of the flushed prefix: its update makes a flush atomic.
  while (s.metaMaxTable + 1 < TABLE_CAP && unchecked(s.tblState[s.metaMaxTable + 1]) == TBL_FLUSHED) {
    s.metaMaxTable++;
    s.metaMaxLsn = flushedThrough(s, s.metaMaxTable);
  }
}

/**
 * The LSN up to which tables 0..t hold every entry: table t's max, or one less when a split
 * record's second page went to the first entry of table t + 1 (replicas reuse memtables and
 * restart from this LSN, so it must not claim an entry still in a memtable).
 */
function flushedThrough(s: State, t: i32): i32 {
  const max = unchecked(s.tblMax[t]);
  const next = (t + 1) * MEMTABLE_ENTRIES;
  return next < s.entries && unchecked(s.entLsn[next]) == max ? max - 1 : max;
}

/**
 * The newest LSN of page in (lo, hi] that table t held (0: none): the checker's view, which
 * walks the page's own entries instead of trusting the filter or scanning the table.
 */
export function tableHoldsIn(s: State, t: i32, page: i32, lo: i32, hi: i32): i32 {
  const from = t * MEMTABLE_ENTRIES;
  let e = unchecked(s.pageNewestEntry[page]);
  while (e >= from) {
    const l = unchecked(s.entLsn[e]);
    if (l <= lo) return 0;
    if (e < from + MEMTABLE_ENTRIES && l <= hi) return l;
    e = unchecked(s.entPrev[e]);
  }
  return 0;
}

/** The first entry of table t with an LSN at or above lsn (entries are in LSN order); the table's last if none. */
export function firstEntryFrom(s: State, t: i32, lsn: i32): i32 {
  const from = t * MEMTABLE_ENTRIES;
  const last = from + MEMTABLE_ENTRIES - 1;
  for (let i = from; i < last; i++) if (unchecked(s.entLsn[i]) >= lsn) return i;
  return last;
}

// A page image is a 64-bit digest chained over the records applied to it, computed the same way
// by the writer and every replica: a missed, repeated, reordered or future record changes it.
import { State } from './state';

function mix(x: u64): u64 {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccd;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53;
  x ^= x >> 33;
  return x;
}

/** The image every page starts from (LSN 0). */
export function initialImage(page: i32): i64 {
  return <i64>mix(<u64>page * 0x9e3779b97f4a7c15 + 0x5851f42d4c957f2d);
}

/** The image after applying record `lsn` to a page whose image was `image`. */
export function applyRecord(image: i64, lsn: i32, page: i32): i64 {
  return <i64>mix(<u64>image ^ (<u64>lsn * 0x9e3779b97f4a7c15) ^ (<u64>page << 40));
}

/** The last record touching `page` with LSN at most `lsn` (0: none), walking the page's chain. */
export function lastRecordAtOrBelow(s: State, page: i32, lsn: i32): i32 {
  let r = unchecked(s.pageLastRec[page]);
  while (r > lsn) r = unchecked(s.recPage0[r]) == page ? unchecked(s.recPrev0[r]) : unchecked(s.recPrev1[r]);
  return r;
}

/** The reference: the writer's image of `page` after exactly the records <= lsn. */
export function referenceImage(s: State, page: i32, lsn: i32): i64 {
  const r = lastRecordAtOrBelow(s, page, lsn);
  if (r == 0) return initialImage(page);
  return unchecked(s.recPage0[r]) == page ? unchecked(s.recImage0[r]) : unchecked(s.recImage1[r]);
}

// The live checker (spec §2.7). The first violation is kept with the property, page, node,
// LSN and time; later ones are not (the run is already invalid).
import { State } from './state';
import { V_NONE, V_L7, MAX_RO, PAGES } from './constants';

export function violate(s: State, code: i32, page: i32, node: i32, lsn: i32): void {
  if (s.violation != V_NONE) return;
  s.violation = code;
  s.vPage = page;
  s.vNode = node;
  s.vLsn = lsn;
  s.vTime = s.now;
}

/** min over live, ready replicas of their replay LSN; the durable LSN when there is none. */
export function minReplay(s: State): i32 {
  let m = s.durableLsn;
  s.minReplayNode = -1;
  for (let n = 1; n <= MAX_RO; n++) {
    if (n > s.ros || unchecked(s.up[n]) == 0 || n == s.writer || unchecked(s.ready[n]) == 0) continue;
    const r = unchecked(s.replayLsn[n]);
    if (r < m) {
      m = r;
      s.minReplayNode = n;
    }
  }
  return m;
}

/**
 * L7: the consistent LSN never decreases, and every change below it is on storage: a page
 * whose last record is below it has exactly that version on storage.
 */
export function checkConsistent(s: State): void {
  const c = s.consistentLsn;
  if (c < s.lastConsistent) violate(s, V_L7, -1, s.writer, c);
  s.lastConsistent = c;
  for (let p = 0; p < PAGES; p++) {
    const last = unchecked(s.pageLastRec[p]);
    if (last < c && unchecked(s.storLsn[p]) != last) {
      violate(s, V_L7, p, s.writer, c);
      return;
    }
  }
}

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

/** Puts page p in the lagging set, or takes it out, after its last record or storage version changed. */
export function trackStorageLag(s: State, p: i32): void {
  const lagging = unchecked(s.storLsn[p]) != unchecked(s.pageLastRec[p]);
  const at = unchecked(s.lagIndex[p]);
  if (lagging && at < 0) {
    unchecked((s.lagPages[s.lagCount] = p));
    unchecked((s.lagIndex[p] = s.lagCount));
    s.lagCount++;
  } else if (!lagging && at >= 0) {
    const moved = unchecked(s.lagPages[--s.lagCount]);
    unchecked((s.lagPages[at] = moved));
    unchecked((s.lagIndex[moved] = at));
    unchecked((s.lagIndex[p] = -1));
  }
}

/**
 * L7: the consistent LSN never decreases, and every change below it is on storage: a page
 * whose last record is below it has exactly that version on storage. Only pages in the
 * lagging set can fail; the lowest such page is named.
 */
export function checkConsistent(s: State): void {
  const c = s.consistentLsn;
  if (c < s.lastConsistent) violate(s, V_L7, -1, s.writer, c);
  s.lastConsistent = c;
  let worst = PAGES;
  for (let i = 0; i < s.lagCount; i++) {
    const p = unchecked(s.lagPages[i]);
    if (p < worst && unchecked(s.pageLastRec[p]) < c) worst = p;
  }
  if (worst < PAGES) violate(s, V_L7, worst, s.writer, c);
}

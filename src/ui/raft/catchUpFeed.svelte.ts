// The catch-ups one raft run shows (spec §1.4): each follower's latest, read from the frame's
// kernel state (so a seek or the scrubber lands on the right one), and the earlier ones the event
// log told since the run (or the last seek) began.
import type { RaftFrame } from '../../kernels/raft/api';
import { EVENT_STRIDE } from '../../kernels/raft/api';
import { CatchUpHistory, decodeCatchUps, type CatchUpRecord, type CatchUpState } from '../../kernels/raft/catchUp';

const KEEP = 12;

/** What changes while a catch-up runs: a new value means the view must redraw. */
function stamp(s: CatchUpState | null): string {
  return s === null ? '-' : `${s.session}:${s.received}:${s.sent}:${s.doneAt}:${s.abandoned}:${s.logEntries}:${s.pruned}:${s.dataBlocks}`;
}

export class CatchUpFeed {
  /** Per follower, its latest catch-up (null: none yet). */
  latest = $state.raw<(CatchUpState | null)[]>([null, null, null]);
  /** Catch-ups the event log told, oldest first. */
  history = $state.raw<CatchUpRecord[]>([]);
  private readonly log = new CatchUpHistory(KEEP);
  private stamps = '';

  update(frame: RaftFrame): void {
    let changed = false;
    if (frame.reset) {
      this.log.clear();
      changed = true;
    }
    const r = frame.events.records;
    for (let o = 0; o < r.length; o += EVENT_STRIDE) {
      if (this.log.add(r[o], r[o + 1], r[o + 2], r[o + 3], r[o + 4])) changed = true;
    }
    if (changed) this.history = this.log.list.map((x) => ({ ...x }));
    const latest = decodeCatchUps(frame.catchUp.info, frame.catchUp.pieces);
    const stamps = latest.map(stamp).join('|');
    if (stamps !== this.stamps) {
      this.stamps = stamps;
      this.latest = latest;
    }
  }

  clear(): void {
    this.log.clear();
    this.history = [];
    this.latest = [null, null, null];
    this.stamps = '';
  }
}

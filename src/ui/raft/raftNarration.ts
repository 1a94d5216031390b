// The raft tab's part of the live narration: what changed in each run since its last frame
// (a leader elected, a node down or back, a catch-up done, the checker's verdict), as notes
// for the narrator. Loaded behind import() with the raft tab.
import { FRAME } from '../../kernels/raft/kernel';
import { FRAME_NODE, FRAME_NODE_BASE, FRAME_NODE_FIELDS, NODES } from '../../kernels/raft/protocol';
import { t } from './messages';
import { verdictWord } from './raftText';
import type { RaftRun } from './raftRun.svelte';

/** Where node n's field sits in a frame. */
const slot = (n: number, field: keyof typeof FRAME_NODE): number => FRAME_NODE_BASE + n * FRAME_NODE_FIELDS + FRAME_NODE[field];

interface Seen {
  leader: number;
  up: boolean[];
  verdict: string;
  caughtUp: string[];
}

function seenOf(run: RaftRun): Seen | null {
  const raw = run.raw;
  if (raw === null) return null;
  const latest = run.catchUp.latest;
  return {
    leader: raw[FRAME.leader],
    up: Array.from({ length: NODES }, (_, n) => raw[slot(n, 'up')] !== 0),
    verdict: run.verdict?.verdict ?? 'unknown',
    caughtUp: latest.map((c) => (c !== null && c.doneAt !== null && !c.abandoned ? `${c.follower}:${c.session}` : '')),
  };
}

export class RaftNarration {
  private readonly seen = new WeakMap<RaftRun, Seen>();

  /** Notes what changed in `run` since it was last looked at; the first look only records. */
  observe(run: RaftRun, named: boolean, note: (text: string) => void): void {
    const now = seenOf(run);
    if (now === null) return;
    const before = this.seen.get(run);
    this.seen.set(run, now);
    if (before === undefined) return;
    const prefix = named ? `${run.label}: ` : '';
    for (let n = 0; n < NODES; n++) {
      if (before.up[n] && !now.up[n]) note(t('raft.liveDown', { run: prefix, node: n }));
      if (!before.up[n] && now.up[n]) note(t('raft.liveUp', { run: prefix, node: n }));
    }
    if (now.leader >= 0 && now.leader !== before.leader) {
      const term = run.raw?.[slot(now.leader, 'term')] ?? 0;
      note(t('raft.liveLeader', { run: prefix, node: now.leader, term }));
    }
    now.caughtUp.forEach((done, i) => {
      if (done !== '' && done !== before.caughtUp[i]) note(t('raft.liveCaughtUp', { run: prefix, node: done.split(':')[0] }));
    });
    if (now.verdict !== before.verdict) note(t('raft.liveVerdict', { run: prefix, verdict: verdictWord(now.verdict as 'valid' | 'unknown' | 'invalid') }));
  }

  /** Forgets a run's last look (after a new run or a seek the first look only records again). */
  forget(run: RaftRun): void {
    this.seen.delete(run);
  }
}

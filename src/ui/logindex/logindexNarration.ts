// The LogIndex tab's part of the live narration: what changed in each run since its last frame
// (a node down or back, a writer promoted, a replica caught up or falling behind, the
// checker's verdict), as notes for the narrator. Loaded behind import() with the tab.
import type { LogIndexRun } from './logindexRun.svelte';
import { t } from './messages';

/** A replica whose lag passes this many bytes of WAL is said to fall behind (and back under half of it, to catch up). */
export const BEHIND_BYTES = 256 * 1024;

interface Seen {
  up: boolean[];
  ready: boolean[];
  behind: boolean[];
  writer: string | null;
  verdict: string;
}

function seenOf(run: LogIndexRun, before: Seen | undefined): Seen | null {
  const f = run.frame;
  if (f === null) return null;
  return {
    up: f.nodes.map((n) => n.up),
    ready: f.nodes.map((n) => n.ready || n.writer),
    // Hysteresis: a replica hovering at the line is not announced every frame.
    behind: f.nodes.map((n, i) => (before?.behind[i] ? n.lagBytes > BEHIND_BYTES / 2 : n.lagBytes > BEHIND_BYTES)),
    writer: f.summary.writer,
    verdict: f.summary.verdict,
  };
}

export class LogIndexNarration {
  private readonly seen = new WeakMap<LogIndexRun, Seen>();
  /** Nodes seen coming back up, per run: only they "serve reads again" (a new run's replicas just start serving). */
  private readonly cameBack = new WeakMap<LogIndexRun, Set<number>>();

  /** Notes what changed in `run` since it was last looked at; the first look only records. */
  observe(run: LogIndexRun, named: boolean, note: (text: string) => void): void {
    const before = this.seen.get(run);
    const now = seenOf(run, before);
    if (now === null) return;
    this.seen.set(run, now);
    if (before === undefined || before.up.length !== now.up.length) return;
    const prefix = named ? `${run.label}: ` : '';
    const name = (i: number) => run.frame!.nodes[i].name;
    const back = this.cameBack.get(run) ?? new Set<number>();
    this.cameBack.set(run, back);
    for (let i = 0; i < now.up.length; i++) {
      if (before.up[i] && !now.up[i]) note(t('logindex.liveDown', { run: prefix, node: name(i) }));
      else if (!before.up[i] && now.up[i]) {
        note(t('logindex.liveUp', { run: prefix, node: name(i) }));
        back.add(i);
      }
      if (now.up[i] && !before.ready[i] && now.ready[i] && back.delete(i)) note(t('logindex.liveServing', { run: prefix, node: name(i) }));
      if (!before.behind[i] && now.behind[i]) note(t('logindex.liveBehind', { run: prefix, node: name(i), kib: Math.round(BEHIND_BYTES / 1024) }));
      if (before.behind[i] && !now.behind[i] && now.up[i]) note(t('logindex.liveCaughtUp', { run: prefix, node: name(i) }));
    }
    if (now.writer !== before.writer) note(now.writer === null ? t('logindex.liveNoWriter', { run: prefix }) : t('logindex.liveWriter', { run: prefix, node: now.writer }));
    if (now.verdict !== before.verdict) note(t('logindex.liveVerdict', { run: prefix, verdict: now.verdict }));
  }
}

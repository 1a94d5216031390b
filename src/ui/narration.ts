// What the live region says: each kernel's events turned into short sentences at a rate a
// screen reader (or a presenter's audience) can follow. Sources report facts as they come;
// the narrator speaks at most once per interval and sums up what piled up in between
// ("pods 8077–8090: 11 placed, 3 refused ..."), so a fast run never floods it.
import { t, type Translate } from '../i18n';

/** Pods submitted since the narrator last spoke. */
export interface PodTally {
  from: number;
  to: number;
  placed: number;
  refused: number;
  /** Node of the last placed pod (for a single pod). */
  lastNode: number;
  /** The first refused pod, and how much GPU capacity was idle then (%). */
  firstRefused: number;
  idleAtRefusal: number;
}

export function podSentence(tally: PodTally, tr: Translate = t): string {
  const idle = tally.idleAtRefusal.toFixed(1);
  if (tally.from === tally.to) {
    return tally.refused > 0 ? tr('live.podRefused', { pod: tally.from, idle }) : tr('live.podPlaced', { pod: tally.from, node: tally.lastNode });
  }
  const counts = { from: tally.from, to: tally.to, placed: tally.placed, refused: tally.refused };
  if (tally.refused === 0) return tr('live.pods', counts);
  // A seek tells how many were refused, not which came first: then the capacity idle now.
  return tally.firstRefused < 0 ? tr('live.podsRefusedNow', { ...counts, idle }) : tr('live.podsRefused', { ...counts, pod: tally.firstRefused, idle });
}

/** Adds pods submitted since to a tally (null: the first since the narrator spoke). */
export function mergeTally(tally: PodTally | null, more: PodTally): PodTally {
  if (tally === null) return { ...more };
  return {
    from: Math.min(tally.from, more.from),
    to: Math.max(tally.to, more.to),
    placed: tally.placed + more.placed,
    refused: tally.refused + more.refused,
    lastNode: more.placed > 0 ? more.lastNode : tally.lastNode,
    firstRefused: tally.refused > 0 ? tally.firstRefused : more.firstRefused,
    idleAtRefusal: tally.refused > 0 ? tally.idleAtRefusal : more.idleAtRefusal,
  };
}

/** One pod's outcome as a tally (`node` -1: refused). */
export function onePod(pod: number, node: number, idlePercent: number): PodTally {
  const refused = node < 0;
  return { from: pod, to: pod, placed: refused ? 0 : 1, refused: refused ? 1 : 0, lastNode: node, firstRefused: refused ? pod : -1, idleAtRefusal: idlePercent };
}

/** How many raft sentences one message carries before "(and N more)". */
const MAX_NOTES = 3;

export interface Scheduler {
  now(): number;
  later(ms: number, fn: () => void): unknown;
}

const wallClock: Scheduler = { now: () => performance.now(), later: (ms, fn) => setTimeout(fn, ms) };

export class Narrator {
  private pending: PodTally | null = null;
  private notes: string[] = [];
  private spokeAt = -Infinity;
  private waiting = false;

  /** `speak` receives each message; `intervalMs` is the least time between two. */
  constructor(
    private readonly speak: (text: string) => void,
    readonly intervalMs = 2000,
    private readonly clock: Scheduler = wallClock,
    private readonly tr: Translate = t,
  ) {}

  pods(tally: PodTally): void {
    this.pending = mergeTally(this.pending, tally);
    this.soon();
  }

  /** One pod's outcome (`node` -1: refused, with `idlePercent` of GPU capacity idle). */
  pod(pod: number, node: number, idlePercent: number): void {
    this.pods(onePod(pod, node, idlePercent));
  }

  note(text: string): void {
    this.notes.push(text);
    this.soon();
  }

  /** Forgets what was not said yet (the run went back in time, or was replaced). */
  drop(): void {
    this.pending = null;
    this.notes = [];
  }

  private soon(): void {
    if (this.waiting) return;
    const wait = this.spokeAt + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.waiting = true;
    this.clock.later(wait, () => {
      this.waiting = false;
      this.flush();
    });
  }

  private flush(): void {
    const parts: string[] = [];
    if (this.pending !== null) parts.push(podSentence(this.pending, this.tr));
    parts.push(...this.notes.slice(0, MAX_NOTES));
    if (this.notes.length > MAX_NOTES) parts.push(this.tr('live.more', { n: this.notes.length - MAX_NOTES }));
    this.pending = null;
    this.notes = [];
    if (parts.length === 0) return;
    this.spokeAt = this.clock.now();
    this.speak(parts.join('; '));
  }
}

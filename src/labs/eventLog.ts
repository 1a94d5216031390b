// What happened during a lab, as plain JSON: the commands the learner ran (the run's
// command log), how many pods were placed or failed while they watched, and where each
// step began. count(kind) in a check counts entries since the current step began.
import type { CommandName } from '../commands/types';

export type LogEntry =
  /** A lab step began (index into the lab's steps). */
  | { kind: 'begin'; step: number }
  /** A command ran; `text` is its canonical form, `at` the pod step once it finished. */
  | { kind: 'command'; name: CommandName; text: string; at: number; ok: boolean }
  /** Pods submitted while time moved forward since the previous observation. */
  | { kind: 'pods'; placed: number; failed: number };

export interface PodCounters {
  placed: number;
  failed: number;
}

export class EventLog {
  /** Counters at the last observation; pods are counted as these grow. */
  private seen: PodCounters | null = null;

  constructor(readonly entries: LogEntry[] = []) {}

  begin(step: number): void {
    this.entries.push({ kind: 'begin', step });
  }

  command(name: CommandName, text: string, at: number, ok: boolean): void {
    this.entries.push({ kind: 'command', name, text, at, ok });
  }

  /**
   * Records the pods submitted since the last look. When the counters went down (a seek
   * back, a new run) nothing was submitted: the baseline just moves.
   */
  observe(now: PodCounters): void {
    const before = this.seen;
    this.seen = { ...now };
    if (before === null || now.placed < before.placed || now.failed < before.failed) return;
    const placed = now.placed - before.placed;
    const failed = now.failed - before.failed;
    if (placed > 0 || failed > 0) this.entries.push({ kind: 'pods', placed, failed });
  }

  /** Moves the baseline without recording pods (after a predict looked ahead and came back). */
  rebase(now: PodCounters): void {
    this.seen = { ...now };
  }

  /** Events of one kind since the last `begin`: placed, failed, submitted, or a command name. */
  countSinceBegin(kind: string): number {
    let n = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.kind === 'begin') break;
      if (e.kind === 'pods') {
        if (kind === 'placed') n += e.placed;
        else if (kind === 'failed') n += e.failed;
        else if (kind === 'submitted') n += e.placed + e.failed;
      } else if (e.kind === 'command' && e.ok && e.name === kind) n++;
    }
    return n;
  }

  /** The commands that ran successfully, in order: replaying them rebuilds the run. */
  commands(): string[] {
    return this.entries.flatMap((e) => (e.kind === 'command' && e.ok ? [e.text] : []));
  }
}

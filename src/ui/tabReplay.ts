// What every kernel tab does when it opens a described run (a share link, the saved session)
// and when it saves its run: ask before a big replay from a link and show its progress over
// the columns; write the saved session a moment after a change, and once more as the page goes.
import { t } from '../i18n';
import { timesBudget, type ReplayAsk } from '../kernels/replayBudget';
import type { TabHost } from './frontTab';

/** What replaying a described run asks of its workers (each tab's state works it out). */
export interface ReplayPlan {
  ask: ReplayAsk;
  /** Simulated time each column replays, and how many columns. */
  ns: number;
  columns: number;
  what: string;
  timeText: (ns: number) => string;
}

/** Per-column progress: column index, simulated time reached. */
export type ColumnsProgress = (column: number, ns: number) => void;

/**
 * Replays a described run through `open`: a link past the budget runs only when the person
 * says so (false when declined; `declined` is told the reason); side by side, the bar shows
 * the sum of the columns' times. Errors from `open` (a cancel, a bad run) propagate.
 */
export async function replayWithConsent(host: TabHost, from: 'link' | 'session', plan: ReplayPlan, declined: (reason: string) => void, open: (progress?: ColumnsProgress) => Promise<void>): Promise<boolean> {
  const replays = host.replays;
  const { ask, ns, columns, what, timeText } = plan;
  if (replays !== undefined && from === 'link' && !(await replays.ask(ask, t('replay.ask', { what, times: timesBudget(ask) })))) {
    declined(t('replay.declined'));
    return false;
  }
  const done = new Map<number, number>();
  const bar = replays?.track(t('replay.progress', { what }), ns * columns, (at) => t('replay.cancelled', { done: timeText(at / columns), total: timeText(ns) }));
  const progress = bar === undefined ? undefined : (column: number, at: number): void => {
    done.set(column, at);
    bar.update([...done.values()].reduce((a, b) => a + b, 0));
  };
  try {
    await open(progress);
  } finally {
    bar?.close();
  }
  return true;
}

/** Saves coalesce: at most one write per this many milliseconds while a run plays. */
export const SAVE_DELAY_MS = 300;

/**
 * A tab's saved session: `write` runs SAVE_DELAY_MS after the first change asked for it, and
 * at once if the page goes away first (pagehide), so a reload never loses the last command.
 * `load` brings in what `write` needs, once; a failed save warns once.
 */
export class SessionSaver<M> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private module: M | null = null;
  private warned = false;

  constructor(
    private readonly load: () => Promise<M>,
    private readonly write: (module: M) => { ok: true } | { ok: false; reason: string } | null,
    private readonly warn: (reason: string) => void,
  ) {
    if (typeof window !== 'undefined') window.addEventListener('pagehide', () => this.flush());
  }

  schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.now();
    }, SAVE_DELAY_MS);
  }

  private async now(): Promise<void> {
    this.module ??= await this.load();
    this.writeWith(this.module);
  }

  /** The pending save, written now (a page going away cannot wait for an import). */
  flush(): void {
    if (this.timer === null || this.module === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.writeWith(this.module);
  }

  private writeWith(module: M): void {
    const result = this.write(module);
    if (result !== null && !result.ok && !this.warned) {
      this.warned = true;
      this.warn(result.reason);
    }
  }
}

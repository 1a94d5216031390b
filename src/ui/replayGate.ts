// The one place a tab asks before a big replay and shows a replay's progress. A link past its
// kernel's budget (src/kernels/replayBudget.ts) waits for the person to say "replay it"; a
// replay that is under way shows how far it is and can be cancelled between two chunks of
// work, so the tab stays responsive. The shell renders `view.state` (ReplayDialog.svelte).
import { needsConsent, type ReplayAsk } from '../kernels/replayBudget';

export type ReplayState =
  | { kind: 'ask'; text: string; answer: (replay: boolean) => void }
  | { kind: 'progress'; text: string; done: number; total: number; cancel: () => void };

/** Holds what the dialog shows; the shell passes a `$state` object so the view follows it. */
export interface ReplayView {
  state: ReplayState | null;
}

/** Why a replay did not finish: the person declined it or cancelled it. */
export class ReplayStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayStopped';
  }
}

export interface ReplayProgress {
  /** Work done so far, in the total's unit; throws ReplayStopped once cancelled. */
  update(done: number): void;
  readonly cancelled: boolean;
  /** Takes the bar away (the replay is through, or failed). */
  close(): void;
}

export class ReplayGate {
  constructor(private readonly view: ReplayView) {}

  /** Resolves true at once within budget; else when the person answers the question `text`. */
  ask(ask: ReplayAsk, text: string): Promise<boolean> {
    if (!needsConsent(ask)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const answer = (replay: boolean): void => {
        if (this.view.state?.kind === 'ask' && this.view.state.answer === answer) this.view.state = null;
        resolve(replay);
      };
      this.view.state = { kind: 'ask', text, answer };
    });
  }

  /** Shows a bar for a replay of `total` units; `stopped` says what a cancel leaves behind. */
  track(text: string, total: number, stopped: (done: number) => string): ReplayProgress {
    let cancelled = false;
    let done = 0;
    const state: ReplayState = { kind: 'progress', text, done: 0, total: Math.max(1, total), cancel: () => (cancelled = true) };
    this.view.state = state;
    const view = this.view;
    return {
      update(now: number): void {
        if (cancelled) throw new ReplayStopped(stopped(done));
        done = now;
        // A fresh object, so whatever renders `view.state` sees the change.
        if (view.state !== null && view.state.kind === 'progress' && view.state.cancel === state.cancel) {
          view.state = { ...state, done: Math.min(now, state.total) };
        }
      },
      get cancelled() {
        return cancelled;
      },
      close(): void {
        if (view.state !== null && view.state.kind === 'progress' && view.state.cancel === state.cancel) view.state = null;
      },
    };
  }
}

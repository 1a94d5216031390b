// Speed max with one clock for every column (the raft and LogIndex tabs): how much simulated
// time the next advance asks each worker for. Kept apart from the tabs' states so it can be
// tested without a browser.

/** The first span of simulated time asked for, and the bounds it adapts within. */
export const FIRST_MAX_SPAN_NS = 5_000_000;
export const MIN_MAX_SPAN_NS = 100_000;
export const MAX_MAX_SPAN_NS = 2_000_000_000;

/**
 * Speed max with one clock for every column: the span of simulated time the next advance asks
 * for. When the slowest column reached the target within its wall budget, ask for more; when
 * the budget cut it short, ask for a little more than it managed, so the faster column waits
 * for it (leaving the cores to it) instead of running ahead.
 */
export function nextMaxSpan(span: number, slowestProgress: number, allReached: boolean): number {
  const next = allReached ? span * 1.5 : Math.max(slowestProgress, 0) * 1.25;
  return Math.round(Math.min(MAX_MAX_SPAN_NS, Math.max(MIN_MAX_SPAN_NS, next)));
}

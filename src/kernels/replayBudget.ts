// What a link or a saved session may ask a kernel to do when it opens, for every kernel. A
// link is written by anyone: past these, the app says what the link asks for and replays it
// only when the person agrees, with a progress bar and a cancel (src/ui/replayGate.ts).
// Each kernel measures its own work (src/kernels/<id>/replayCost.ts); the limits live here.

/** Commands one description may carry (a person types far fewer in a session). */
export const MAX_DESCRIBED_COMMANDS = 10_000;
/** Characters of one command's text in a description (the longest real ones are ~100). */
export const MAX_COMMAND_CHARS = 500;

/** What opening a description asks of its kernel, in the kernel's own unit of work. */
export interface ReplayAsk {
  /** The work the replay does, e.g. pods placed times nodes scored, or simulated ns. */
  readonly work: number;
  /** The most that opens without asking, in the same unit (about two seconds here). */
  readonly budget: number;
}

/** Whether opening must ask first. */
export function needsConsent(ask: ReplayAsk): boolean {
  return !(ask.work <= ask.budget);
}

/** How many times the budget the ask is, rounded for a sentence ("40×"). */
export function timesBudget(ask: ReplayAsk): string {
  const times = ask.work / ask.budget;
  if (!Number.isFinite(times)) return '∞';
  return times >= 10 ? `${Math.round(times).toLocaleString('en-US')}×` : `${times.toFixed(1)}×`;
}

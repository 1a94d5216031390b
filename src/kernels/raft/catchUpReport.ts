// The catch-ups of a headless run as `hlab raft` reports them (spec §1.4): one plain object per
// catch-up for --json, one line each for people. Built from the event log's records (every
// catch-up of the run, see catchUpCollector.ts) and the kernel's state of each follower's latest
// one (which alone knows whether an unfinished one was given up).
import type { CatchUpRecord, CatchUpState } from './catchUp';
import type { CatchUpCase } from './protocol';
import type { SimNs } from './types';

/**
 * Why the case applies. Case 1: `lc-past-fl` (the leader's checkpoint LC is past the follower's
 * known prefix FL) or `pruned` (the leader's log no longer holds an entry the follower lacks;
 * Raft always streams a snapshot, and says so with this reason). Case 2: `fl-reaches-lc`.
 * Case 3: `stale-older-terms` (as 2, and the follower holds uncommitted entries of older terms).
 */
export type CatchUpReason = 'lc-past-fl' | 'pruned' | 'fl-reaches-lc' | 'stale-older-terms';

/**
 * How it ended: `done` (the follower installed it and the leader heard so), `replaced` (a newer
 * catch-up of the same follower began first: the leader restarted it, or gave it up and later
 * began another), `abandoned` (given up, none after it), `running` (still going when the run ended).
 */
export type CatchUpOutcome = 'done' | 'replaced' | 'abandoned' | 'running';

export interface CatchUpReport {
  follower: number;
  leader: number;
  case: CatchUpCase;
  reason: CatchUpReason;
  /** The leader's checkpoint LC (after the checkpoint it takes first when LC < FC), the follower's known prefix FL, checkpoint FC and applied prefix FA. */
  lc: number;
  fl: number;
  fc: number | null;
  fa: number | null;
  /** 128 KB pieces (case 1; 0 for fast catch-up): in the chunk, sent (distinct), sent again, received. */
  pieces: number;
  piecesSent: number;
  piecesResent: number;
  piecesReceived: number;
  /** Entries the copied data blocks stood for and the blocks copied (case 1: every block); null until installed. */
  dataEntries: number | null;
  dataBlocks: number | null;
  /** Entries stored from the leader's log part; null until installed. */
  logEntries: number | null;
  /** The follower's uncommitted older-term entries dropped first (case 3). */
  pruned: number;
  startNs: SimNs;
  endNs: SimNs | null;
  /** endNs - startNs in microseconds (one decimal); null when it did not finish. */
  tookUs: number | null;
  outcome: CatchUpOutcome;
}

function reasonOf(r: CatchUpRecord): CatchUpReason {
  if (r.case === 1) return r.reason ?? 'lc-past-fl';
  return r.case === 3 ? 'stale-older-terms' : 'fl-reaches-lc';
}

function outcomeOf(records: readonly CatchUpRecord[], i: number, latest: readonly (CatchUpState | null)[]): CatchUpOutcome {
  const r = records[i];
  if (r.doneAt !== null) return 'done';
  if (records.slice(i + 1).some((x) => x.follower === r.follower)) return 'replaced';
  const state = latest[r.follower];
  // The log carries the session modulo 2^15; the state carries all of it.
  return state && (state.session & 0x7fff) === r.session && state.abandoned ? 'abandoned' : 'running';
}

/** One report per catch-up, oldest first. `latest` is RaftKernel.catchUps() at the end of the run. */
export function catchUpReports(records: readonly CatchUpRecord[], latest: readonly (CatchUpState | null)[]): CatchUpReport[] {
  return records.map((r, i) => {
    const done = r.doneAt !== null;
    // Once installed, a fill the log has no record of moved nothing.
    const filled = (n: number | null) => (n === null && done ? 0 : n);
    return {
      follower: r.follower, leader: r.leader, case: r.case, reason: reasonOf(r),
      lc: r.lc, fl: r.fl, fc: r.fc, fa: r.fa,
      pieces: r.pieces, piecesSent: r.piecesSent, piecesResent: r.resent, piecesReceived: r.piecesReceived,
      dataEntries: filled(r.dataEntries), dataBlocks: filled(r.dataBlocks), logEntries: filled(r.logEntries),
      pruned: r.pruned,
      startNs: r.startAt, endNs: r.doneAt,
      tookUs: done ? Math.round((r.doneAt! - r.startAt) / 100) / 10 : null,
      outcome: outcomeOf(records, i, latest),
    };
  });
}

const WHY: Record<CatchUpReason, string> = {
  'lc-past-fl': 'LC > FL, streaming',
  pruned: 'the leader\'s log no longer holds what it lacks, streaming',
  'fl-reaches-lc': 'FL >= LC, fast',
  'stale-older-terms': 'FL >= LC with uncommitted older-term entries, prune then fast',
};

const msText = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

/** One line for people, e.g. "catch-up of node 2 by leader 0: case 1 (LC > FL, streaming) ...". */
export function catchUpLine(c: CatchUpReport): string {
  const marks = `LC ${c.lc}, FL ${c.fl}, FC ${c.fc ?? '?'}, FA ${c.fa ?? '?'}`;
  const pieces = c.case === 1
    ? `; ${c.piecesReceived}/${c.pieces} pieces of 128 KB received, ${c.piecesSent} sent${c.piecesResent ? ` + ${c.piecesResent} re-sent` : ''}`
    : '';
  const fills = c.dataEntries === null && c.logEntries === null
    ? '; nothing installed'
    : `; from data: ${c.dataEntries ?? 0} entries in ${c.dataBlocks ?? 0} blocks, from log: ${c.logEntries ?? 0} entries`;
  const pruned = c.pruned ? `, ${c.pruned} pruned` : '';
  const end = c.endNs === null ? `, ${c.outcome}` : ` to ${msText(c.endNs)} (${c.tookUs} us)`;
  return `catch-up of node ${c.follower} by leader ${c.leader}: case ${c.case} (${WHY[c.reason]}); ${marks}${pieces}${fills}${pruned}; ${msText(c.startNs)}${end}`;
}

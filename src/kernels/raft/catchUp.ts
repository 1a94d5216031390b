// Catch-up (spec §1.4) as the host reads it: the kernel's per-follower record of its latest
// catch-up (state, so it follows time travel), and the history the event log tells (which case,
// why, each 128 KB piece, the hole fills, the time taken). Shared by the kernel wrapper, tests,
// the CLI and the Raft tab; no DOM, no worker.
import { CATCHUP_REASONS, CU, CU_FIELDS, FILL_SOURCES, LOG, MAX_PIECES, NODES, type CatchUpCase } from './protocol';
import type { SimNs } from './types';

/** The latest catch-up of one follower, from kernel state. */
export interface CatchUpState {
  follower: number;
  leader: number;
  case: CatchUpCase;
  /** Why case 1 applies: LC > FL, or the leader's log no longer holds an entry the follower lacks. */
  reason: (typeof CATCHUP_REASONS)[number] | null;
  /** The leader's checkpoint, the follower's known prefix, checkpoint and applied prefix. */
  lc: number;
  fl: number;
  fc: number;
  fa: number;
  startAt: SimNs;
  doneAt: SimNs | null;
  /** The leader gave it up (the follower went silent, or the leader lost its term). */
  abandoned: boolean;
  pieces: number;
  received: number;
  /** Piece sends, resends included. */
  sent: number;
  /** Entries the data copy covered, and the blocks it copied (streaming: every block). */
  dataEntries: number;
  dataBlocks: number;
  /** Entries stored from the leader's log part. */
  logEntries: number;
  pruned: number;
  session: number;
  /** The last index of the log part. */
  end: number;
  /** Which pieces the follower holds (1 = received), `pieces` long. */
  got: Uint8Array;
}

/** Decodes the kernel's catch-up records (CU_FIELDS f64 per follower) and piece maps (MAX_PIECES bytes per node). */
export function decodeCatchUps(info: Float64Array, pieces: Uint8Array): (CatchUpState | null)[] {
  return Array.from({ length: NODES }, (_, f) => {
    const o = f * CU_FIELDS;
    const session = info[o + CU.session];
    if (!session) return null;
    const kase = info[o + CU.case] as CatchUpCase;
    const done = info[o + CU.done];
    const total = info[o + CU.pieces];
    return {
      follower: f,
      leader: info[o + CU.leader],
      case: kase,
      reason: kase === 1 ? CATCHUP_REASONS[info[o + CU.reason]] ?? null : null,
      lc: info[o + CU.lc],
      fl: info[o + CU.fl],
      fc: info[o + CU.fc],
      fa: info[o + CU.fa],
      startAt: info[o + CU.start],
      doneAt: done >= 0 ? done : null,
      abandoned: done === -2,
      pieces: total,
      received: info[o + CU.received],
      sent: info[o + CU.sent],
      dataEntries: info[o + CU.dataEntries],
      dataBlocks: info[o + CU.dataBlocks],
      logEntries: info[o + CU.logEntries],
      pruned: info[o + CU.pruned],
      session,
      end: info[o + CU.end],
      got: pieces.slice(f * MAX_PIECES, f * MAX_PIECES + total),
    };
  });
}

/** One catch-up as the event log tells it. */
export interface CatchUpRecord {
  follower: number;
  leader: number;
  case: CatchUpCase;
  reason: (typeof CATCHUP_REASONS)[number] | null;
  /** The session number, modulo 2^15 (as the log record carries it). */
  session: number;
  lc: number;
  fl: number;
  fc: number | null;
  fa: number | null;
  startAt: SimNs;
  doneAt: SimNs | null;
  tookUs: number | null;
  pieces: number;
  /** Distinct pieces sent, and resends. */
  piecesSent: number;
  resent: number;
  piecesReceived: number;
  dataEntries: number | null;
  dataBlocks: number | null;
  logEntries: number | null;
  pruned: number;
  prunedFrom: number | null;
}

const KINDS = new Set<number>([LOG.catchup, LOG.catchupFrom, LOG.pieceSent, LOG.pieceRecv, LOG.holeFill, LOG.prune, LOG.catchupDone]);

/** The event-log kinds a catch-up history is built from. */
export function isCatchUpKind(kind: number): boolean {
  return KINDS.has(kind);
}

/**
 * Folds catch-up records of the event log into one entry per catch-up, oldest first. Records
 * after a catch-up's start belong to that follower's latest one; a follower's fills and prune
 * are written by the follower, the rest by the leader.
 */
export class CatchUpHistory {
  readonly list: CatchUpRecord[] = [];
  private readonly sentPieces = new Map<CatchUpRecord, Set<number>>();
  private readonly gotPieces = new Map<CatchUpRecord, Set<number>>();

  constructor(private readonly keep = 16) {}

  private latest(follower: number): CatchUpRecord | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].follower === follower) return this.list[i];
    return undefined;
  }

  /** Adds one record (numeric kind as in LOG); returns whether it was a catch-up record. */
  add(at: SimNs, kind: number, a: number, b: number, c: number): boolean {
    if (!KINDS.has(kind)) return false;
    if (kind === LOG.catchup) {
      const kase = ((a >> 8) & 15) as CatchUpCase;
      const record: CatchUpRecord = {
        follower: a & 15, leader: (a >> 4) & 15, case: kase, reason: kase === 1 ? CATCHUP_REASONS[(a >> 12) & 15] ?? null : null,
        session: (a >> 16) & 0x7fff, lc: b, fl: c, fc: null, fa: null, startAt: at, doneAt: null, tookUs: null, pieces: 0,
        piecesSent: 0, resent: 0, piecesReceived: 0, dataEntries: null, dataBlocks: null, logEntries: null, pruned: 0, prunedFrom: null,
      };
      this.list.push(record);
      this.sentPieces.set(record, new Set());
      this.gotPieces.set(record, new Set());
      while (this.list.length > this.keep) {
        const gone = this.list.shift()!;
        this.sentPieces.delete(gone);
        this.gotPieces.delete(gone);
      }
      return true;
    }
    const follower = a & 15;
    const r = this.latest(follower);
    if (!r) return true;
    switch (kind) {
      case LOG.catchupFrom:
        r.fc = b;
        r.fa = c;
        break;
      case LOG.pieceSent: {
        r.pieces = c;
        const sent = this.sentPieces.get(r)!;
        if ((a >> 8) & 1 || sent.has(b)) r.resent++;
        sent.add(b);
        r.piecesSent = sent.size;
        break;
      }
      case LOG.pieceRecv: {
        r.pieces = c;
        const got = this.gotPieces.get(r)!;
        got.add(b);
        r.piecesReceived = got.size;
        break;
      }
      case LOG.holeFill:
        if (FILL_SOURCES[(a >> 4) & 15] === 'data') {
          r.dataEntries = b;
          r.dataBlocks = c;
        } else {
          r.logEntries = b;
        }
        break;
      case LOG.prune:
        r.pruned = b;
        r.prunedFrom = c;
        break;
      case LOG.catchupDone:
        r.doneAt = at;
        r.tookUs = c;
        break;
    }
    return true;
  }

  clear(): void {
    this.list.length = 0;
    this.sentPieces.clear();
    this.gotPieces.clear();
  }
}

/** Pieces a chunk of `blocks` 4 KB blocks streams in: ceil(blocks × 4 KB / 128 KB). */
export function piecesFor(blocks: number): number {
  return Math.ceil(blocks / 32);
}

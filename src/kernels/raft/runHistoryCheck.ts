// Checks a run's client history while the run writes it (spec §1.9 P9): feed each chunk runRaft
// hands to onHistory, then `finish` adds the ops still in flight at the end and says whether
// the history is linearizable. The history is only called truncated when a write the run
// issued is still missing after that (the kernel stopped on a violation and could not finish
// its outstanding ops).
import { drainInFlight } from './inFlight';
import { LinearizabilityChecker, type LinearizabilityResult } from './linearizability';
import type { RaftKernel } from './kernel';
import type { HistoryRecord } from './types';

export interface RunHistoryVerdict {
  linearizable: boolean;
  /** One sentence: the checker's, after why a record was refused if one was (a malformed history is not linearizable). */
  reason: string;
  result: LinearizabilityResult;
  /** Records delivered for ops in flight at the end (as never-returned ops). */
  inFlightRecords: number;
  /** Writes the run issued that no record carries (0 unless the history is truncated). */
  missingWrites: number;
}

export class RunHistoryChecker {
  private readonly checker = new LinearizabilityChecker();
  private readonly census = new WriteCensus();
  private records = 0;
  private firstRefusal: string | null = null;
  private refusals = 0;

  /** Takes one chunk of the history (pass as runRaft's onHistory, or call from it). */
  add = (records: HistoryRecord[]): void => {
    for (const r of records) {
      this.census.note(r);
      const refused = this.checker.add(r);
      if (refused !== null) {
        this.refusals++;
        this.firstRefusal ??= `history record ${this.records + 1} was refused: ${refused}`;
      }
      this.records++;
    }
  };

  /**
   * Drains the ops in flight at the end of the run into `sink` (e.g. the history file) and into
   * the check, then checks. `kernel` is the ended run's kernel; it is not changed.
   */
  finish(module: WebAssembly.Module, kernel: RaftKernel, sink?: (records: HistoryRecord[]) => void): RunHistoryVerdict {
    const inFlight = drainInFlight(module, kernel, (records) => {
      sink?.(records);
      this.add(records);
    });
    const missingWrites = this.census.missing(inFlight.writesIssued);
    // A refused record is left out, so reads may depend on a write the check does not hold.
    const refused = this.firstRefusal !== null;
    const result = this.checker.finish({ truncated: missingWrites > 0 || refused });
    return {
      linearizable: result.ok && !refused,
      reason: refused
        ? `${this.firstRefusal}${this.refusals > 1 ? ` (and ${this.refusals - 1} more)` : ''}; the other records: ${result.reason}`
        : result.reason,
      result,
      inFlightRecords: inFlight.records,
      missingWrites,
    };
  }
}

/**
 * Which write values 1..writesIssued appear in a history: a history with a missing write is
 * truncated (a read may have seen a write the history does not hold).
 */
export class WriteCensus {
  private seen = new Uint8Array(1024);

  note(r: HistoryRecord): void {
    if (r.op !== 'write' || !Number.isSafeInteger(r.value) || r.value <= 0) return;
    if (r.value >= this.seen.length) {
      const bigger = new Uint8Array(Math.max(r.value + 1, this.seen.length * 2));
      bigger.set(this.seen);
      this.seen = bigger;
    }
    this.seen[r.value] = 1;
  }

  /** How many of the values 1..writesIssued no record carries. */
  missing(writesIssued: number): number {
    let seen = 0;
    const top = Math.min(writesIssued, this.seen.length - 1);
    for (let v = 1; v <= top; v++) seen += this.seen[v];
    return writesIssued - seen;
  }
}

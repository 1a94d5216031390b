// Collects every catch-up of a headless run from the kernel's event ring as the run goes. The
// ring holds 65,536 records and a run writes about a million per simulated second, so reading
// it once at the end would keep only the last few milliseconds: `drain` goes between slices
// (as the client history does), reads the ring only when the kernel's count of catch-up records
// moved, and says how many of those the ring overwrote before they were read, so a report can
// say when its list may be incomplete instead of silently losing some.
import { CatchUpHistory, isCatchUpKind, type CatchUpRecord } from './catchUp';
import type { RaftKernel } from './kernel';

export class CatchUpCollector {
  private readonly history = new CatchUpHistory(Number.POSITIVE_INFINITY);
  private next = 0;
  /** Catch-up records the kernel had written at the last drain. */
  private catchUpSeen = 0;
  /** Catch-up records overwritten before a drain read them (0: the list is complete). */
  lostRecords = 0;

  /** Reads the catch-up records written since the last drain. */
  drain(kernel: RaftKernel): void {
    const { records: total, catchUp } = kernel.logCounts();
    const fresh = catchUp - this.catchUpSeen;
    this.catchUpSeen = catchUp;
    // Most slices write no catch-up record at all: then the ring need not be read.
    if (fresh === 0) {
      this.next = total;
      return;
    }
    const { times, fields, capacity } = kernel.logRing();
    const from = Math.max(this.next, total - capacity);
    let found = 0;
    for (let i = from; i < total; i++) {
      const s = i % capacity;
      const kind = fields[s * 4];
      // Most records are applies and commits: skip them before paying for the BigInt time.
      if (!isCatchUpKind(kind)) continue;
      found++;
      this.history.add(Number(times[s]), kind, fields[s * 4 + 1], fields[s * 4 + 2], fields[s * 4 + 3]);
    }
    this.lostRecords += fresh - found;
    this.next = total;
  }

  /** The catch-ups so far, oldest first (the collector keeps updating these objects). */
  get records(): readonly CatchUpRecord[] {
    return this.history.list;
  }
}

// The messages a space-time diagram can show: a ring of the most recent completed messages
// (8 numbers each, MSG_STRIDE layout of api.ts) plus the latest in-flight set. Completed
// messages arrive in the order they ended (the worker reads the event log in time order), so
// a view that shows a recent span walks back from the newest and stops at the span's start.
import { MSG_STRIDE } from '../../kernels/raft/api';

export class MessageStore {
  private readonly data: Float64Array;
  private head = 0;
  private size = 0;
  inFlight: Float64Array<ArrayBufferLike> = new Float64Array(0);

  constructor(readonly capacity = 60_000) {
    this.data = new Float64Array(capacity * MSG_STRIDE);
  }

  get length(): number {
    return this.size;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.inFlight = new Float64Array(0);
  }

  append(done: Float64Array, inFlight: Float64Array<ArrayBufferLike>): void {
    const n = done.length / MSG_STRIDE;
    const start = Math.max(0, n - this.capacity);
    // At most two contiguous copies: up to the end of the ring, then from its start.
    let i = start;
    while (i < n) {
      const run = Math.min(n - i, this.capacity - this.head);
      this.data.set(done.subarray(i * MSG_STRIDE, (i + run) * MSG_STRIDE), this.head * MSG_STRIDE);
      this.head = (this.head + run) % this.capacity;
      this.size = Math.min(this.capacity, this.size + run);
      i += run;
    }
    this.inFlight = inFlight;
  }

  /** Calls `visit` with the offset of each stored message in `data` (oldest first). */
  forEach(visit: (data: Float64Array, offset: number) => void): void {
    const first = (this.head - this.size + this.capacity) % this.capacity;
    for (let k = 0; k < this.size; k++) visit(this.data, ((first + k) % this.capacity) * MSG_STRIDE);
    for (let o = 0; o < this.inFlight.length; o += MSG_STRIDE) visit(this.inFlight, o);
  }

  /**
   * Calls `visit` for every message that ended at or after `from` (newest first), then for the
   * ones in flight: what a view of a span starting at `from` can show, without walking the rest.
   */
  forEachEndingSince(from: number, visit: (data: Float64Array, offset: number) => void): void {
    for (let k = 0; k < this.size; k++) {
      const o = ((this.head - 1 - k + this.capacity) % this.capacity) * MSG_STRIDE;
      if (this.data[o + 1] < from) break;
      visit(this.data, o);
    }
    for (let o = 0; o < this.inFlight.length; o += MSG_STRIDE) visit(this.inFlight, o);
  }
}

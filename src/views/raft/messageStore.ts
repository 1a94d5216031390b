// The messages a space-time diagram can show: a ring of the most recent completed messages
// (8 numbers each, MSG_STRIDE layout of api.ts) plus the latest in-flight set.
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
    for (let i = start; i < n; i++) {
      this.data.set(done.subarray(i * MSG_STRIDE, (i + 1) * MSG_STRIDE), this.head * MSG_STRIDE);
      this.head = (this.head + 1) % this.capacity;
      this.size = Math.min(this.capacity, this.size + 1);
    }
    this.inFlight = inFlight;
  }

  /** Calls `visit` with the offset of each stored message in `data` (oldest first). */
  forEach(visit: (data: Float64Array, offset: number) => void): void {
    const first = (this.head - this.size + this.capacity) % this.capacity;
    for (let k = 0; k < this.size; k++) visit(this.data, ((first + k) % this.capacity) * MSG_STRIDE);
    for (let o = 0; o < this.inFlight.length; o += MSG_STRIDE) visit(this.inFlight, o);
  }
}

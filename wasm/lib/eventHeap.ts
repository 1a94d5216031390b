// A preallocated binary min-heap of discrete events keyed by (time, seq). `seq` is a push
// counter, so events at the same simulated time pop in the order they were pushed: the
// run is deterministic without any tie-breaking by payload. Pushing and popping never
// allocate; the three parallel arrays live in linear memory, so a memory copy snapshots
// the whole queue.
export class EventHeap {
  times: StaticArray<i64>;
  seqs: StaticArray<i64>;
  payloads: StaticArray<i32>;
  capacity: i32;
  size: i32 = 0;
  nextSeq: i64 = 0;

  constructor(capacity: i32) {
    this.capacity = capacity;
    this.times = new StaticArray<i64>(capacity);
    this.seqs = new StaticArray<i64>(capacity);
    this.payloads = new StaticArray<i32>(capacity);
  }

  /** Adds an event; returns false (and adds nothing) when the heap is full. */
  push(time: i64, payload: i32): bool {
    if (this.size >= this.capacity) return false;
    const seq = this.nextSeq++;
    let hole = this.size++;
    // Sift the hole up instead of swapping: one write per level.
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const pt = unchecked(this.times[parent]);
      if (pt < time || (pt == time && unchecked(this.seqs[parent]) < seq)) break;
      unchecked((this.times[hole] = pt));
      unchecked((this.seqs[hole] = this.seqs[parent]));
      unchecked((this.payloads[hole] = this.payloads[parent]));
      hole = parent;
    }
    unchecked((this.times[hole] = time));
    unchecked((this.seqs[hole] = seq));
    unchecked((this.payloads[hole] = payload));
    return true;
  }

  /** Time of the earliest event; only meaningful when size > 0. */
  peekTime(): i64 {
    return unchecked(this.times[0]);
  }

  /** Removes the earliest event and returns its payload (call only when size > 0). */
  pop(): i32 {
    const top = unchecked(this.payloads[0]);
    const last = --this.size;
    if (last == 0) return top;
    const time = unchecked(this.times[last]);
    const seq = unchecked(this.seqs[last]);
    const payload = unchecked(this.payloads[last]);
    let hole = 0;
    while (true) {
      let child = (hole << 1) + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last) {
        const ct = unchecked(this.times[child]);
        const rt = unchecked(this.times[right]);
        if (rt < ct || (rt == ct && unchecked(this.seqs[right]) < unchecked(this.seqs[child]))) child = right;
      }
      const ct = unchecked(this.times[child]);
      if (time < ct || (time == ct && seq < unchecked(this.seqs[child]))) break;
      unchecked((this.times[hole] = ct));
      unchecked((this.seqs[hole] = this.seqs[child]));
      unchecked((this.payloads[hole] = this.payloads[child]));
      hole = child;
    }
    unchecked((this.times[hole] = time));
    unchecked((this.seqs[hole] = seq));
    unchecked((this.payloads[hole] = payload));
    return top;
  }

  clear(): void {
    this.size = 0;
  }
}

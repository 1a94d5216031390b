// A preallocated 4-ary min-heap of discrete events ordered by (time, push order). The two
// are packed into one i64 key (time << SEQ_BITS | push counter), so a comparison is one
// integer compare: events at the same simulated time pop in push order (the counter wraps
// after 2^20 pushes, which can only reorder same-time events pushed a million pushes apart,
// and does so identically on every run). Times must stay below 2^43 ns (about 2.4 hours).
// Pushing and popping never allocate; the arrays live in linear memory, so a memory copy
// snapshots the whole queue.
const SEQ_BITS: i64 = 20;
const SEQ_MASK: i64 = (1 << 20) - 1;
export const EVENT_HEAP_MAX_TIME: i64 = (<i64>1 << 43) - 1;

export class EventHeap {
  keys: StaticArray<i64>;
  payloads: StaticArray<i32>;
  capacity: i32;
  size: i32 = 0;
  nextSeq: i64 = 0;

  constructor(capacity: i32) {
    this.capacity = capacity;
    this.keys = new StaticArray<i64>(capacity);
    this.payloads = new StaticArray<i32>(capacity);
  }

  /** Adds an event; returns false (and adds nothing) when the heap is full or time is out of range. */
  push(time: i64, payload: i32): bool {
    if (this.size >= this.capacity || time < 0 || time > EVENT_HEAP_MAX_TIME) return false;
    const key = (time << SEQ_BITS) | (this.nextSeq++ & SEQ_MASK);
    let hole = this.size++;
    const keys = this.keys;
    const payloads = this.payloads;
    // Sift the hole up instead of swapping: one write per level.
    while (hole > 0) {
      const parent = (hole - 1) >> 2;
      const pk = unchecked(keys[parent]);
      if (pk < key) break;
      unchecked((keys[hole] = pk));
      unchecked((payloads[hole] = payloads[parent]));
      hole = parent;
    }
    unchecked((keys[hole] = key));
    unchecked((payloads[hole] = payload));
    return true;
  }

  /** Time of the earliest event; only meaningful when size > 0. */
  peekTime(): i64 {
    return unchecked(this.keys[0]) >> SEQ_BITS;
  }

  /** Removes the earliest event and returns its payload (call only when size > 0). */
  pop(): i32 {
    const keys = this.keys;
    const payloads = this.payloads;
    const top = unchecked(payloads[0]);
    const last = --this.size;
    if (last == 0) return top;
    const key = unchecked(keys[last]);
    const payload = unchecked(payloads[last]);
    let hole = 0;
    // Four children per node: half the depth of a binary heap, and the four keys sit in one
    // cache line, so a pop touches fewer lines.
    while (true) {
      const first = (hole << 2) + 1;
      if (first >= last) break;
      let child = first;
      let ck = unchecked(keys[first]);
      if (first + 4 <= last) {
        // Full family: branch-free minimum (the comparisons are unpredictable).
        const k1 = unchecked(keys[first + 1]);
        const k2 = unchecked(keys[first + 2]);
        const k3 = unchecked(keys[first + 3]);
        const a1 = k1 < ck;
        ck = select<i64>(k1, ck, a1);
        child = select<i32>(first + 1, child, a1);
        const lo = k3 < k2;
        const k23 = select<i64>(k3, k2, lo);
        const c23 = select<i32>(first + 3, first + 2, lo);
        const a2 = k23 < ck;
        ck = select<i64>(k23, ck, a2);
        child = select<i32>(c23, child, a2);
      } else {
        for (let j = first + 1; j < last; j++) {
          const jk = unchecked(keys[j]);
          if (jk < ck) {
            ck = jk;
            child = j;
          }
        }
      }
      if (key < ck) break;
      unchecked((keys[hole] = ck));
      unchecked((payloads[hole] = payloads[child]));
      hole = child;
    }
    unchecked((keys[hole] = key));
    unchecked((payloads[hole] = payload));
    return top;
  }

  clear(): void {
    this.size = 0;
  }
}

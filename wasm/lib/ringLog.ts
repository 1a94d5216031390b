// A fixed-record ring log of kernel events (time, kind, a, b, c) for timelines and lab
// checks. Preallocated at init; writing never allocates. Older records are overwritten
// once the ring is full; `total` counts every record ever written.
export class RingLog {
  times: StaticArray<i64>;
  /** kind, a, b, c per record. */
  fields: StaticArray<i32>;
  capacity: i32;
  total: i64 = 0;

  constructor(capacity: i32) {
    this.capacity = capacity;
    this.times = new StaticArray<i64>(capacity);
    this.fields = new StaticArray<i32>(capacity * 4);
  }

  write(time: i64, kind: i32, a: i32, b: i32, c: i32): void {
    const slot = <i32>(this.total % <i64>this.capacity);
    unchecked((this.times[slot] = time));
    const base = slot * 4;
    unchecked((this.fields[base] = kind));
    unchecked((this.fields[base + 1] = a));
    unchecked((this.fields[base + 2] = b));
    unchecked((this.fields[base + 3] = c));
    this.total++;
  }
}

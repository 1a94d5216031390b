// A log-linear histogram of non-negative integer values (latencies in ns): 32 linear
// sub-buckets per power of two, so any percentile is within about 3 % of the true value.
// Fixed size, preallocated; recording is a few integer operations and never allocates.
const SUB_BITS: i32 = 5;
const SUB: i32 = 1 << SUB_BITS;
/** Powers of two covered: values up to 2^48 ns (about three days). */
const GROUPS: i32 = 48 - SUB_BITS + 1;
export const HISTOGRAM_BUCKETS: i32 = (GROUPS + 1) * SUB;

export function histogramBucket(value: i64): i32 {
  if (value < <i64>SUB) return value < 0 ? 0 : <i32>value;
  const exponent = 63 - <i32>clz<i64>(value);
  const group = exponent - SUB_BITS + 1;
  if (group > GROUPS) return HISTOGRAM_BUCKETS - 1;
  return group * SUB + (<i32>(value >> (exponent - SUB_BITS)) & (SUB - 1));
}

/** The middle of a bucket's value range. */
export function histogramValue(bucket: i32): i64 {
  if (bucket < SUB) return <i64>bucket;
  const group = bucket >> SUB_BITS;
  const shift = group - 1;
  const low = (<i64>(SUB + (bucket & (SUB - 1)))) << shift;
  return low + ((<i64>1 << shift) >> 1);
}

/** The exclusive upper end of a bucket's value range (the last bucket also holds everything beyond). */
export function histogramUpper(bucket: i32): i64 {
  if (bucket < SUB) return <i64>bucket + 1;
  const shift = (bucket >> SUB_BITS) - 1;
  return (<i64>(SUB + (bucket & (SUB - 1)) + 1)) << shift;
}

export class LatencyHistogram {
  counts: StaticArray<i64>;
  total: i64 = 0;

  constructor() {
    this.counts = new StaticArray<i64>(HISTOGRAM_BUCKETS);
  }

  record(value: i64): void {
    const b = histogramBucket(value);
    unchecked((this.counts[b] = this.counts[b] + 1));
    this.total++;
  }

  /** The value below which a fraction q (0..1) of the recorded values fall; 0 when empty. */
  percentile(q: f64): i64 {
    if (this.total == 0) return 0;
    let rank = <i64>Math.ceil(q * <f64>this.total);
    if (rank < 1) rank = 1;
    let seen: i64 = 0;
    for (let b = 0; b < HISTOGRAM_BUCKETS; b++) {
      seen += unchecked(this.counts[b]);
      if (seen >= rank) return histogramValue(b);
    }
    return histogramValue(HISTOGRAM_BUCKETS - 1);
  }

  clear(): void {
    memory.fill(changetype<usize>(this.counts), 0, <usize>HISTOGRAM_BUCKETS << 3);
    this.total = 0;
  }
}

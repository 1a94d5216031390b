// The artifact's result curves (specs/fgd.md §7), computed from the per-pod events:
// allocation ratio, fragment amount and fragment ratio, bucketed by arrived GPU demand.

export const X_MAX = 130;

/** Python's round(x) for a float: half to even on the exact binary value. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Python's round(x, 2): the exact binary value rounded to 2 decimals, ties to even.
 * A true tie needs x = odd/8 exactly (x·200 odd and 25 | odd), which x·8 detects exactly.
 */
export function round2(x: number): number {
  const eighths = x * 8;
  if (Number.isInteger(eighths) && Math.abs(eighths % 2) === 1) {
    const hundredths = x * 100; // exact for odd/8
    return roundHalfEven(hundredths) / 100;
  }
  return Number(x.toFixed(2));
}

export interface EventSeries {
  arrived: ArrayLike<number>;
  used: ArrayLike<number>;
  fragment: ArrayLike<number>;
  /** Number of events to use (pods submitted). */
  count: number;
}

export type Curve = (number | null)[];

/** Bucket index per event: arrived demand as an integer % of capacity, half to even. */
function bucketsOf(series: EventSeries, gpus: number): Int32Array {
  const out = new Int32Array(series.count);
  for (let i = 0; i < series.count; i++) out[i] = roundHalfEven(series.arrived[i] / gpus / 10);
  return out;
}

/**
 * For each x in 0..130: the mean of the per-event values whose bucket is x, else of those
 * in x-1..x+1, else null. `perEvent` gives the value of one event.
 */
function bucketMeans(buckets: Int32Array, perEvent: (i: number) => number): Curve {
  const index: number[][] = Array.from({ length: X_MAX + 3 }, () => []);
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i];
    if (b < 0 || b > X_MAX + 1) continue;
    index[b].push(i);
  }
  const curve: Curve = [];
  for (let x = 0; x <= X_MAX; x++) {
    let members = index[x];
    if (members.length === 0) {
      members = [...(x > 0 ? index[x - 1] : []), ...index[x], ...index[x + 1]].sort((a, b) => a - b);
    }
    if (members.length === 0) {
      curve.push(null);
      continue;
    }
    let sum = 0;
    for (const i of members) sum += perEvent(i);
    curve.push(sum / members.length);
  }
  return curve;
}

/** analysis_allo_discrete: mean allocation % per bucket, 2 decimals. */
export function allocationCurve(series: EventSeries, gpus: number): Curve {
  const buckets = bucketsOf(series, gpus);
  return bucketMeans(buckets, (i) => round2(series.used[i] / gpus / 10)).map((v) => (v === null ? null : round2(v)));
}

/** analysis_frag_discrete: mean fragment amount as % of capacity, 2 decimals. */
export function fragmentAmountCurve(series: EventSeries, gpus: number): Curve {
  const buckets = bucketsOf(series, gpus);
  return bucketMeans(buckets, (i) => round2(series.fragment[i])).map((v) =>
    v === null ? null : round2((100 * v) / 1000 / gpus));
}

/** analysis_frag_ratio_discrete: mean of per-event fragment / idle %, unrounded. */
export function fragmentRatioCurve(series: EventSeries, gpus: number): Curve {
  const buckets = bucketsOf(series, gpus);
  const capacity = gpus * 1000;
  return bucketMeans(buckets, (i) => {
    const idle = capacity - series.used[i];
    return idle > 0 ? round2((100 * series.fragment[i]) / idle) : 0;
  });
}

/** A curve as the {x: value} object the CLI prints (null where a bucket has no value). */
export function curveObject(curve: Curve): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  curve.forEach((v, x) => (out[String(x)] = v));
  return out;
}

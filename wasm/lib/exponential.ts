// Exponentially distributed draws by table lookup. The jitter of every message and every WAL
// write is exponential, so the raft kernel draws one or two per event; computing -ln(u) each
// time put a float division and a polynomial on the critical path of every event (about an
// eighth of a run's time). Instead the inverse CDF F⁻¹(u) = -ln(1 - u) is tabulated at 1024
// equal steps of u and interpolated linearly in between, which costs a load and a multiply-add.
//
// The last step, u in [1023/1024, 1), holds the unbounded tail. There the draw uses the
// exponential's lack of memory: X given X > a is a + X', so the sampler adds the step's start
// to a fresh draw. Interpolation inside a step lengthens a draw by at most 1 % of its value
// in the top steps and much less below; the mean grows by about 0.01 %. Every number here
// comes from integer and float arithmetic that WebAssembly defines exactly, so Node and every
// browser draw the same values.
import { rngNext63 } from './rng';

const STEP_BITS: i64 = 10;
const STEPS: i32 = 1 << 10;
const FRACTION_BITS: i64 = 63 - STEP_BITS;
const FRACTION_MASK: i64 = (<i64>1 << FRACTION_BITS) - 1;
const FRACTION_SCALE: f64 = 1.0 / <f64>(<i64>1 << FRACTION_BITS);

/**
 * ln(x) for x in (0, 1], from the float's exponent and an atanh series on the mantissa
 * (relative error below 1e-6). Used only to fill the table; the same on every engine.
 */
export function lnUnit(x: f64): f64 {
  const bits = reinterpret<i64>(x);
  const e = <i32>((bits >> 52) & 0x7ff) - 1023;
  // Mantissa in [sqrt(1/2), sqrt(2)) keeps the series short.
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  let ex = <f64>e;
  if (m > 1.4142135623730951) {
    m *= 0.5;
    ex += 1.0;
  }
  const z = (m - 1.0) / (m + 1.0);
  const z2 = z * z;
  const series = z * (2.0 + z2 * (0.6666666666666666 + z2 * (0.4 + z2 * (0.2857142857142857 + z2 * 0.2222222222222222))));
  return ex * 0.6931471805599453 + series;
}

export class ExponentialTable {
  /** F⁻¹ at the start of each step, in units of the mean. */
  start: StaticArray<f64>;
  /** F⁻¹'s growth across each step (unused for the last, unbounded step). */
  rise: StaticArray<f64>;

  constructor() {
    this.start = new StaticArray<f64>(STEPS);
    this.rise = new StaticArray<f64>(STEPS);
    for (let i = 0; i < STEPS; i++) {
      unchecked((this.start[i] = -lnUnit(1.0 - <f64>i / <f64>STEPS)));
    }
    for (let i = 0; i < STEPS - 1; i++) {
      unchecked((this.rise[i] = this.start[i + 1] - this.start[i]));
    }
  }

  /** One draw with mean 1, from the 63-bit stream `rng`. */
  unit(rng: StaticArray<i64>): f64 {
    let offset = 0.0;
    while (true) {
      const r = rngNext63(rng);
      const step = <i32>(r >> FRACTION_BITS);
      if (step < STEPS - 1) {
        const fraction = <f64>(r & FRACTION_MASK) * FRACTION_SCALE;
        return offset + unchecked(this.start[step]) + fraction * unchecked(this.rise[step]);
      }
      // The tail: memoryless, so start again from the step's lower edge.
      offset += unchecked(this.start[STEPS - 1]);
    }
  }
}

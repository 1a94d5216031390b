// Random draws for the event-simulation engine, from the kernel's seeded generator (rng.ts):
// S holds rng: StaticArray<i64> and expTable: ExponentialTable (exponential.ts).
import { rngNext63 } from './rng';

/** Uniform in (0, 1). */
export function uniform<S>(s: S): f64 {
  return (<f64>(rngNext63(s.rng) >> 10) + 0.5) * (1.0 / 9007199254740992.0);
}

/** Exponentially distributed with the given mean (ns); 0 when the mean is 0. */
// @ts-ignore: decorator
@inline export function expNs<S>(s: S, mean: i64): i64 {
  if (mean <= 0) return 0;
  return <i64>(s.expTable.unit(s.rng) * <f64>mean);
}

/** True with probability p / 1000. */
export function permille<S>(s: S, p: i32): bool {
  if (p <= 0) return false;
  if (p >= 1000) return true;
  return <i32>(rngNext63(s.rng) % 1000) < p;
}

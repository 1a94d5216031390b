// Seeded random numbers for kernels. Two generators behind one draw interface:
//  * xoshiro256** (seeded by splitmix64): the default, fast and well distributed;
//  * Go's math/rand additive lagged Fibonacci source (length 607, tap 273), so that a run can
//    reproduce the FGD artifact's Go simulator draw for draw (specs/fgd.md §9).
// The generator state lives in one StaticArray in linear memory, so a memory snapshot
// captures it; nothing here keeps state in module globals.
import { GO_RNG_COOKED } from './goRandTable';
import { RNG_GO } from './rngKinds';

const GO_LEN: i32 = 607;
const GO_TAP: i32 = 273;
const SLOT_TAP: i32 = 607;
const SLOT_FEED: i32 = 608;
const SLOT_KIND: i32 = 609;
const MASK63: i64 = 0x7fffffffffffffff;
const INT32_MAX: i32 = 2147483647;

/** Allocates a generator state (call once per kernel instance, at init). */
export function rngAlloc(): StaticArray<i64> {
  return new StaticArray<i64>(610);
}

// Park-Miller "minimal standard" step in Schrage's form, as Go's seedrand.
function parkMiller(x: i32): i32 {
  const hi = x / 44488;
  const lo = x % 44488;
  let next = 48271 * lo - 3399 * hi;
  if (next < 0) next += INT32_MAX;
  return next;
}

function splitmix64(state: StaticArray<i64>, slot: i32): i64 {
  // The running splitmix counter is kept in slot 4 while seeding.
  let z = unchecked(state[4]) + 0x9e3779b97f4a7c15;
  unchecked((state[4] = z));
  z = (z ^ (<u64>z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (<u64>z >> 27)) * 0x94d049bb133111eb;
  const out = z ^ (<u64>z >> 31);
  unchecked((state[slot] = out));
  return out;
}

export function rngSeed(state: StaticArray<i64>, kind: i32, seed: i64): void {
  unchecked((state[SLOT_KIND] = kind));
  if (kind == RNG_GO) {
    let s = seed % <i64>INT32_MAX;
    if (s < 0) s += <i64>INT32_MAX;
    if (s == 0) s = 89482311;
    let x = <i32>s;
    for (let i = -20; i < GO_LEN; i++) {
      x = parkMiller(x);
      if (i >= 0) {
        let u: i64 = <i64>x << 40;
        x = parkMiller(x);
        u ^= <i64>x << 20;
        x = parkMiller(x);
        u ^= <i64>x;
        u ^= unchecked(GO_RNG_COOKED[i]);
        unchecked((state[i] = u & MASK63));
      }
    }
    unchecked((state[SLOT_TAP] = 0));
    unchecked((state[SLOT_FEED] = GO_LEN - GO_TAP));
  } else {
    unchecked((state[4] = seed));
    for (let i = 0; i < 4; i++) splitmix64(state, i);
    unchecked((state[4] = 0));
  }
}

/** A uniform non-negative 63-bit value (Go's Int63). */
export function rngNext63(state: StaticArray<i64>): i64 {
  if (unchecked(state[SLOT_KIND]) == RNG_GO) {
    let tap = <i32>unchecked(state[SLOT_TAP]) - 1;
    if (tap < 0) tap += GO_LEN;
    let feed = <i32>unchecked(state[SLOT_FEED]) - 1;
    if (feed < 0) feed += GO_LEN;
    unchecked((state[SLOT_TAP] = tap));
    unchecked((state[SLOT_FEED] = feed));
    const x = (unchecked(state[feed]) + unchecked(state[tap])) & MASK63;
    unchecked((state[feed] = x));
    return x;
  }
  // xoshiro256**
  const s0 = unchecked(state[0]);
  const s1 = unchecked(state[1]);
  const s2 = unchecked(state[2]);
  const s3 = unchecked(state[3]);
  const result = rotl<i64>(s1 * 5, 7) * 9;
  const t = s1 << 17;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  unchecked((state[1] = s1 ^ n2));
  unchecked((state[0] = s0 ^ n3));
  unchecked((state[2] = n2 ^ t));
  unchecked((state[3] = rotl<i64>(n3, 45)));
  return <i64>(<u64>result >> 1);
}

export function rngInt31(state: StaticArray<i64>): i32 {
  return <i32>(rngNext63(state) >> 32);
}

export function rngUint32(state: StaticArray<i64>): u32 {
  return <u32>(rngNext63(state) >> 31);
}

/** Uniform in 0..n-1 by rejection (Go's Intn / Int31n); n = 1 still consumes a draw. */
export function rngIntn(state: StaticArray<i64>, n: i32): i32 {
  if ((n & (n - 1)) == 0) return rngInt31(state) & (n - 1);
  const max = <i32>(<u32>INT32_MAX - (<u32>0x80000000 % <u32>n));
  let v = rngInt31(state);
  while (v > max) v = rngInt31(state);
  return v % n;
}

/** Uniform in 0..n-1 by Lemire's multiply (Go's unexported int31n, used by Shuffle). */
export function rngLemire(state: StaticArray<i64>, n: i32): i32 {
  let product: u64 = <u64>rngUint32(state) * <u64>n;
  let low = <u32>product;
  if (low < <u32>n) {
    const threshold = <u32>(-n) % <u32>n;
    while (low < threshold) {
      product = <u64>rngUint32(state) * <u64>n;
      low = <u32>product;
    }
  }
  return <i32>(product >> 32);
}

/** Fisher-Yates from the end over an i32 array (Go's Shuffle draw order). */
export function rngShuffle(state: StaticArray<i64>, items: StaticArray<i32>, n: i32): void {
  for (let i = n - 1; i > 0; i--) {
    const j = rngLemire(state, i + 1);
    const tmp = unchecked(items[i]);
    unchecked((items[i] = items[j]));
    unchecked((items[j] = tmp));
  }
}

/** A random permutation of 0..n-1 (Go's Perm draw order). */
export function rngPerm(state: StaticArray<i64>, out: StaticArray<i32>, n: i32): void {
  for (let i = 0; i < n; i++) {
    const j = rngIntn(state, i + 1);
    unchecked((out[i] = out[j]));
    unchecked((out[j] = i));
  }
}

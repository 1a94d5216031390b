// The event-simulation engine, part 1: event records and the pending-event heap. Generic over
// the kernel's state S (AssemblyScript compiles one copy per S, so a field read costs what it
// would in the kernel's own code): S holds the storage, allocated once by the kernel
//   events: StaticArray<i32>  EVENT_FIELDS words per record (EV_* byte offsets below)
//   evFree: StaticArray<i32>, evFreeTop: i32   the free list (fillFreeList)
//   heap: EventHeap                             pending events by (time, push order)
//   epoch: StaticArray<i32>   per node, bumped when it crashes: older events are stale
//   overflow: i32             set when the pool or heap is full (the run cannot go on)
// An event is integers only: a kind the kernel dispatches on (below 64: cpu.ts keeps a flag
// above it), the node it happens at, and six words of the kernel's meaning.
import { EventHeap } from './eventHeap';

export const EVENT_FIELDS: i32 = 9;
// Byte offsets of an event record's fields. `from` and `term` are the sender and the term a
// message carries; a local event leaves from -1 and term 0.
export const EV_KIND: usize = 0;
export const EV_NODE: usize = 4;
export const EV_FROM: usize = 8;
export const EV_TERM: usize = 12;
export const EV_A: usize = 16;
export const EV_B: usize = 20;
export const EV_C: usize = 24;
export const EV_D: usize = 28;
/** The node's epoch when the event was made. */
export const EV_EPOCH: usize = 32;

/** Every record free, lowest id first out. */
export function fillFreeList<S>(s: S, capacity: i32): void {
  for (let i = 0; i < capacity; i++) s.evFree[i] = capacity - 1 - i;
  s.evFreeTop = capacity;
}

/** Address of event e's record. */
// @ts-ignore: decorator
@inline export function eventAt<S>(s: S, e: i32): usize {
  return changetype<usize>(s.events) + <usize>e * (<usize>EVENT_FIELDS << 2);
}

/** Takes an event record from the pool; -1 (and `overflow` set) when the pool is empty. */
export function newEvent<S>(s: S, kind: i32, node: i32, from: i32, term: i32, a: i32, b: i32, cc: i32, d: i32): i32 {
  if (s.evFreeTop == 0) {
    s.overflow = 1;
    return -1;
  }
  const e = unchecked(s.evFree[--s.evFreeTop]);
  const r = eventAt<S>(s, e);
  store<i32>(r, kind, EV_KIND);
  store<i32>(r, node, EV_NODE);
  store<i32>(r, from, EV_FROM);
  store<i32>(r, term, EV_TERM);
  store<i32>(r, a, EV_A);
  store<i32>(r, b, EV_B);
  store<i32>(r, cc, EV_C);
  store<i32>(r, d, EV_D);
  store<i32>(r, unchecked(s.epoch[node]), EV_EPOCH);
  return e;
}

export function freeEvent<S>(s: S, e: i32): void {
  unchecked((s.evFree[s.evFreeTop++] = e));
}

/** True when the event was made before its node last crashed. */
// @ts-ignore: decorator
@inline export function isStale<S>(s: S, e: i32, node: i32): bool {
  return load<i32>(eventAt<S>(s, e), EV_EPOCH) != unchecked(s.epoch[node]);
}

/** Puts event e in the heap at `time`; e = -1 (no record) is ignored. */
export function schedule<S>(s: S, time: i64, e: i32): void {
  if (e < 0) return;
  if (!s.heap.push(time, e)) {
    s.overflow = 1;
    freeEvent<S>(s, e);
  }
}

/** A local event (timer, disk, client) for `node` at `time`. */
export function at<S>(s: S, time: i64, kind: i32, node: i32, a: i32, b: i32, cc: i32, d: i32): void {
  schedule<S>(s, time, newEvent<S>(s, kind, node, -1, 0, a, b, cc, d));
}

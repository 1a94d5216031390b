// The event-simulation engine, part 2: one processing thread per node and the loop's choice of
// the next event. Work on a node runs on its thread one piece after another (PolarFS binds a
// chunk to one polling thread), so an event that finds the thread busy waits in the node's FIFO
// queue with its start time reserved. Generic over the kernel's state S, which holds
//   now: i64                                   the simulated clock (ns)
//   cpuFree: StaticArray<i64>                  per node, when its thread is next free
//   qEvent: StaticArray<i32>, qStart: StaticArray<i64>   nodes x THREAD_QUEUE_CAP ring slots
//   qHead: StaticArray<i32>, qCount: StaticArray<i32>    per node
//   qFirstStart: i64 (i64.MAX_VALUE), qFirstNode: i32 (-1)   the earliest queue head
// and the fields events.ts names.
import { eventAt, EV_KIND } from './events';

/** Events waiting for one node's thread; past this they wait in the heap (still in order). */
export const THREAD_QUEUE_CAP: i32 = 1 << 12;
/** Set on an event kind that waited for its node's thread: the thread is already reserved for it. */
const QUEUED: i32 = 0x40;
const KIND_MASK: i32 = 0x3f;
/** takeNext's flag: the event comes with its thread time already charged. */
export const TAKEN_CHARGED: i32 = 1 << 30;
export const TAKEN_EVENT: i32 = TAKEN_CHARGED - 1;

/**
 * Runs `cost` ns of work on the node's thread from now (or when it falls free) and returns
 * when the work is done: the time its effects leave the node.
 */
export function cpu<S>(s: S, node: i32, cost: i64): i64 {
  let start = unchecked(s.cpuFree[node]);
  if (start < s.now) start = s.now;
  const done = start + cost;
  unchecked((s.cpuFree[node] = done));
  return done;
}

/**
 * Reserves `cost` ns of the node's thread for event e, due at `time`. Returns true when the
 * thread is busy: e then waits in the node's queue and comes back from takeNext, charged.
 */
export function waitForThread<S>(s: S, node: i32, e: i32, time: i64, cost: i64): bool {
  const free = unchecked(s.cpuFree[node]);
  const start = free > time ? free : time;
  unchecked((s.cpuFree[node] = start + cost));
  if (start <= time) return false;
  enqueue<S>(s, node, e, start);
  return true;
}

/** Queues an event for its node's thread (FIFO; start times are non-decreasing per node). */
function enqueue<S>(s: S, node: i32, e: i32, start: i64): void {
  const count = unchecked(s.qCount[node]);
  if (count >= THREAD_QUEUE_CAP) {
    // Rare overflow: wait in the heap instead (still in order: its start time is reserved).
    const r = eventAt<S>(s, e);
    store<i32>(r, load<i32>(r, EV_KIND) | QUEUED, EV_KIND);
    if (!s.heap.push(start, e)) s.overflow = 1;
    return;
  }
  const slot = node * THREAD_QUEUE_CAP + ((unchecked(s.qHead[node]) + count) & (THREAD_QUEUE_CAP - 1));
  unchecked((s.qEvent[slot] = e));
  unchecked((s.qStart[slot] = start));
  unchecked((s.qCount[node] = count + 1));
  // A new head: the earliest head wins, the lower node on a tie.
  if (count == 0 && (start < s.qFirstStart || (start == s.qFirstStart && node < s.qFirstNode))) {
    s.qFirstStart = start;
    s.qFirstNode = node;
  }
}

/** Finds the earliest queue head again after a queue lost its head. */
function refreshQueueFirst<S>(s: S, nodes: i32): void {
  let time: i64 = i64.MAX_VALUE;
  let first = -1;
  for (let n = 0; n < nodes; n++) {
    if (unchecked(s.qCount[n]) == 0) continue;
    const t = unchecked(s.qStart[n * THREAD_QUEUE_CAP + unchecked(s.qHead[n])]);
    if (t < time) {
      time = t;
      first = n;
    }
  }
  s.qFirstStart = time;
  s.qFirstNode = first;
}

/**
 * The next event due at or before `until`, from the heap or a thread queue (earliest first,
 * the heap on ties); sets the clock to its time. Returns the event id, with TAKEN_CHARGED set
 * when its thread time is already reserved, or -1 when nothing is due by `until`.
 */
export function takeNext<S>(s: S, until: i64, nodes: i32): i32 {
  const heap = s.heap;
  let time: i64 = heap.size > 0 ? heap.peekTime() : i64.MAX_VALUE;
  const from = s.qFirstStart < time ? s.qFirstNode : -1;
  if (from >= 0) time = s.qFirstStart;
  if (time > until) return -1;
  s.now = time;
  if (from < 0) {
    const e = heap.pop();
    const r = eventAt<S>(s, e);
    const kind = load<i32>(r, EV_KIND);
    if ((kind & QUEUED) == 0) return e;
    store<i32>(r, kind & KIND_MASK, EV_KIND);
    return e | TAKEN_CHARGED;
  }
  const head = unchecked(s.qHead[from]);
  const e = unchecked(s.qEvent[from * THREAD_QUEUE_CAP + head]);
  unchecked((s.qHead[from] = (head + 1) & (THREAD_QUEUE_CAP - 1)));
  unchecked((s.qCount[from] = unchecked(s.qCount[from]) - 1));
  refreshQueueFirst<S>(s, nodes);
  return e | TAKEN_CHARGED;
}

/** When the next event is due (heap or queues); i64.MAX_VALUE when none is pending. */
export function nextTime<S>(s: S): i64 {
  const time: i64 = s.heap.size > 0 ? s.heap.peekTime() : i64.MAX_VALUE;
  return s.qFirstStart < time ? s.qFirstStart : time;
}

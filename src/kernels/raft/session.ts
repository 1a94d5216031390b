// A Raft / ParallelRaft session: the current run, its stamped command log, time travel by
// checkpoints (memory copies), trap recovery, and the frames views draw. Runs in the worker
// (and in Node for tests); never touches the DOM.
//
// Invariant: the kernel's state at time t includes every logged command stamped <= t.
// Checkpoints hold such states; `base` is the state right after init, before any command.
import type {
  LogWindow, MessageBatch, RaftEntryInfo, RaftFrame, RaftStatus, RaftTrapReport, WindowRequest,
} from './api';
import { EVENT_STRIDE, MSG_DROPPED, MSG_STRIDE, SERIES_STRIDE } from './api';
import { FRAME, FRAME_SIZE, KernelTrap, RaftKernel } from './kernel';
import { Checkpoints, guardTrap } from '../timeTravel';
import { FRAME_NODE, FRAME_NODE_BASE, FRAME_NODE_FIELDS, LOG, LOG_CAP, NODES, SERIES_CAP } from './protocol';
import { formatCommand } from './schedule';
import { LiveLinearizability } from './liveLinearizability';
import { TICK_NS } from './config';
import type { RaftCommand, RaftConfig, SimNs, StampedRaftCommand } from './types';
import { fnv1a64Hex } from '../../state/hash';

export const DEFAULT_CHECKPOINT_BUDGET = 192 * 1024 * 1024;
/** Events per kernel call: small enough that the 65,536-record event ring never laps a drain. */
const SLICE_EVENTS = 8192;
/** Simulated time between checkpoints at the start of a run (doubles as the budget fills). */
const FIRST_INTERVAL_NS = 5_000_000;
/**
 * The live P9 check is copied at the checkpoints on this grid (all of them once the interval
 * reaches it): a copy costs about as much as the clusters it holds, so not every 5 ms.
 */
const P9_COPY_NS = 8 * FIRST_INTERVAL_NS;
/** Completed messages kept between two frames (older ones are of no use to a scrolling view). */
const MAX_PENDING_MESSAGES = 40_000;
const MAX_PENDING_EVENTS = 4_000;
/** A send never matched by a receive or a drop for this long is forgotten (a duplicate's twin, a lost record). */
const STALE_SEND_NS = 50_000_000;

export interface Clock {
  now(): number;
}

export interface SessionOptions {
  /**
   * Check the client history for per-block linearizability (spec §1.9 P9) while the run goes:
   * frames carry the verdict. The worker turns it on; headless callers check whole histories.
   */
  liveHistoryCheck?: boolean;
}

/** Grows like an array of numbers but stores them in a Float64Array. */
class NumberBuffer {
  data = new Float64Array(1024);
  length = 0;
  push5(a: number, b: number, c: number, d: number, e: number): void {
    this.reserve(5);
    const x = this.data;
    const n = this.length;
    x[n] = a; x[n + 1] = b; x[n + 2] = c; x[n + 3] = d; x[n + 4] = e;
    this.length = n + 5;
  }
  push8(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): void {
    this.reserve(8);
    const x = this.data;
    const n = this.length;
    x[n] = a; x[n + 1] = b; x[n + 2] = c; x[n + 3] = d; x[n + 4] = e; x[n + 5] = f; x[n + 6] = g; x[n + 7] = h;
    this.length = n + 8;
  }
  private reserve(k: number): void {
    if (this.length + k <= this.data.length) return;
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /** Keeps only the last `keep` numbers. */
  trimTo(keep: number): void {
    if (this.length <= keep) return;
    this.data.copyWithin(0, this.length - keep, this.length);
    this.length = keep;
  }
  take(): Float64Array {
    const out = this.data.slice(0, this.length);
    this.length = 0;
    return out;
  }
  clear(): void {
    this.length = 0;
  }
}

const NOTABLE = new Set<number>([
  LOG.role, LOG.recovered, LOG.vote, LOG.merge, LOG.command, LOG.violation, LOG.election, LOG.checkpoint, LOG.syncDone,
  LOG.catchup, LOG.catchupFrom, LOG.pieceSent, LOG.pieceRecv, LOG.holeFill, LOG.prune, LOG.catchupDone,
]);

/** One key per (from, to, kind, a, term): how a receive finds its send. */
function messageKey(packed: number, a: number, term: number): number {
  return ((a * 1024 + (term & 1023)) * 4096) + (packed & 4095);
}

export class RaftSession {
  private kernel: RaftKernel | null = null;
  private readonly checkpoints = new Checkpoints<SimNs>(DEFAULT_CHECKPOINT_BUDGET);
  private interval: SimNs = 10_000_000;
  /** Sorted by time; commands at one instant keep the order they were given in. */
  private commands: LoggedCommand[] = [];
  /** Index of the first command not yet applied to the kernel's current state. */
  private cursor = 0;
  private frameReset = true;
  // What the event ring and the series have been read up to.
  private logSeen = 0;
  private seriesSeen = 0;
  private lostRecords = 0;
  private readonly sends = new Map<number, number[]>();
  private readonly doneMessages = new NumberBuffer();
  private readonly events = new NumberBuffer();
  // The live P9 check: its state now, at the base and at each checkpoint (it travels in time with
  // the kernel), the history read so far, and the time up to which every event has run.
  private p9: LiveLinearizability | null = null;
  private p9Base: LiveLinearizability | null = null;
  private readonly p9Checkpoints = new Map<SimNs, LiveLinearizability>();
  private historySeen = 0;
  private completedTo: SimNs = -1;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly clock: Clock = { now: () => performance.now() },
    private options: SessionOptions = {},
  ) {}

  private get k(): RaftKernel {
    if (!this.kernel) throw new Error('no raft run: start one first');
    return this.kernel;
  }

  get config(): RaftConfig | null {
    return this.kernel?.config ?? null;
  }

  /** The kernel, for headless callers (CLI, tests, labs) that read it directly. */
  get current(): RaftKernel {
    return this.k;
  }

  private status(): RaftStatus {
    return { now: this.k.now, stopped: this.k.stopped() };
  }

  /** Whether frames carry the live P9 verdict (SessionOptions.liveHistoryCheck). */
  get liveCheck(): boolean {
    return this.options.liveHistoryCheck === true;
  }

  /** A new run; `liveCheck`, when given, turns the live P9 check on or off from here on. */
  start(config: RaftConfig, schedule: StampedRaftCommand[] = [], liveCheck?: boolean): RaftStatus {
    if (liveCheck !== undefined) this.options = { ...this.options, liveHistoryCheck: liveCheck };
    const kernel = new RaftKernel(this.module, config);
    this.kernel = kernel;
    this.checkpoints.reset(kernel.snapshot());
    this.p9Checkpoints.clear();
    this.p9Base = this.options.liveHistoryCheck
      ? new LiveLinearizability({ blocks: config.blocks, clientTimeoutNs: config.clientTimeoutNs, tickNs: TICK_NS })
      : null;
    this.p9 = this.p9Base?.copy() ?? null;
    this.completedTo = -1;
    this.commands = stableByTime(schedule.map((c) => ({ ...c, scripted: true })));
    this.cursor = 0;
    this.interval = FIRST_INTERVAL_NS;
    this.resetReaders();
    this.guard('start', 0, () => this.runTo(0, Number.POSITIVE_INFINITY));
    return this.status();
  }

  private resetReaders(): void {
    this.frameReset = true;
    const f = this.k.frame();
    this.logSeen = f[FRAME.logTotal];
    this.seriesSeen = f[FRAME.seriesCount];
    this.historySeen = f[FRAME.historyTotal];
    this.sends.clear();
    this.doneMessages.clear();
    this.events.clear();
  }

  /**
   * Applies a command now. Commands a person gave later on an earlier timeline (after a seek
   * back) are dropped; a scenario's scripted future stays.
   */
  apply(command: RaftCommand): RaftStatus {
    const k = this.k;
    const now = k.now;
    if (k.stopped()) throw new Error(`the run stopped at ${(now / 1e6).toFixed(3)} ms (${k.verdict().reason}); reset or seek back first`);
    // The kernel checks the arguments before anything is logged.
    this.guard(formatCommand(command), now, () => k.apply(command));
    const stamped: LoggedCommand = { at: now, command, scripted: false };
    const kept = this.commands.filter((c) => c.at <= now || c.scripted);
    const at = kept.findIndex((c) => c.at > now);
    const position = at < 0 ? kept.length : at;
    kept.splice(position, 0, stamped);
    this.commands = kept;
    this.cursor = position + 1;
    for (const t of this.checkpoints.times()) if (t >= now) this.dropCheckpoint(t);
    this.drain();
    return this.status();
  }

  advance(toNs: SimNs, budgetMs = Number.POSITIVE_INFINITY): RaftStatus {
    const k = this.k;
    const from = k.now;
    this.guard(`run to ${(toNs / 1e6).toFixed(3)} ms`, from, () => this.runTo(Math.round(toNs), budgetMs));
    return this.status();
  }

  /**
   * Rebuilds a run from its description (a share link, a saved session, a restarted worker):
   * a new run of `config` with its scripted `schedule`, each of `commands` applied at its time
   * as a person gave it, then a seek to `toNs`. A command stamped after the run stopped (a
   * checker violation) is not applied, as it was not in the run being rebuilt.
   */
  replay(config: RaftConfig, schedule: StampedRaftCommand[], commands: StampedRaftCommand[], toNs: SimNs, liveCheck?: boolean): RaftStatus {
    this.start(config, schedule, liveCheck);
    for (const stamped of commands) {
      this.advance(stamped.at);
      if (this.k.stopped()) break;
      this.apply(stamped.command);
    }
    return this.seek(toNs);
  }

  /**
   * Turns the live P9 check off (its state goes; frames carry no verdict) or on. The check
   * needs the history from time 0, so turning it on rebuilds the run from its config and
   * commands to where it is, as a link does; the kernel comes out the same (the check never
   * touches it).
   */
  setLiveCheck(on: boolean): RaftStatus {
    const k = this.k;
    if (on === this.liveCheck) return this.status();
    if (!on) {
      this.options = { ...this.options, liveHistoryCheck: false };
      this.p9 = null;
      this.p9Base = null;
      this.p9Checkpoints.clear();
      return this.status();
    }
    const strip = ({ at, command, source }: LoggedCommand): StampedRaftCommand => (source === undefined ? { at, command } : { at, command, source });
    const scripted = this.commands.filter((c) => c.scripted).map(strip);
    const given = this.commands.filter((c) => !c.scripted).map(strip);
    return this.replay(k.config, scripted, given, k.now, true);
  }

  /** Advances applying logged commands at their times and leaving checkpoints behind. */
  private runTo(target: SimNs, budgetMs: number): void {
    const k = this.k;
    const started = this.clock.now();
    for (;;) {
      this.applyDue();
      const now = k.now;
      this.settleDue(now);
      if (now > 0 && now % this.interval === 0 && !this.checkpoints.has(now) && !k.stopped()) this.keepCheckpoint(now);
      if (now >= target || k.stopped()) break;
      const nextCommand = this.cursor < this.commands.length ? this.commands[this.cursor].at : Number.POSITIVE_INFINITY;
      const nextCheckpoint = (Math.floor(now / this.interval) + 1) * this.interval;
      const nextSettle = this.p9 === null ? Number.POSITIVE_INFINITY : Math.max(now, this.p9.nextSettle());
      const until = Math.min(target, nextCommand, nextCheckpoint, nextSettle);
      // Fewer events than asked for: every event up to `until` has run.
      this.completedTo = k.advance(until, SLICE_EVENTS) < SLICE_EVENTS ? until : -1;
      this.drain();
      if (this.clock.now() - started >= budgetMs) {
        // Leave with every command stamped at or before now applied (and the P9 check settled
        // if due), wherever wall time cut the work: the state at a time must not depend on how
        // the run was sliced.
        this.applyDue();
        this.settleDue(k.now);
        break;
      }
    }
  }

  /** Applies the logged commands stamped at or before the kernel's time. */
  private applyDue(): void {
    const k = this.k;
    while (this.cursor < this.commands.length && this.commands[this.cursor].at <= k.now) {
      k.apply(this.commands[this.cursor].command);
      this.cursor++;
    }
  }

  /**
   * The live P9 check settles at fixed simulated times, with every event up to that time run and
   * the history read to it, so the verdict at a time does not depend on how the run was sliced.
   */
  private settleDue(now: SimNs): void {
    const p9 = this.p9;
    if (p9 === null || now < p9.nextSettle() || this.completedTo !== now) return;
    this.drainHistory();
    p9.settle(now);
  }

  /** Feeds the client history written since the last read to the live P9 check. */
  private drainHistory(): void {
    const p9 = this.p9;
    if (p9 === null) return;
    try {
      // Straight from the kernel's memory into the check: no object per record.
      this.historySeen = this.k.historyEach(this.historySeen, p9);
    } catch (error) {
      p9.stop(`the client history could not be read: ${error instanceof Error ? error.message : String(error)}`);
      this.historySeen = this.k.historyTotal();
    }
  }

  private dropCheckpoint(t: SimNs): void {
    this.checkpoints.delete(t);
    this.p9Checkpoints.delete(t);
  }

  /**
   * Runs are open-ended in time, so when the checkpoints outgrow the budget the interval
   * doubles and the checkpoints off the new grid go: seeks stay one restore away.
   */
  private keepCheckpoint(now: SimNs): void {
    const snapshot = this.k.snapshot();
    this.checkpoints.set(now, snapshot);
    if (this.p9 !== null && now % P9_COPY_NS === 0) {
      this.drainHistory();
      this.p9Checkpoints.set(now, this.p9.copy());
    }
    while (this.checkpoints.overBudget(snapshot.length) && this.checkpoints.size > 1) {
      this.interval *= 2;
      for (const t of this.checkpoints.times()) if (t % this.interval !== 0) this.dropCheckpoint(t);
    }
  }

  seek(ns: SimNs): RaftStatus {
    const k = this.k;
    const target = Math.max(0, Math.round(ns));
    this.guard(`seek ${(target / 1e6).toFixed(3)} ms`, k.now, () => this.restoreTo(target));
    return this.status();
  }

  /** The latest checkpoint at or before `t` a run can restart from (-1: the base). */
  private checkpointBefore(t: SimNs): SimNs {
    // With the P9 check on, only checkpoints holding a copy of it.
    return this.p9 !== null ? this.checkpoints.latestAtOrBefore(t, this.p9Checkpoints.keys()) : this.checkpoints.latestAtOrBefore(t);
  }

  private restoreTo(target: SimNs): void {
    const k = this.k;
    const current = k.now;
    const from = this.checkpointBefore(target);
    if (current <= target && current >= from && !k.stopped()) {
      this.runTo(target, Number.POSITIVE_INFINITY);
      return;
    }
    this.restoreCheckpoint(from);
    this.runTo(target, Number.POSITIVE_INFINITY);
  }

  /** Restores the checkpoint at `at` (or the base for -1) and points the cursor past its commands. */
  private restoreCheckpoint(at: SimNs): void {
    const k = this.k;
    if (at >= 0) {
      k.restore(this.checkpoints.get(at)!);
      this.cursor = this.commands.findIndex((c) => c.at > at);
      if (this.cursor < 0) this.cursor = this.commands.length;
    } else {
      k.restore(this.checkpoints.base);
      this.cursor = 0;
    }
    // The P9 check as it was at that state; whether the instant had run to its end is not known.
    const p9 = at >= 0 ? this.p9Checkpoints.get(at) : this.p9Base;
    this.p9 = p9?.copy() ?? null;
    this.completedTo = -1;
    this.resetReaders();
  }

  /**
   * Runs kernel work; on a trap, brings back the last good state (the time the work began
   * from, rebuilt from a checkpoint) and rethrows with what happened.
   */
  private guard(during: string, goodNs: SimNs, work: () => void): void {
    guardTrap(during, work, () => `${(this.recover(goodNs) / 1e6).toFixed(3)} ms`);
  }

  private recover(goodNs: SimNs): SimNs {
    this.restoreCheckpoint(this.checkpointBefore(goodNs));
    this.runTo(goodNs, Number.POSITIVE_INFINITY);
    return this.k.now;
  }

  debugTrap(): RaftTrapReport {
    const k = this.k;
    const now = k.now;
    try {
      this.guard('debug trap', now, () => k.debugTrap());
    } catch (error) {
      if (error instanceof KernelTrap) return { message: error.reason, during: error.during, restoredNs: k.now };
      throw error;
    }
    throw new Error('the kernel did not trap');
  }

  /** Reads the event ring since the last drain: messages are paired, notable records kept. */
  private drain(): void {
    const k = this.k;
    this.drainHistory();
    const total = k.logCounts().records;
    if (total <= this.logSeen) return;
    // Typed views, not one object per record: this runs over a million records per simulated second.
    const { times, fields, capacity: cap } = k.logRing();
    let from = this.logSeen;
    if (total - from > cap) {
      this.lostRecords += total - from - cap;
      from = total - cap;
    }
    let newest = 0;
    for (let i = from; i < total; i++) {
      const s = i % cap;
      const kind = fields[s * 4];
      const t = Number(times[s]);
      if (t > newest) newest = t;
      const a = fields[s * 4 + 1];
      const b = fields[s * 4 + 2];
      const c = fields[s * 4 + 3];
      if (kind === LOG.msgSend) {
        const key = messageKey(a, b, c);
        const queue = this.sends.get(key);
        if (queue) queue.push(t);
        else this.sends.set(key, [t]);
      } else if (kind === LOG.msgRecv || kind === LOG.msgDrop) {
        const key = messageKey(a, b, c);
        const queue = this.sends.get(key);
        if (!queue || queue.length === 0) continue; // a duplicate's second copy
        const sentAt = queue.shift()!;
        if (queue.length === 0) this.sends.delete(key);
        this.doneMessages.push8(sentAt, t, a & 15, (a >> 4) & 15, a >> 8, b, c, kind === LOG.msgDrop ? MSG_DROPPED : 0);
      } else if (NOTABLE.has(kind)) {
        this.events.push5(t, kind, a, b, c);
      }
    }
    this.logSeen = total;
    this.doneMessages.trimTo(MAX_PENDING_MESSAGES * MSG_STRIDE);
    this.events.trimTo(MAX_PENDING_EVENTS * EVENT_STRIDE);
    if (this.sends.size > 4096) {
      for (const [key, queue] of this.sends) {
        while (queue.length > 0 && queue[0] < newest - STALE_SEND_NS) queue.shift();
        if (queue.length === 0) this.sends.delete(key);
      }
    }
  }

  private inFlight(): Float64Array {
    const out = new NumberBuffer();
    for (const [key, queue] of this.sends) {
      const packed = key % 4096;
      const rest = Math.floor(key / 4096);
      const term = rest % 1024;
      const a = Math.floor(rest / 1024);
      for (const t of queue) out.push8(t, Number.NaN, packed & 15, (packed >> 4) & 15, packed >> 8, a, term, 0);
    }
    return out.take();
  }

  private newSeries(): Float64Array {
    const k = this.k;
    const count = k.frame()[FRAME.seriesCount];
    const from = Math.max(this.seriesSeen, count - SERIES_CAP);
    const n = Math.max(0, count - from);
    const out = new Float64Array(n * SERIES_STRIDE);
    if (n > 0) {
      const { time, ops, p50, p99, p999 } = k.seriesRing();
      for (let i = 0; i < n; i++) {
        const s = (from + i) % SERIES_CAP;
        const o = i * SERIES_STRIDE;
        out[o] = Number(time[s]);
        out[o + 1] = Number(ops[s]);
        out[o + 2] = Number(p50[s]);
        out[o + 3] = Number(p99[s]);
        out[o + 4] = Number(p999[s]);
      }
    }
    this.seriesSeen = count;
    return out;
  }

  /** Log cells of every replica for a window of indices. */
  logWindow(request: WindowRequest): LogWindow {
    const k = this.k;
    const raw = k.frame();
    const count = Math.max(1, Math.min(Math.floor(request.count), 4096));
    let newest = 0;
    for (let n = 0; n < NODES; n++) newest = Math.max(newest, raw[FRAME_NODE_BASE + n * FRAME_NODE_FIELDS + FRAME_NODE.lastIndex]);
    const from = request.from === null ? Math.max(1, newest - count + 1) : Math.max(1, Math.floor(request.from));
    const size = NODES * count;
    const w: LogWindow = {
      from, count, code: new Uint8Array(size), term: new Int32Array(size).fill(-1), lba: new Int32Array(size).fill(-1),
      len: new Int32Array(size).fill(-1), ack: new Uint8Array(size),
    };
    for (let n = 0; n < NODES; n++) {
      w.code.set(k.stripCodes(n, from, count), n * count);
      const v = k.logViews(n);
      for (let i = 0; i < count; i++) {
        const index = from + i;
        const s = index & (LOG_CAP - 1);
        if (v.index[s] !== index) continue;
        const o = n * count + i;
        w.term[o] = v.term[s];
        w.lba[o] = v.lba[s];
        w.len[o] = v.len[s];
        w.ack[o] = v.ack[s];
      }
    }
    return w;
  }

  /** What views need since the last frame. */
  frame(window: WindowRequest): RaftFrame {
    const k = this.k;
    this.drain();
    const messages: MessageBatch = { done: this.doneMessages.take(), inFlight: this.inFlight() };
    const frame: RaftFrame = {
      raw: k.frame().slice(0, FRAME_SIZE),
      verdict: k.verdict(),
      window: this.logWindow(window),
      messages,
      events: { records: this.events.take() },
      series: this.newSeries(),
      reset: this.frameReset,
      lostRecords: this.lostRecords,
      p9: this.p9?.verdict(k.now) ?? null,
      catchUp: k.catchUpRaw(),
    };
    this.frameReset = false;
    return frame;
  }

  entry(node: number, index: number): RaftEntryInfo | null {
    if (!Number.isInteger(node) || node < 0 || node >= NODES) throw new RangeError(`node ${node} does not exist (0..${NODES - 1})`);
    const e = this.k.entry(node, index);
    return e === null ? null : { node, ...e };
  }

  query(name: string): number {
    return this.k.query(name);
  }

  commandLog(): StampedRaftCommand[] {
    return this.commands.map(({ at, command, source }) => (source === undefined ? { at, command: { ...command } } : { at, command: { ...command }, source }));
  }

  stateHash(): string {
    return fnv1a64Hex(this.k.stateBytes());
  }

  memory(): { kernelBytes: number; checkpointBytes: number; checkpoints: number } {
    return { kernelBytes: this.kernel ? this.k.stateBytes().length : 0, checkpointBytes: this.checkpoints.bytes(), checkpoints: this.checkpoints.size };
  }

  setCheckpointBudget(bytes: number): void {
    this.checkpoints.setBudget(bytes);
  }
}

/** A command of the run; `scripted` ones (a scenario's schedule) survive a rewrite of the future. */
interface LoggedCommand extends StampedRaftCommand {
  scripted: boolean;
}

function stableByTime(list: LoggedCommand[]): LoggedCommand[] {
  return list.map((c, i) => ({ c, i })).sort((x, y) => x.c.at - y.c.at || x.i - y.i).map((x) => x.c);
}

// A vCPU session: the current run, its stamped command log, time travel by checkpoints, trap
// recovery, and the frames the tab draws (the report, the pCPU and vCPU views, the histograms
// and the Gantt segments since the last frame). Runs in the worker (and in Node for tests);
// never touches the DOM. It follows src/kernels/logindex/session.ts; the kernel always traces,
// so the Gantt chart sees every pCPU phase change.
//
// Invariants. Between calls the kernel has run every event up to its clock (never half an
// instant), and its state at time t includes every logged command stamped <= t, applied after
// the events of t. A run stops at the checker's first violation, at the violation's time: the
// state it stops in does not depend on how wall time cut the work into slices.
import { DEFAULT_SEED, type VcpuFrame, type VcpuStatus, type VcpuTrapReport } from './api';
import { encodeDelta } from '../logindex/deltaSnapshot';
import { VcpuKernel } from './kernel';
import { eventsPerSimSecond } from './replayCost';
import { report } from './report';
import type { SimNs, StampedVcpuCommand, VcpuCommand, VcpuConfig } from './types';
import { Checkpoints, guardTrap } from '../timeTravel';
import { KernelTrap } from '../wasmKernel';

/** Bytes of checkpoints, the base (a few MB) included; deltas fill the rest. */
export const DEFAULT_CHECKPOINT_BUDGET = 128 * 1024 * 1024;
/**
 * Kernel events between checkpoints at the start of a run (the interval doubles as the budget
 * fills): a checkpoint is a pass over the state, about what this many events cost to re-run.
 */
export const CHECKPOINT_EVENTS = 200_000;
/** Checkpoint intervals are this times a power of two. */
const INTERVAL_GRID_NS: SimNs = 1_000_000;

/** The first checkpoint interval for a config, from its event rate. */
function firstInterval(config: VcpuConfig, events: number): SimNs {
  const wanted = (events / eventsPerSimSecond(config)) * 1e9;
  let interval = INTERVAL_GRID_NS;
  while (interval * 2 <= wanted) interval *= 2;
  return interval;
}

/** Events per slice (drained every TRACE_DRAIN_EVENTS): a wall-time budget and a violation are seen soon. */
const SLICE_EVENTS = 1 << 14;

export interface SessionOptions {
  /** Events between checkpoints at the start (CHECKPOINT_EVENTS); tests take fewer. */
  checkpointEvents?: number;
}

export interface Clock {
  now(): number;
}

/** A command of the run; `scripted` ones (a scenario's schedule) survive a rewrite of the future. */
interface LoggedCommand extends StampedVcpuCommand {
  scripted: boolean;
  /** The kernel refused it at its time (the report lists it). */
  refused?: boolean;
}

function stableByTime(list: LoggedCommand[]): LoggedCommand[] {
  return list.map((c, i) => ({ c, i })).sort((x, y) => x.c.at - y.c.at || x.i - y.i).map((x) => x.c);
}

const ms = (ns: SimNs): string => `${(ns / 1e6).toFixed(3)} ms`;

/** A simulated time from a caller: a whole number of ns, 0 at the least. */
function checkedTime(ns: SimNs, what: string): SimNs {
  if (typeof ns !== 'number' || Number.isNaN(ns)) throw new RangeError(`${what}: ${String(ns)} is not a time in ns`);
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.round(ns)));
}

export class VcpuSession {
  private kernel: VcpuKernel | null = null;
  private runConfig: VcpuConfig | null = null;
  private runSeed = DEFAULT_SEED;
  private readonly checkpoints = new Checkpoints<SimNs>(DEFAULT_CHECKPOINT_BUDGET);
  private interval: SimNs = INTERVAL_GRID_NS;
  /** Sorted by time; commands at one instant keep the order they were given in. */
  private commands: LoggedCommand[] = [];
  /** Index of the first command not yet applied to the kernel's current state. */
  private cursor = 0;
  private frameReset = true;
  private trap: VcpuTrapReport | null = null;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly clock: Clock = { now: () => performance.now() },
    private readonly options: SessionOptions = {},
  ) {}

  private firstInterval(config: VcpuConfig): SimNs {
    return firstInterval(config, this.options.checkpointEvents ?? CHECKPOINT_EVENTS);
  }

  private get k(): VcpuKernel {
    if (!this.kernel) throw new Error('no vcpu run: start one first');
    return this.kernel;
  }

  /** The kernel, for headless callers (labs, tests) that read it directly. */
  get current(): VcpuKernel {
    return this.k;
  }

  get config(): VcpuConfig | null {
    return this.runConfig;
  }

  get seed(): number {
    return this.runSeed;
  }

  /** The last trap recovered from: what it was, during what, and the time restored. */
  get lastTrap(): VcpuTrapReport | null {
    return this.trap;
  }

  private status(): VcpuStatus {
    return { now: this.k.now, stopped: this.k.violated() };
  }

  /** A new run at time 0; `schedule` holds commands stamped with future times (a scenario). */
  start(config: VcpuConfig, schedule: readonly StampedVcpuCommand[] = [], seed = DEFAULT_SEED): VcpuStatus {
    const kernel = new VcpuKernel(this.module, config, seed, undefined, { gantt: true });
    this.kernel = kernel;
    this.runConfig = structuredClone(config);
    this.runSeed = seed;
    this.checkpoints.reset(kernel.snapshot());
    this.commands = stableByTime(schedule.map((c) => ({ at: c.at, command: { ...c.command }, scripted: true })));
    this.cursor = 0;
    this.interval = this.firstInterval(config);
    this.frameReset = true;
    this.guard('start', 0, () => {
      this.finishInstant();
      this.runTo(0, Number.POSITIVE_INFINITY);
    });
    return this.status();
  }

  /**
   * Applies a command now. Commands a person gave later on an earlier timeline (after a seek
   * back) are dropped; a scenario's scripted future stays. A command the kernel refuses (the
   * last online pCPU offlined) changes nothing and is not logged.
   */
  apply(command: VcpuCommand): { status: VcpuStatus; applied: boolean } {
    const k = this.k;
    const now = k.now;
    if (k.violated()) throw new Error(`the run stopped at ${ms(now)} (the checker found a violation); start again or seek back first`);
    let applied = false;
    this.guard(`fault ${command.kind}`, now, () => {
      applied = k.apply(command);
    });
    if (!applied) return { status: this.status(), applied };
    const kept = this.commands.filter((c) => c.at <= now || c.scripted);
    const at = kept.findIndex((c) => c.at > now);
    const position = at < 0 ? kept.length : at;
    kept.splice(position, 0, { at: now, command: { ...command }, scripted: false });
    this.commands = kept;
    this.cursor = position + 1;
    for (const t of this.checkpoints.times()) if (t >= now) this.checkpoints.delete(t);
    return { status: this.status(), applied };
  }

  /** Runs until `toNs` or about `budgetMs` of wall time, whichever is first; stops at a violation. */
  advance(toNs: SimNs, budgetMs = Number.POSITIVE_INFINITY): VcpuStatus {
    const k = this.k;
    const target = checkedTime(toNs, 'advance');
    this.guard(`run to ${ms(target)}`, k.now, () => this.runTo(target, budgetMs));
    return this.status();
  }

  /** Goes to any time, backwards too: one checkpoint restore plus re-execution. */
  seek(ns: SimNs): VcpuStatus {
    const k = this.k;
    const target = checkedTime(ns, 'seek');
    this.guard(`seek ${ms(target)}`, k.now, () => this.restoreTo(target));
    return this.status();
  }

  /**
   * Rebuilds a run from its description (a share link, a saved session, a restarted worker):
   * a new run with its scripted `schedule`, each of `commands` applied at its time as a person
   * gave it, then a seek to `toNs`. A command stamped after the run stopped is not applied, as
   * it was not in the run being rebuilt.
   */
  replay(config: VcpuConfig, schedule: readonly StampedVcpuCommand[], commands: readonly StampedVcpuCommand[], toNs: SimNs, seed = DEFAULT_SEED): VcpuStatus {
    this.start(config, schedule, seed);
    for (const stamped of commands) {
      this.advance(stamped.at);
      if (this.k.violated()) break;
      this.apply(stamped.command);
    }
    return this.seek(toNs);
  }

  /** Advances applying logged commands at their times and leaving checkpoints behind. */
  private runTo(target: SimNs, budgetMs: number): void {
    const k = this.k;
    const started = this.clock.now();
    for (;;) {
      if (!this.applyDue() || k.violated()) return;
      const now = k.now;
      if (now > 0 && now % this.interval === 0 && !this.checkpoints.has(now)) this.keepCheckpoint(now);
      if (now >= target) return;
      const nextCommand = this.cursor < this.commands.length ? this.commands[this.cursor].at : Number.POSITIVE_INFINITY;
      const nextCheckpoint = (Math.floor(now / this.interval) + 1) * this.interval;
      const until = Math.min(target, nextCommand, nextCheckpoint);
      let outOfTime = false;
      while (k.step(until, SLICE_EVENTS) === SLICE_EVENTS) {
        if (k.violated()) break;
        if (this.clock.now() - started >= budgetMs) {
          // Never leave half an instant behind: its last events run, then its commands.
          this.finishInstant();
          outOfTime = true;
          break;
        }
      }
      if (k.violated()) {
        this.settleViolation();
        return;
      }
      if (outOfTime || this.clock.now() - started >= budgetMs) {
        this.applyDue();
        return;
      }
    }
  }

  /** Runs the rest of the events at the kernel's current time. */
  private finishInstant(): void {
    const k = this.k;
    while (k.step(k.now, SLICE_EVENTS) === SLICE_EVENTS);
  }

  /**
   * A slice ran past the violation: bring the run back to the violation's time, with every
   * event of that instant run, whatever the slices were.
   */
  private settleViolation(): void {
    const k = this.k;
    const vTime = k.summary().violation?.atNs ?? k.now;
    if (k.now === vTime) {
      this.finishInstant();
      return;
    }
    this.restoreCheckpoint(this.checkpoints.latestAtOrBefore(vTime));
    this.runTo(vTime, Number.POSITIVE_INFINITY);
  }

  /**
   * Applies the logged commands stamped at or before the kernel's time, stopping at one that
   * turns the verdict red. Returns false when it stopped there.
   */
  private applyDue(): boolean {
    const k = this.k;
    while (this.cursor < this.commands.length && this.commands[this.cursor].at <= k.now) {
      const logged = this.commands[this.cursor];
      logged.refused = !k.apply(logged.command);
      this.cursor++;
      if (k.violated()) return false;
    }
    return true;
  }

  /**
   * Runs are open-ended in time, so when the checkpoints outgrow the budget the interval
   * doubles and the checkpoints off the new grid go: seeks stay one restore away.
   */
  private keepCheckpoint(now: SimNs): void {
    this.checkpoints.set(now, encodeDelta(this.checkpoints.base, this.k.memoryBytes()));
    while (this.checkpoints.bytes() > this.checkpoints.budget && this.checkpoints.size > 1) {
      this.interval *= 2;
      for (const t of this.checkpoints.times()) if (t % this.interval !== 0) this.checkpoints.delete(t);
    }
  }

  private restoreTo(target: SimNs): void {
    const k = this.k;
    const from = this.checkpoints.latestAtOrBefore(target);
    if (k.now <= target && k.now >= from && !k.violated()) {
      this.runTo(target, Number.POSITIVE_INFINITY);
      return;
    }
    this.restoreCheckpoint(from);
    this.runTo(target, Number.POSITIVE_INFINITY);
  }

  /** Restores the checkpoint at `at` (or the base for -1) and points the cursor past its commands. */
  private restoreCheckpoint(at: SimNs | -1): void {
    const k = this.k;
    const base = this.checkpoints.base;
    k.restore(base, Math.max(0, at), at >= 0 ? this.checkpoints.get(at)! : undefined);
    if (at >= 0) {
      this.cursor = this.commands.findIndex((c) => c.at > at);
      if (this.cursor < 0) this.cursor = this.commands.length;
    } else {
      // The base is the state right after init: the events of time 0 have still to run.
      this.cursor = 0;
      this.finishInstant();
    }
    this.frameReset = true;
  }

  /**
   * Runs kernel work; on a trap, brings back the last good state (the time the work began
   * from, rebuilt from a checkpoint) and rethrows with what happened.
   */
  private guard(during: string, goodNs: SimNs, work: () => void): void {
    try {
      guardTrap(during, work, () => ms(this.recover(goodNs)));
    } catch (error) {
      if (error instanceof KernelTrap) this.trap = { message: error.reason, during: error.during, restoredNs: this.k.now };
      throw error;
    }
  }

  private recover(goodNs: SimNs): SimNs {
    this.restoreCheckpoint(this.checkpoints.latestAtOrBefore(goodNs));
    this.runTo(goodNs, Number.POSITIVE_INFINITY);
    return this.k.now;
  }

  /**
   * What the tab draws: the report so far, the pCPU and vCPU views, the histograms and the
   * Gantt segments since the previous frame, or, on a reset (new run, seek, trap recovery,
   * segments dropped), those since the restored time, for the chart to draw afresh.
   */
  frame(): VcpuFrame {
    const k = this.k;
    let frame: VcpuFrame | null = null;
    this.guard('frame', k.now, () => {
      const now = k.now;
      const refused = this.commands.filter((c) => c.at <= now && c.refused).map(({ at, command }) => ({ at, command }));
      // The frame's report leaves the state hash out (a pass over the whole state): ask stateHash().
      const summary = k.summary();
      const runReport = report(this.runConfig!, this.runSeed, now, { summary, stateHash: () => '', wallSeconds: 0, refused });
      const gantt = k.drainGantt();
      frame = { nowNs: now, summary, report: runReport, ...k.view(), gantt: gantt.segments, reset: this.frameReset || gantt.reset };
    });
    this.frameReset = false;
    return frame!;
  }

  commandLog(): StampedVcpuCommand[] {
    return this.commands.map(({ at, command }) => ({ at, command: { ...command } }));
  }

  stateHash(): string {
    return this.k.stateHash();
  }

  memory(): { kernelBytes: number; checkpointBytes: number; checkpoints: number } {
    return {
      kernelBytes: this.kernel ? this.k.memoryBytes().length : 0,
      checkpointBytes: this.kernel ? this.checkpoints.bytes() : 0,
      checkpoints: this.checkpoints.size,
    };
  }

  /** A new budget for checkpoints; the ones held go (the next ones follow the new budget). */
  setCheckpointBudget(bytes: number): void {
    this.checkpoints.setBudget(bytes);
    this.checkpoints.clear();
    if (this.runConfig) this.interval = this.firstInterval(this.runConfig);
  }
}

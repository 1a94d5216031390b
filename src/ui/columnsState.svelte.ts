// What a nanosecond kernel's tab state does the same way whatever the kernel (LogIndex, vCPU):
// one or two columns on one simulated clock, played at a pace or flat out, brought to one time
// before anything is compared, stepped, sought, and told a fault at one instant. The tab's own
// state says what its runs are, how one starts, and what a stop or a refused fault means.
import type { CommandResult } from '../commands/types';
import { CancelledError, KernelTrapError } from '../kernels/client';
import { FIRST_MAX_SPAN_NS, nextMaxSpan } from './maxSpeed';
import { PacedClock, type PacedRun } from './pacedClock';
import type { ColumnsProgress } from './tabReplay';

type SimNs = number;
const MS = 1_000_000;
/** Wall time an advance may take in the worker before the page gets a frame. */
const PACED_CHUNK_MS = 12;
const MAX_CHUNK_MS = 14;

export type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;

export const ok = (...lines: string[]): CommandResult => ({ ok: true, lines });
export const failed = (...lines: string[]): CommandResult => ({ ok: false, lines });
export const msText = (ns: number): string => `${(ns / MS).toFixed(3)} ms`;

export function speedText(speed: number | 'max'): string {
  if (speed === 'max') return 'max';
  return speed >= 1e9 ? `${speed / 1e9} s/s` : `${speed / MS} ms/s`;
}

/** One column as this class drives it: its worker bridge, where it stands, whether it stopped. */
export interface ColumnRun {
  readonly label: string;
  readonly now: SimNs;
  /** The checker turned red (or the run cannot go on): it goes no further. */
  readonly stopped: boolean;
  readonly client: {
    readonly now: SimNs;
    advance(toNs: SimNs, budgetMs: number): Promise<{ now: SimNs; stopped: boolean }>;
    seek(ns: SimNs): Promise<unknown>;
    stateHash(): Promise<string>;
  };
  dispose(): void;
}

export interface StampedFault<C> {
  at: SimNs;
  command: C;
}

export abstract class ColumnsState<R extends ColumnRun, C> {
  runs = $state.raw<R[]>([]);
  speed = $state<number | 'max'>(0);
  busy = $state<string | null>(null);
  get playing(): boolean {
    return this.clock.playing;
  }
  /** Faults given during the run, stamped with the time they applied at (a seek back drops the later ones). */
  protected given: StampedFault<C>[] = [];
  protected starting: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly playFlag = $state({ value: false });
  protected readonly clock = new PacedClock(this.pacedRun(), this.playFlag);
  private maxClock: SimNs = 0;
  private maxSpan: SimNs = FIRST_MAX_SPAN_NS;
  private reported = new Set<R>();
  /** A scenario plays to its scripted end and stops there (a step or run goes on past it). */
  private playStopsAtEnd = false;

  /** `word` is the command word the tab's lines name (`logindex reset`). */
  protected constructor(protected readonly word: string, protected readonly notify: Notify, protected readonly onChange: () => void, speed: number) {
    this.speed = speed;
  }

  /** Each column's next frame (and whatever the tab shows beside it). */
  protected abstract pullRuns(): Promise<void>;
  /** A column has just stopped: say why (the clock is already paused). */
  protected abstract reportStop(run: R): Promise<void>;
  /** The scenario's scripted end, if the setup has one. */
  protected abstract scenarioEnd(): SimNs | null;
  /** The kernel's own words for a run that stopped or failed (messages of the tab). */
  protected abstract stoppedText(error: string): string;

  get now(): SimNs {
    let at = 0;
    for (const r of this.runs) at = Math.max(at, r.now);
    return at;
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Replaces the columns with `made`, each begun by `begin` (a start at 0 or a replay to a time);
   * on failure nothing is kept. `given` is the faults the new runs start with; `adopted` runs
   * once they are in place, before their first frames.
   */
  protected async replaceRuns(made: R[], begin: (run: R, column: number) => Promise<void>, busy: string, given: StampedFault<C>[], adopted: () => void): Promise<void> {
    await this.clock.stop();
    for (const r of this.runs) r.dispose();
    this.reported.clear();
    this.busy = busy;
    try {
      await Promise.all(made.map(begin));
    } catch (error) {
      for (const r of made) r.dispose();
      this.runs = [];
      throw error;
    } finally {
      this.busy = null;
    }
    this.runs = made;
    this.given = given.map(({ at, command }) => ({ at, command }));
    this.starting = Promise.resolve();
    adopted();
    await this.pullAll();
  }

  /** Frames for every run; a run that has just broken a property stops the clock and is pointed at. */
  async pullAll(): Promise<void> {
    await this.pullRuns();
    for (const r of this.runs) {
      if (!r.stopped || this.reported.has(r)) continue;
      this.reported.add(r);
      this.clock.pause();
      await this.reportStop(r);
    }
    this.onChange();
  }

  play(): void {
    if (this.runs.every((r) => r.stopped)) return;
    this.clock.play();
  }

  protected live(): R[] {
    return this.runs.filter((r) => !r.stopped);
  }

  private pacedRun(): PacedRun {
    return {
      position: () => {
        const live = this.live();
        return live.length === 0 ? this.now : Math.min(...live.map((r) => r.now));
      },
      canAdvance: () => this.live().length > 0 && !this.pastScenarioEnd(),
      pace: () => this.speed,
      begin: () => {
        this.maxClock = this.now;
        this.maxSpan = FIRST_MAX_SPAN_NS;
      },
      advanceTo: async (target) => {
        await Promise.all(this.live().map((r) => r.client.advance(this.capped(target), PACED_CHUNK_MS)));
        await this.pullAll();
      },
      runFlatOut: () => this.maxStretch(),
      failed: (error) => {
        if (!(error instanceof CancelledError) && !(error instanceof KernelTrapError)) this.notify('error', this.stoppedText(error instanceof Error ? error.message : String(error)));
      },
    };
  }

  private pastScenarioEnd(): boolean {
    const end = this.scenarioEnd();
    return end !== null && this.now >= end && this.playStopsAtEnd;
  }

  private capped(target: SimNs): SimNs {
    const end = this.scenarioEnd();
    return end !== null && this.playStopsAtEnd ? Math.min(target, end) : target;
  }

  private async maxStretch(): Promise<void> {
    const live = this.live();
    this.maxClock = Math.max(this.maxClock, Math.min(...live.map((r) => r.now)));
    const clock = this.maxClock;
    const span = this.maxSpan;
    const statuses = await Promise.all(live.map((r) => r.client.advance(Math.round(this.capped(clock + span)), MAX_CHUNK_MS)));
    const reached = Math.min(...statuses.map((s) => s.now));
    this.maxSpan = nextMaxSpan(span, reached - clock, statuses.every((s) => s.now >= clock + span || s.stopped));
    this.maxClock = Math.max(clock, reached);
    await this.pullAll();
  }

  /** Brings every live run to one time (the latest any reached, or `to`). */
  protected async align(to?: SimNs): Promise<void> {
    const live = this.live();
    const target = to ?? Math.max(this.now, ...live.map((r) => r.client.now));
    await Promise.all(live.map(async (r) => {
      let s = { now: r.client.now, stopped: false };
      while (s.now < target && !s.stopped) s = await r.client.advance(target, 200);
    }));
  }

  /** The columns brought to one instant, then `read`; a playing run plays on afterwards. */
  protected async atOneInstant<T>(read: () => T): Promise<T> {
    const wasPlaying = this.playing;
    await this.clock.stop();
    await this.align();
    await this.pullAll();
    const value = read();
    if (wasPlaying) this.play();
    return value;
  }

  /** `run [<dur>]`: play on (to a scenario's end when one is scripted), or run `ns` more. */
  protected async runCommand(ns: SimNs | null, status: () => string[]): Promise<CommandResult> {
    if (this.runs.every((r) => r.stopped)) return failed(`the run has stopped (the checker found a violation); ${this.word} reset, or ${this.word} seek back`);
    if (ns !== null) return this.stepCommand(ns, status);
    const end = this.scenarioEnd();
    this.playStopsAtEnd = end !== null && this.now < end;
    this.play();
    return ok(`running at ${speedText(this.speed)}${this.playStopsAtEnd ? ` to the scenario's end at ${msText(end!)}` : ''}`);
  }

  protected async stepCommand(ns: SimNs, status: () => string[]): Promise<CommandResult> {
    await this.clock.stop();
    await this.align(this.now + ns);
    await this.pullAll();
    return ok(...status());
  }

  protected async pauseCommand(): Promise<CommandResult> {
    await this.clock.stop();
    if (this.runs.length > 1) {
      await this.align();
      await this.pullAll();
    }
    return ok(`paused at ${msText(this.now)}`);
  }

  protected async seekCommand(ns: SimNs): Promise<CommandResult> {
    await this.clock.stop();
    this.reported.clear();
    // The commands after the seek stay: the worker keeps its future until a command is given in the past.
    await Promise.all(this.runs.map((r) => r.client.seek(ns)));
    await this.pullAll();
    return ok(`at ${msText(this.now)}`);
  }

  protected async hashLines(): Promise<CommandResult> {
    return ok(...(await Promise.all(this.runs.map(async (r) => `${r.label}: state hash ${await r.client.stateHash()} at ${msText(r.client.now)}`))));
  }

  protected speedCommand(nsPerSecond: number | 'max'): CommandResult {
    this.speed = nsPerSecond;
    return ok(`speed ${speedText(nsPerSecond)} of simulated time per second`);
  }

  /**
   * A fault at one instant in every live column (`apply` says whether it applied there);
   * `text` is how the terminal writes it, `refusal` why it did not apply anywhere.
   */
  protected async faultCommand(command: C, apply: (run: R, command: C) => Promise<boolean>, text: string, refusal: string): Promise<CommandResult> {
    const wasPlaying = this.playing;
    await this.clock.stop();
    const live = this.live();
    if (live.length === 0) return failed(`the run has stopped (the checker found a violation); ${this.word} reset or ${this.word} seek back first`);
    await this.align();
    const applied = await Promise.all(live.map((r) => apply(r, command)));
    const at = Math.max(...live.map((r) => r.client.now));
    if (!applied.some((a) => a)) {
      await this.pullAll();
      return failed(`${text}: does not apply now (${refusal})`);
    }
    this.given = [...this.given.filter((g) => g.at <= at), { at, command }];
    await this.pullAll();
    if (wasPlaying) this.play();
    return ok(`${text} at ${msText(at)}${live.length > 1 ? ` in ${live.map((r) => r.label).join(' and ')}` : ''}`);
  }

  async dispose(): Promise<void> {
    await this.clock.stop();
    for (const r of this.runs) r.dispose();
    this.runs = [];
  }
}

export type { ColumnsProgress };

// The one play loop of every tab: each animation frame, simulated time moves by the wall time
// since the last frame times the pace, from where the run stands, and the run shows it. A
// pause longer than MAX_WALL_STEP_MS (a hidden tab) counts as that much, so coming back never
// jumps. At pace 'max' the run goes flat out in stretches of its own making. What a unit of
// simulated time is (a pod, a nanosecond) and how a run advances are the run's business.

/** Simulated units per wall second, or as fast as the kernel goes. */
export type Pace = number | 'max';

/** Longer gaps between animation frames (a hidden tab) count as this much wall time. */
export const MAX_WALL_STEP_MS = 250;
/** How long stop() waits for the loop to end: a hidden tab has no animation frames. */
const STOP_WAIT_MS = 150;

export interface PacedRun {
  /** Where the run stands, in its units of simulated time. */
  position(): number;
  /** Whether anything is left to run; when not, play ends. */
  canAdvance(): boolean;
  pace(): Pace;
  /** Paced play: moves the run to `target` (a whole unit past where it stands) and shows it. */
  advanceTo(target: number): Promise<void>;
  /** Pace 'max': one stretch flat out; returning lets the loop look at play and pace again. */
  runFlatOut(): Promise<void>;
  /** Called as play starts (before the first frame). */
  begin?(): void;
  /** Called once the loop has ended: shows where a stretch still running ended. */
  settle?(): Promise<void>;
  /** The run could not go on; play has stopped. */
  failed(error: unknown): void;
}

/** Where frames come from: the browser's animation frames, or a test's. */
export interface FrameSource {
  /** Resolves at the next frame with its time, milliseconds. */
  next(): Promise<number>;
  now(): number;
}

export const animationFrames: FrameSource = {
  next: () => new Promise((resolve) => requestAnimationFrame(resolve)),
  now: () => performance.now(),
};

/** Whether play is on; a view that follows it passes a reactive one (`$state({ value: false })`). */
export interface PlayFlag {
  value: boolean;
}

export class PacedClock {
  private running = false;
  private done: Promise<void> | null = null;
  /** Simulated time the pace has reached, with its fraction (slow paces move less than a unit a frame). */
  private target = 0;

  constructor(
    private readonly run: PacedRun,
    private readonly flag: PlayFlag = { value: false },
    private readonly frames: FrameSource = animationFrames,
  ) {}

  get playing(): boolean {
    return this.flag.value;
  }

  private set playing(on: boolean) {
    this.flag.value = on;
  }

  play(): void {
    this.playing = true;
    if (!this.running) this.done = this.loop();
  }

  pause(): void {
    this.playing = false;
  }

  /** Pauses and waits, briefly, for the loop to let go of the run. */
  async stop(): Promise<void> {
    this.playing = false;
    const done = this.done;
    if (done !== null) await Promise.race([done, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS))]);
  }

  private async loop(): Promise<void> {
    this.running = true;
    this.run.begin?.();
    let last = this.frames.now();
    this.target = this.run.position();
    try {
      while (this.playing) {
        const now = await this.frames.next();
        if (!this.playing) break;
        if (!this.run.canAdvance()) {
          this.playing = false;
          break;
        }
        const pace = this.run.pace();
        if (pace === 'max') {
          await this.run.runFlatOut();
          last = this.frames.now();
          continue;
        }
        const wall = Math.min(Math.max(0, now - last), MAX_WALL_STEP_MS) / 1000;
        last = now;
        const position = this.run.position();
        // The pace's clock follows the run: it starts again from the run after a seek, or
        // when the kernel has fallen more than a second of pace behind.
        if (this.target < position || this.target > position + Math.max(1, pace)) this.target = position;
        this.target += wall * pace;
        const target = Math.floor(this.target);
        if (target > position) await this.run.advanceTo(target);
      }
      await this.run.settle?.();
    } catch (error) {
      this.playing = false;
      this.run.failed(error);
    } finally {
      this.running = false;
    }
  }
}

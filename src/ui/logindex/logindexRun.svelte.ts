// One LogIndex run as a column of the tab shows it: its worker bridge, the latest frame (the
// lanes and the LSN ruler), the lag samples the chart draws, the commands that shade its fault
// bands, and the page the inspector shows.
import type { LogIndexFrame, LogIndexTrapReport, PageInspection } from '../../kernels/logindex/api';
import { replayInChunks } from '../../kernels/logindex/chunkedReplay';
import { LogIndexClient } from '../../kernels/logindex/client';
import type { LogIndexCommand, LogIndexConfig, SimNs, StampedLogIndexCommand } from '../../kernels/logindex/types';
import { t } from './messages';

/** Lag samples kept per run (one per simulated ms: a minute of run time). */
const MAX_SAMPLES = 60_000;

export interface LagSeries {
  /** Simulated ms. */
  t: number[];
  /** Max lsn_lag over the replicas, KiB of WAL. */
  lagKiB: number[];
}

export class LogIndexRun {
  readonly client: LogIndexClient;
  config = $state.raw<LogIndexConfig | null>(null);
  frame = $state.raw<LogIndexFrame | null>(null);
  commands = $state.raw<StampedLogIndexCommand[]>([]);
  page = $state.raw<PageInspection | null>(null);
  /** Bumped with every frame: views redraw when it changes. */
  version = $state(0);
  series: LagSeries = { t: [], lagKiB: [] };

  constructor(readonly label: string, onTrap: (report: LogIndexTrapReport) => void, onError: (message: string) => void) {
    this.client = new LogIndexClient({
      onTrap,
      onWorkerError: onError,
      onRestart: (ns: SimNs) => onError(t('logindex.workerRestarted', { run: label, at: (ns / 1e6).toFixed(3) })),
    });
  }

  get now(): SimNs {
    return this.frame?.summary.nowNs ?? 0;
  }

  /** The checker turned red (or the record store overflowed): the run goes no further. */
  get stopped(): boolean {
    const s = this.frame?.summary;
    return s !== undefined && s.verdict !== 'valid';
  }

  async start(config: LogIndexConfig, schedule: StampedLogIndexCommand[], seed: number): Promise<void> {
    await this.client.start(config, schedule, seed);
    this.config = config;
    this.commands = schedule;
    this.clearSeries();
  }

  /** The run rebuilt in the worker from its description (a link, the saved session), at `toNs`. */
  async replay(config: LogIndexConfig, schedule: StampedLogIndexCommand[], commands: StampedLogIndexCommand[], toNs: SimNs, seed: number, progress?: (ns: SimNs) => void): Promise<void> {
    if (progress === undefined) await this.client.replay(config, schedule, commands, toNs, seed);
    else await replayInChunks(this.client, config, schedule, commands, toNs, seed, progress);
    this.config = config;
    this.commands = await this.client.commandLog();
    this.clearSeries();
  }

  /** Applies a fault now; false when it does not apply (e.g. restarting a node that is up). */
  async apply(command: LogIndexCommand): Promise<boolean> {
    const { applied } = await this.client.apply(command);
    this.commands = await this.client.commandLog();
    return applied;
  }

  async pull(inspect: { page: number; node: number } | null): Promise<void> {
    const frame = await this.client.frame();
    if (frame.reset) this.commands = await this.client.commandLog();
    this.addSamples(frame.series);
    this.page = inspect === null ? null : await this.client.page(inspect.page, inspect.node);
    this.frame = frame;
    this.version++;
  }

  private clearSeries(): void {
    this.series = { t: [], lagKiB: [] };
  }

  /**
   * Samples come in time order, but after a seek the worker re-runs from a checkpoint and
   * sends the samples of that stretch again: whatever this run holds from the first new sample
   * on is replaced (the same seed gives the same samples), so going back and forth never
   * doubles a point.
   */
  private addSamples(samples: Float64Array): void {
    if (samples.length === 0) return;
    const s = this.series;
    const first = samples[0] / 1e6;
    let keep = s.t.length;
    while (keep > 0 && s.t[keep - 1] >= first) keep--;
    s.t.length = keep;
    s.lagKiB.length = keep;
    for (let o = 0; o < samples.length; o += 2) {
      s.t.push(samples[o] / 1e6);
      s.lagKiB.push(samples[o + 1] / 1024);
    }
    if (s.t.length > MAX_SAMPLES) {
      const cut = s.t.length - MAX_SAMPLES;
      s.t.splice(0, cut);
      s.lagKiB.splice(0, cut);
    }
  }

  dispose(): void {
    this.client.dispose();
  }
}

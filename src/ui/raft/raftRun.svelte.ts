// One raft run as a column of the ParallelRaft tab shows it: its worker bridge, the latest
// frame, the message history the space-time diagram scrolls over, the IOPS and latency
// samples, the elections with their merge tables, and the commands that shade fault bands.
import { EVENT_STRIDE, SERIES_STRIDE, type LogWindow, type RaftFrame, type WindowRequest } from '../../kernels/raft/api';
import { t } from './messages';
import { RaftClient } from '../../kernels/raft/client';
import { FRAME } from '../../kernels/raft/kernel';
import { LOG, MERGE_RULES } from '../../kernels/raft/protocol';
import { replayInChunks } from '../../kernels/raft/chunkedReplay';
import type { RaftCommand, RaftConfig, SimNs, StampedRaftCommand, Verdict } from '../../kernels/raft/types';
import type { LiveP9Verdict } from '../../kernels/raft/liveLinearizability';
import { MessageStore } from '../../views/raft/messageStore';
import { CatchUpFeed } from './catchUpFeed.svelte';

export interface MergeRow {
  index: number;
  rule: string;
  from: number | null;
  term: number;
}

export interface Election {
  at: SimNs;
  node: number;
  term: number;
  merges: MergeRow[];
  /** CE: the end point the leader candidate synced up to. */
  endPoint: number | null;
  promotedAt: SimNs | null;
}

export interface Series {
  t: number[];
  iops: number[];
  p50: number[];
  p99: number[];
  p999: number[];
}

const MAX_ELECTIONS = 8;
const MAX_MERGE_ROWS = 200;
const MAX_SAMPLES = 20_000;

const emptySeries = (): Series => ({ t: [], iops: [], p50: [], p99: [], p999: [] });

/** The log index a violation names, when it names one (see describeViolation in kernel.ts). */
export function violationIndex(v: Verdict['violations'][number] | undefined): number | null {
  if (!v) return null;
  if ([3, 4, 5, 6, 8, 9, 12, 13].includes(v.code)) return v.b;
  if (v.code === 7 || v.code === 10) return v.a;
  return null;
}

export class RaftRun {
  readonly client: RaftClient;
  readonly store = new MessageStore();
  /** Catch-ups (spec §1.4): each follower's latest from the frame, earlier ones from the event log. */
  readonly catchUp = new CatchUpFeed();
  config = $state.raw<RaftConfig | null>(null);
  raw = $state.raw<Float64Array | null>(null);
  verdict = $state.raw<Verdict | null>(null);
  /** Per-block linearizability of the ops finished so far (spec §1.9 P9), from the worker. */
  p9 = $state.raw<LiveP9Verdict | null>(null);
  window = $state.raw<LogWindow | null>(null);
  elections = $state.raw<Election[]>([]);
  commands = $state.raw<StampedRaftCommand[]>([]);
  /** Bumped with every frame: views redraw when it changes (render on demand). */
  version = $state(0);
  series: Series = emptySeries();
  private lastSampleAt = 0;

  constructor(readonly label: string, onTrap: (message: string) => void, onError: (message: string) => void) {
    this.client = new RaftClient({
      onTrap,
      onWorkerError: onError,
      onRestart: (ns) => onError(t('raft.workerRestarted', { run: label, at: (ns / 1e6).toFixed(3) })),
    });
  }

  get now(): SimNs {
    return this.raw?.[FRAME.now] ?? 0;
  }

  get stopped(): boolean {
    const r = this.raw;
    return r !== null && (r[FRAME.violation] !== 0 || r[FRAME.overflow] !== 0);
  }

  async start(config: RaftConfig, schedule: StampedRaftCommand[], liveCheck = true): Promise<void> {
    await this.client.start(config, schedule, liveCheck);
    this.config = config;
    this.commands = schedule;
    this.store.clear();
    this.series = emptySeries();
    this.lastSampleAt = 0;
    this.elections = [];
  }

  /** The run rebuilt in the worker from its description (a link, the saved session), at `toNs`. */
  async replay(config: RaftConfig, schedule: StampedRaftCommand[], commands: StampedRaftCommand[], toNs: SimNs, liveCheck = true, progress?: (ns: SimNs) => void): Promise<void> {
    if (progress === undefined) await this.client.replay(config, schedule, commands, toNs, liveCheck);
    else await replayInChunks(this.client, config, schedule, commands, toNs, liveCheck, progress);
    this.config = config;
    this.commands = await this.client.commandLog();
    this.store.clear();
    this.series = emptySeries();
    this.lastSampleAt = 0;
    this.elections = [];
  }

  /** The worker's live P9 check off, or on again (the worker rebuilds the run to where it is). */
  async setLiveCheck(on: boolean): Promise<void> {
    await this.client.liveCheck(on);
    if (!on) this.p9 = null;
  }

  async apply(command: RaftCommand): Promise<void> {
    await this.client.apply(command);
    this.commands = await this.client.commandLog();
  }

  async pull(window: WindowRequest): Promise<RaftFrame> {
    const frame = await this.client.frame(window);
    if (frame.reset) {
      this.store.clear();
      this.series = emptySeries();
      this.lastSampleAt = 0;
      this.elections = [];
      this.commands = await this.client.commandLog();
    }
    this.store.append(frame.messages.done, frame.messages.inFlight);
    this.addSamples(frame.series);
    this.addEvents(frame.events.records);
    this.catchUp.update(frame);
    this.raw = frame.raw;
    this.verdict = frame.verdict;
    this.p9 = frame.p9;
    this.window = frame.window;
    this.version++;
    return frame;
  }

  private addSamples(samples: Float64Array): void {
    const s = this.series;
    for (let o = 0; o < samples.length; o += SERIES_STRIDE) {
      const at = samples[o];
      const interval = at - this.lastSampleAt;
      this.lastSampleAt = at;
      if (interval <= 0) continue;
      s.t.push(at / 1e6);
      s.iops.push((samples[o + 1] * 1e9) / interval);
      s.p50.push(samples[o + 2] / 1000);
      s.p99.push(samples[o + 3] / 1000);
      s.p999.push(samples[o + 4] / 1000);
    }
    if (s.t.length > MAX_SAMPLES) {
      const cut = s.t.length - MAX_SAMPLES;
      for (const key of ['t', 'iops', 'p50', 'p99', 'p999'] as const) s[key].splice(0, cut);
    }
  }

  private addEvents(records: Float64Array): void {
    if (records.length === 0) return;
    const list = [...this.elections];
    let changed = false;
    const latest = (term: number) => {
      const e = list[list.length - 1];
      return e && e.term === term ? e : undefined;
    };
    for (let o = 0; o < records.length; o += EVENT_STRIDE) {
      const at = records[o];
      const kind = records[o + 1];
      const a = records[o + 2];
      const b = records[o + 3];
      const c = records[o + 4];
      if (kind === LOG.role && (b === 2 || b === 4)) {
        let e = latest(c);
        if (!e || e.node !== a) {
          e = { at, node: a, term: c, merges: [], endPoint: null, promotedAt: null };
          list.push(e);
        }
        if (b === 4) e.promotedAt = at;
        changed = true;
      } else if (kind === LOG.merge) {
        const e = list[list.length - 1];
        if (e && e.merges.length < MAX_MERGE_ROWS) {
          e.merges.push({ index: a, rule: MERGE_RULES[b & 15] || String(b & 15), from: (b >> 4) - 1 < 0 ? null : (b >> 4) - 1, term: c });
          changed = true;
        }
      } else if (kind === LOG.syncDone) {
        const e = latest(c) ?? list[list.length - 1];
        if (e) {
          e.endPoint = b;
          changed = true;
        }
      }
    }
    if (changed) this.elections = list.slice(-MAX_ELECTIONS).map((e) => ({ ...e, merges: [...e.merges] }));
  }

  dispose(): void {
    this.client.dispose();
  }
}

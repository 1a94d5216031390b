// The LogIndex worker's API, declared once: the worker implements `LogIndexWorkerApi`, the
// main thread's client holds a comlink `Remote` of it. Everything the tab draws arrives in one
// `LogIndexFrame`, at most once per animation frame; the page inspector asks for one page.
import type { LogIndexCommand, LogIndexConfig, LogIndexSummary, SimNs, StampedLogIndexCommand } from './types';

/** One node as the lanes draw it: the writer, a replica, or a node that is down. */
export interface NodeView {
  /** 0 the first writer, 1..15 the replicas (a promoted replica keeps its id). */
  id: number;
  name: string;
  up: boolean;
  writer: boolean;
  /** A replica that serves reads (a restarted one waits until it passes storage). */
  ready: boolean;
  /** Highest LSN whose metadata arrived. */
  receivedLsn: number;
  replayLsn: number;
  /** The replica's min used LSN: nothing on it still needs a record at or below. */
  minUsedLsn: number;
  /** lsn_lag now: the writer's WAL end minus the WAL end at this replica's replay LSN, bytes. */
  lagBytes: number;
  /** Buffer-pool frames in use, and how many of them are outdated (to replay on read). */
  poolPages: number;
  outdatedPages: number;
  /** Entries in the replica's memtable ring (two memtables of 4,096). */
  memtableEntries: number;
  /** CPU slow-down (1 healthy), extra one-way delay to the writer, loss share, cut off. */
  cpuFactor: number;
  delayNs: SimNs;
  lossPermille: number;
  partitioned: boolean;
}

/** The writer's buffer pool and its LogIndex, and shared storage. */
export interface WriterView {
  dirtyPages: number;
  /** Dirty pages flush control lets the background writer write now, and those it holds back. */
  flushable: number;
  blocked: number;
  copyBufferInUse: number;
  writesInFlight: number;
  /** Entries in the active memtable, and tables by state. */
  activeEntries: number;
  inactiveTables: number;
  flushedTables: number;
  truncatedTables: number;
  segments: number;
  /** Shared storage: its slow-down (1 healthy) and the newest page LSN it holds. */
  storageFactor: number;
  storageMaxLsn: number;
}

/** The head of the flush list, oldest first. */
export interface FlushEntry {
  page: number;
  oldestLsn: number;
  newestLsn: number;
  /** Flush control holds it: its newest change is past the slowest replica's replay LSN. */
  blocked: boolean;
  inCopyBuffer: boolean;
}

/** The seed a run takes when none is given (the CLI's default too). */
export const DEFAULT_SEED = 1;

/** Lag samples since the last frame: time (ns) and max lsn_lag over replicas (bytes), in pairs. */
export const SERIES_STRIDE = 2;

export interface LogIndexFrame {
  summary: LogIndexSummary;
  nodes: NodeView[];
  writer: WriterView;
  flushList: FlushEntry[];
  /**
   * SERIES_STRIDE numbers per sample, new since the previous frame; on a reset, every sample
   * the kernel still holds (up to 4,096 ticks back), for the chart to draw afresh.
   */
  series: Float64Array;
  /** Set when the frame does not continue the previous one (new run, seek, trap recovery). */
  reset: boolean;
}

/** Where one LSN of a page's list lives. */
export interface PageEntry {
  lsn: number;
  /** Its LogIndex table, or -1 while it is in the writer's active memtable. */
  table: number;
  /** The table's state: active, inactive, flushed or truncated. */
  tableState: 'active' | 'inactive' | 'flushed' | 'truncated';
}

export interface PageInspection {
  page: number;
  /** The replica looked from. */
  node: number;
  /** The writer's newest LSN on the page and its image (16 hex digits). */
  writerLsn: number;
  writerImage: string;
  storageLsn: number;
  storageImage: string;
  /** The page's LSN list, newest first (at most 64 shown; `more` says how many were left out). */
  entries: PageEntry[];
  more: number;
  /** Flushed tables whose Bloom filter says the page is not there (a read skips them). */
  bloomSkipped: number[];
  /** The page in the replica's buffer pool, if resident. */
  resident: { lsn: number; outdated: boolean; image: string } | null;
  /** The replica's last read that replayed records, if any. */
  lastRead: {
    page: number; replayLsn: number; baseLsn: number; fromStorage: boolean;
    /** The newest LSNs it replayed (at most 32), oldest first, of `replayedCount`. */
    replayed: number[]; replayedCount: number; atNs: SimNs;
  } | null;
}

export interface LogIndexStatus {
  now: SimNs;
  /** The checker turned the verdict red: the run does not go on. */
  stopped: boolean;
}

export interface LogIndexTrapReport {
  message: string;
  during: string;
  restoredNs: SimNs;
}

export interface LogIndexWorkerApi {
  /**
   * A new run at time 0; `schedule` holds commands stamped with future times (a scenario).
   * `seed` is the workload's (the config does not hold it); 1 when left out, as in the CLI.
   */
  start(config: LogIndexConfig, schedule?: StampedLogIndexCommand[], seed?: number): Promise<LogIndexStatus>;
  /** A run rebuilt from its description: start with `schedule`, apply each command at its time, seek to `toNs`. */
  replay(config: LogIndexConfig, schedule: StampedLogIndexCommand[], commands: StampedLogIndexCommand[], toNs: SimNs, seed?: number): Promise<LogIndexStatus>;
  /** Applies a fault now; a later future (commands beyond now) is dropped. Returns false when it does not apply. */
  apply(command: LogIndexCommand): Promise<{ status: LogIndexStatus; applied: boolean }>;
  /** Runs until `toNs` or about `budgetMs` of wall time, whichever is first; stops at a violation. */
  advance(toNs: SimNs, budgetMs: number): Promise<LogIndexStatus>;
  /** Goes to any time, backwards too: one checkpoint restore plus re-execution. */
  seek(ns: SimNs): Promise<LogIndexStatus>;
  frame(): Promise<LogIndexFrame>;
  page(page: number, node: number): Promise<PageInspection>;
  commandLog(): Promise<StampedLogIndexCommand[]>;
  stateHash(): Promise<string>;
  memory(): Promise<{ kernelBytes: number; checkpointBytes: number; checkpoints: number }>;
  /** The last trap the session recovered from, if any (the client reports it). */
  lastTrap(): Promise<LogIndexTrapReport | null>;
}

// The raft worker's API, declared once. The worker implements `RaftWorkerApi`; the main
// thread's bridge (client.ts) holds a comlink `Remote<RaftWorkerApi>`, so the two sides
// cannot drift. Everything a view draws arrives in one `RaftFrame` of typed arrays, which
// the worker transfers (never clones) at most once per animation frame.
import type { RaftCommand, RaftConfig, SimNs, StampedRaftCommand, Verdict } from './types';
import type { LiveP9Verdict } from './liveLinearizability';

/** The window of log indices a frame carries for the log strips, chunk map and ack bitmap. */
export interface WindowRequest {
  /** First index; null follows the newest entries. */
  from: number | null;
  count: number;
}

/**
 * Per-replica log cells for indices [from, from + count), node-major (node * count + i).
 * `code` is a STRIP_STATES index; lba/len are -1 for a slot whose range is unknown.
 */
export interface LogWindow {
  from: number;
  count: number;
  code: Uint8Array;
  term: Int32Array;
  lba: Int32Array;
  len: Int32Array;
  /** The leader's bitmap of replicas that persisted the entry (bit n = node n), per node's own copy. */
  ack: Uint8Array;
}

/**
 * Messages that completed (received or dropped) since the last frame, plus the ones still in
 * flight, 8 numbers each: sendAt, endAt (NaN in flight), from, to, kind, a, term, flags.
 */
export interface MessageBatch {
  done: Float64Array;
  inFlight: Float64Array;
}
export const MSG_STRIDE = 8;
export const MSG_DROPPED = 1;

/** Event-log records other than messages, applies and commits (roles, votes, merges, faults...). */
export interface NotableEvents {
  /** time, kind, a, b, c per record (5 numbers). */
  records: Float64Array;
}
export const EVENT_STRIDE = 5;

/** IOPS and latency samples since the last frame: at, ops, p50, p99, p999 (ns) per sample. */
export const SERIES_STRIDE = 5;

export interface RaftFrame {
  /** The kernel's summary record (FRAME layout in kernel.ts; per-node blocks at 64). */
  raw: Float64Array;
  verdict: Verdict;
  window: LogWindow;
  messages: MessageBatch;
  events: NotableEvents;
  series: Float64Array;
  /** Set when the frame does not continue the previous one (new run, seek, trap recovery). */
  reset: boolean;
  /** Messages the event ring overwrote before they were read (the diagram has a gap). */
  lostRecords: number;
  /** Per-block linearizability of the ops finished so far (spec §1.9 P9); null when the session does not check it. */
  p9: LiveP9Verdict | null;
  /**
   * Each follower's latest catch-up as kernel state (so it follows time travel): CU_FIELDS
   * numbers per follower, and per node the 128 KB pieces it holds (MAX_PIECES bytes); decoded by
   * decodeCatchUps in catchUp.ts.
   */
  catchUp: { info: Float64Array; pieces: Uint8Array };
}

export interface RaftEntryInfo {
  node: number;
  index: number;
  term: number;
  value: number;
  lba: number;
  blocks: number;
  state: number;
  ackMask: number;
  lbb: { index: number; lba: number; blocks: number }[];
}

export interface RaftTrapReport {
  message: string;
  during: string;
  restoredNs: SimNs;
}

export interface RaftStatus {
  now: SimNs;
  stopped: boolean;
}

export interface RaftWorkerApi {
  /**
   * A new run at time 0; `schedule` holds commands stamped with future times (a scenario).
   * `liveCheck`: check P9 while the run goes (the default) or not.
   */
  start(config: RaftConfig, schedule?: StampedRaftCommand[], liveCheck?: boolean): Promise<RaftStatus>;
  /**
   * A run rebuilt from its description: start with `schedule`, apply each of `commands` at its
   * time, then seek to `toNs` (see RaftSession.replay).
   */
  replay(config: RaftConfig, schedule: StampedRaftCommand[], commands: StampedRaftCommand[], toNs: SimNs, liveCheck?: boolean): Promise<RaftStatus>;
  /** The live P9 check off, or on again (the run rebuilt to where it is; see RaftSession.setLiveCheck). */
  liveCheck(on: boolean): Promise<RaftStatus>;
  /** Applies a command now (a fault, an iodepth change); the future beyond now is dropped. */
  apply(command: RaftCommand): Promise<RaftStatus>;
  /**
   * Runs until `toNs` or about `budgetMs` of wall time, whichever is first; stops at a
   * checker violation. Wall time only cuts the work into chunks.
   */
  advance(toNs: SimNs, budgetMs: number): Promise<RaftStatus>;
  /** Goes to any time, backwards too: one checkpoint restore plus re-execution. */
  seek(ns: SimNs): Promise<RaftStatus>;
  frame(window: WindowRequest): Promise<RaftFrame>;
  entry(node: number, index: number): Promise<RaftEntryInfo | null>;
  query(name: string): Promise<number>;
  commandLog(): Promise<StampedRaftCommand[]>;
  stateHash(): Promise<string>;
  memory(): Promise<{ kernelBytes: number; checkpointBytes: number; checkpoints: number }>;
  debugTrap(): Promise<RaftTrapReport>;
}

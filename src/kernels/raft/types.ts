// Host-side types for the raft kernel. Times are integer nanoseconds of simulated time.
import type { RaftMode, Role, StripState } from './protocol';

/** Simulated time in nanoseconds (an integer held in a number). */
export type SimNs = number & { readonly __unit?: 'sim-ns' };
export type NodeId = 0 | 1 | 2;

export type NetPreset = 'rdma' | 'tcp';
export type DiskPreset = 'xpoint' | 'nvme';

export interface RaftConfig {
  mode: RaftMode;
  seed: number;
  clients: number;
  iodepth: number;
  /** The LBA range the clients use, in 4 KB blocks. */
  blocks: number;
  /** Op size range in 4 KB blocks (1 = 4 KB, 32 = 128 KB). */
  minBlocks: number;
  maxBlocks: number;
  /** Share of reads, percent. */
  readPct: number;
  connections: number;
  net: NetPreset;
  disk: DiskPreset;
  lbbN: number;
  widegap: 'wait' | 'refuse-accept';
  initialLeader: number;
  thinkNs: SimNs;
  checkpointNs: SimNs;
  electionMinNs: SimNs;
  electionMaxNs: SimNs;
  heartbeatNs: SimNs;
  clientTimeoutNs: SimNs;
  rtoNs: SimNs;
  sampleNs: SimNs;
  traceMessages: boolean;
  raftNoop: boolean;
  /** Deliberately broken kernel options, for must-fail tests and "break it" labs. */
  broken: {
    commitOldTerms?: boolean; ignoreLbb?: boolean; voteTwice?: boolean; skipPrevCheck?: boolean;
    staleLbb?: boolean; loseApply?: boolean; dirtyRead?: boolean; keepPastEnd?: boolean;
  };
  /** Overrides of single model constants (ns), after the presets. */
  model?: Partial<ModelConstants>;
}

export interface ModelConstants {
  netBaseNs: number;
  netJitterNs: number;
  netSpreadPermille: number;
  netNsPerKb: number;
  cpuMsgNs: number;
  cpuEntryNs: number;
  walBaseNs: number;
  walJitterNs: number;
  walChannels: number;
  walNsPerKb: number;
  clientNetNs: number;
}

export type RaftCommand =
  | { kind: 'crash'; node: number; wipe: boolean }
  | { kind: 'restart'; node: number }
  | { kind: 'partition'; a: number; b: number | null }
  | { kind: 'oneway'; from: number; to: number }
  | { kind: 'heal'; a: number | null; b: number | null }
  | { kind: 'delay'; from: number; to: number; ns: number; both: boolean }
  | { kind: 'loss' | 'duplicate' | 'reorder'; from: number; to: number; percent: number; both: boolean }
  | { kind: 'limp'; node: number; factor: number }
  | { kind: 'elect'; node: number }
  | { kind: 'write' | 'read'; block: number; blocks: number }
  | { kind: 'iodepth'; depth: number }
  | { kind: 'checkpoint'; node: number | null }
  | { kind: 'settle' };

export interface StampedRaftCommand {
  at: SimNs;
  command: RaftCommand;
  /** Where the command came from, for error messages ("faults:1:5"). */
  source?: string;
}

export interface NodeState {
  id: number;
  up: boolean;
  role: Role;
  term: number;
  votedFor: number;
  lastIndex: number;
  commitIndex: number;
  appliedPrefix: number;
  checkpoint: number;
  syncTerm: number;
  pending: number;
  diskFactor: number;
  leaderHint: number;
  mergeEnd: number;
  contigKnown: number;
  persistedPrefix: number;
  epoch: number;
}

export type VerdictKind = 'valid' | 'unknown' | 'invalid';

export interface Violation {
  code: number;
  property: string;
  at: SimNs;
  a: number;
  b: number;
  c: number;
}

export interface Verdict {
  verdict: VerdictKind;
  reason: string;
  violations: Violation[];
}

export interface RaftSummary {
  now: SimNs;
  events: number;
  mode: RaftMode;
  leader: number;
  okWrites: number;
  okReads: number;
  failedOps: number;
  timedOut: number;
  p50Ns: number;
  p99Ns: number;
  p999Ns: number;
  msgSent: number;
  msgDelivered: number;
  msgDropped: number;
  rejects: number;
  resends: number;
  elections: number;
  commits: number;
  checked: {
    commits: number; applies: number; reads: number; acks: number; elections: number; unverified: number;
    lbbs: number; syncs: number;
  };
  /** P6: 'running', 'settling' (clients stopped, waiting for catch-up) or 'compared'. */
  settle: 'running' | 'settling' | 'compared';
  /** Replicas whose blocks matched the serial replay after settling. */
  replicasConverged: number;
  maxCommitted: number;
  historyTotal: number;
  logTotal: number;
  overflow: boolean;
  writes: number;
  iodepth: number;
  measuredOps: number;
  measureFrom: SimNs;
}

export interface HistoryRecord {
  client: number;
  op: 'write' | 'read';
  block: number;
  value: number;
  invoke: SimNs;
  complete: SimNs | null;
  ok: boolean;
}

export interface LogRecord {
  at: SimNs;
  kind: string;
  a: number;
  b: number;
  c: number;
}

export interface SeriesPoint {
  at: SimNs;
  ops: number;
  p50Ns: number;
  p99Ns: number;
  p999Ns: number;
}

export interface StripCell {
  index: number;
  state: StripState;
}

// The host's types for the LogIndex kernel; units in the names and brands.
import type { BrokenOption, LogIndexMode, Verdict } from './protocol';

import type { SimNs } from '../raft/types';

/** Simulated nanoseconds: the same brand as raft's, so the shared duration reader fits both. */
export type { SimNs };

export interface LogIndexConfig {
  mode: LogIndexMode;
  /** Read-only replicas, 1..MAX_RO. */
  ro: number;
  broken: BrokenOption[];
  writeTps: number;
  /** Reads per second on each replica. */
  readQps: number;
  hotPages: number;
  hotPermille: number;
  /** Share of records (and reads) that touch a B-tree pair, permille. */
  splitPermille: number;
  netBaseNs: SimNs;
  netJitterNs: SimNs;
  netNsPerKb: number;
  storageBaseNs: SimNs;
  storageJitterNs: SimNs;
  storageNsPerKb: number;
  cpuParseNs: SimNs;
  cpuApplyNs: SimNs;
  cpuReadNs: SimNs;
  bgwNs: SimNs;
  tickNs: SimNs;
  hotUpdates: number;
  metaBytes: number;
  payloadBytes: number;
  mtrWindowNs: SimNs;
}

export type LogIndexCommand =
  | { kind: 'crash' | 'restart' | 'promote'; node: number }
  | { kind: 'slow-storage'; factor: number }
  | { kind: 'starve'; node: number; factor: number }
  | { kind: 'delay'; node: number; ns: SimNs }
  | { kind: 'loss'; node: number; permille: number }
  | { kind: 'partition'; node: number }
  | { kind: 'heal'; node: number | null };

export interface StampedLogIndexCommand {
  at: SimNs;
  command: LogIndexCommand;
}

export interface Violation {
  property: string;
  page: number | null;
  node: string;
  lsn: number;
  atNs: SimNs;
}

export interface LogIndexSummary {
  nowNs: SimNs;
  events: number;
  writes: number;
  reads: number;
  writeLsn: number;
  durableLsn: number;
  consistentLsn: number;
  oldestApplyLsn: number;
  truncatedLsn: number;
  bytesShipped: number;
  pagesReplayed: number;
  lsnLagP50: number;
  lsnLagP99: number;
  timeLagP50Ns: SimNs;
  timeLagP99Ns: SimNs;
  visibilityLagP50Ns: SimNs;
  visibilityLagP99Ns: SimNs;
  verdict: Verdict;
  violation: Violation | null;
  readsChecked: number;
  tablesFlushed: number;
  tablesTruncated: number;
  bloomSkips: number;
  tableLookups: number;
  copyBuffered: number;
  pagesFlushed: number;
  flushBlocked: number;
  storageReads: number;
  messagesDropped: number;
  promotionsChecked: number;
  writer: string | null;
}

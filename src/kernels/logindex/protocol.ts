// The numbers the host shares with the LogIndex kernel, under the names host code uses. Every
// value comes from wasm/logindex/constants.ts, the one source both compilers read.
import * as K from '../../../wasm/logindex/constants';

export const { CONFIG_VERSION, CONFIG_SLOTS, FRAME_SIZE, MAX_RO, NODES, PAGES, SERIES_CAP } = K;
export const { HISTORY_CAP, HISTORY_DRAIN_EVENTS, HISTORY_READ, OPT_HISTORY } = K;

export const MODE_CODES = { lazy: K.MODE_LAZY, full: K.MODE_FULL } as const;
export type LogIndexMode = keyof typeof MODE_CODES;
export const MODES = Object.keys(MODE_CODES) as LogIndexMode[];

/** The must-fail twins, by the name the CLI and the table of broken options use. */
export const BROKEN_OPTIONS = {
  'flush-control-off': K.OPT_FLUSH_CONTROL_OFF,
  'mtr-lock-off': K.OPT_MTR_LOCK_OFF,
  'eager-truncation': K.OPT_EAGER_TRUNCATION,
  'bloom-false-negative': K.OPT_BLOOM_FALSE_NEGATIVE,
} as const;
export type BrokenOption = keyof typeof BROKEN_OPTIONS;

/** The property each broken option must break (spec §2.7). */
export const BREAKS: Readonly<Record<BrokenOption, string>> = {
  'flush-control-off': 'L2',
  'mtr-lock-off': 'L5',
  'eager-truncation': 'L6',
  'bloom-false-negative': 'L3',
};

/**
 * The faults each twin needs to show its hazard. A future page needs a replica behind the
 * storage write: metadata over an RDMA-class link outruns a 40 us page write, so without a
 * lagging replica flush control has nothing to hold back.
 */
export const BREAK_FAULTS: Readonly<Record<BrokenOption, string>> = {
  'flush-control-off': '100ms delay ro1 2ms',
  'mtr-lock-off': '',
  'eager-truncation': '',
  'bloom-false-negative': '',
};

export const CFG = {
  version: K.CFG_VERSION, mode: K.CFG_MODE, ro: K.CFG_RO, options: K.CFG_OPTIONS, writeTps: K.CFG_WRITE_TPS,
  readQps: K.CFG_READ_QPS, hotPages: K.CFG_HOT_PAGES, hotPermille: K.CFG_HOT_PERMILLE,
  splitPermille: K.CFG_SPLIT_PERMILLE, netBaseNs: K.CFG_NET_BASE_NS, netJitterNs: K.CFG_NET_JITTER_NS,
  netNsPerKb: K.CFG_NET_NS_PER_KB, storageBaseNs: K.CFG_STORAGE_BASE_NS, storageJitterNs: K.CFG_STORAGE_JITTER_NS,
  storageNsPerKb: K.CFG_STORAGE_NS_PER_KB, cpuParseNs: K.CFG_CPU_PARSE_NS, cpuApplyNs: K.CFG_CPU_APPLY_NS,
  cpuReadNs: K.CFG_CPU_READ_NS, bgwNs: K.CFG_BGW_NS, tickNs: K.CFG_TICK_NS, hotUpdates: K.CFG_HOT_UPDATES,
  metaBytes: K.CFG_META_BYTES, payloadBytes: K.CFG_PAYLOAD_BYTES, mtrWindowNs: K.CFG_MTR_WINDOW_NS,
} as const;

export const CMD = {
  crash: K.CMD_CRASH, restart: K.CMD_RESTART, promote: K.CMD_PROMOTE, slowStorage: K.CMD_SLOW_STORAGE,
  delay: K.CMD_DELAY, loss: K.CMD_LOSS, partition: K.CMD_PARTITION, heal: K.CMD_HEAL, starve: K.CMD_STARVE,
} as const;

export const VERDICTS = ['valid', 'invalid', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Violation codes -> property names (index = code; 0 none). */
export const PROPERTIES = ['', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9'] as const;

export const FR = {
  now: K.FR_NOW, events: K.FR_EVENTS, writes: K.FR_WRITES, reads: K.FR_READS, writeLsn: K.FR_WRITE_LSN,
  durableLsn: K.FR_DURABLE_LSN, consistentLsn: K.FR_CONSISTENT_LSN, oldestApplyLsn: K.FR_OLDEST_APPLY_LSN,
  truncatedLsn: K.FR_TRUNCATED_LSN, bytesShipped: K.FR_BYTES_SHIPPED, pagesReplayed: K.FR_PAGES_REPLAYED,
  lsnLagP50: K.FR_LSN_LAG_P50, lsnLagP99: K.FR_LSN_LAG_P99, timeLagP50: K.FR_TIME_LAG_P50,
  timeLagP99: K.FR_TIME_LAG_P99, visLagP50: K.FR_VIS_LAG_P50, visLagP99: K.FR_VIS_LAG_P99,
  verdict: K.FR_VERDICT, violation: K.FR_VIOLATION, vPage: K.FR_V_PAGE, vNode: K.FR_V_NODE, vLsn: K.FR_V_LSN,
  vTime: K.FR_V_TIME, readsChecked: K.FR_READS_CHECKED, tablesFlushed: K.FR_TABLES_FLUSHED,
  tablesTruncated: K.FR_TABLES_TRUNCATED, bloomSkips: K.FR_BLOOM_SKIPS, copyBuffered: K.FR_COPY_BUFFERED,
  pagesFlushed: K.FR_PAGES_FLUSHED, flushBlocked: K.FR_FLUSH_BLOCKED, overflow: K.FR_OVERFLOW,
  writer: K.FR_WRITER, storageReads: K.FR_STORAGE_READS, tableLookups: K.FR_TABLE_LOOKUPS,
  promotionsChecked: K.FR_PROMOTIONS_CHECKED, msgDropped: K.FR_MSG_DROPPED,
} as const;

/** "rw" for node 0, "roN" for replica N (a promoted replica keeps its name), "storage". */
export function nodeName(node: number): string {
  if (node === K.STORAGE) return 'storage';
  return node === 0 ? 'rw' : `ro${node}`;
}

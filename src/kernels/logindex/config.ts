// The default LogIndex run: a sysbench-like OLTP mix on RDMA-class links and PolarFS-like
// storage. Figures are our design targets [U], not measurements.
import type { LogIndexConfig } from './types';

/** The largest write scale (64 k writes/s). A long run at a high scale can fill the record store: its verdict is then unknown. */
export const MAX_WRITE_SCALE = 16;

export function defaultConfig(): LogIndexConfig {
  return {
    mode: 'lazy',
    ro: 3,
    broken: [],
    writeTps: 4000,
    readQps: 8000,
    hotPages: 64,
    hotPermille: 700,
    splitPermille: 100,
    netBaseNs: 8_000,
    netJitterNs: 2_000,
    netNsPerKb: 100,
    storageBaseNs: 40_000,
    storageJitterNs: 10_000,
    storageNsPerKb: 200,
    cpuParseNs: 500,
    cpuApplyNs: 20_000,
    cpuReadNs: 3_000,
    bgwNs: 1_000_000,
    tickNs: 1_000_000,
    hotUpdates: 8,
    metaBytes: 48,
    payloadBytes: 240,
    mtrWindowNs: 200_000,
  };
}

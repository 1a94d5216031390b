// Decodes the kernel's inspection buffers (wasm/logindex/inspect.ts) into the views of api.ts.
import * as K from '../../../wasm/logindex/constants';
import type { FlushEntry, NodeView, PageEntry, PageInspection, WriterView } from './api';
import { nodeName } from './protocol';

const TABLE_STATES: Readonly<Record<number, PageEntry['tableState']>> = { 1: 'active', 2: 'inactive', 4: 'flushed', 8: 'truncated' };

/** Nodes 0..ro (the first writer and the replicas) from NODES x NODE_STRIDE numbers. */
export function decodeNodes(f: Float64Array, ro: number): NodeView[] {
  const out: NodeView[] = [];
  for (let id = 0; id <= ro; id++) {
    const o = id * K.NODE_STRIDE;
    out.push({
      id, name: nodeName(id), up: f[o + K.NV_UP] !== 0, writer: f[o + K.NV_WRITER] !== 0, ready: f[o + K.NV_READY] !== 0,
      receivedLsn: f[o + K.NV_RECEIVED], replayLsn: f[o + K.NV_REPLAY], minUsedLsn: f[o + K.NV_MIN_USED],
      lagBytes: f[o + K.NV_LAG_BYTES], poolPages: f[o + K.NV_POOL], outdatedPages: f[o + K.NV_OUTDATED],
      memtableEntries: f[o + K.NV_MEMTABLE], cpuFactor: f[o + K.NV_CPU_PERMILLE] / 1000, delayNs: f[o + K.NV_DELAY_NS],
      lossPermille: f[o + K.NV_LOSS_PERMILLE], partitioned: f[o + K.NV_PARTITIONED] !== 0,
    });
  }
  return out;
}

export function decodeWriter(w: Float64Array): WriterView {
  return {
    dirtyPages: w[K.WV_DIRTY], flushable: w[K.WV_FLUSHABLE], blocked: w[K.WV_BLOCKED], copyBufferInUse: w[K.WV_COPY],
    writesInFlight: w[K.WV_WRITES], activeEntries: w[K.WV_ACTIVE], inactiveTables: w[K.WV_INACTIVE],
    flushedTables: w[K.WV_FLUSHED], truncatedTables: w[K.WV_TRUNCATED], segments: w[K.WV_SEGMENTS],
    storageFactor: w[K.WV_STORAGE_PERMILLE] / 1000, storageMaxLsn: w[K.WV_STORAGE_MAX_LSN],
  };
}

export function decodeFlushList(fl: Float64Array, count: number): FlushEntry[] {
  const out: FlushEntry[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * K.FLUSH_STRIDE;
    out.push({
      page: fl[o], oldestLsn: fl[o + 1], newestLsn: fl[o + 2],
      blocked: (fl[o + 3] & K.FLUSH_BLOCKED) !== 0, inCopyBuffer: (fl[o + 3] & K.FLUSH_COPY) !== 0,
    });
  }
  return out;
}

const hex = (x: bigint) => BigInt.asUintN(64, x).toString(16).padStart(16, '0');

export function decodePage(r: BigInt64Array, page: number, node: number): PageInspection {
  const n = (i: number) => Number(r[i]);
  const entries: PageEntry[] = [];
  for (let i = 0; i < n(K.PI_ENTRIES_SHOWN); i++) {
    const o = K.PI_HEADER + i * 3;
    entries.push({ lsn: n(o), table: n(o + 1), tableState: TABLE_STATES[n(o + 2)] ?? 'active' });
  }
  const skipAt = K.PI_HEADER + K.PAGE_ENTRIES_MAX * 3;
  const bloomSkipped: number[] = [];
  for (let i = 0; i < n(K.PI_SKIPS_SHOWN); i++) bloomSkipped.push(n(skipAt + i));
  let lastRead: PageInspection['lastRead'] = null;
  if (n(K.PI_LAST_READ) !== 0) {
    const listAt = skipAt + K.PAGE_SKIPS_MAX;
    const replayed: number[] = [];
    for (let i = 0; i < Math.min(n(K.PI_LAST_REPLAYED), K.LAST_READ_MAX); i++) replayed.push(n(listAt + i));
    lastRead = {
      page: n(K.PI_LAST_PAGE), replayLsn: n(K.PI_LAST_REPLAY_LSN), baseLsn: n(K.PI_LAST_BASE_LSN),
      fromStorage: n(K.PI_LAST_FROM_STORAGE) !== 0, replayed, replayedCount: n(K.PI_LAST_REPLAYED), atNs: n(K.PI_LAST_AT),
    };
  }
  return {
    page, node,
    writerLsn: n(K.PI_WRITER_LSN), writerImage: hex(r[K.PI_WRITER_IMAGE]),
    storageLsn: n(K.PI_STORAGE_LSN), storageImage: hex(r[K.PI_STORAGE_IMAGE]),
    entries, more: n(K.PI_ENTRIES_TOTAL) - entries.length, bloomSkipped,
    resident: n(K.PI_RESIDENT) === 0 ? null : { lsn: n(K.PI_RESIDENT_LSN), outdated: n(K.PI_RESIDENT_OUTDATED) !== 0, image: hex(r[K.PI_RESIDENT_IMAGE]) },
    lastRead,
  };
}

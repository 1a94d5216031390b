// What `logindex status` and `logindex inspect` print, in the terminal's English: one line per
// column, and a page as lines. The tab and the headless lab runner say the same.
import type { PageInspection } from './api';
import type { LogIndexMode } from './protocol';
import type { LogIndexSummary } from './types';

const MS = 1_000_000;
const msText = (ns: number) => `${(ns / MS).toFixed(3)} ms`;
const usText = (ns: number) => `${Math.round(ns / 10) / 100} µs`;
/** A page's newest LSNs printed: what a read at the replay LSN needs first (the inspector shows more). */
const LIST_SHOWN = 12;

/** The status line of one column. */
export function statusLine(mode: LogIndexMode, s: LogIndexSummary): string {
  const v = s.violation;
  const verdict = v === null ? s.verdict
    : `invalid: ${v.property} on ${v.page === null ? 'no page' : `page ${v.page}`} at ${v.node}, LSN ${v.lsn}, t=${msText(v.atNs)}`;
  return `${mode.padEnd(4)} t=${msText(s.nowNs)} · write LSN ${s.writeLsn} consistent ${s.consistentLsn} oldest apply ${s.oldestApplyLsn}` +
    ` · lsn_lag p50/p99 ${s.lsnLagP50}/${s.lsnLagP99} B · time_lag p99 ${usText(s.timeLagP99Ns)} (p50 ${usText(s.timeLagP50Ns)})` +
    ` · visibility p99 ${usText(s.visibilityLagP99Ns)} (p50 ${usText(s.visibilityLagP50Ns)})` +
    ` · ${s.bytesShipped} B shipped · ${s.pagesReplayed} pages replayed · ${s.writes} writes ${s.reads} reads · ${verdict}`;
}

/** The page inspector as lines. */
export function inspectionLines(p: PageInspection): string[] {
  const lines = [
    `page ${p.page} from ro${p.node}: writer at LSN ${p.writerLsn} (${p.writerImage}), storage at LSN ${p.storageLsn} (${p.storageImage})`,
    `LSN list, newest first: ${p.entries.length === 0 ? 'empty' : p.entries.slice(0, LIST_SHOWN).map((e) => `${e.lsn} (${e.table < 0 ? e.tableState : `table ${e.table} ${e.tableState}`})`).join(', ')}${p.more + p.entries.length > LIST_SHOWN ? ` and ${p.more + p.entries.length - LIST_SHOWN} older` : ''}`,
    `Bloom filters skipped: ${p.bloomSkipped.length === 0 ? 'no table' : `tables ${p.bloomSkipped.join(', ')}`}`,
    p.resident === null ? 'not in the replica\'s buffer pool' : `in the buffer pool at LSN ${p.resident.lsn}${p.resident.outdated ? ', outdated' : ''} (${p.resident.image})`,
  ];
  const r = p.lastRead;
  if (r !== null) {
    lines.push(`last replaying read of page ${r.page} at ${msText(r.atNs)}: from ${r.fromStorage ? 'storage' : 'the buffer pool'} at LSN ${r.baseLsn} to replay LSN ${r.replayLsn}, applied ${r.replayed.join(', ') || 'nothing'}`);
  }
  return lines;
}

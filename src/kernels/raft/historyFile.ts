// `hlab raft --check-history <file>`: streams a JSON Lines client history from disk through the
// per-block linearizability checker, a few MB at a time, so a 100 MB history never sits in one
// string. Malformed lines are collected with file:line:column and left out of the check.
import { closeSync, openSync, readSync } from 'node:fs';
import { HistoryLineReader, type HistoryLineError } from './historyLines';
import { historyRecordRefusal, LinearizabilityChecker, type LinearizabilityResult } from './linearizability';

export interface HistoryFileCheck {
  result: LinearizabilityResult;
  lines: number;
  records: number;
  /** The first malformed lines (at most `keep`), in file order. */
  malformed: HistoryLineError[];
  malformedCount: number;
}

const CHUNK_BYTES = 4 << 20;

export function checkHistoryFile(path: string, keep = 20): HistoryFileCheck {
  const checker = new LinearizabilityChecker();
  const malformed: HistoryLineError[] = [];
  let malformedCount = 0;
  let records = 0;
  const bad = (e: HistoryLineError) => {
    malformedCount++;
    if (malformed.length < keep) malformed.push(e);
  };
  const reader = new HistoryLineReader((record, line, columnOf) => {
    const refused = checker.add(record);
    if (refused === null) records++;
    // The checker refuses a record on its own or, when it is fine alone, a value written twice.
    else bad({ line, column: columnOf(historyRecordRefusal(record)?.field ?? 'value'), message: refused });
  }, bad);
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new TextDecoder('utf-8');
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      reader.push(decoder.decode(buffer.subarray(0, n), { stream: true }));
    }
    reader.push(decoder.decode());
    reader.end();
  } finally {
    closeSync(fd);
  }
  // Left-out lines may have held writes that reads depend on: check as a truncated history.
  const result = checker.finish({ truncated: malformedCount > 0 });
  return { result, lines: reader.lines, records, malformed, malformedCount };
}

// `hlab raft --check-history`: a history file streamed from disk in small chunks, malformed
// lines reported with line and column and left out, the rest checked as a truncated history.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHistoryFile } from './historyFile';
import { formatHistoryLine } from './historyLines';
import type { HistoryRecord } from './types';

const op = (kind: 'write' | 'read', value: number, invoke: number, complete: number, block = 0): HistoryRecord =>
  ({ client: 0, op: kind, block, value, invoke, complete, ok: true });

function withFile(text: string, fn: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'hlab-history-'));
  try {
    const path = join(dir, 'h.jsonl');
    writeFileSync(path, text);
    fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('checkHistoryFile', () => {
  test('a clean file larger than one read chunk is checked whole', () => {
    // ~9 MB: more than two 4 MB chunks, so lines straddle chunk boundaries.
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const block = i % 97;
      lines.push(formatHistoryLine(op('write', i + 1, i * 100, i * 100 + 50, block)));
      lines.push(formatHistoryLine(op('read', i + 1, i * 100 + 60, i * 100 + 90, block)));
    }
    lines.push(formatHistoryLine(op('read', 2, 10_000_000, 10_000_010, 1)));
    withFile(lines.join('\n') + '\n', (path) => {
      const check = checkHistoryFile(path);
      expect(check.malformedCount).toBe(0);
      expect(check.records).toBe(100_001);
      expect(check.result.blocksChecked).toBe(97);
      // The last line reads block 1's first value (2) long after it was overwritten; each
      // later value of block 1 was read after its write returned, so the spans overlap.
      expect(check.result.ok).toBe(false);
      expect(check.result.violations[0]).toMatchObject({ kind: 'overlapping-values', block: 1 });
    });
  });

  test('malformed lines come back with line and column; the rest is checked as truncated', () => {
    const text = [
      formatHistoryLine(op('write', 1, 0, 10)),
      '{"client":0,"op":"read","block":0,"value":2,"invoke":20,"complete":30,"ok":tru}',
      formatHistoryLine(op('read', 3, 20, 30)),
      formatHistoryLine(op('write', 1, 40, 50)),
    ].join('\n');
    withFile(text, (path) => {
      const check = checkHistoryFile(path);
      expect(check.lines).toBe(4);
      expect(check.records).toBe(2);
      expect(check.malformedCount).toBe(2);
      expect(check.malformed[0]).toMatchObject({ line: 2 });
      expect(check.malformed[0].message).toMatch(/^not valid JSON/);
      // The column of "value" (every refusal was reported at column 1 before).
      expect(check.malformed[1]).toEqual({ line: 4, column: 36, message: 'value 1 is written twice to block 0 (write values must be unique)' });
      // Value 3's write may have been on a malformed line: assumed, not a violation.
      expect(check.result).toMatchObject({ ok: true, truncated: true, assumedWrites: 1 });
    });
  });

  test('a checker refusal points at the field it is about; 1e400 is refused by the line parser', () => {
    const text = [
      '{"client":0,"op":"write","block":0,"value":1,"invoke":50,"complete":10,"ok":true}',
      '{"client":0,  "op":"read","block":99999999,"value":1,"invoke":0,"complete":10,"ok":true}',
      '{"client":0,"op":"write","block":0,"value":2,"invoke":1e400,"complete":null,"ok":false}',
      '{"client":0,"op":"write","block":0,"value":3,"invoke":0,"complete":1e400,"ok":true}',
    ].join('\n');
    withFile(text, (path) => {
      const check = checkHistoryFile(path);
      expect(check.malformed.map((e) => [e.line, e.column])).toEqual([[1, 58], [2, 27], [3, 46], [4, 57]]);
      expect(check.malformed[0].message).toContain('"complete" (10) must be null or a time no earlier than "invoke" (50)');
      expect(check.malformed[2].message).toBe('"invoke" must be a finite number of ns; found null');
      expect(check.malformed[3].message).toContain('"complete" must be a finite number of ns or null');
    });
  });
});

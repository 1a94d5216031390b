// The client history as JSON Lines (what `hlab raft --history` writes), read back in chunks:
// one record per line, {"client","op","block","value","invoke","complete","ok"}. Malformed lines
// are reported with their line and column and skipped; the caller decides what that means.
import type { HistoryRecord } from './types';

export interface HistoryLineError {
  line: number;
  column: number;
  message: string;
}

/** One record as a JSON line (the inverse of `parseHistoryLine`). */
export function formatHistoryLine(r: HistoryRecord): string {
  return `{"client":${r.client},"op":"${r.op}","block":${r.block},"value":${r.value},"invoke":${r.invoke},"complete":${r.complete},"ok":${r.ok}}`;
}

/** The 1-based column of `"field":` in a JSON line (1 when it is not there). */
export function historyFieldColumn(text: string, field: string): number {
  const at = new RegExp(`"${field}"\\s*:`).exec(text);
  return at === null ? 1 : at.index + 1;
}

/** Parses one line; a problem comes back with the 1-based column it was found at. */
export function parseHistoryLine(text: string): { record: HistoryRecord } | { column: number; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    return { column: at ? Number(at[1]) + 1 : 1, message: `not valid JSON (${message.replace(/^JSON\.parse: /, '')})` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { column: 1, message: 'expected a JSON object {"client", "op", "block", "value", "invoke", "complete", "ok"}' };
  }
  const o = raw as Record<string, unknown>;
  const where = (field: string) => historyFieldColumn(text, field);
  const problem = (field: string, what: string) => {
    const found = field in o ? `found ${JSON.stringify(o[field])}` : 'it is missing';
    return { column: where(field), message: `"${field}" must be ${what}; ${found}` };
  };
  const isInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!isInt(o.client)) return problem('client', 'a non-negative integer');
  if (o.op !== 'write' && o.op !== 'read') return problem('op', '"write" or "read"');
  if (!isInt(o.block)) return problem('block', 'a non-negative integer');
  if (!isInt(o.value)) return problem('value', 'a non-negative integer');
  // JSON.parse reads 1e400 as Infinity: a time must be a finite number.
  if (typeof o.invoke !== 'number' || !Number.isFinite(o.invoke)) return problem('invoke', 'a finite number of ns');
  if (o.complete !== null && (typeof o.complete !== 'number' || !Number.isFinite(o.complete))) return problem('complete', 'a finite number of ns or null');
  if (typeof o.ok !== 'boolean') return problem('ok', 'true or false');
  // `+ 0` turns a -0 (which JSON allows) into 0, the one form formatHistoryLine writes.
  return {
    record: {
      client: (o.client as number) + 0, op: o.op, block: (o.block as number) + 0, value: (o.value as number) + 0,
      invoke: o.invoke + 0, complete: o.complete === null ? null : (o.complete as number) + 0, ok: o.ok,
    },
  };
}

/**
 * Splits text chunks into lines (a line may span chunks) and parses each. Blank lines are
 * skipped; `\r\n` endings are accepted. Call `end()` after the last chunk.
 */
export class HistoryLineReader {
  private carry = '';
  private lineNo = 0;

  constructor(
    /** `columnOf(field)` is the column of that field in the line, for refusals found later. */
    private readonly onRecord: (record: HistoryRecord, line: number, columnOf: (field: string) => number) => void,
    private readonly onError: (error: HistoryLineError) => void,
  ) {}

  /** Lines read so far. */
  get lines(): number {
    return this.lineNo;
  }

  push(chunk: string): void {
    let start = 0;
    let text = chunk;
    if (this.carry) {
      text = this.carry + chunk;
      this.carry = '';
    }
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.line(text, start, nl);
      start = nl + 1;
    }
    this.carry = text.slice(start);
  }

  end(): void {
    if (this.carry) this.line(this.carry, 0, this.carry.length);
    this.carry = '';
  }

  private line(text: string, from: number, to: number): void {
    this.lineNo++;
    let end = to;
    if (end > from && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(from, end);
    if (line.trim() === '') return;
    const parsed = parseHistoryLine(line);
    if ('record' in parsed) this.onRecord(parsed.record, this.lineNo, (field) => historyFieldColumn(line, field));
    else this.onError({ line: this.lineNo, column: parsed.column, message: parsed.message });
  }
}

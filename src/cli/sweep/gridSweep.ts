// Runs one kernel's sweep grid, whole or one shard of it, and writes its CSV. Each kernel
// says what its grid is and how to run a slice of it; the slicing, the identity in a shard's
// header and the writing are the same for all of them (so `hlab merge` works for every kernel).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../args';
import { requireWritable } from '../files';
import { kernelWasmPath } from '../runtime';
import { parseShard, shardIndices, type Shard } from './shard';
import { sweepFileText, type ShardHeader } from './shardFile';

export interface GridSweep {
  kernel: string;
  /** Axes and fixed settings, JSON-able: its hash names the grid in a shard's header. */
  grid: unknown;
  /** Runs in the grid. */
  runs: number;
  csvHeader: string;
  /** Runs the grid's runs at these indices; one CSV row each, in the same order. */
  execute(indices: number[]): Promise<string[]> | string[];
}

/** A short hash of the kernel's built .wasm: shards of different builds do not merge. */
export function kernelVersion(kernel: string): string {
  return createHash('sha256').update(readFileSync(kernelWasmPath(kernel))).digest('hex').slice(0, 12);
}

export function gridHash(sweep: Pick<GridSweep, 'kernel' | 'grid'>): string {
  return createHash('sha256').update(JSON.stringify({ kernel: sweep.kernel, grid: sweep.grid })).digest('hex').slice(0, 16);
}

/** One CSV cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `--shard` (if given) checked before any work; null means the whole grid. */
export function shardFlag(text: string | undefined, out: string | undefined): Shard | null {
  if (text === undefined) return null;
  // A shard's rows only make sense next to their header: a file, never mixed into a log.
  if (out === undefined) throw new UsageError('--shard writes a shard file: give --out <file>');
  return parseShard(text);
}

/** Runs the sweep (or its shard) and writes the file (stdout without --out); returns the rows. */
export async function runGridSweep(sweep: GridSweep, shard: Shard | null, out: string | undefined): Promise<string[]> {
  if (out !== undefined) requireWritable('out', out);
  const header: ShardHeader | null = shard === null ? null
    : { kernel: sweep.kernel, version: kernelVersion(sweep.kernel), grid: gridHash(sweep), runs: sweep.runs, shard };
  const indices = shardIndices(sweep.runs, shard);
  const rows = indices.length === 0 ? [] : await sweep.execute(indices);
  if (rows.length !== indices.length) throw new Error(`the ${sweep.kernel} sweep returned ${rows.length} rows for ${indices.length} runs`);
  const text = sweepFileText(sweep.csvHeader, rows, header);
  if (out === undefined) process.stdout.write(text);
  else writeFileSync(out, text);
  return rows;
}

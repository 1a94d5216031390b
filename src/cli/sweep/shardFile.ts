// The files a sweep writes. Unsharded: the kernel's CSV (header line, one row per run, in
// grid order). A shard: one comment line naming the kernel, version, grid and slice, then the
// same CSV header and that slice's rows in grid order, so `hlab merge` can check that the
// shards belong together and interleave them back into the unsharded bytes.
import type { Shard } from './shard';
import { shardIndices } from './shard';

export const SHARD_MAGIC = '# hlab-sweep 1';

export interface SweepIdentity {
  kernel: string;
  /** The kernel build: a short hash of its .wasm. */
  version: string;
  /** A short hash of the grid (axes and fixed settings). */
  grid: string;
  runs: number;
}

export interface ShardHeader extends SweepIdentity {
  shard: Shard;
}

export function shardHeaderLine(h: ShardHeader): string {
  return `${SHARD_MAGIC} kernel=${h.kernel} version=${h.version} grid=${h.grid} runs=${h.runs} shard=${h.shard.k}/${h.shard.n}`;
}

/** The whole file: unsharded is plain CSV; a shard starts with its header line. */
export function sweepFileText(csvHeader: string, rows: readonly string[], header: ShardHeader | null): string {
  const lines = header === null ? [csvHeader, ...rows] : [shardHeaderLine(header), csvHeader, ...rows];
  return lines.join('\n') + '\n';
}

/** The header of a shard file, or a sentence saying why the line is not one. */
export function parseShardHeader(line: string): ShardHeader | string {
  if (!line.startsWith(SHARD_MAGIC + ' ')) {
    return line.startsWith('# hlab-sweep') ? `its format "${line.slice(0, 40)}" is not ${SHARD_MAGIC}` : 'it is not a shard file (no "# hlab-sweep" first line; was it written with --shard?)';
  }
  const fields = new Map<string, string>();
  for (const part of line.slice(SHARD_MAGIC.length + 1).split(' ')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `its header has a malformed field "${part.slice(0, 40)}"`;
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  for (const key of ['kernel', 'version', 'grid', 'runs', 'shard']) if (!fields.get(key)) return `its header has no ${key}=`;
  const runs = /^[0-9]{1,9}$/.test(fields.get('runs')!) ? Number(fields.get('runs')) : NaN;
  if (!Number.isFinite(runs)) return `its header's runs= is not a whole number: "${fields.get('runs')!.slice(0, 20)}"`;
  const m = /^([0-9]{1,5})\/([0-9]{1,5})$/.exec(fields.get('shard')!);
  const [k, n] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || n < 1 || k < 1 || k > n) return `its header's shard= must be k/n with 1 <= k <= n, found "${fields.get('shard')!.slice(0, 20)}"`;
  return { kernel: fields.get('kernel')!, version: fields.get('version')!, grid: fields.get('grid')!, runs, shard: { k, n } };
}

export interface ShardFile {
  name: string;
  text: string;
}

export type MergeResult = { ok: true; text: string; runs: number } | { ok: false; reason: string };

/** Joins shard files into the unsharded sweep's bytes, or says which shard is wrong. */
export function mergeShards(files: readonly ShardFile[]): MergeResult {
  if (files.length === 0) return { ok: false, reason: 'no shard files given' };
  const parsed: { file: ShardFile; header: ShardHeader; csvHeader: string; rows: string[] }[] = [];
  for (const file of files) {
    if (!file.text.endsWith('\n')) return { ok: false, reason: `${file.name}: the file does not end with a newline (was the shard cut short?)` };
    const lines = file.text.slice(0, -1).split('\n');
    const header = parseShardHeader(lines[0]);
    if (typeof header === 'string') return { ok: false, reason: `${file.name}: ${header}` };
    if (lines.length < 2) return { ok: false, reason: `${file.name}: no CSV header after the shard line` };
    parsed.push({ file, header, csvHeader: lines[1], rows: lines.slice(2) });
  }
  const first = parsed[0];
  for (const p of parsed.slice(1)) {
    for (const key of ['kernel', 'version', 'grid', 'runs'] as const) {
      if (p.header[key] !== first.header[key]) {
        const what = key === 'version' ? 'a different kernel version' : key === 'kernel' ? 'a different kernel' : 'a different grid';
        return { ok: false, reason: `${p.file.name} is from ${what} than ${first.file.name} (${key}=${p.header[key]}, not ${first.header[key]}): merge shards of one sweep` };
      }
    }
    if (p.header.shard.n !== first.header.shard.n) {
      return { ok: false, reason: `${p.file.name} is shard ${p.header.shard.k}/${p.header.shard.n} but ${first.file.name} is one of ${first.header.shard.n}: merge shards of one split` };
    }
    if (p.csvHeader !== first.csvHeader) return { ok: false, reason: `${p.file.name}: its CSV header differs from ${first.file.name}'s` };
  }
  const n = first.header.shard.n;
  const byK = new Map<number, (typeof parsed)[number]>();
  for (const p of parsed) {
    const seen = byK.get(p.header.shard.k);
    if (seen) return { ok: false, reason: `shard ${p.header.shard.k}/${n} is given twice: ${seen.file.name} and ${p.file.name}` };
    byK.set(p.header.shard.k, p);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byK.has(k));
  if (missing.length) return { ok: false, reason: `missing shard${missing.length > 1 ? 's' : ''} ${missing.slice(0, 10).map((k) => `${k}/${n}`).join(', ')}${missing.length > 10 ? ', ...' : ''}` };
  const runs = first.header.runs;
  for (const [k, p] of byK) {
    const expected = shardIndices(runs, { k, n }).length;
    if (p.rows.length !== expected) return { ok: false, reason: `${p.file.name}: shard ${k}/${n} of ${runs} runs should hold ${expected} rows, found ${p.rows.length} (was it cut short?)` };
  }
  const rows: string[] = new Array(runs);
  for (let i = 0; i < runs; i++) rows[i] = byK.get((i % n) + 1)!.rows[Math.floor(i / n)];
  return { ok: true, text: sweepFileText(first.csvHeader, rows, null), runs };
}

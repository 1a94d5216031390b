// `hlab merge`: joins the shard files of one sweep (`hlab <kernel> --sweep --shard k/n`) into
// exactly the file the unsharded sweep writes, or refuses with the shard that is wrong.
import { UsageError } from '../args';
import type { CliCommand } from '../cliCommand';
import { readTextFile, requireWritable } from '../files';
import { writeFileSync } from 'node:fs';
import { mergeShards, type ShardFile } from '../sweep/shardFile';

const USAGE = `  hlab merge <shard file>... [--out <file>]

Joins every shard of one sweep (written by "hlab <kernel> --sweep ... --shard k/n --out <file>")
into the unsharded sweep's CSV, byte for byte (stdout without --out). Refuses a missing or
duplicate shard, a shard cut short, or shards of different grids, splits or kernel builds.`;

/** The most shard files one merge reads (as many as --shard allows). */
const MAX_FILES = 10_000;

async function merge(argv: string[]): Promise<number> {
  const paths: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg.startsWith('--out=')) {
      if (out !== undefined) throw new UsageError('--out is given twice; give it once');
      out = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (out === undefined || out.trim() === '' || (arg === '--out' && out.startsWith('--'))) throw new UsageError('--out needs a value');
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg.split('=')[0]} (merge takes shard files and --out)`);
    else paths.push(arg);
  }
  if (paths.length === 0) throw new UsageError('give the shard files to merge');
  if (paths.length > MAX_FILES) throw new UsageError(`${paths.length} shard files; at most ${MAX_FILES}`);
  if (out !== undefined) {
    requireWritable('out', out);
    if (paths.includes(out)) throw new UsageError(`--out ${out} is one of the shards: write the merge elsewhere`);
  }
  const files: ShardFile[] = [];
  for (const path of paths) {
    const read = readTextFile(path);
    if (!read.ok) throw new UsageError(read.reason);
    files.push({ name: path, text: read.text });
  }
  const merged = mergeShards(files);
  if (!merged.ok) {
    console.error(`hlab merge: ${merged.reason}`);
    return 1;
  }
  if (out === undefined) process.stdout.write(merged.text);
  else {
    writeFileSync(out, merged.text);
    console.error(`merged ${files.length} shards, ${merged.runs} runs, into ${out}`);
  }
  return 0;
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: 'join the shard files of one sweep into the unsharded CSV',
  usage: USAGE,
  run: merge,
};

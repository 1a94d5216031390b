// `--shard k/n`: which slice of a sweep's grid this process runs. A run's shard depends only
// on its index in the grid (index mod n), so it lands in the same shard on any machine.
import { UsageError, wholeFlag } from '../args';

export interface Shard {
  /** 1-based. */
  k: number;
  n: number;
}

/** At most this many shards: more would leave most of them empty for any real grid. */
export const MAX_SHARDS = 10_000;

/** "2/3" or "auto/3" (k from JOB_COMPLETION_INDEX, 0-based, as a Kubernetes Indexed Job sets it). */
export function parseShard(text: string, env: Record<string, string | undefined> = process.env): Shard {
  const m = /^([^/]+)\/([^/]+)$/.exec(text);
  if (!m) throw new UsageError(`--shard must look like 2/3 or auto/3, found "${text}"`);
  const n = wholeFlag('shard', m[2], 1, MAX_SHARDS);
  if (m[1] === 'auto') {
    const index = env.JOB_COMPLETION_INDEX;
    if (index === undefined || index === '') throw new UsageError('--shard auto/n reads JOB_COMPLETION_INDEX, which is not set');
    if (!/^[0-9]+$/.test(index) || BigInt(index) >= BigInt(n)) {
      throw new UsageError(`--shard auto/${n}: JOB_COMPLETION_INDEX must be a whole number 0..${n - 1}, found "${index}"`);
    }
    return { k: Number(index) + 1, n };
  }
  return { k: wholeFlag('shard', m[1], 1, n), n };
}

/** The grid indices shard k of n runs, in grid order. */
export function shardIndices(runs: number, shard: Shard | null): number[] {
  const out: number[] = [];
  const [start, step] = shard === null ? [0, 1] : [shard.k - 1, shard.n];
  for (let i = start; i < runs; i += step) out.push(i);
  return out;
}

// Runs fuzz targets: seeded inputs (the seeds themselves, then mutations of them and, where a
// target has one, fresh inputs from its generator), each either accepted or refused with a
// sentence. A finding is an input that threw, was refused without a sentence, was accepted in
// a form that does not read back, or (when `slowMs` is set, in `npm run fuzz` only) took longer
// than that: the parsers are synchronous, so a hang shows as one very slow input.
import { mutate } from './mutate';
import { fuzzRng } from './rng';
import { preview } from './same';
import type { FuzzTarget } from './types';

export type FindingKind = 'exception' | 'non-canonical' | 'no-message' | 'slow';

export interface Finding {
  kind: FindingKind;
  input: string;
  detail: string;
}

export interface TargetStats {
  name: string;
  inputs: number;
  accepted: number;
  refused: number;
  /** Every finding counted; `examples` keeps the first few of each kind. */
  findings: number;
  examples: Finding[];
}

export interface FuzzOptions {
  /** Inputs per target (times the target's share). */
  inputs: number;
  seed: number;
  /** Report an input that takes longer than this as a finding (wall time: never in tests). */
  slowMs?: number;
  /** Examples kept per kind of finding. */
  keep?: number;
  clock?: () => number;
}

/** A seed per target from the run's seed and the target's name, so adding a target changes no other's inputs. */
function targetSeed(seed: number, name: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

export async function fuzzTarget(target: FuzzTarget, options: FuzzOptions): Promise<TargetStats> {
  const rng = fuzzRng(targetSeed(options.seed, target.name));
  const seeds = target.seeds();
  if (seeds.length === 0) throw new Error(`fuzz target "${target.name}" has no seed inputs`);
  const words = target.words ?? [];
  const stats: TargetStats = { name: target.name, inputs: 0, accepted: 0, refused: 0, findings: 0, examples: [] };
  const keep = options.keep ?? 3;
  const found = (kind: FindingKind, input: string, detail: string) => {
    stats.findings++;
    if (stats.examples.filter((f) => f.kind === kind).length < keep) stats.examples.push({ kind, input, detail });
  };
  const inputs = Math.max(seeds.length, Math.ceil(options.inputs * (target.share ?? 1)));
  for (let i = 0; i < inputs; i++) {
    let input: string;
    if (i < seeds.length) input = seeds[i];
    else if (target.generate !== undefined && rng.chance(0.3)) input = target.generate(rng);
    else input = mutate(rng.pick(seeds), rng, words, rng.pick(seeds));
    stats.inputs++;
    const started = options.slowMs === undefined ? 0 : (options.clock ?? performance.now.bind(performance))();
    try {
      const verdict = await target.run(input);
      if (verdict.accepted) {
        stats.accepted++;
        if (verdict.problem !== undefined) found('non-canonical', input, verdict.problem);
      } else {
        stats.refused++;
        if (verdict.message.trim() === '') found('no-message', input, 'refused without saying why');
      }
    } catch (error) {
      found('exception', input, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    if (options.slowMs !== undefined) {
      const took = (options.clock ?? performance.now.bind(performance))() - started;
      if (took > options.slowMs) found('slow', input, `took ${took.toFixed(0)} ms`);
    }
  }
  return stats;
}

/** The table `npm run fuzz` prints: one line per entry point, then each kept finding. */
export function fuzzReport(all: readonly TargetStats[]): string {
  const width = Math.max(...all.map((s) => s.name.length), 'entry point'.length);
  const row = (cells: string[]) => `${cells[0].padEnd(width)}  ${cells.slice(1).map((c) => c.padStart(9)).join('  ')}`;
  const lines = [row(['entry point', 'inputs', 'accepted', 'refused', 'findings'])];
  for (const s of all) lines.push(row([s.name, String(s.inputs), String(s.accepted), String(s.refused), String(s.findings)]));
  for (const s of all) for (const f of s.examples) lines.push(`${s.name}: ${f.kind}: ${f.detail}\n  input ${preview(f.input)}`);
  return lines.join('\n');
}

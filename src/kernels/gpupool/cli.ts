// `hlab gpupool` (Node only): one run of the FGD experiment, or the paper's sweep. The CLI
// finds it as this kernel's cli.ts (src/cli/main.ts).
import { decimalFlag, flagHelp, parseFlags, parseSeeds, UsageError, wholeFlag, type FlagSpec } from '../../cli/args';
import { requireReadable, requireWritable } from '../../cli/files';
import type { CliCommand } from '../../cli/cliCommand';
import { closestMatch } from '../../commands/editDistance';
import { loadGpupoolModule, loadWorkload } from './cliWorkload';
import { runSweep } from './cliSweep';
import { allocCsvHeader, allocCsvRow, resultJson, runOnce } from './runResult';
import { runGridSweep, shardFlag, type GridSweep } from '../../cli/sweep/gridSweep';
import { POLICIES, RNG_KINDS, type Policy, type RngKind, type RunConfig } from './types';

const GPUPOOL_FLAGS: FlagSpec[] = [
  { name: 'nodes', takesValue: true, help: 'node CSV (openb_node_list_gpu_node.csv); omit with --pods for the synthetic default' },
  { name: 'pods', takesValue: true, help: 'pod CSV; with --sweep, a comma-separated list' },
  { name: 'policy', takesValue: true, help: `${POLICIES.join('|')} (comma list with --sweep); default FGD` },
  { name: 'seed', takesValue: true, help: 'seed; with --sweep also 42..51 or 1,2,3; default 42' },
  { name: 'rng', takesValue: true, help: 'go (reproduces the artifact draw for draw) or xoshiro (default)' },
  { name: 'tune', takesValue: true, help: 'target GPU demand as a multiple of capacity; default 1.3' },
  { name: 'json', takesValue: false, help: 'print one JSON line' },
  { name: 'time-aware', takesValue: false, help: 'pods arrive by creation time and leave at deletion time (not the paper mode)' },
  { name: 'sweep', takesValue: false, help: 'run every pods x policy x seed on all cores' },
  { name: 'out', takesValue: true, help: 'with --sweep: write analysis_allo_discrete.csv here' },
  { name: 'threads', takesValue: true, help: 'with --sweep: worker threads (default: all cores)' },
  { name: 'shard', takesValue: true, help: 'with --sweep --out: run shard k/n of the grid (auto/n: k from JOB_COMPLETION_INDEX)' },
];

const USAGE = `  hlab gpupool [--nodes <csv> --pods <csv>] [--policy FGD] [--seed 42] [--rng go] [--json]
  hlab gpupool --sweep --nodes <csv> --pods <csv>[,<csv>...] --policy <P>[,<P>...] --seed 42..51 --rng go --out <file> [--shard k/n]

gpupool options:
${flagHelp(GPUPOOL_FLAGS)}`;

/** More worker threads than this only queue for the same cores. */
const MAX_THREADS = 256;

function parsePolicy(text: string): Policy {
  const found = POLICIES.find((p) => p.toLowerCase() === text.toLowerCase());
  if (found) return found;
  const near = closestMatch(text, POLICIES);
  throw new UsageError(`unknown policy "${text}"${near ? `; did you mean ${near}?` : ''} (one of ${POLICIES.join(', ')})`);
}

function parseRng(text: string): RngKind {
  if ((RNG_KINDS as readonly string[]).includes(text)) return text as RngKind;
  throw new UsageError(`unknown generator "${text}" (go or xoshiro)`);
}

async function gpupool(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, GPUPOOL_FLAGS);
  const value = (name: string) => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const rng = parseRng(value('rng') ?? 'xoshiro');
  // 0 = the trace as it is; the kernel tunes to a multiple of the cluster's GPU capacity.
  const tune = decimalFlag('tune', value('tune') ?? '1.3', 0, 100);
  const policies = (value('policy') ?? 'FGD').split(',').map(parsePolicy);
  const seeds = parseSeeds(value('seed') ?? '42');
  if (!flags.has('sweep')) {
    const sweepOnly = ['out', 'threads', 'shard'].filter((f) => flags.has(f));
    if (sweepOnly.length > 0) throw new UsageError(`--${sweepOnly.join(' and --')} only go with --sweep`);
  }

  if (flags.has('sweep')) {
    const podsPaths = value('pods')?.split(',') ?? [undefined];
    if (podsPaths.some((p) => p === '')) throw new UsageError(`--pods: an empty file name in "${value('pods')}"`);
    const configs: RunConfig[] = [];
    for (const policy of policies) for (const seed of seeds) configs.push({ policy, seed, rng, tune, timeAware: flags.has('time-aware') });
    const threads = value('threads') ? wholeFlag('threads', value('threads')!, 1, MAX_THREADS) : undefined;
    if (value('out')) requireWritable('out', value('out')!);
    // The threads read the traces: any problem with a path is told here, once, by its flag.
    if (!value('nodes') !== !value('pods')) throw new UsageError('give both --nodes and --pods, or neither for the synthetic default');
    if (value('nodes')) requireReadable('nodes', value('nodes')!);
    for (const path of podsPaths) if (path !== undefined) requireReadable('pods', path);
    const shard = shardFlag(value('shard'), value('out'));
    const isTty = process.stderr.isTTY;
    const log = (line: string) => process.stderr.write(isTty ? `\r${line}` : `${line}\n`);
    const plan = { nodesPath: value('nodes'), podsPaths, configs, out: undefined, threads };
    if (!value('out')) {
      const results = await runSweep(plan, log);
      if (isTty) process.stderr.write('\n');
      for (const r of results) console.log(resultJson(r));
      return;
    }
    const sweep: GridSweep = {
      kernel: 'gpupool',
      grid: { nodes: value('nodes') ?? null, pods: podsPaths.map((p) => p ?? null), policies, seeds, rng, tune, timeAware: flags.has('time-aware') },
      runs: podsPaths.length * configs.length,
      csvHeader: allocCsvHeader(),
      execute: async (only) => (await runSweep({ ...plan, only }, log)).map(allocCsvRow),
    };
    const rows = await runGridSweep(sweep, shard, value('out'));
    if (isTty) process.stderr.write('\n');
    console.error(`wrote ${rows.length} runs${shard ? ` (shard ${shard.k}/${shard.n})` : ''} to ${value('out')}`);
    return;
  }

  if (policies.length > 1 || seeds.length > 1) throw new UsageError('several policies or seeds need --sweep');
  const workload = loadWorkload(value('nodes'), value('pods'));
  const result = runOnce(loadGpupoolModule(), workload, { policy: policies[0], seed: seeds[0], rng, tune, timeAware: flags.has('time-aware') });
  if (flags.has('json')) {
    console.log(resultJson(result));
    return;
  }
  const at = (x: number) => (result.alloc[x] === null ? '-' : `${result.alloc[x]} %`);
  console.log(`${result.workload}: ${result.policy}, seed ${result.seed} (${result.rng}), ${result.pods} pods, ${result.failed} failed`);
  console.log(`allocation at 90/100/130 % demand: ${at(90)}, ${at(100)}, ${at(130)}; ${result.seconds.toFixed(3)} s`);
}

export const cliCommand: CliCommand = {
  name: 'gpupool',
  summary: 'run the GPU pool (FGD paper) headless, or its sweep',
  usage: USAGE,
  run: gpupool,
};

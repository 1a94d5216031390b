// GPU-pool benchmarks. Prints figures; never passes or fails on time.
//   npm run bench              runs, sizes and the plain-JS comparison
//   npm run bench -- --sweep   also the full sweep (every openb pod file x 6 policies x 10 seeds)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GpuPoolKernel } from '../src/kernels/gpupool/kernel';
import { specMask, modelTable } from '../src/kernels/gpupool/input';
import { loadGpupoolModule, loadWorkload } from '../src/kernels/gpupool/cliWorkload';
import { plainFgd } from './plainFgd';
import type { Policy } from '../src/kernels/gpupool/types';

const root = process.cwd();
const openb = process.env.HLAB_OPENB_DIR ?? join(root, '..', 'shared', 'data', 'openb');
const nodesCsv = join(openb, 'openb_node_list_gpu_node.csv');
const podsCsv = join(openb, 'openb_pod_list_default.csv');
const haveOpenb = existsSync(nodesCsv);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function wholeProcess(policy: Policy, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const args = ['bin/hlab.mjs', 'gpupool', '--policy', policy, '--seed', '42', '--rng', 'go', '--json'];
    if (haveOpenb) args.push('--nodes', nodesCsv, '--pods', podsCsv);
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    times.push((performance.now() - started) / 1000);
  }
  return median(times);
}


console.log(`# GPU-pool benchmarks (${haveOpenb ? 'openb default' : 'synthetic default: openb traces not found'}, seed 42, rng go)`);
console.log('\n## Whole process: node bin/hlab.mjs gpupool ... --json (median of 5)');
for (const policy of ['FGD', 'BestFit', 'GpuPacking', 'GpuClustering', 'DotProd', 'Random'] as Policy[]) {
  console.log(`${policy.padEnd(14)} ${wholeProcess(policy, 5).toFixed(3)} s`);
}

console.log('\n## In process: wasm kernel against a plain JavaScript FGD on the same workload');
const module = loadGpupoolModule();
const workload = haveOpenb ? loadWorkload(nodesCsv, podsCsv) : loadWorkload(undefined, undefined);
const kernelTimes: number[] = [];
let kernel: GpuPoolKernel | null = null;
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  kernel = new GpuPoolKernel(module, workload, { policy: 'FGD', seed: 42, rng: 'go', tune: 1.3 });
  kernel.advance(kernel.podCount);
  kernelTimes.push((performance.now() - started) / 1000);
}
const k = kernel!;
if (workload.source === 'trace') {
  const models = modelTable(workload);
  const pods = workload.pods.map((p) => ({ cpu: p.cpu, mem: p.memory, numGpu: p.numGpu, milli: p.gpuMilli, mask: specMask(p.gpuSpec, models) }));
  const started = performance.now();
  const plainFailed = plainFgd(workload, k.workloadList(), k.nodePriorities(), pods);
  const plainSeconds = (performance.now() - started) / 1000;
  const kernelSeconds = median(kernelTimes);
  console.log(`wasm kernel FGD   ${kernelSeconds.toFixed(3)} s, ${k.summary().failed} failed`);
  console.log(`plain JS FGD      ${plainSeconds.toFixed(3)} s, ${plainFailed} failed${plainFailed === k.summary().failed ? ' (same placements outcome)' : ' (MISMATCH)'}`);
  console.log(`speed-up          ${(plainSeconds / kernelSeconds).toFixed(1)}x`);
} else {
  console.log('skipped: needs the openb traces');
}

console.log('\n## Sizes (the budgets npm test checks)');
const sizes = spawnSync(process.execPath, ['scripts/check-size.mjs'], { encoding: 'utf8' });
process.stdout.write(sizes.stdout + sizes.stderr);

if (process.argv.includes('--sweep') && haveOpenb) {
  console.log('\n## Full sweep: every openb pod file x 6 policies x seeds 42..51 (rng go)');
  const pods = readdirSync(openb).filter((f) => f.startsWith('openb_pod_list_')).map((f) => join(openb, f));
  const started = performance.now();
  const r = spawnSync(process.execPath, ['bin/hlab.mjs', 'gpupool', '--sweep', '--nodes', nodesCsv, '--pods', pods.join(','),
    '--policy', 'Random,DotProd,GpuClustering,GpuPacking,BestFit,FGD', '--seed', '42..51', '--rng', 'go', '--out', '/tmp/hlab-sweep.csv'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  console.log(`${pods.length} traces x 6 x 10 = ${pods.length * 60} runs in ${((performance.now() - started) / 1000).toFixed(1)} s (CSV: /tmp/hlab-sweep.csv)`);
}

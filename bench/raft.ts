// Raft / ParallelRaft benchmarks. Prints figures; never passes or fails on time.
//   node build/cli/bench-raft.mjs        (after npm run build:wasm && npm run build:cli)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/kernels/raft/config';
import { runRaft } from '../src/kernels/raft/run';
import { plainParallelRaft } from './raftPlain';

const wasmPath = fileURLToPath(new URL('../wasm/raft.wasm', import.meta.url));
const module = new WebAssembly.Module(readFileSync(wasmPath));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log('# Raft / ParallelRaft benchmarks');
console.log(`(machine load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}; 2 cores shared)`);

console.log('\n## Fig. 9 curve: 4 KB random writes, 1 client, RDMA + 3D XPoint, 1 s simulated after 0.1 s warm-up');
console.log('iodepth\traft IOPS\traft p50 us\tparallel IOPS\tparallel p50 us\tIOPS ratio\tlatency ratio');
for (const iodepth of [1, 2, 4, 8, 16, 32]) {
  const r = runRaft(module, { config: defaultConfig({ mode: 'raft', iodepth }), durationNs: 1.1e9, warmupNs: 1e8 });
  const p = runRaft(module, { config: defaultConfig({ mode: 'parallel', iodepth }), durationNs: 1.1e9, warmupNs: 1e8 });
  console.log([iodepth, r.iops, r.p50Us, p.iops, p.p50Us, (r.iops / p.iops).toFixed(2), (r.p50Us / p.p50Us).toFixed(2)].join('\t'));
}

console.log('\n## Event rate in one process: wasm kernel vs plain TypeScript over the same model (parallel, iodepth 32, 3 s simulated)');
const wasmRates: number[] = [];
const plainRates: number[] = [];
let wasmOps = 0;
let plainOps = 0;
for (let i = 0; i < 3; i++) {
  const w = runRaft(module, { config: defaultConfig({ mode: 'parallel', iodepth: 32 }), durationNs: 3e9, warmupNs: 0 });
  wasmRates.push(w.events / w.wallSeconds);
  wasmOps = w.iops;
  const p = plainParallelRaft(32, 3e9);
  plainRates.push(p.events / p.seconds);
  plainOps = Math.round(p.ops / 3);
}
const wr = median(wasmRates);
const pr = median(plainRates);
console.log(`wasm kernel       ${(wr / 1e6).toFixed(2)} M events/s (${wasmOps} IOPS simulated; with checker, history and faults machinery)`);
console.log(`plain TypeScript  ${(pr / 1e6).toFixed(2)} M events/s (${plainOps} IOPS simulated; steady state only, no checker)`);
console.log(`ratio             ${(wr / pr).toFixed(2)}x`);

console.log('\n## Whole process: node bin/hlab.mjs raft --mode parallel --iodepth 32 --duration 10s --json (median of 3)');
for (const mode of ['parallel', 'raft']) {
  const times: number[] = [];
  let line = '';
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ['bin/hlab.mjs', 'raft', '--mode', mode, '--seed', '1', '--iodepth', '32', '--duration', '10s', '--json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    times.push((performance.now() - started) / 1000);
    line = r.stdout;
  }
  const d = JSON.parse(line);
  console.log(`${mode.padEnd(9)} ${median(times).toFixed(2)} s wall, ${d.events} events, ${(d.eventsPerSecond / 1e6).toFixed(2)} M events/s in the run, ${d.iops} IOPS, verdict ${d.verdict}`);
}

const wasm = readFileSync(join(process.cwd(), 'build', 'wasm', 'raft.wasm'));
console.log(`\nraft.wasm ${(wasm.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KiB gzipped`);

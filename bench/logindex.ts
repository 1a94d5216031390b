// PolarDB LogIndex benchmarks. Prints figures; never passes or fails on time.
//   node build/cli/bench-logindex.mjs        (after npm run build:wasm && npm run build:cli)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/kernels/logindex/config';
import { runLogIndex } from '../src/kernels/logindex/run';
import type { LogIndexConfig } from '../src/kernels/logindex/types';
import { plainLogIndex } from './logindexPlain';

const wasmPath = fileURLToPath(new URL('../wasm/logindex.wasm', import.meta.url));
const bytes = readFileSync(wasmPath);
const module = new WebAssembly.Module(bytes);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const run = (over: Partial<LogIndexConfig>, seconds: number) => runLogIndex(module, { ...defaultConfig(), ...over }, 1, seconds * 1e9);

console.log('# LogIndex benchmarks');
console.log(`(machine load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}; 2 cores shared)`);
console.log(`logindex.wasm ${bytes.length} B, ${gzipSync(bytes).length} B gzipped`);

console.log('\n## Event rate: 10 s simulated, 15 ROs, lazy (median of 3)');
const rates: number[] = [];
const walls: number[] = [];
let events = 0;
for (let i = 0; i < 3; i++) {
  const r = run({ ro: 15 }, 10);
  rates.push(r.summary.events / r.wallSeconds);
  walls.push(r.wallSeconds);
  events = r.summary.events;
}
console.log(`${events} events in ${median(walls).toFixed(3)} s: ${(median(rates) / 1e6).toFixed(2)} M events/s (checker on)`);

console.log('\n## Event rate in one process: wasm kernel vs plain TypeScript over the same model (15 ROs, 10 s simulated, median of 3)');
const plainRates: number[] = [];
let plainEvents = 0;
for (let i = 0; i < 3; i++) {
  const p = plainLogIndex(15, 10e9);
  plainRates.push(p.events / p.seconds);
  plainEvents = p.events;
}
const wr = median(rates);
const pr = median(plainRates);
console.log(`wasm kernel       ${(wr / 1e6).toFixed(2)} M events/s (${events} events; checker, faults and history machinery in)`);
console.log(`plain TypeScript  ${(pr / 1e6).toFixed(2)} M events/s (${plainEvents} events; steady state only, no checker, no tables)`);
console.log(`ratio             ${(wr / pr).toFixed(2)}x`);

console.log('\n## Lazy vs full, 3 ROs, 2 s simulated, by write scale');
console.log('mode\tscale\ttps\tbytes shipped\tlsn_lag p99 B\ttime_lag p99 us\tvisibility p99 us\tpages replayed\tverdict');
for (const scale of [1, 4, 8, 16]) {
  for (const mode of ['lazy', 'full'] as const) {
    const s = run({ mode, writeTps: defaultConfig().writeTps * scale }, 2).summary;
    console.log([mode, scale, Math.round(s.writes / 2), s.bytesShipped, s.lsnLagP99, (s.timeLagP99Ns / 1e3).toFixed(1),
      (s.visibilityLagP99Ns / 1e3).toFixed(1), s.pagesReplayed, s.verdict].join('\t'));
  }
}

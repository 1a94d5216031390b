// The per-block linearizability checker on a real history. Prints figures; never passes or fails on time.
//   node build/cli/bench-linearizability.mjs [--duration 10] [--iodepth 32] [--read 50]
//   (after npm run build:wasm && npm run build:cli)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/kernels/raft/config';
import { runRaft } from '../src/kernels/raft/run';
import { LinearizabilityChecker } from '../src/kernels/raft/linearizability';
import { drainInFlight } from '../src/kernels/raft/inFlight';
import { formatHistoryLine, HistoryLineReader } from '../src/kernels/raft/historyLines';
import type { HistoryRecord } from '../src/kernels/raft/types';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('duration', 10);
const iodepth = arg('iodepth', 32);
const readPct = arg('read', 50);

const module = new WebAssembly.Module(readFileSync(fileURLToPath(new URL('../wasm/raft.wasm', import.meta.url))));
const config = defaultConfig({ mode: 'parallel', seed: 1, iodepth, readPct });
const ms = (t: number) => `${t.toFixed(0)} ms`;

console.log(`# Linearizability checker: parallel, seed 1, iodepth ${iodepth}, ${readPct}% reads, ${seconds} s simulated`);
console.log(`(machine load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}; 2 cores shared)`);

// The run once with only the history decode, to separate the kernel from the checker.
let t = performance.now();
let decoded = 0;
runRaft(module, { config, durationNs: seconds * 1e9, onHistory: (records) => { decoded += records.length; } });
const runMs = performance.now() - t;

// The same run, checking each chunk as it arrives (what `hlab raft --history` does).
const checker = new LinearizabilityChecker();
const kept: HistoryRecord[] = [];
let addMs = 0;
t = performance.now();
const run = runRaft(module, {
  config, durationNs: seconds * 1e9,
  onHistory: (records) => {
    const s = performance.now();
    for (const r of records) checker.add(r);
    addMs += performance.now() - s;
    for (const r of records) kept.push(r);
  },
});
t = performance.now();
const inFlight = drainInFlight(module, run.kernel, (records) => {
  for (const r of records) {
    checker.add(r);
    kept.push(r);
  }
});
const drainMs = performance.now() - t;
t = performance.now();
const result = checker.finish();
const finishMs = performance.now() - t;

console.log(`records                 ${kept.length} (${inFlight.records} in flight at the end)`);
console.log(`run + history decode    ${ms(runMs)}`);
console.log(`checker add (streamed)  ${ms(addMs)}  (${((addMs * 1e6) / kept.length).toFixed(0)} ns/record)`);
console.log(`in-flight drain (twin)  ${ms(drainMs)}`);
console.log(`checker finish          ${ms(finishMs)}`);
console.log(`verdict                 ${result.ok ? 'linearizable' : 'NOT linearizable'}: ${result.reason}`);

// The file path: JSON Lines in 4 MB chunks through the line reader and a fresh checker.
const chunks: string[] = [];
let chunk: string[] = [];
let size = 0;
for (const r of kept) {
  const line = formatHistoryLine(r);
  chunk.push(line);
  size += line.length + 1;
  if (size > 4 << 20) {
    chunks.push(chunk.join('\n') + '\n');
    chunk = [];
    size = 0;
  }
}
chunks.push(chunk.join('\n') + '\n');
const fromText = new LinearizabilityChecker();
t = performance.now();
const reader = new HistoryLineReader((r) => fromText.add(r), (e) => { throw new Error(`line ${e.line}: ${e.message}`); });
for (const c of chunks) reader.push(c);
reader.end();
const again = fromText.finish();
const textMs = performance.now() - t;
const mb = chunks.reduce((n, c) => n + c.length, 0) / 1e6;
console.log(`JSON Lines parse + check ${ms(textMs)}  (${mb.toFixed(0)} MB, ${again.ok ? 'linearizable' : 'NOT linearizable'})`);

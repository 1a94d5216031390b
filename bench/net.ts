// Network kernel benchmarks. Prints figures; never passes or fails on time.
//   node build/cli/bench-net.mjs        (after npm run build:wasm && npm run build:cli)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { NetKernel } from '../src/kernels/net/kernel';
import { PRESETS } from '../src/kernels/net/presets';
import { runNet } from '../src/kernels/net/run';
import { seeded } from '../src/kernels/net/seeded';
import type { Network } from '../src/kernels/net/types';
import { WORKLOADS } from '../src/kernels/net/workloads';

const wasmPath = fileURLToPath(new URL('../wasm/net.wasm', import.meta.url));
const bytes = readFileSync(wasmPath);
const module = new WebAssembly.Module(bytes);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log('# network kernel benchmarks');
console.log(`(machine load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}; 2 cores shared)`);
console.log(`net.wasm ${bytes.length} B, ${gzipSync(bytes).length} B gzipped`);

console.log('\n## Event rate: link-cut on the alibaba map, 60 s simulated (median of 3)');
console.log('flows\tevents\tstarted\tended\tre-shares\twall s\tevents/s\tre-shares/s');
for (const count of [64, 256, 1024]) {
  const walls: number[] = [];
  let last;
  for (let i = 0; i < 3; i++) {
    const built = WORKLOADS.find((w) => w.name === 'link-cut')!.build(PRESETS.get('alibaba')!, 1, 60e9, count);
    last = runNet(module, built.network, built.faults, 60e9);
    walls.push(last.wallSeconds);
  }
  const w = median(walls);
  const s = last!.summary;
  console.log(`${count}\t${s.events}\t${s.started}\t${s.ended}\t${s.reshares}\t${w.toFixed(3)}\t${Math.round(s.events / w)}\t${Math.round(s.reshares / w)}`);
}

/** A random connected graph: a ring over `nodes`, then random chords up to `links`; flows between random pairs. */
function randomNetwork(nodes: number, links: number, flows: number, seed: number): Network {
  const rand = seeded(seed);
  const names = Array.from({ length: nodes }, (_, i) => `n${i}`);
  const seen = new Set<string>();
  const out: Network['links'] = [];
  const add = (a: number, b: number): void => {
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    out.push({ from: names[a], to: names[b], gbps: 100 + Math.floor(rand() * 900), delayNs: 0, loss: 0 });
  };
  for (let i = 0; i < nodes; i++) add(i, (i + 1) % nodes);
  while (out.length < links) add(Math.floor(rand() * nodes), Math.floor(rand() * nodes));
  return {
    nodes: names, links: out,
    flows: Array.from({ length: flows }, (_, i) => {
      const a = Math.floor(rand() * nodes);
      let b = Math.floor(rand() * nodes);
      if (b === a) b = (a + 1) % nodes;
      return { id: `f${i}`, from: names[a], to: names[b], atNs: 0, bytes: 1e15, windowBytes: 1e15 };
    }),
  };
}

console.log('\n## One max-min re-share (progressive filling), 1,000 zero-delay links over 250 nodes, by concurrent flows (median of 5)');
console.log('(the issue asks for <= 5 ms at 10,000 flows)');
console.log('flows\tms per re-share\tfill rounds per re-share');
for (const flows of [100, 1000, 3000, 10000]) {
  const kernel = new NetKernel(module, randomNetwork(250, 1000, flows, 7));
  kernel.advance(1); // zero-delay links: every flow active at once, after one re-share
  const times: number[] = [];
  const before = kernel.summary().fillRounds;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    kernel.apply({ kind: 'capacity', link: i, share: 0.5 });
    times.push(performance.now() - t0);
  }
  console.log(`${flows}\t${median(times).toFixed(2)}\t${((kernel.summary().fillRounds - before) / 5).toFixed(0)}`);
}

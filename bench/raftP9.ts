// What the live P9 check (liveLinearizability.ts) costs a raft worker, in Node: the same
// RaftSession the worker hosts, driven the way the tab drives it at speed max (advances of
// about one animation frame, a frame read after each), with the check on and off. Prints
// simulated ms per second of this process's CPU time (steadier than wall time on a shared
// machine) for each, and the share the check takes. Figures only.
//   npm run build:wasm && npm run build:cli && node build/cli/bench-raft-p9.mjs [seconds]
// HLAB_BENCH_PROFILE=on (or off) runs only with the check on (or off), once, for node --cpu-prof;
// HLAB_BENCH_MODES=parallel (or raft, or both comma-separated) picks the modes.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/kernels/raft/config';
import type { RaftMode } from '../src/kernels/raft/protocol';
import { RaftSession } from '../src/kernels/raft/session';

const module = new WebAssembly.Module(readFileSync(fileURLToPath(new URL('../wasm/raft.wasm', import.meta.url))));
const SIM_SECONDS = Number(process.argv[2] ?? 3);
/** About one animation frame of worker time per advance, as the tab's speed-max loop asks. */
const CHUNK_MS = 14;
const MS = 1_000_000;
const window = { from: null, count: 96 };

/** The tab's config (uiConfig): messages traced, a sample every simulated millisecond. */
const config = (mode: RaftMode) => defaultConfig({ mode, iodepth: 32, traceMessages: true, sampleNs: MS });

/** CPU seconds this process has used (all its threads, the garbage collector's included). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function simMsPerCpuSecond(mode: RaftMode, p9: boolean): { rate: number; ops: number; kept: number } {
  const session = new RaftSession(module, { now: () => performance.now() }, { liveHistoryCheck: p9 });
  session.start(config(mode));
  const started = cpuSeconds();
  let frame = session.frame(window);
  while (session.current.now < SIM_SECONDS * 1e9) {
    session.advance(SIM_SECONDS * 1e9, CHUNK_MS);
    frame = session.frame(window);
  }
  return { rate: (SIM_SECONDS * 1000) / (cpuSeconds() - started), ops: frame.p9?.ops ?? 0, kept: frame.p9?.kept ?? 0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`# live P9 check cost: RaftSession at iodepth 32, ${SIM_SECONDS} s simulated, advances of ${CHUNK_MS} ms with a frame after each`);
console.log(`(machine load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; 2 cores shared)`);
const profile = process.env.HLAB_BENCH_PROFILE;
const modes = (process.env.HLAB_BENCH_MODES ?? 'raft,parallel').split(',') as RaftMode[];
for (const mode of modes) {
  if (profile === 'on' || profile === 'off') {
    const one = simMsPerCpuSecond(mode, profile === 'on');
    console.log(`${mode}: P9 ${profile}, ${one.rate.toFixed(0)} sim ms per CPU s (${one.ops} ops checked, ${one.kept} clusters kept)`);
    continue;
  }
  const off: number[] = [];
  const on: number[] = [];
  let last = { rate: 0, ops: 0, kept: 0 };
  for (let i = 0; i < 5; i++) {
    off.push(simMsPerCpuSecond(mode, false).rate);
    last = simMsPerCpuSecond(mode, true);
    on.push(last.rate);
  }
  const a = median(off);
  const b = median(on);
  console.log(`${mode.padEnd(8)} without P9 ${a.toFixed(0)} sim ms per CPU s · with P9 ${b.toFixed(0)} sim ms per CPU s · the check takes ${(100 * (1 - b / a)).toFixed(1)} % (median of 5; ${last.ops} ops checked, ${last.kept} clusters kept)`);
}

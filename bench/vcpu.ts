// vCPU kernel benchmarks. Prints figures; never passes or fails on time.
//   node build/cli/bench-vcpu.mjs        (after npm run build:wasm && npm run build:cli)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { profileCosts, vm } from '../src/kernels/vcpu/config';
import { runVcpu } from '../src/kernels/vcpu/run';
import type { VcpuConfig, VmSpec } from '../src/kernels/vcpu/types';
import { plainVcpu, type PlainVm } from './vcpuPlain';

const bytes = readFileSync(fileURLToPath(new URL('../wasm/vcpu.wasm', import.meta.url)));
const module = new WebAssembly.Module(bytes);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const US = 1e3;
const MS = 1e6;

console.log('# vCPU kernel benchmarks');
console.log(`(machine load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; 2 cores shared)`);
console.log(`vcpu.wasm ${bytes.length} B, ${gzipSync(bytes).length} B gzipped`);

/** The same model both loops run: credit1 on kvm, CPU-bound and request/response VMs. */
function model(pcpus: number, sockets: number, cores: number, vms: PlainVm[]): VcpuConfig {
  const specs: VmSpec[] = vms.map((v, i) => vm({ name: `vm${i}`, vcpus: v.vcpus, weight: v.weight, workload: v.latency ? 'latency' : 'cpu', periodNs: v.periodNs, runNs: v.runNs }));
  void pcpus;
  return { host: { sockets, coresPerSocket: cores, smt: 2 }, vms: specs, sched: 'credit', profile: 'kvm', mitigations: [], linux615: false, broken: [], costs: { ...profileCosts('kvm'), haltPollNs: 0, exitNs: 0, coldNs: 0 } };
}

function compare(title: string, pcpus: number, sockets: number, cores: number, vms: PlainVm[], seconds: number): void {
  console.log(`\n## ${title}: ${pcpus} hyperthreads, ${vms.reduce((n, v) => n + v.vcpus, 0)} vCPUs in ${vms.length} VMs, ${seconds} s simulated (median of 5, after a warm-up)`);
  const config = model(pcpus, sockets, cores, vms);
  // One warm-up run of each first, so neither loop is measured while the JIT still compiles it.
  runVcpu(module, config, 1, seconds * 1e8);
  plainVcpu(pcpus, vms, seconds * 1e8);
  const rates: number[] = [];
  const walls: number[] = [];
  let events = 0;
  for (let i = 0; i < 5; i++) {
    const r = runVcpu(module, config, 1, seconds * 1e9);
    rates.push(r.summary.events / r.wallSeconds);
    walls.push(r.wallSeconds);
    events = r.summary.events;
  }
  const plain: number[] = [];
  let plainEvents = 0;
  for (let i = 0; i < 5; i++) {
    const p = plainVcpu(pcpus, vms, seconds * 1e9);
    plain.push(p.events / p.seconds);
    plainEvents = p.events;
  }
  const wr = median(rates);
  const pr = median(plain);
  console.log(`wasm kernel       ${(wr / 1e6).toFixed(2)} M events/s (${events} events in ${median(walls).toFixed(3)} s; checker and metrics on)`);
  console.log(`plain TypeScript  ${(pr / 1e6).toFixed(2)} M events/s (${plainEvents} events; the credit1 loop only, no checker, no metrics)`);
  console.log(`ratio             ${(wr / pr).toFixed(2)}x`);
}

const mixed = (n: number): PlainVm[] => Array.from({ length: n }, (_, i) => i % 2 === 0
  ? { vcpus: 4, weight: 256, latency: true, periodNs: 1 * MS, runNs: 100 * US }
  : { vcpus: 4, weight: 256, latency: false, periodNs: 1 * MS, runNs: 100 * US });
compare('Small host', 8, 1, 4, mixed(3), 10);
compare('The issue\'s host: 2 sockets, 64 threads, 16 VMs', 64, 2, 16, mixed(16), 1);

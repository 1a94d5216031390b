// One headless run: the config, the seed and a fault schedule applied at its times.
import { VcpuKernel, type TraceRecord, type VcpuSummary } from './kernel';
import type { SimNs, StampedVcpuCommand, VcpuConfig } from './types';

export interface RunResult {
  summary: VcpuSummary;
  stateHash(): string;
  wallSeconds: number;
  /** Commands the kernel refused at their time (e.g. offlining the last online pCPU). */
  refused: StampedVcpuCommand[];
}

export function runVcpu(module: WebAssembly.Module, config: VcpuConfig, seed: number, durationNs: SimNs,
  schedule: readonly StampedVcpuCommand[] = [], trace?: (r: TraceRecord) => void): RunResult {
  const started = performance.now();
  const kernel = new VcpuKernel(module, config, seed, trace);
  const refused: StampedVcpuCommand[] = [];
  for (const step of [...schedule].sort((a, b) => a.at - b.at)) {
    if (step.at > durationNs) break;
    kernel.advance(step.at);
    if (!kernel.apply(step.command)) refused.push(step);
  }
  kernel.advance(durationNs);
  const summary = kernel.summary();
  const wallSeconds = (performance.now() - started) / 1000;
  let hash: string | undefined;
  return { summary, stateHash: () => (hash ??= kernel.stateHash()), wallSeconds, refused };
}

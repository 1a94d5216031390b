// One headless run: the config, the seed and a fault schedule applied at its times.
import { LogIndexKernel, type HistoryRecord } from './kernel';
import type { LogIndexConfig, LogIndexSummary, SimNs, StampedLogIndexCommand } from './types';

export interface RunResult {
  summary: LogIndexSummary;
  /** FNV-1a 64 of the kernel state; computed on demand (it reads all of linear memory). */
  stateHash(): string;
  /** Wall time the simulation took, hashing left out. */
  wallSeconds: number;
  /** Commands the kernel refused at their time (e.g. restarting a node that is up). */
  refused: StampedLogIndexCommand[];
}

export function runLogIndex(module: WebAssembly.Module, config: LogIndexConfig, seed: number, durationNs: SimNs,
  schedule: readonly StampedLogIndexCommand[] = [], history?: (r: HistoryRecord) => void): RunResult {
  const started = performance.now();
  const kernel = new LogIndexKernel(module, config, seed, history);
  const refused: StampedLogIndexCommand[] = [];
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

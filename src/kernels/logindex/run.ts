// One headless run: the config, the seed and a fault schedule applied at its times.
import { LogIndexKernel } from './kernel';
import type { LogIndexConfig, LogIndexSummary, SimNs, StampedLogIndexCommand } from './types';

export interface RunResult {
  summary: LogIndexSummary;
  stateHash: string;
  /** Commands the kernel refused at their time (e.g. restarting a node that is up). */
  refused: StampedLogIndexCommand[];
}

export function runLogIndex(module: WebAssembly.Module, config: LogIndexConfig, seed: number, durationNs: SimNs,
  schedule: readonly StampedLogIndexCommand[] = []): RunResult {
  const kernel = new LogIndexKernel(module, config, seed);
  const refused: StampedLogIndexCommand[] = [];
  for (const step of [...schedule].sort((a, b) => a.at - b.at)) {
    if (step.at > durationNs) break;
    kernel.advance(step.at);
    if (!kernel.apply(step.command)) refused.push(step);
  }
  kernel.advance(durationNs);
  return { summary: kernel.summary(), stateHash: kernel.stateHash(), refused };
}

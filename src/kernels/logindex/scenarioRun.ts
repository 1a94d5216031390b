// Runs one named scenario (scenarios.ts): its config, seed, schedule and duration, with the
// seed, the duration or broken options changed when asked.
import type { HistoryRecord } from './kernel';
import type { BrokenOption } from './protocol';
import { runLogIndex, type RunResult } from './run';
import { scenarioConfig, type LogIndexScenario } from './scenarios';
import { parseSchedule } from './schedule';
import type { SimNs } from './types';

export interface ScenarioOverrides {
  broken?: readonly BrokenOption[];
  seed?: number;
  durationNs?: SimNs;
}

export function runScenario(module: WebAssembly.Module, s: LogIndexScenario, over: ScenarioOverrides = {},
  history?: (r: HistoryRecord) => void): RunResult {
  const schedule = parseSchedule(s.faults, `scenario ${s.name}`);
  return runLogIndex(module, scenarioConfig(s, over.broken), over.seed ?? s.seed, over.durationNs ?? s.durationNs, schedule, history);
}

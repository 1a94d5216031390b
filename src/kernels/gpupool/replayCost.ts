// What replaying a GPU-pool run costs: every pod up to the run's step is scheduled again, and
// a policy scores every node for each one, so the work is pods times nodes.
import type { ReplayAsk } from '../replayBudget';

/**
 * Pods times nodes that open without asking: the default run (11,450 pods on 1,213 nodes) is
 * a seventh of it; it takes about a second on a laptop's core (`hlab gpupool` does 85 M/s).
 */
export const GPUPOOL_REPLAY_BUDGET = 100_000_000;

/** The pods a replay schedules: up to the furthest of its step and its commands' steps. */
export function podsToReplay(step: number, commandSteps: readonly number[], pods: number): number {
  let furthest = step;
  for (const at of commandSteps) if (at > furthest) furthest = at;
  return Math.min(pods, furthest);
}

export function gpupoolReplayAsk(pods: number, nodes: number): ReplayAsk {
  return { work: pods * nodes, budget: GPUPOOL_REPLAY_BUDGET };
}

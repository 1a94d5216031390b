// A session's replay done from the host in chunks, one worker call each, for every kernel
// whose runs are stamped with simulated ns: start, then each command at its time (none after
// the run stopped), then the time to show. Between two chunks a progress report; a throw from
// it (a cancel) stops the replay there, so the worker is never left inside a long call.
import type { SimNs } from './raft/types';

/** What a kernel's status must say for a replay to follow it. */
export interface ReplayStatus {
  now: SimNs;
  stopped: boolean;
}

/** The calls a replay makes, with the run's own start already bound. */
export interface ChunkedReplaySteps<S extends ReplayStatus, C> {
  start(): Promise<S>;
  advance(toNs: SimNs, budgetMs: number): Promise<S>;
  apply(command: C): Promise<S>;
  seek(ns: SimNs): Promise<S>;
}

/** Wall time per chunk: short enough for a cancel or a typed command to get in quickly. */
export const REPLAY_CHUNK_MS = 200;

export async function replayStampedInChunks<S extends ReplayStatus, C>(
  steps: ChunkedReplaySteps<S, C>, commands: readonly { at: SimNs; command: C }[], toNs: SimNs,
  progress: (ns: SimNs) => void, chunkMs = REPLAY_CHUNK_MS,
): Promise<S> {
  let status = await steps.start();
  const runTo = async (ns: SimNs): Promise<void> => {
    while (status.now < ns && !status.stopped) {
      const before = status.now;
      status = await steps.advance(ns, chunkMs);
      progress(status.now);
      if (status.now === before) break;
    }
  };
  for (const stamped of commands) {
    await runTo(stamped.at);
    if (status.stopped) break;
    status = await steps.apply(stamped.command);
  }
  if (!status.stopped) await runTo(toNs);
  return steps.seek(toNs);
}

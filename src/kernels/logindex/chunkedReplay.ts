// LogIndexSession.replay done from the host in chunks, one worker call each: the same run bit
// for bit (chunkedReplay.test.ts), with a progress report between two chunks. A throw from
// `progress` (a cancel) stops the replay there; the worker is never left inside a long call.
import type { LogIndexStatus } from './api';
import type { LogIndexCommand, LogIndexConfig, SimNs, StampedLogIndexCommand } from './types';

/** What the replay calls: the LogIndex client in the page, a session in tests. */
export interface ChunkedLogIndexTarget {
  start(config: LogIndexConfig, schedule: StampedLogIndexCommand[], seed: number): Promise<LogIndexStatus>;
  advance(toNs: SimNs, budgetMs: number): Promise<LogIndexStatus>;
  apply(command: LogIndexCommand): Promise<{ status: LogIndexStatus; applied: boolean }>;
  seek(ns: SimNs): Promise<LogIndexStatus>;
}

/** Wall time per chunk: short enough for a cancel or a typed command to get in quickly. */
export const REPLAY_CHUNK_MS = 200;

export async function replayInChunks(
  target: ChunkedLogIndexTarget, config: LogIndexConfig, schedule: StampedLogIndexCommand[], commands: StampedLogIndexCommand[],
  toNs: SimNs, seed: number, progress: (ns: SimNs) => void, chunkMs = REPLAY_CHUNK_MS,
): Promise<LogIndexStatus> {
  let status = await target.start(config, schedule, seed);
  const runTo = async (ns: SimNs): Promise<void> => {
    while (status.now < ns && !status.stopped) {
      const before = status.now;
      status = await target.advance(ns, chunkMs);
      progress(status.now);
      if (status.now === before) break;
    }
  };
  // As LogIndexSession.replay: each command at its time; none after the run stopped.
  for (const stamped of commands) {
    await runTo(stamped.at);
    if (status.stopped) break;
    status = (await target.apply(stamped.command)).status;
  }
  if (!status.stopped) await runTo(toNs);
  return target.seek(toNs);
}

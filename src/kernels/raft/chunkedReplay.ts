// RaftSession.replay done from the host in chunks, one worker call each: the same run bit for
// bit (replay.test.ts), with a progress report between two chunks. A throw from `progress` (a
// cancel) stops the replay there; the worker is never left inside a long call.
import type { RaftStatus } from './api';
import type { RaftCommand, RaftConfig, SimNs, StampedRaftCommand } from './types';

/** What the replay calls: the raft client in the page, a session in tests. */
export interface ChunkedRaftTarget {
  start(config: RaftConfig, schedule: StampedRaftCommand[], liveCheck: boolean): Promise<RaftStatus>;
  advance(toNs: SimNs, budgetMs: number): Promise<RaftStatus>;
  apply(command: RaftCommand): Promise<RaftStatus>;
  seek(ns: SimNs): Promise<RaftStatus>;
}

/** Wall time per chunk: short enough for a cancel or a typed command to get in quickly. */
export const REPLAY_CHUNK_MS = 200;

export async function replayInChunks(
  target: ChunkedRaftTarget, config: RaftConfig, schedule: StampedRaftCommand[], commands: StampedRaftCommand[],
  toNs: SimNs, liveCheck: boolean, progress: (ns: SimNs) => void, chunkMs = REPLAY_CHUNK_MS,
): Promise<RaftStatus> {
  let status = await target.start(config, schedule, liveCheck);
  const runTo = async (ns: SimNs): Promise<void> => {
    while (status.now < ns && !status.stopped) {
      const before = status.now;
      status = await target.advance(ns, chunkMs);
      progress(status.now);
      if (status.now === before) break;
    }
  };
  // As RaftSession.replay: each command at its time; none after the run stopped.
  for (const stamped of commands) {
    await runTo(stamped.at);
    if (status.stopped) break;
    status = await target.apply(stamped.command);
  }
  if (!status.stopped) await runTo(toNs);
  return target.seek(toNs);
}

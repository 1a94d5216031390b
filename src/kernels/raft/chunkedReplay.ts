// RaftSession.replay done from the host in chunks, one worker call each: the same run bit for
// bit (replay.test.ts), with a progress report between two chunks (src/kernels/chunkedReplay.ts).
import type { RaftStatus } from './api';
import type { RaftCommand, RaftConfig, SimNs, StampedRaftCommand } from './types';
import { REPLAY_CHUNK_MS, replayStampedInChunks } from '../chunkedReplay';

export { REPLAY_CHUNK_MS };

/** What the replay calls: the raft client in the page, a session in tests. */
export interface ChunkedRaftTarget {
  start(config: RaftConfig, schedule: StampedRaftCommand[], liveCheck: boolean): Promise<RaftStatus>;
  advance(toNs: SimNs, budgetMs: number): Promise<RaftStatus>;
  apply(command: RaftCommand): Promise<RaftStatus>;
  seek(ns: SimNs): Promise<RaftStatus>;
}

export function replayInChunks(
  target: ChunkedRaftTarget, config: RaftConfig, schedule: StampedRaftCommand[], commands: StampedRaftCommand[],
  toNs: SimNs, liveCheck: boolean, progress: (ns: SimNs) => void, chunkMs = REPLAY_CHUNK_MS,
): Promise<RaftStatus> {
  return replayStampedInChunks({
    start: () => target.start(config, schedule, liveCheck),
    advance: (ns, budgetMs) => target.advance(ns, budgetMs),
    apply: (command) => target.apply(command),
    seek: (ns) => target.seek(ns),
  }, commands, toNs, progress, chunkMs);
}

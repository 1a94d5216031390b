// LogIndexSession.replay done from the host in chunks, one worker call each: the same run bit
// for bit (replay.test.ts), with a progress report between two chunks (src/kernels/chunkedReplay.ts).
import type { LogIndexStatus } from './api';
import type { LogIndexCommand, LogIndexConfig, SimNs, StampedLogIndexCommand } from './types';
import { REPLAY_CHUNK_MS, replayStampedInChunks } from '../chunkedReplay';

export { REPLAY_CHUNK_MS };

/** What the replay calls: the LogIndex client in the page, a session in tests. */
export interface ChunkedLogIndexTarget {
  start(config: LogIndexConfig, schedule: StampedLogIndexCommand[], seed: number): Promise<LogIndexStatus>;
  advance(toNs: SimNs, budgetMs: number): Promise<LogIndexStatus>;
  apply(command: LogIndexCommand): Promise<{ status: LogIndexStatus; applied: boolean }>;
  seek(ns: SimNs): Promise<LogIndexStatus>;
}

export function replayInChunks(
  target: ChunkedLogIndexTarget, config: LogIndexConfig, schedule: StampedLogIndexCommand[], commands: StampedLogIndexCommand[],
  toNs: SimNs, seed: number, progress: (ns: SimNs) => void, chunkMs = REPLAY_CHUNK_MS,
): Promise<LogIndexStatus> {
  return replayStampedInChunks({
    start: () => target.start(config, schedule, seed),
    advance: (ns, budgetMs) => target.advance(ns, budgetMs),
    // As LogIndexSession.replay: a refused command changes nothing, the replay goes on.
    apply: async (command) => (await target.apply(command)).status,
    seek: (ns) => target.seek(ns),
  }, commands, toNs, progress, chunkMs);
}

// VcpuSession.replay done from the host in chunks, one worker call each: the same run bit
// for bit (replay.test.ts), with a progress report between two chunks (src/kernels/chunkedReplay.ts).
import type { VcpuStatus } from './api';
import type { VcpuCommand, VcpuConfig, SimNs, StampedVcpuCommand } from './types';
import { REPLAY_CHUNK_MS, replayStampedInChunks } from '../chunkedReplay';

export { REPLAY_CHUNK_MS };

/** What the replay calls: the vCPU client in the page, a session in tests. */
export interface ChunkedVcpuTarget {
  start(config: VcpuConfig, schedule: StampedVcpuCommand[], seed: number): Promise<VcpuStatus>;
  advance(toNs: SimNs, budgetMs: number): Promise<VcpuStatus>;
  apply(command: VcpuCommand): Promise<{ status: VcpuStatus; applied: boolean }>;
  seek(ns: SimNs): Promise<VcpuStatus>;
}

export function replayInChunks(
  target: ChunkedVcpuTarget, config: VcpuConfig, schedule: StampedVcpuCommand[], commands: StampedVcpuCommand[],
  toNs: SimNs, seed: number, progress: (ns: SimNs) => void, chunkMs = REPLAY_CHUNK_MS,
): Promise<VcpuStatus> {
  return replayStampedInChunks({
    start: () => target.start(config, schedule, seed),
    advance: (ns, budgetMs) => target.advance(ns, budgetMs),
    // As VcpuSession.replay: a refused command changes nothing, the replay goes on.
    apply: async (command) => (await target.apply(command)).status,
    seek: (ns) => target.seek(ns),
  }, commands, toNs, progress, chunkMs);
}

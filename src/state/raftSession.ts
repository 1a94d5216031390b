// The ParallelRaft tab's saved session: its run (as a link carries it) and whether the tab
// was in front, so a reload lands where the person was. Same storage rules as the GPU
// pool's (session.ts): unreadable data is reported, kept aside, never thrown.
import { raftFromCompact, raftToCompact } from './raftRunDescription';
import type { CompactRaftRun, RaftRunDescription } from './raftRunDescription';
import { restoreJson, saveJson } from './session';
import type { Restored, SaveResult, SessionStorageLike } from './session';
import { checkFields, flag, isRecord } from './fieldChecks';

export const RAFT_SESSION_KEY = 'hyperscale-lab:raft-session';

export interface RaftSessionState {
  run: RaftRunDescription;
  /** The raft tab was the one in front. */
  open: boolean;
}

interface SavedRaftSession {
  open: boolean;
  run: CompactRaftRun;
}

export function saveRaftSession(storage: SessionStorageLike, state: RaftSessionState): SaveResult {
  const saved: SavedRaftSession = { open: state.open, run: raftToCompact(state.run) };
  return saveJson(storage, RAFT_SESSION_KEY, saved, 'raft progress');
}

export function restoreRaftSession(storage: SessionStorageLike): Restored<RaftSessionState> {
  return restoreJson(storage, RAFT_SESSION_KEY, 'raft progress', (value) => {
    if (!isRecord(value)) return { ok: false, reason: 'the data is not a saved raft session (expected an object)' };
    const open = checkFields(() => flag(value.open, 'open'));
    if (!open.ok) return open;
    if (value.run === undefined) return { ok: false, reason: 'field run is missing' };
    const run = raftFromCompact(value.run);
    return run.ok ? { ok: true, value: { run: run.run, open: open.value } } : { ok: false, reason: run.reason.replace(/^field /, 'field run.') };
  });
}

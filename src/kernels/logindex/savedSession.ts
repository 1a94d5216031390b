// The LogIndex tab's saved session: its run (as a link carries it) and whether the tab was in
// front, so a reload lands where the person was. Same storage rules as the other tabs'
// (src/state/session.ts): unreadable data is reported, kept aside, never thrown.
import { checkFields, flag, isRecord, onlyKeys } from '../../state/fieldChecks';
import { restoreJson, saveJson } from '../../state/session';
import type { Restored, SaveResult, SessionStorageLike } from '../../state/session';
import { logIndexFromCompact, logIndexToCompact } from './runDescription';
import type { CompactLogIndexRun, LogIndexRunDescription } from './runDescription';

export const LOGINDEX_SESSION_KEY = 'hyperscale-lab:logindex-session';

export interface LogIndexSessionState {
  run: LogIndexRunDescription;
  /** The LogIndex tab was the one in front. */
  open: boolean;
}

interface SavedLogIndexSession {
  open: boolean;
  run: CompactLogIndexRun;
}

export function saveLogIndexSession(storage: SessionStorageLike, state: LogIndexSessionState): SaveResult {
  const saved: SavedLogIndexSession = { open: state.open, run: logIndexToCompact(state.run) };
  return saveJson(storage, LOGINDEX_SESSION_KEY, saved, 'logindex progress');
}

export function restoreLogIndexSession(storage: SessionStorageLike): Restored<LogIndexSessionState> {
  return restoreJson(storage, LOGINDEX_SESSION_KEY, 'logindex progress', (value) => {
    if (!isRecord(value)) return { ok: false, reason: 'the data is not a saved logindex session (expected an object)' };
    const open = checkFields(() => {
      onlyKeys(value, '', ['open', 'run']);
      return flag(value.open, 'open');
    });
    if (!open.ok) return open;
    if (value.run === undefined) return { ok: false, reason: 'field run is missing' };
    const run = logIndexFromCompact(value.run);
    return run.ok ? { ok: true, value: { run: run.value, open: open.value } } : { ok: false, reason: run.reason.replace(/^field /, 'field run.') };
  });
}

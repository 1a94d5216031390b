// Saves the current run description on every change so a reload picks up where the user
// was. Saved data is untrusted (another version of the app, a manual edit, a full disk):
// anything unreadable is reported and skipped, never thrown, and kept aside rather than
// overwritten so nothing is lost.
import { fromCompact, toCompact } from './runDescription';
import type { RunDescription } from './runDescription';

/** The part of the Web Storage API used; the UI passes `localStorage`. */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export const SESSION_KEY = 'hyperscale-lab:session';
/** Where unreadable saved data is moved, for a person (or a later version) to recover. */
export const DAMAGED_SESSION_KEY = `${SESSION_KEY}:damaged`;

export type SaveResult = { ok: true } | { ok: false; reason: string };

export function saveSession(storage: SessionStorageLike, run: RunDescription): SaveResult {
  try {
    storage.setItem(SESSION_KEY, JSON.stringify(toCompact(run)));
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `progress could not be saved for reload: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface RestoredSession {
  /** The saved run, or null when there is none or it could not be used. */
  run: RunDescription | null;
  /** Why saved data was ignored; null when there was nothing wrong. */
  problem: string | null;
}

export function restoreSession(storage: SessionStorageLike): RestoredSession {
  let raw: string | null;
  try {
    raw = storage.getItem(SESSION_KEY);
  } catch (error) {
    return { run: null, problem: `saved progress could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (raw === null) return { run: null, problem: null };
  let reason: string;
  try {
    const checked = fromCompact(JSON.parse(raw));
    if (checked.ok) return { run: checked.run, problem: null };
    reason = checked.reason;
  } catch (error) {
    reason = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  let keptAside = true;
  try {
    storage.setItem(DAMAGED_SESSION_KEY, raw);
  } catch {
    keptAside = false;
  }
  const where = keptAside ? `; a copy was kept under "${DAMAGED_SESSION_KEY}"` : '';
  return { run: null, problem: `saved progress was ignored: ${reason}${where}` };
}

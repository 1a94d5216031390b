// Saves the current run description on every change so a reload picks up where the user
// was. Saved data is untrusted (another version of the app, a manual edit, a full disk):
// anything unreadable is reported and skipped, never thrown, and kept aside rather than
// overwritten so nothing is lost. The GPU pool's run lives under SESSION_KEY; other tabs
// (raftSession.ts) keep theirs under their own key through the same two helpers.
import { fromCompact, toCompact } from './runDescription';
import type { RunDescription } from './runDescription';

/** The part of the Web Storage API used; the UI passes `localStorage`. */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** The page's localStorage, or null where there is none or the browser refuses it (private mode, Node). */
export function browserStorage(): SessionStorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const SESSION_KEY = 'hyperscale-lab:session';
/** Where unreadable saved data is moved, for a person (or a later version) to recover. */
export const DAMAGED_SESSION_KEY = `${SESSION_KEY}:damaged`;

export type SaveResult = { ok: true } | { ok: false; reason: string };

/** Writes `value` as JSON under `key`; `what` names it in the message ("progress"). */
export function saveJson(storage: SessionStorageLike, key: string, value: unknown, what: string): SaveResult {
  try {
    storage.setItem(key, JSON.stringify(value));
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `${what} could not be saved for reload: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface Restored<T> {
  /** The saved value, or null when there is none or it could not be used. */
  value: T | null;
  /** Why saved data was ignored; null when there was nothing wrong. */
  problem: string | null;
}

/**
 * Reads the JSON under `key` and checks it; unreadable data is reported with the check's
 * reason and copied to `<key>:damaged`.
 */
export function restoreJson<T>(
  storage: SessionStorageLike,
  key: string,
  what: string,
  check: (value: unknown) => { ok: true; value: T } | { ok: false; reason: string },
): Restored<T> {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch (error) {
    return { value: null, problem: `saved ${what} could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (raw === null) return { value: null, problem: null };
  let reason: string;
  try {
    const checked = check(JSON.parse(raw));
    if (checked.ok) return { value: checked.value, problem: null };
    reason = checked.reason;
  } catch (error) {
    reason = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const damagedKey = `${key}:damaged`;
  let keptAside = true;
  try {
    storage.setItem(damagedKey, raw);
  } catch {
    keptAside = false;
  }
  const where = keptAside ? `; a copy was kept under "${damagedKey}"` : '';
  return { value: null, problem: `saved ${what} was ignored: ${reason}${where}` };
}

export function saveSession(storage: SessionStorageLike, run: RunDescription): SaveResult {
  return saveJson(storage, SESSION_KEY, toCompact(run), 'progress');
}

export interface RestoredSession {
  /** The saved run, or null when there is none or it could not be used. */
  run: RunDescription | null;
  /** Why saved data was ignored; null when there was nothing wrong. */
  problem: string | null;
}

export function restoreSession(storage: SessionStorageLike): RestoredSession {
  const restored = restoreJson(storage, SESSION_KEY, 'progress', (value) => {
    const checked = fromCompact(value);
    return checked.ok ? { ok: true, value: checked.run } : checked;
  });
  return { run: restored.value, problem: restored.problem };
}

/**
 * Copies the saved run to DAMAGED_SESSION_KEY before something else is saved over it (it
 * reads, but cannot be replayed). The key it went to, or null when it could not be copied.
 */
export function keepSessionAside(storage: SessionStorageLike): string | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (raw === null) return null;
    storage.setItem(DAMAGED_SESSION_KEY, raw);
    return DAMAGED_SESSION_KEY;
  } catch {
    return null;
  }
}

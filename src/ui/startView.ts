// Which view the page opens on. A link opens its own tab; a returning user lands where they
// left (the view is remembered); someone who ran the GPU pool before views were remembered
// lands on it; everyone else, a newcomer, sees the home first.
import { SESSION_KEY, type SessionStorageLike } from '../state/session';

export type View = 'home' | 'gpu' | 'raft';

export const VIEW_KEY = 'hyperscale-lab:view';

const VIEWS: readonly View[] = ['home', 'gpu', 'raft'];

function read(storage: SessionStorageLike | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function startView(hash: string, storage: SessionStorageLike | null): View {
  if (hash.startsWith('#raft=')) return 'raft';
  // A GPU link, or a lab link (the lab picks its own tab when it opens).
  if (hash.startsWith('#run=') || hash.startsWith('#lab=')) return 'gpu';
  const remembered = read(storage, VIEW_KEY);
  if (remembered !== null && (VIEWS as readonly string[]).includes(remembered)) return remembered as View;
  return read(storage, SESSION_KEY) !== null ? 'gpu' : 'home';
}

/** Remembers the view in front; a full or blocked storage only loses the memory. */
export function rememberView(storage: SessionStorageLike | null, view: View): void {
  try {
    storage?.setItem(VIEW_KEY, view);
  } catch {
    // Nothing to do: the next visit opens on the home or the saved run instead.
  }
}

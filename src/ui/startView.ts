// Which view the page opens on. A link opens its own tab; a returning user lands where they
// left (the view is remembered); someone who ran the GPU pool before views were remembered
// lands on it; everyone else, a newcomer, sees the home first.
import { CATALOG, DEFAULT_KERNEL, type KernelId } from '../kernels/catalog';
import { SESSION_KEY, type SessionStorageLike } from '../state/session';

export type View = 'home' | KernelId;

export const VIEW_KEY = 'hyperscale-lab:view';

/** What earlier versions remembered, read as today's view. */
const LEGACY_VIEWS: Readonly<Record<string, View>> = { gpu: 'gpupool' };

function read(storage: SessionStorageLike | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function knownView(value: string | null): View | null {
  if (value === null) return null;
  if (value === 'home') return 'home';
  return CATALOG.find((k) => k.id === value)?.id ?? LEGACY_VIEWS[value] ?? null;
}

export function startView(hash: string, storage: SessionStorageLike | null): View {
  const linked = CATALOG.find((k) => hash.startsWith(k.linkPrefix));
  if (linked !== undefined) return linked.id;
  // A lab link opens on the default tab; the lab picks its own tab when it opens.
  if (hash.startsWith('#lab=')) return DEFAULT_KERNEL;
  const remembered = knownView(read(storage, VIEW_KEY));
  if (remembered !== null) return remembered;
  return read(storage, SESSION_KEY) !== null ? DEFAULT_KERNEL : 'home';
}

/** Remembers the view in front; a full or blocked storage only loses the memory. */
export function rememberView(storage: SessionStorageLike | null, view: View): void {
  try {
    storage?.setItem(VIEW_KEY, view);
  } catch {
    // Nothing to do: the next visit opens on the home or the saved run instead.
  }
}

// Page start for a kernel tab, loaded behind import(): a link of the tab's kind in the address
// opens its run on the tab; otherwise the tab's saved session comes back (rebuilt at once when
// the tab was in front, else when it is first used). A bad link is explained and changes
// nothing. Each tab's startup module binds this to its own link and session readers.
import type { Restored, SessionStorageLike } from '../state/session';
import { browserStorage } from '../state/session';

type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;

export interface StartupTab<Run> {
  openRun(run: Run, from: 'link' | 'session'): Promise<boolean>;
  restoreLater(run: Run): void;
}

export interface StartupKind<Run> {
  isFragment(fragment: string): boolean;
  decode(fragment: string): Promise<{ ok: true; run: Run } | { ok: false; reason: string }>;
  restore(storage: SessionStorageLike): Restored<{ run: Run; open: boolean }>;
  /** The sentence for a link that cannot be opened (the tab's messages, loaded first). */
  badLink(reason: string): Promise<string>;
}

/** Opens the link in `fragment`, if it is of this kind; on a bad link the reason is shown and the current run stays. */
export async function openKernelAddress<Run>(kind: StartupKind<Run>, tab: StartupTab<Run>, notify: Notify, fragment: string): Promise<boolean> {
  if (!kind.isFragment(fragment)) return false;
  const decoded = await kind.decode(fragment);
  if (!decoded.ok) {
    notify('error', await kind.badLink(decoded.reason));
    return false;
  }
  // From here the saved session carries the run on: a reload continues it.
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return tab.openRun(decoded.run, 'link');
}

export async function restoreSavedKernelRun<Run>(kind: StartupKind<Run>, tab: StartupTab<Run>, notify: Notify): Promise<void> {
  const storage = browserStorage();
  if (storage === null) return;
  const saved = kind.restore(storage);
  if (saved.problem !== null) notify('warning', saved.problem);
  if (saved.value === null) return;
  if (saved.value.open) await tab.openRun(saved.value.run, 'session');
  else tab.restoreLater(saved.value.run);
}

/** At page start: the tab's link in the address, else its saved run. */
export async function startKernelTab<Run>(kind: StartupKind<Run>, tab: StartupTab<Run>, notify: Notify, hash: string): Promise<void> {
  if (await openKernelAddress(kind, tab, notify, hash)) return;
  await restoreSavedKernelRun(kind, tab, notify);
}

// Page start for the LogIndex tab, loaded behind import(): a `#logindex=` address opens its run
// on the tab; otherwise the saved LogIndex session comes back (rebuilt at once when the tab was
// in front, else when it is first used). A bad link is explained and changes nothing.
import { decodeLogIndexShareFragment, isLogIndexShareFragment } from '../../kernels/logindex/link';
import { restoreLogIndexSession } from '../../kernels/logindex/savedSession';
import { browserStorage } from '../../state/session';
import type { LogIndexTab } from './logindexTab.svelte';
import { logindexMessagesReady, t } from './messages';

type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;

/** Opens the LogIndex link in `fragment`, if it is one; on a bad link the reason is shown and the current run stays. */
export async function openLogIndexAddress(tab: LogIndexTab, notify: Notify, fragment: string): Promise<boolean> {
  if (!isLogIndexShareFragment(fragment)) return false;
  const decoded = await decodeLogIndexShareFragment(fragment);
  if (!decoded.ok) {
    await logindexMessagesReady;
    notify('error', t('logindex.badLink', { reason: decoded.reason }));
    return false;
  }
  // From here the saved session carries the run on: a reload continues it.
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return tab.openRun(decoded.run, 'link');
}

export async function restoreSavedLogIndex(tab: LogIndexTab, notify: Notify): Promise<void> {
  const storage = browserStorage();
  if (storage === null) return;
  const saved = restoreLogIndexSession(storage);
  if (saved.problem !== null) notify('warning', saved.problem);
  if (saved.value === null) return;
  if (saved.value.open) await tab.openRun(saved.value.run, 'session');
  else tab.restoreLater(saved.value.run);
}

/** At page start: the LogIndex link in the address, else the saved LogIndex run. */
export async function startLogIndex(tab: LogIndexTab, notify: Notify, hash: string): Promise<void> {
  if (await openLogIndexAddress(tab, notify, hash)) return;
  await restoreSavedLogIndex(tab, notify);
}

// Page start for the raft tab, loaded behind import() by main.ts: a `#raft=` address opens
// its run on the raft tab; otherwise the saved raft session comes back (rebuilt at once when
// the tab was in front, else when the tab is first used). A bad link is explained and changes
// nothing: the saved raft run, if any, comes back as if the link had not been there.
import { t } from '../../i18n';
import { decodeRaftShareFragment, isRaftShareFragment } from '../../state/raftShareLink';
import { restoreRaftSession } from '../../state/raftSession';
import { browserStorage } from '../../state/session';
import type { RaftTab } from './raftTab.svelte';

type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;

/**
 * Opens the raft link in `fragment`, if it is one. True when a run was opened; on a bad
 * link the reason is shown and the current run stays.
 */
export async function openRaftAddress(tab: RaftTab, notify: Notify, fragment: string): Promise<boolean> {
  if (!isRaftShareFragment(fragment)) return false;
  const decoded = await decodeRaftShareFragment(fragment);
  if (!decoded.ok) {
    notify('error', t('raft.badLink', { reason: decoded.reason }));
    return false;
  }
  // From here the saved session carries the run on: a reload continues the person's work
  // instead of starting the link over.
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return tab.openRun(decoded.run, 'link');
}

/** Brings back the saved raft run; a damaged one is reported and kept aside. */
export async function restoreSavedRaft(tab: RaftTab, notify: Notify): Promise<void> {
  const storage = browserStorage();
  if (storage === null) return;
  const saved = restoreRaftSession(storage);
  if (saved.problem !== null) notify('warning', saved.problem);
  if (saved.value === null) return;
  if (saved.value.open) await tab.openRun(saved.value.run, 'session');
  else tab.restoreLater(saved.value.run);
}

/** At page start: the raft link in the address, else the saved raft run. */
export async function startRaft(tab: RaftTab, notify: Notify, hash: string): Promise<void> {
  if (await openRaftAddress(tab, notify, hash)) return;
  await restoreSavedRaft(tab, notify);
}

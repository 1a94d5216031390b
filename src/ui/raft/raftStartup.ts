// Page start for the raft tab, loaded behind import(): `#raft=` links and the saved raft
// session, through the shared kernel-tab startup (src/ui/kernelStartup.ts).
import { t } from '../../i18n';
import { decodeRaftShareFragment, isRaftShareFragment } from '../../state/raftShareLink';
import { restoreRaftSession } from '../../state/raftSession';
import { openKernelAddress, startKernelTab, type StartupKind } from '../kernelStartup';
import type { RaftTab } from './raftTab.svelte';

type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;
type RaftRun = Parameters<RaftTab['openRun']>[0];

const RAFT: StartupKind<RaftRun> = {
  isFragment: isRaftShareFragment,
  decode: decodeRaftShareFragment,
  restore: restoreRaftSession,
  badLink: async (reason) => t('raft.badLink', { reason }),
};

export function openRaftAddress(tab: RaftTab, notify: Notify, fragment: string): Promise<boolean> {
  return openKernelAddress(RAFT, tab, notify, fragment);
}

export function startRaft(tab: RaftTab, notify: Notify, hash: string): Promise<void> {
  return startKernelTab(RAFT, tab, notify, hash);
}

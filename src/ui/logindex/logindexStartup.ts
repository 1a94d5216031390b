// Page start for the LogIndex tab, loaded behind import(): `#logindex=` links and the saved
// LogIndex session, through the shared kernel-tab startup (src/ui/kernelStartup.ts).
import { decodeLogIndexShareFragment, isLogIndexShareFragment } from '../../kernels/logindex/link';
import type { LogIndexRunDescription } from '../../kernels/logindex/runDescription';
import { restoreLogIndexSession } from '../../kernels/logindex/savedSession';
import { openKernelAddress, startKernelTab, type StartupKind } from '../kernelStartup';
import type { LogIndexTab } from './logindexTab.svelte';
import { logindexMessagesReady, t } from './messages';

type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;

const LOGINDEX: StartupKind<LogIndexRunDescription> = {
  isFragment: isLogIndexShareFragment,
  decode: decodeLogIndexShareFragment,
  restore: restoreLogIndexSession,
  badLink: async (reason) => {
    await logindexMessagesReady;
    return t('logindex.badLink', { reason });
  },
};

export function openLogIndexAddress(tab: LogIndexTab, notify: Notify, fragment: string): Promise<boolean> {
  return openKernelAddress(LOGINDEX, tab, notify, fragment);
}

export function startLogIndex(tab: LogIndexTab, notify: Notify, hash: string): Promise<void> {
  return startKernelTab(LOGINDEX, tab, notify, hash);
}

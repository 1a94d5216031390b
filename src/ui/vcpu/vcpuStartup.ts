// Page start for the vCPU tab, loaded behind import(): `#vcpu=` links and the saved vCPU
// session, through the shared kernel-tab startup (src/ui/kernelStartup.ts).
import { decodeVcpuShareFragment, isVcpuShareFragment } from '../../kernels/vcpu/link';
import type { VcpuRunDescription } from '../../kernels/vcpu/runDescription';
import { restoreVcpuSession } from '../../kernels/vcpu/savedSession';
import { openKernelAddress, startKernelTab, type StartupKind } from '../kernelStartup';
import type { VcpuTab } from './vcpuTab.svelte';
import { vcpuMessagesReady, t } from './messages';

type Notify = (kind: 'error' | 'warning' | 'info', text: string) => void;

const VCPU: StartupKind<VcpuRunDescription> = {
  isFragment: isVcpuShareFragment,
  decode: decodeVcpuShareFragment,
  restore: restoreVcpuSession,
  badLink: async (reason) => {
    await vcpuMessagesReady;
    return t('vcpu.badLink', { reason });
  },
};

export function openVcpuAddress(tab: VcpuTab, notify: Notify, fragment: string): Promise<boolean> {
  return openKernelAddress(VCPU, tab, notify, fragment);
}

export function startVcpu(tab: VcpuTab, notify: Notify, hash: string): Promise<void> {
  return startKernelTab(VCPU, tab, notify, hash);
}

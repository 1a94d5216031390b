// The vCPU tab and the one handler of `vcpu ...` on the app's bus. Its state, workers and
// views load behind import() on first use, so the first page load does not carry them. The
// tab shares its run (`share` while it is in front), opens runs from links and the saved
// session, and saves its run.
import type { VcpuAction } from '../../kernels/vcpu/action';
import type { VcpuRunDescription } from '../../kernels/vcpu/runDescription';
import { browserStorage } from '../../state/session';
import type { SharedRun, TabHost, TabPane } from '../frontTab';
import { KernelTab } from '../kernelTab.svelte';
import { replayWithConsent } from '../tabReplay';
import type { VcpuState } from './vcpuState.svelte';
import { t } from './messages';

const msText = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

type SavedSessionModule = typeof import('../../kernels/vcpu/savedSession');

export class VcpuTab extends KernelTab<VcpuAction, VcpuRunDescription, VcpuState, SavedSessionModule> {
  protected readonly closedLine = 'back to the GPU pool; the vCPU run is paused';

  constructor(host: TabHost) {
    super('vcpu', host);
  }

  protected async makeState(notify: TabHost['notify'], changed: () => void): Promise<VcpuState> {
    const { VcpuState } = await import('./vcpuState.svelte');
    return new VcpuState(notify, changed);
  }

  protected loadSaver(): Promise<SavedSessionModule> {
    return import('../../kernels/vcpu/savedSession');
  }

  protected writeSession({ saveVcpuSession }: SavedSessionModule, run: VcpuRunDescription, open: boolean) {
    const storage = browserStorage();
    return storage === null ? null : saveVcpuSession(storage, { run, open });
  }

  protected async loadNarration() {
    return new (await import('./vcpuNarration')).VcpuNarration();
  }

  async pane(): Promise<TabPane> {
    return { component: (await import('./VcpuPane.svelte')).default, props: { tab: this } };
  }

  async start(hash: string): Promise<void> {
    const { startVcpu } = await import('./vcpuStartup');
    await startVcpu(this, (kind, text) => this.notify(kind, text), hash);
  }

  async openAddress(hash: string): Promise<boolean> {
    const { openVcpuAddress } = await import('./vcpuStartup');
    return openVcpuAddress(this, (kind, text) => this.notify(kind, text), hash);
  }

  /** Opens a described run on this tab, in front; on failure the reason is shown and nothing else changes. */
  async openRun(run: VcpuRunDescription, from: 'link' | 'session'): Promise<boolean> {
    this.active = true;
    const state = await this.load();
    try {
      const opened = await replayWithConsent(this.host, from, state.replayAsk(run),
        (reason) => this.notify('error', t('vcpu.openFailed', { error: reason })),
        (progress) => state.openRun(run, progress));
      if (!opened) return false;
    } catch (error) {
      this.notify('error', t('vcpu.openFailed', { error: error instanceof Error ? error.message : String(error) }));
      return false;
    }
    const { formatSchedule } = await import('../../kernels/vcpu/schedule');
    const origin = from === 'link' ? 'the link' : 'the saved session';
    const vmNames = run.setup.config.vms.map((vm) => vm.name);
    this.host.terminal?.print([
      `vcpu run from ${origin}: ${state.runs.map((r) => r.label).join(' and ')}, ${run.setup.config.sched}, seed ${run.setup.seed}`,
      ...run.commands.map((c) => `vcpu fault ${formatSchedule([c], vmNames).replace(/^\S+\s/, '')}    (replayed at ${msText(c.at)}, from ${origin})`),
      `at ${msText(state.now)}`,
    ], 'echo');
    this.scheduleSave();
    return true;
  }

  protected async share(): Promise<SharedRun> {
    const state = await this.load();
    const run = await state.shareable();
    const { encodeVcpuShareFragment } = await import('../../kernels/vcpu/link');
    const fragment = await encodeVcpuShareFragment(run);
    const s = run.setup;
    const columns = s.sideBySide ? `${s.config.profile} and ${s.other}` : s.config.profile;
    return { fragment, notes: [`vCPU run: ${columns}, ${s.config.sched}, seed ${s.seed}, ${run.commands.length} commands, at ${msText(run.time)}`] };
  }
}

const tabs = new WeakMap<object, VcpuTab>();

/** The app's vCPU tab, made (and its handler registered) on first use. */
export function vcpuTabFor(app: TabHost): VcpuTab {
  let tab = tabs.get(app);
  if (!tab) {
    tab = new VcpuTab(app);
    tabs.set(app, tab);
  }
  return tab;
}

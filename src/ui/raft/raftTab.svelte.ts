// The switch between the GPU pool and ParallelRaft, and the one handler of `raft ...` on the
// app's bus. The raft state, its worker and its views load behind import() on first use, so
// the first page load does not carry them. The tab also shares its run (`share` while it is
// in front), opens runs from links and the saved session, and saves its run for reloads.
import type { RaftAction } from '../../commands/types';
import type { RaftRunDescription } from '../../state/raftRunDescription';
import { browserStorage } from '../../state/session';
import { t } from '../../i18n';
import type { SharedRun, TabHost, TabPane } from '../frontTab';
import { KernelTab } from '../kernelTab.svelte';
import { replayWithConsent } from '../tabReplay';
import type { RaftState } from './raftState.svelte';

export type { NotifyFn } from '../frontTab';
/** What the app gives the tab (AppState has all of it; a lab host may know only the first two). */
export type RaftTabHost = TabHost;

const msText = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

type RaftSessionModule = typeof import('../../state/raftSession');

export class RaftTab extends KernelTab<RaftAction, RaftRunDescription, RaftState, RaftSessionModule> {
  protected readonly closedLine = 'back to the GPU pool; the raft run is paused';

  constructor(host: RaftTabHost) {
    super('raft', host);
  }

  protected async makeState(notify: TabHost['notify'], changed: () => void): Promise<RaftState> {
    const { RaftState } = await import('./raftState.svelte');
    return new RaftState(notify, changed);
  }

  protected loadSaver(): Promise<RaftSessionModule> {
    return import('../../state/raftSession');
  }

  /** Saves the run and whether the tab is in front. */
  protected writeSession({ saveRaftSession }: RaftSessionModule, run: RaftRunDescription, open: boolean) {
    const storage = browserStorage();
    return storage === null ? null : saveRaftSession(storage, { run, open });
  }

  /** Tells each run's changes (raftNarration.ts) while the tab is in front. */
  protected async loadNarration() {
    return new (await import('./raftNarration')).RaftNarration();
  }

  async pane(): Promise<TabPane> {
    return { component: (await import('./RaftPane.svelte')).default, props: { tab: this } };
  }

  async start(hash: string): Promise<void> {
    const { startRaft } = await import('./raftStartup');
    await startRaft(this, (kind, text) => this.notify(kind, text), hash);
  }

  async openAddress(hash: string): Promise<boolean> {
    const { openRaftAddress } = await import('./raftStartup');
    return openRaftAddress(this, (kind, text) => this.notify(kind, text), hash);
  }

  /**
   * Opens a described run on this tab, in front: rebuilt in the worker to its time. On
   * failure the reason is shown and nothing else changes.
   */
  async openRun(run: RaftRunDescription, from: 'link' | 'session'): Promise<boolean> {
    this.active = true;
    const state = await this.load();
    // A link is anybody's: past the budget it runs only when the person says so.
    try {
      const opened = await replayWithConsent(this.host, from, state.replayAsk(run),
        (reason) => this.notify('error', t('raft.openFailed', { error: reason })),
        (progress) => state.openRun(run, progress));
      if (!opened) return false;
    } catch (error) {
      this.notify('error', t('raft.openFailed', { error: error instanceof Error ? error.message : String(error) }));
      return false;
    }
    const { formatCommand } = await import('../../kernels/raft/schedule');
    const origin = from === 'link' ? 'the link' : 'the saved session';
    this.host.terminal?.print([
      `raft run from ${origin}: ${state.runs.map((r) => r.label).join(' and ')}, seed ${run.config.seed}${run.scenario ? `, scenario ${run.scenario}` : ''}`,
      ...run.commands.map((c) => `raft ${formatCommand(c.command)}    (replayed at ${msText(c.at)}, from ${origin})`),
      `at ${msText(state.now)}`,
    ], 'echo');
    this.scheduleSave();
    return true;
  }

  protected async share(): Promise<SharedRun> {
    const state = await this.load();
    const run = await state.shareable();
    const { encodeRaftShareFragment } = await import('../../state/raftShareLink');
    const fragment = await encodeRaftShareFragment(run);
    const columns = run.sideBySide ? state.runs.map((r) => r.label).join(' and ') : run.config.mode;
    return { fragment, notes: [`raft run: ${columns}, seed ${run.config.seed}, ${run.commands.length} commands, at ${msText(run.time)}`] };
  }
}

const tabs = new WeakMap<object, RaftTab>();

/** The app's raft tab, made (and its handler registered) on first use. */
export function raftTabFor(app: RaftTabHost): RaftTab {
  let tab = tabs.get(app);
  if (!tab) {
    tab = new RaftTab(app);
    tabs.set(app, tab);
  }
  return tab;
}

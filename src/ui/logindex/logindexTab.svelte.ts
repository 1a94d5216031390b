// The switch between the GPU pool and the LogIndex tab, and the one handler of `logindex ...`
// on the app's bus. The LogIndex state, its workers and its views load behind import() on
// first use, so the first page load does not carry them. The tab also shares its run (`share`
// while it is in front), opens runs from links and the saved session, and saves its run.
import type { LogIndexAction } from '../../kernels/logindex/action';
import type { LogIndexRunDescription } from '../../kernels/logindex/runDescription';
import { browserStorage } from '../../state/session';
import type { SharedRun, TabHost, TabPane } from '../frontTab';
import { KernelTab } from '../kernelTab.svelte';
import { replayWithConsent } from '../tabReplay';
import type { LogIndexState } from './logindexState.svelte';
import { t } from './messages';

const msText = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

type SavedSessionModule = typeof import('../../kernels/logindex/savedSession');

export class LogIndexTab extends KernelTab<LogIndexAction, LogIndexRunDescription, LogIndexState, SavedSessionModule> {
  protected readonly closedLine = 'back to the GPU pool; the LogIndex run is paused';

  constructor(host: TabHost) {
    super('logindex', host);
  }

  protected async makeState(notify: TabHost['notify'], changed: () => void): Promise<LogIndexState> {
    const { LogIndexState } = await import('./logindexState.svelte');
    return new LogIndexState(notify, changed);
  }

  protected loadSaver(): Promise<SavedSessionModule> {
    return import('../../kernels/logindex/savedSession');
  }

  protected writeSession({ saveLogIndexSession }: SavedSessionModule, run: LogIndexRunDescription, open: boolean) {
    const storage = browserStorage();
    return storage === null ? null : saveLogIndexSession(storage, { run, open });
  }

  protected async loadNarration() {
    return new (await import('./logindexNarration')).LogIndexNarration();
  }

  async pane(): Promise<TabPane> {
    return { component: (await import('./LogIndexPane.svelte')).default, props: { tab: this } };
  }

  async start(hash: string): Promise<void> {
    const { startLogIndex } = await import('./logindexStartup');
    await startLogIndex(this, (kind, text) => this.notify(kind, text), hash);
  }

  async openAddress(hash: string): Promise<boolean> {
    const { openLogIndexAddress } = await import('./logindexStartup');
    return openLogIndexAddress(this, (kind, text) => this.notify(kind, text), hash);
  }

  /** Opens a described run on this tab, in front; on failure the reason is shown and nothing else changes. */
  async openRun(run: LogIndexRunDescription, from: 'link' | 'session'): Promise<boolean> {
    this.active = true;
    const state = await this.load();
    try {
      const opened = await replayWithConsent(this.host, from, state.replayAsk(run),
        (reason) => this.notify('error', t('logindex.openFailed', { error: reason })),
        (progress) => state.openRun(run, progress));
      if (!opened) return false;
    } catch (error) {
      this.notify('error', t('logindex.openFailed', { error: error instanceof Error ? error.message : String(error) }));
      return false;
    }
    const { formatSchedule } = await import('../../kernels/logindex/schedule');
    const origin = from === 'link' ? 'the link' : 'the saved session';
    this.host.terminal?.print([
      `logindex run from ${origin}: ${state.runs.map((r) => r.label).join(' and ')}, ${run.config.ro} replicas, writes x${run.writeScale}, seed ${run.seed}`,
      ...run.commands.map((c) => `logindex ${formatSchedule([c]).replace(/^\S+\s/, '')}    (replayed at ${msText(c.at)}, from ${origin})`),
      `at ${msText(state.now)}`,
    ], 'echo');
    this.scheduleSave();
    return true;
  }

  protected async share(): Promise<SharedRun> {
    const state = await this.load();
    const run = await state.shareable();
    const { encodeLogIndexShareFragment } = await import('../../kernels/logindex/link');
    const fragment = await encodeLogIndexShareFragment(run);
    const columns = run.sideBySide ? 'lazy and full' : run.config.mode;
    return { fragment, notes: [`LogIndex run: ${columns}, ${run.config.ro} replicas, seed ${run.seed}, ${run.commands.length} commands, at ${msText(run.time)}`] };
  }
}

const tabs = new WeakMap<object, LogIndexTab>();

/** The app's LogIndex tab, made (and its handler registered) on first use. */
export function logindexTabFor(app: TabHost): LogIndexTab {
  let tab = tabs.get(app);
  if (!tab) {
    tab = new LogIndexTab(app);
    tabs.set(app, tab);
  }
  return tab;
}

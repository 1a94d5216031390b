// The switch between the GPU pool and the LogIndex tab, and the one handler of `logindex ...`
// on the app's bus. The LogIndex state, its workers and its views load behind import() on
// first use, so the first page load does not carry them. The tab also shares its run (`share`
// while it is in front), opens runs from links and the saved session, and saves its run.
import { untrack } from 'svelte';
import type { CommandBus } from '../../commands/bus';
import type { CommandResult } from '../../commands/types';
import type { LogIndexAction } from '../../kernels/logindex/action';
import type { LogIndexRunDescription } from '../../kernels/logindex/runDescription';
import { timesBudget } from '../../kernels/replayBudget';
import { browserStorage } from '../../state/session';
import type { FrontTab, SharedRun, TabHost, TabPane } from '../frontTab';
import type { LogIndexState } from './logindexState.svelte';
import { t } from './messages';

/** Saves coalesce: at most one write per this many milliseconds while a run plays. */
const SAVE_DELAY_MS = 300;
const msText = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

export class LogIndexTab implements FrontTab {
  readonly id = 'logindex';
  #active = $state(false);
  get active(): boolean {
    return this.#active;
  }
  set active(on: boolean) {
    this.#active = on;
    this.bus.front = on ? 'logindex' : null;
  }
  state = $state.raw<LogIndexState | null>(null);
  readonly bus: CommandBus;
  private loading: Promise<LogIndexState> | null = null;
  /** A saved run to rebuild when the tab is first used (set before the state loads). */
  private saved: LogIndexRunDescription | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saveWarned = false;

  constructor(private readonly host: TabHost) {
    this.bus = host.bus;
    host.bus.register('logindex', (command) => this.handle(command));
    host.shareProviders?.set(this.id, () => this.share());
    // A reload right after a command still finds it saved: the pending save is written as the page goes.
    if (typeof window !== 'undefined') window.addEventListener('pagehide', () => this.flushSave());
  }

  /** The saved-session module, once loaded (a page going away cannot wait for an import). */
  private saver: typeof import('../../kernels/logindex/savedSession') | null = null;

  private flushSave(): void {
    if (this.saveTimer === null || this.saver === null) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.writeSave(this.saver);
  }

  open(): Promise<CommandResult> {
    return this.send({ action: 'open' });
  }

  close(): Promise<CommandResult> {
    return this.send({ action: 'close' });
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

  async narrate(say: (note: string) => void): Promise<() => void> {
    const { LogIndexNarration } = await import('./logindexNarration');
    const narration = new LogIndexNarration();
    return $effect.root(() => {
      $effect(() => {
        const runs = this.state?.runs ?? [];
        for (const run of runs) {
          void run.version;
          untrack(() => narration.observe(run, runs.length > 1, say));
        }
      });
    });
  }

  private notify(kind: 'error' | 'warning' | 'info', text: string): void {
    this.host.notify(kind, text);
  }

  /** Runs a LogIndex command as a button would; the bus echoes it into the terminal. */
  send(action: LogIndexAction): Promise<CommandResult> {
    return this.bus.dispatch({ name: 'logindex', ...action }, 'button');
  }

  private async handle(command: LogIndexAction): Promise<CommandResult> {
    try {
      if (command.action === 'close') {
        this.active = false;
        await this.state?.handle(command);
        return { ok: true, lines: ['back to the GPU pool; the LogIndex run is paused'] };
      }
      this.active = true;
      return await (await this.load()).handle(command);
    } finally {
      this.scheduleSave();
    }
  }

  load(): Promise<LogIndexState> {
    this.loading ??= import('./logindexState.svelte').then(({ LogIndexState }) => {
      const state = new LogIndexState((kind, text) => this.notify(kind, text), () => this.scheduleSave());
      if (this.saved !== null) state.restoreLater(this.saved);
      this.saved = null;
      this.state = state;
      return state;
    });
    return this.loading;
  }

  /** Opens a described run on this tab, in front; on failure the reason is shown and nothing else changes. */
  async openRun(run: LogIndexRunDescription, from: 'link' | 'session'): Promise<boolean> {
    this.active = true;
    const state = await this.load();
    const replays = this.host.replays;
    const { ask, ns, columns, what, timeText } = state.replayAsk(run);
    if (replays !== undefined && from === 'link' && !(await replays.ask(ask, t('replay.ask', { what, times: timesBudget(ask) })))) {
      this.notify('error', t('logindex.openFailed', { error: t('replay.declined') }));
      return false;
    }
    const done = new Map<number, number>();
    const bar = replays?.track(t('replay.progress', { what }), ns * columns, (at) => t('replay.cancelled', { done: timeText(at / columns), total: timeText(ns) }));
    const progress = bar === undefined ? undefined : (column: number, at: number): void => {
      done.set(column, at);
      bar.update([...done.values()].reduce((a, b) => a + b, 0));
    };
    try {
      await state.openRun(run, progress);
    } catch (error) {
      this.notify('error', t('logindex.openFailed', { error: error instanceof Error ? error.message : String(error) }));
      return false;
    } finally {
      bar?.close();
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

  /** A saved run whose tab was behind: rebuilt only when the tab is first used. */
  restoreLater(run: LogIndexRunDescription): void {
    if (this.state !== null) this.state.restoreLater(run);
    else this.saved = run;
  }

  private async share(): Promise<SharedRun> {
    const state = await this.load();
    const run = await state.shareable();
    const { encodeLogIndexShareFragment } = await import('../../kernels/logindex/link');
    const fragment = await encodeLogIndexShareFragment(run);
    const columns = run.sideBySide ? 'lazy and full' : run.config.mode;
    return { fragment, notes: [`LogIndex run: ${columns}, ${run.config.ro} replicas, seed ${run.seed}, ${run.commands.length} commands, at ${msText(run.time)}`] };
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.saveNow();
    }, SAVE_DELAY_MS);
  }

  private async saveNow(): Promise<void> {
    this.saver ??= await import('../../kernels/logindex/savedSession');
    this.writeSave(this.saver);
  }

  private writeSave({ saveLogIndexSession }: typeof import('../../kernels/logindex/savedSession')): void {
    const run = this.state?.describe() ?? this.saved;
    const storage = browserStorage();
    if (run === null || storage === null) return;
    const result = saveLogIndexSession(storage, { run, open: this.active });
    if (!result.ok && !this.saveWarned) {
      this.saveWarned = true;
      this.notify('warning', result.reason);
    }
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

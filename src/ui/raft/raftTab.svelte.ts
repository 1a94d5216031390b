// The switch between the GPU pool and ParallelRaft, and the one handler of `raft ...` on the
// app's bus. The raft state, its worker and its views load behind import() on first use, so
// the first page load does not carry them. The tab also shares its run (`share` while it is
// in front), opens runs from links and the saved session, and saves its run for reloads.
import { untrack } from 'svelte';
import type { CommandBus } from '../../commands/bus';
import type { CommandResult, RaftAction } from '../../commands/types';
import type { RaftRunDescription } from '../../state/raftRunDescription';
import { browserStorage } from '../../state/session';
import { t } from '../../i18n';
import type { FrontTab, SharedRun, TabHost, TabPane } from '../frontTab';
import { replayWithConsent, SessionSaver } from '../tabReplay';
import type { RaftState } from './raftState.svelte';

export type { NotifyFn } from '../frontTab';
/** What the app gives the tab (AppState has all of it; a lab host may know only the first two). */
export type RaftTabHost = TabHost;

const msText = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

export class RaftTab implements FrontTab {
  readonly id = 'raft';
  #active = $state(false);
  /** Whether the tab is in front; bare verbs typed then (step, seek, run...) drive it. */
  get active(): boolean {
    return this.#active;
  }
  set active(on: boolean) {
    this.#active = on;
    this.bus.front = on ? 'raft' : null;
  }
  state = $state.raw<RaftState | null>(null);
  readonly bus: CommandBus;
  private loading: Promise<RaftState> | null = null;
  /** A saved run to rebuild when the tab is first used (set before the state loads). */
  private saved: RaftRunDescription | null = null;
  private readonly saver: SessionSaver<typeof import('../../state/raftSession')>;

  constructor(private readonly host: RaftTabHost) {
    this.bus = host.bus;
    host.bus.register('raft', (command) => this.handle(command));
    host.shareProviders?.set(this.id, () => this.share());
    // Saves the run and whether the tab is in front; nothing before the tab holds a run.
    this.saver = new SessionSaver(
      () => import('../../state/raftSession'),
      ({ saveRaftSession }) => {
        const run = this.state?.describe() ?? this.saved;
        const storage = browserStorage();
        return run === null || storage === null ? null : saveRaftSession(storage, { run, open: this.active });
      },
      (reason) => this.notify('warning', reason),
    );
  }

  open(): Promise<CommandResult> {
    return this.send({ action: 'open' });
  }

  close(): Promise<CommandResult> {
    return this.send({ action: 'close' });
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

  /** Tells each run's changes (raftNarration.ts) while the tab is in front. */
  async narrate(say: (note: string) => void): Promise<() => void> {
    const { RaftNarration } = await import('./raftNarration');
    const narration = new RaftNarration();
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

  /** Runs a raft command as a button would; the bus echoes it into the terminal. */
  send(action: RaftAction): Promise<CommandResult> {
    return this.bus.dispatch({ name: 'raft', ...action }, 'button');
  }

  private async handle(command: RaftAction): Promise<CommandResult> {
    try {
      if (command.action === 'close') {
        this.active = false;
        await this.state?.handle(command);
        return { ok: true, lines: ['back to the GPU pool; the raft run is paused'] };
      }
      this.active = true;
      return await (await this.load()).handle(command);
    } finally {
      this.scheduleSave();
    }
  }

  private load(): Promise<RaftState> {
    this.loading ??= import('./raftState.svelte').then(({ RaftState }) => {
      const state = new RaftState((kind, text) => this.notify(kind, text), () => this.scheduleSave());
      if (this.saved !== null) state.restoreLater(this.saved);
      this.saved = null;
      this.state = state;
      return state;
    });
    return this.loading;
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

  /** A saved run whose tab was behind: rebuilt only when the tab is first used. */
  restoreLater(run: RaftRunDescription): void {
    if (this.state !== null) this.state.restoreLater(run);
    else this.saved = run;
  }

  private async share(): Promise<SharedRun> {
    const state = await this.load();
    const run = await state.shareable();
    const { encodeRaftShareFragment } = await import('../../state/raftShareLink');
    const fragment = await encodeRaftShareFragment(run);
    const columns = run.sideBySide ? state.runs.map((r) => r.label).join(' and ') : run.config.mode;
    return { fragment, notes: [`raft run: ${columns}, seed ${run.config.seed}, ${run.commands.length} commands, at ${msText(run.time)}`] };
  }

  private scheduleSave(): void {
    this.saver.schedule();
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

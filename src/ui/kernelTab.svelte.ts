// What every kernel's front tab (raft, LogIndex, ...) does the same way: it is the one handler
// of its command word on the bus, comes to the front on any of its commands and goes behind on
// `close`, loads its state behind import() on first use (taking a saved run waiting for it),
// says what its runs do to the narrator, and saves its run a moment after each change. A
// kernel's tab adds its pane, its page start, its link and its saved-session format.
import { untrack } from 'svelte';
import type { CommandBus } from '../commands/bus';
import type { Command, CommandName, CommandResult } from '../commands/types';
import type { FrontTab, SharedRun, TabHost, TabPane } from './frontTab';
import { SessionSaver } from './tabReplay';

/** A tab's state as this class drives it. */
export interface KernelTabState<A, D> {
  handle(action: A): Promise<CommandResult>;
  describe(): D | null;
  restoreLater(run: D): void;
  /** The columns the narrator watches; each bumps `version` with every frame. */
  readonly runs: readonly { readonly version: number }[];
}

/** What a tab's narration module provides (raftNarration.ts, logindexNarration.ts). */
export interface RunNarration<R> {
  observe(run: R, named: boolean, say: (note: string) => void): void;
}

type SaveOutcome = { ok: true } | { ok: false; reason: string };

export abstract class KernelTab<A extends { action: string }, D, S extends KernelTabState<A, D>, M = unknown> implements FrontTab {
  #active = $state(false);
  /** Whether the tab is in front; bare verbs typed then (step, seek, run...) drive it. */
  get active(): boolean {
    return this.#active;
  }
  set active(on: boolean) {
    this.#active = on;
    this.bus.front = on ? this.id : null;
  }
  state = $state.raw<S | null>(null);
  readonly bus: CommandBus;
  private loading: Promise<S> | null = null;
  /** A saved run to rebuild when the tab is first used (set before the state loads). */
  protected saved: D | null = null;
  private readonly saver: SessionSaver<M>;

  protected constructor(readonly id: string, protected readonly host: TabHost) {
    this.bus = host.bus;
    // The bus types handlers by command name; this word's commands are this tab's actions.
    host.bus.register(id as CommandName, ((command: A) => this.handle(command)) as never);
    host.shareProviders?.set(id, () => this.share());
    this.saver = new SessionSaver(
      () => this.loadSaver(),
      (module) => {
        const run = this.state?.describe() ?? this.saved;
        return run === null ? null : this.writeSession(module, run, this.active);
      },
      (reason) => this.notify('warning', reason),
    );
  }

  /** The state, made with a notifier and a change hook (its module loaded behind import()). */
  protected abstract makeState(notify: TabHost['notify'], changed: () => void): Promise<S>;
  /** The saved-session module and the write of one run with it (null: no storage). */
  protected abstract loadSaver(): Promise<M>;
  protected abstract writeSession(module: M, run: D, open: boolean): SaveOutcome | null;
  /** The narration of this tab's runs. */
  protected abstract loadNarration(): Promise<RunNarration<S['runs'][number]>>;
  /** What `close` answers in the terminal. */
  protected abstract readonly closedLine: string;
  abstract pane(): Promise<TabPane>;
  abstract start(hash: string): Promise<void>;
  abstract openAddress(hash: string): Promise<boolean>;
  protected abstract share(): Promise<SharedRun>;

  open(): Promise<CommandResult> {
    return this.send({ action: 'open' } as A);
  }

  close(): Promise<CommandResult> {
    return this.send({ action: 'close' } as A);
  }

  /** Runs one of this tab's commands as a button would; the bus echoes it into the terminal. */
  send(action: A): Promise<CommandResult> {
    return this.bus.dispatch({ name: this.id, ...action } as unknown as Command, 'button');
  }

  /** Tells each run's changes while the tab is in front. */
  async narrate(say: (note: string) => void): Promise<() => void> {
    const narration = await this.loadNarration();
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

  protected notify(kind: 'error' | 'warning' | 'info', text: string): void {
    this.host.notify(kind, text);
  }

  private async handle(command: A): Promise<CommandResult> {
    try {
      if (command.action === 'close') {
        this.active = false;
        await this.state?.handle(command);
        return { ok: true, lines: [this.closedLine] };
      }
      this.active = true;
      return await (await this.load()).handle(command);
    } finally {
      this.scheduleSave();
    }
  }

  load(): Promise<S> {
    this.loading ??= this.makeState((kind, text) => this.notify(kind, text), () => this.scheduleSave()).then((state) => {
      if (this.saved !== null) state.restoreLater(this.saved);
      this.saved = null;
      this.state = state;
      return state;
    });
    return this.loading;
  }

  /** A saved run whose tab was behind: rebuilt only when the tab is first used. */
  restoreLater(run: D): void {
    if (this.state !== null) this.state.restoreLater(run);
    else this.saved = run;
  }

  protected scheduleSave(): void {
    this.saver.schedule();
  }
}

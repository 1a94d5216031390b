// The switch between the GPU pool and ParallelRaft, and the one handler of `raft ...` on the
// app's bus. The raft state, its worker and its views load behind import() on first use, so
// the first page load does not carry them.
import type { CommandBus } from '../../commands/bus';
import type { CommandResult, RaftAction } from '../../commands/types';
import type { RaftState } from './raftState.svelte';

export type NotifyFn = (kind: 'error' | 'warning' | 'info', text: string) => void;

export class RaftTab {
  active = $state(false);
  state = $state.raw<RaftState | null>(null);
  private loading: Promise<RaftState> | null = null;

  constructor(readonly bus: CommandBus, private readonly notify: NotifyFn) {
    bus.register('raft', (command) => this.handle(command));
  }

  /** Runs a raft command as a button would; the bus echoes it into the terminal. */
  send(action: RaftAction): Promise<CommandResult> {
    return this.bus.dispatch({ name: 'raft', ...action }, 'button');
  }

  private async handle(command: RaftAction): Promise<CommandResult> {
    if (command.action === 'close') {
      this.active = false;
      await this.state?.handle(command);
      return { ok: true, lines: ['back to the GPU pool; the raft run is paused'] };
    }
    this.active = true;
    return (await this.load()).handle(command);
  }

  private load(): Promise<RaftState> {
    this.loading ??= import('./raftState.svelte').then(({ RaftState }) => {
      const state = new RaftState(this.notify);
      this.state = state;
      return state;
    });
    return this.loading;
  }
}

const tabs = new WeakMap<object, RaftTab>();

/** The app's raft tab, made (and its handler registered) on first use. */
export function raftTabFor(app: { bus: CommandBus; notify: NotifyFn }): RaftTab {
  let tab = tabs.get(app);
  if (!tab) {
    tab = new RaftTab(app.bus, (kind, text) => app.notify(kind, text));
    tabs.set(app, tab);
  }
  return tab;
}

// Which view is in front: the home, the GPU pool or the ParallelRaft tab. The raft tab's own
// switch (`raft open` / `raft close`, a command) decides between the two simulators; the home
// is a view over them that any move to a simulator (a tab, a lab, a link) puts away.
import type { RaftTab } from './raft/raftTab.svelte';
import type { View } from './startView';

export class Shell {
  home = $state(false);
  /** Bumped when a view was opened by the person: the view's heading takes the focus. */
  focusRequest = $state(0);

  constructor(readonly raft: RaftTab, start: View) {
    this.home = start === 'home';
  }

  get view(): View {
    return this.home ? 'home' : this.raft.active ? 'raft' : 'gpu';
  }

  /**
   * Opens a view as a click on its tab does; switching simulators goes through the bus. The
   * page's own start (a returning user's view) opens it without taking the focus.
   */
  async show(view: View, { focus = true }: { focus?: boolean } = {}): Promise<void> {
    if (focus) this.focusRequest++;
    if (view === 'home') {
      this.home = true;
      return;
    }
    this.home = false;
    if (view === 'raft' && !this.raft.active) await this.raft.send({ action: 'open' });
    if (view === 'gpu' && this.raft.active) await this.raft.send({ action: 'close' });
  }
}

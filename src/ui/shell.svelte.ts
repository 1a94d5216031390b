// Which view is in front: the home, the default kernel's tab (the GPU pool) or a kernel tab in
// front of it. Each front tab's own switch (`raft open` / `raft close`, a command) decides
// between the simulators; the home is a view over them that any move to a simulator (a tab, a
// lab, a link) puts away.
import { DEFAULT_KERNEL } from '../kernels/catalog';
import type { FrontTab } from './frontTab';
import type { View } from './startView';

export class Shell {
  home = $state(false);
  /** Bumped when a view was opened by the person: the view's heading takes the focus. */
  focusRequest = $state(0);

  constructor(readonly tabs: readonly FrontTab[], start: View) {
    this.home = start === 'home';
  }

  get view(): View {
    if (this.home) return 'home';
    return (this.tabs.find((tab) => tab.active)?.id ?? DEFAULT_KERNEL) as View;
  }

  /** The front tab of a kernel, if it has one (the default kernel has none). */
  tab(id: string): FrontTab | undefined {
    return this.tabs.find((tab) => tab.id === id);
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
    for (const tab of this.tabs) if (tab.active && tab.id !== view) await tab.close();
    const wanted = this.tab(view);
    if (wanted !== undefined && !wanted.active) await wanted.open();
  }
}

// Startup: pick the first view (the home for a newcomer), mount the app, then open the run the page was asked for — a share link in the
// URL fragment, else the saved session, else the default synthetic run (ui/gpuStartup.ts). A
// bad link is explained and the saved session comes back untouched; a bad saved session is
// explained and kept aside; never a blank page. The raft tab does the same for its own runs
// (`#raft=` links, its saved session) beside the GPU pool.
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import { browserStorage } from './state/session';
import App from './ui/App.svelte';
import { AppState } from './ui/app.svelte';
import { raftTabFor } from './ui/raft/raftTab.svelte';
import { Shell } from './ui/shell.svelte';
import { startView } from './ui/startView';
import { startGpuPool } from './ui/gpuStartup';
import type { GpuStartHost } from './ui/gpuStartup';
import { loadLocale, pickLocale, setLocale } from './i18n';

/** Everything the page starts, once the page's locale can be read. */
function main(): void {
  const app = new AppState();
  const target = document.getElementById('app');
  if (target === null) throw new Error('index.html has no #app element');
  const raftTab = raftTabFor(app);
  // Read before the start saves anything: a newcomer (no link, nothing saved) gets the home.
  const firstView = startView(location.hash, browserStorage());
  const shell = new Shell(raftTab, firstView);
  mount(App, { target, props: { app, shell } });
  const notify = (kind: 'error' | 'warning' | 'info', text: string): void => app.notify(kind, text);

  function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  /** AppState as the GPU pool's page start sees it; a run that cannot start is explained, never thrown. */
  const gpuHost: GpuStartHost = {
    open: (run, origin) => app.open(run, origin),
    async startDefault(standIn) {
      try {
        await app.startDefault(standIn);
      } catch (error) {
        app.notify('error', `The default run could not start: ${errorText(error)}`);
      }
    },
    notify,
    // From here the session carries the run on: a reload continues the user's work instead of
    // starting the link over.
    dropLink: () => history.replaceState(null, '', `${location.pathname}${location.search}`),
  };

  /** The raft tab's link or saved run; its code loads only now, behind import(). */
  async function startRaftTab(): Promise<void> {
    try {
      const { startRaft } = await import('./ui/raft/raftStartup');
      await startRaft(raftTab, notify);
    } catch (error) {
      app.notify('error', `The raft run could not be restored: ${errorText(error)}`);
    }
  }

  async function startup(): Promise<void> {
    await Promise.all([startGpuPool(gpuHost, location.hash, browserStorage()), startRaftTab()]);
    // A returning user who left on the raft tab comes back to it (a link already opened it).
    if (firstView === 'raft' && shell.view !== 'raft') await shell.show('raft', { focus: false });
  }

  // A raft link pasted into the address of the open page: opened on the raft tab, or, if it is
  // bad, explained while the current run stays.
  window.addEventListener('hashchange', () => {
    void import('./ui/raft/raftStartup').then(({ openRaftAddress }) => openRaftAddress(raftTab, notify, location.hash));
  });

  // A #lab= address opens its lab once the run the page started with is in place.
  void startup().then(async () => (await import('./ui/labs/startup')).openLabFromAddress(app));

  registerSW({ immediate: true });
}

const pageLocale = pickLocale(location.search, navigator.languages ?? [navigator.language]);
// A catalogue that cannot load (offline before the app was ever cached) leaves English.
void loadLocale(pageLocale).catch(() => undefined).then(() => {
  setLocale(pageLocale);
  main();
});

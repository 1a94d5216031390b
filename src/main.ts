// Startup: pick the first view (the home for a newcomer), mount the app, then open the run the
// page was asked for — a share link in the URL fragment, else the saved session, else the
// default synthetic run (ui/gpupool/gpuStartup.ts). A bad link is explained and the saved session comes
// back untouched; a bad saved session is explained and kept aside; never a blank page. Each
// kernel tab in front of the GPU pool's (src/kernels/catalog.ts) does the same for its own
// runs: its links, its saved session.
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import { knowGrammar } from './commands/kernelGrammar';
import { CATALOG } from './kernels/catalog';
import { browserStorage } from './state/session';
import App from './ui/App.svelte';
import { AppState } from './ui/app.svelte';
import type { FrontTab } from './ui/frontTab';
import { Shell } from './ui/shell.svelte';
import { startView } from './ui/startView';
import { startGpuPool } from './ui/gpupool/gpuStartup';
import type { GpuStartHost } from './ui/gpupool/gpuStartup';
import { loadLocale, pickLocale, setLocale } from './i18n';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Each kernel's front tab; its switch is small, its state and views load when first used. */
async function frontTabs(app: AppState): Promise<FrontTab[]> {
  const factories = await Promise.all(CATALOG.map((k) => ('tab' in k ? k.tab() : null)));
  return factories.flatMap((make) => (make === null ? [] : [make(app)]));
}

// A kernel's own command words load with the kernel, when first typed or run.
for (const kernel of CATALOG) if ('grammar' in kernel) knowGrammar(kernel.id, kernel.grammar);

/** Everything the page starts, once the page's locale can be read. */
async function main(): Promise<void> {
  const app = new AppState();
  const target = document.getElementById('app');
  if (target === null) throw new Error('index.html has no #app element');
  const tabs = await frontTabs(app);
  // Read before the start saves anything: a newcomer (no link, nothing saved) gets the home.
  const firstView = startView(location.hash, browserStorage());
  const shell = new Shell(tabs, firstView);
  mount(App, { target, props: { app, shell } });
  const notify = (kind: 'error' | 'warning' | 'info', text: string): void => app.notify(kind, text);

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

  /** A tab's link or saved run; its code loads only now, behind import(). */
  async function startTab(tab: FrontTab, hash: string): Promise<void> {
    try {
      await tab.start(hash);
    } catch (error) {
      app.notify('error', `The ${tab.id} run could not be restored: ${errorText(error)}`);
    }
  }

  async function startup(): Promise<void> {
    const hash = location.hash;
    await Promise.all([startGpuPool(gpuHost, hash, browserStorage()), ...tabs.map((tab) => startTab(tab, hash))]);
    // A returning user who left on a kernel tab comes back to it (a link already opened it).
    if (firstView !== 'home' && shell.view !== firstView) await shell.show(firstView, { focus: false });
  }

  // A link pasted into the address of the open page: opened on its tab, or, if it is bad,
  // explained while the current run stays.
  window.addEventListener('hashchange', () => {
    const hash = location.hash;
    void (async () => {
      for (const tab of tabs) if (await tab.openAddress(hash)) return;
    })();
  });

  // A #lab= address opens its lab once the run the page started with is in place.
  void startup().then(async () => (await import('./ui/labs/startup')).openLabFromAddress(app));

  registerSW({ immediate: true });
}

const pageLocale = pickLocale(location.search, navigator.languages ?? [navigator.language]);
// A catalogue that cannot load (offline before the app was ever cached) leaves English.
void loadLocale(pageLocale).catch(() => undefined).then(() => {
  setLocale(pageLocale);
  return main();
});

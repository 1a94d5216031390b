// Startup: mount the app, then open the run the page was asked for — a share link in the
// URL fragment, else the saved session, else the default synthetic run. A bad link or saved
// session is explained and the default run starts instead: never a blank page. The raft tab
// does the same for its own runs (`#raft=` links, its saved session) beside the GPU pool.
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import { decodeShareFragment, SHARE_PREFIX } from './state/shareLink';
import { restoreSession } from './state/session';
import type { RunDescription } from './state/runDescription';
import App from './ui/App.svelte';
import { AppState } from './ui/app.svelte';
import { raftTabFor } from './ui/raft/raftTab.svelte';
import { pickLocale, setLocale } from './i18n';

// The lab pane (Markdown, DOMPurify, YAML) loads behind import(): the first load stays small.
setLocale(pickLocale(location.search, navigator.languages ?? [navigator.language]));
const app = new AppState();
const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
mount(App, { target, props: { app } });
const raftTab = raftTabFor(app);
const notify = (kind: 'error' | 'warning' | 'info', text: string): void => app.notify(kind, text);

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function startDefault(): Promise<void> {
  try {
    await app.startDefault();
  } catch (error) {
    app.notify('error', `The default run could not start: ${errorText(error)}`);
  }
}

async function openRun(run: RunDescription, origin: 'link' | 'key', what: string): Promise<void> {
  try {
    const opened = await app.open(run, origin === 'link' ? 'link' : 'key');
    // A missing trace: the user was asked for the files; meanwhile the default run plays.
    if (!opened) await app.startDefault();
  } catch (error) {
    app.notify('error', `The ${what} could not be replayed: ${errorText(error)}. Starting the default run instead.`);
    await startDefault();
  }
}

async function startGpuPool(): Promise<void> {
  const hash = location.hash;
  if (hash.startsWith(SHARE_PREFIX)) {
    const decoded = await decodeShareFragment(hash);
    if (decoded.ok) {
      // From here the session carries the run on: a reload continues the user's work
      // instead of starting the link over.
      history.replaceState(null, '', `${location.pathname}${location.search}`);
      await openRun(decoded.run, 'link', 'run link');
      return;
    }
    app.notify('error', `This run link could not be opened: ${decoded.reason}. Showing the default run instead.`);
    await startDefault();
    return;
  }
  let saved: ReturnType<typeof restoreSession> = { run: null, problem: null };
  try {
    saved = restoreSession(localStorage);
  } catch (error) {
    saved = { run: null, problem: `saved progress could not be read: ${errorText(error)}` };
  }
  if (saved.problem !== null) app.notify('warning', saved.problem);
  if (saved.run !== null) {
    await openRun(saved.run, 'key', 'saved session');
    return;
  }
  await startDefault();
}

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
  await Promise.all([startGpuPool(), startRaftTab()]);
}

// A raft link pasted into the address of the open page: opened on the raft tab, or, if it is
// bad, explained while the current run stays.
window.addEventListener('hashchange', () => {
  void import('./ui/raft/raftStartup').then(({ openRaftAddress }) => openRaftAddress(raftTab, notify, location.hash));
});

// A #lab= address opens its lab once the run the page started with is in place.
void startup().then(async () => (await import('./ui/labs/startup')).openLabFromAddress(app));

registerSW({ immediate: true });

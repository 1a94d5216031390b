// Page start for the GPU pool: the `#run=` link in the address, else the saved run, else the
// default run. A link that cannot be used (damaged, cut off, another format version, a bad
// field or an unknown kernel, a command that does not apply to its cluster) is explained with
// what is wrong and where, and the saved run comes back as it was: nothing derived from the
// link is saved over it. The host (AppState in the page) holds saves while a run is being
// rebuilt, so a half-replayed link never reaches storage either. The raft tab does the same
// for its own links (ui/raft/raftStartup.ts).
import { t } from '../../i18n';
import { isLinkOf } from '../../state/linkEnvelope';
import type { RunDescription } from '../../state/runDescription';
import { keepSessionAside, restoreSession } from '../../state/session';
import type { SessionStorageLike } from '../../state/session';
import { decodeShareFragment, GPUPOOL_LINK } from '../../state/shareLink';

export type GpuStartNotify = (kind: 'error' | 'warning' | 'info', text: string) => void;

/** What the start needs of the page; AppState (through main.ts) in the app. */
export interface GpuStartHost {
  /**
   * Loads the run's workload and replays it. True when it plays; false when its trace files
   * were asked for instead (the run on screen and the saved session are unchanged). Throws
   * when it cannot be replayed; saves then stay held until another run is in place.
   */
  open(run: RunDescription, origin: 'link' | 'key'): Promise<boolean>;
  /**
   * Starts the default run. `standIn`: it only stands in for a saved run that could not be
   * opened, so saves stay held and the saved run is kept.
   */
  startDefault(standIn: boolean): Promise<void>;
  notify: GpuStartNotify;
  /** Takes a usable link out of the address: from then the session carries its run on. */
  dropLink(): void;
}

/** Which run the page ended up showing. */
export type GpuStartOutcome = 'link' | 'session' | 'default';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The saved run, read before anything can be saved over it: unreadable data is reported and
 * kept aside (session.ts) even when a good link opens instead.
 */
function readSavedRun(storage: SessionStorageLike | null, notify: GpuStartNotify): RunDescription | null {
  if (storage === null) return null;
  const restored = restoreSession(storage);
  if (restored.problem !== null) notify('warning', restored.problem);
  return restored.run;
}

/** What happens instead of a link that cannot be used. */
function fallbackText(saved: RunDescription | null): string {
  return saved !== null ? t('state.savedRunBack') : t('state.noSavedRun');
}

/**
 * Opens the run link in `fragment` if it is one and it can be used. 'opened' when its run
 * plays; 'waiting' when its trace files were asked for; 'refused' when it cannot be used (the
 * reason was shown); 'none' when the address holds no run link.
 */
async function openLink(host: GpuStartHost, fragment: string, saved: RunDescription | null): Promise<'opened' | 'waiting' | 'refused' | 'none'> {
  if (!isLinkOf(GPUPOOL_LINK, fragment)) return 'none';
  const decoded = await decodeShareFragment(fragment);
  if (!decoded.ok) {
    host.notify('error', t('state.badLink', { reason: decoded.reason, then: fallbackText(saved) }));
    return 'refused';
  }
  let opened: boolean;
  try {
    opened = await host.open(decoded.run, 'link');
  } catch (error) {
    host.notify('error', t('state.linkReplayFailed', { error: errorText(error), then: fallbackText(saved) }));
    return 'refused';
  }
  // Also while its files are asked for: once they are chosen its run is saved and carried on,
  // and a reload must not start the link over on top of that.
  host.dropLink();
  return opened ? 'opened' : 'waiting';
}

/**
 * At page start: the run link in the address, else (also when the link cannot be used, or
 * while its trace files are asked for) the saved run, else the default run.
 */
export async function startGpuPool(host: GpuStartHost, fragment: string, storage: SessionStorageLike | null): Promise<GpuStartOutcome> {
  const saved = readSavedRun(storage, host.notify);
  const link = await openLink(host, fragment, saved);
  if (link === 'opened') return 'link';
  if (saved === null) {
    await host.startDefault(false);
    return 'default';
  }
  if (link === 'waiting') host.notify('info', t('state.linkWaitsSavedRun'));
  try {
    if (await host.open(saved, 'key')) return 'session';
    // Its trace files are asked for (or, after a link's, named): the default run stands in.
    await host.startDefault(true);
    return 'default';
  } catch (error) {
    // Saves would now replace it with the default run: a copy is kept aside first, and if
    // that fails the default run only stands in.
    const aside = storage === null ? null : keepSessionAside(storage);
    const then = aside === null ? t('state.savedRunStays') : t('state.savedRunKeptAside', { key: aside });
    host.notify('error', t('state.savedRunReplayFailed', { error: errorText(error), then }));
    await host.startDefault(aside === null);
    return 'default';
  }
}

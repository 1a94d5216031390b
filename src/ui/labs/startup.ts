// Page start for labs: the UI language, and a `#lab=<id>&step=N` address opening its lab
// once the app's own start (share link, saved session or default run) is done.
import { pickLocale, setLocale } from '../../i18n';
import { labControllerFor, parseLabHash, type LabApp } from './labController.svelte';

export function chooseLocale(): void {
  setLocale(pickLocale(location.search, navigator.languages ?? [navigator.language]));
}

export async function openLabFromAddress(app: LabApp): Promise<void> {
  const wanted = parseLabHash(location.hash);
  if (wanted === null) return;
  await app.bus.idle();
  await labControllerFor(app).open(wanted.id, wanted.step);
}

// Page start for labs: a `#lab=<id>&step=N` address opens its lab once the app's own start
// (share link, saved session or default run) is done. Loaded behind import() by main.ts.
import { labControllerFor, parseLabHash, type LabApp } from './labController.svelte';

export async function openLabFromAddress(app: LabApp): Promise<void> {
  const wanted = parseLabHash(location.hash);
  if (wanted === null) return;
  await app.bus.idle();
  await labControllerFor(app).open(wanted.id, wanted.step);
}

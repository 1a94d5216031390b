// The Raft tab's catch-up view (spec §1.4, §1.8) in Chromium against the built site: a follower
// crashed from the terminal comes back after the leader checkpointed past it, and the view shows
// case 1 (LC > FL) with its 128 KB pieces all arriving; the scrubber (raft seek) takes the view
// back into the middle of the stream and to before it, as it does every other view.
import { test, expect, openApp, commandOutput } from './fixtures';

const num = async (el: import('@playwright/test').Locator, name: string) => Number(await el.getAttribute(name));

test('a follower back from a crash past the checkpoint is caught up by streaming, piece by piece', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible();
  await commandOutput(page, 'raft step 100ms', /parallel/);
  const view = page.getByTestId('raft-catchup-parallel');
  await expect(view).toHaveAttribute('data-count', '0');

  await commandOutput(page, 'raft crash 2', /crash 2 at 100\.000 ms/);
  await commandOutput(page, 'raft step 200ms', /parallel/);
  await commandOutput(page, 'raft checkpoint 0', /checkpoint 0 at 300\.000 ms/);
  await commandOutput(page, 'raft step 100ms', /parallel/);
  await commandOutput(page, 'raft restart 2', /restart 2 at 400\.000 ms/);
  await commandOutput(page, 'raft step 50ms', /t=450\.000 ms/);

  const card = page.getByTestId('raft-catchup-parallel-2');
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card).toHaveAttribute('data-case', '1');
  await expect(card).toHaveAttribute('data-reason', 'lc-past-fl');
  await expect(card).toHaveAttribute('data-leader', '0');
  // The default chunk is 2,560 blocks of 4 KB: 80 pieces of 128 KB, every one received.
  await expect(card).toHaveAttribute('data-pieces', '80');
  await expect(card).toHaveAttribute('data-received', '80');
  expect(await num(card, 'data-lc')).toBeGreaterThan(await num(card, 'data-fl'));
  expect(await num(card, 'data-took-ms')).toBeGreaterThan(0);
  await expect(card).toContainText('case 1: streaming catch-up');
  await expect(card).toContainText(/LC \d+ > FL \d+/);
  await expect(card).toContainText('80/80 pieces of 128 KB received (10.0 MB)');
  await expect(card).toContainText(/done in [\d.]+ ms/);
  await expect(page.getByTestId('raft-catchup-pieces-parallel-2')).toBeVisible();
  const start = await num(card, 'data-start-ns');
  expect(start).toBeGreaterThanOrEqual(400e6);

  // Back into the middle of the stream: fewer pieces, still running.
  const mid = ((start + 300_000) / 1e6).toFixed(3);
  await commandOutput(page, `raft seek ${mid}ms`, new RegExp(`at ${mid.replace('.', '\\.')} ms`));
  await expect(card).toHaveAttribute('data-state', 'running');
  const received = await num(card, 'data-received');
  expect(received).toBeGreaterThan(0);
  expect(received).toBeLessThan(80);
  // Before the restart there was no catch-up; forward again, it is back, done.
  await commandOutput(page, 'raft seek 350ms', /at 350\.000 ms/);
  await expect(view).toHaveAttribute('data-count', '0');
  await commandOutput(page, 'raft seek 450ms', /at 450\.000 ms/);
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card).toHaveAttribute('data-received', '80');
});

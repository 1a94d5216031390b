// The one polite live region narrates each kernel's events during a run, at a readable rate.
import { test, expect, openApp, typeCommand } from './fixtures';

test('the live region speaks while the GPU pool runs', async ({ blockedPage: page }) => {
  await openApp(page);
  const live = page.getByTestId('live-region');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText('');
  await page.getByTestId('run').click();
  await expect(live).toHaveText(/^pods? \d+/, { timeout: 20_000 });
  // Seeking far ahead is summed up in one sentence, refusals named with the idle capacity.
  await page.getByTestId('pause').click();
  await typeCommand(page, 'seek 9000');
  await expect(live).toHaveText(/pods \d+–9000: \d+ placed, \d+ refused \(now [\d.]+% of GPU capacity idle: fragmented\)/, { timeout: 30_000 });
  await expect(page.locator('[aria-live]')).toHaveCount(2); // this one and the messages'
});

test('the live region tells what the raft kernel did', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible({ timeout: 30_000 });
  const live = page.getByTestId('live-region');
  await typeCommand(page, 'raft step 5ms');
  await typeCommand(page, 'raft crash 0');
  await typeCommand(page, 'raft step 50ms');
  await expect(live).toHaveText(/node 0 is down|elected leader/, { timeout: 30_000 });
});

test('the live region tells what the LogIndex kernel did', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-logindex').click();
  await expect(page.getByTestId('logindex-app')).toBeVisible({ timeout: 30_000 });
  const live = page.getByTestId('live-region');
  await typeCommand(page, 'logindex step 50ms');
  await typeCommand(page, 'logindex crash ro2');
  await typeCommand(page, 'logindex step 50ms');
  await expect(live).toHaveText(/ro2 is down/, { timeout: 30_000 });
  await typeCommand(page, 'logindex restart ro2');
  await typeCommand(page, 'logindex step 200ms');
  await expect(live).toHaveText(/ro2 (is back|serves reads again)/, { timeout: 30_000 });
});

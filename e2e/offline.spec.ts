import { test, expect, openApp, stepOf } from './fixtures';

test('after the first visit the app loads and runs with the network off', async ({ blockedPage: page, context }) => {
  await openApp(page);
  // Wait until the service worker controls the page (precache done).
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker?.ready;
    return Boolean(registration?.active) && navigator.serviceWorker.controller !== null;
  }, null, { timeout: 30_000 }).catch(async () => {
    // First visits are controlled after clients.claim(); one reload makes sure.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 30_000 });
  await page.getByTestId('run').click();
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(50);
  await context.setOffline(false);
});

import { test, expect, openApp, stepOf, shareLink, gpuStateHash, playGpuRun } from './fixtures';


test('a share link reproduces the exact state, commands and faults included', async ({ blockedPage: page, context }) => {
  await openApp(page);
  await playGpuRun(page, 2400);
  const expected = await gpuStateHash(page);
  const link = await shareLink(page);
  expect(link.length).toBeLessThan(2000);

  const other = await context.newPage();
  await other.route('**/*', (route) => (route.request().url().startsWith(new URL(link).origin) ? route.continue() : route.abort()));
  await other.goto(link);
  await expect.poll(() => stepOf(other), { timeout: 30_000 }).toBe(2400);
  await expect(other.getByTestId('status-policy')).toHaveText('BestFit');
  expect(await gpuStateHash(other)).toBe(expected);
});

test('a damaged link says so and the default run still opens', async ({ blockedPage: page }) => {
  await openApp(page);
  const good = await shareLink(page);
  const hashAt = good.indexOf('#run=') + 5;
  // Flip one character in the middle of the data.
  const mid = hashAt + Math.floor((good.length - hashAt) * 0.7);
  const damaged = good.slice(0, mid) + (good[mid] === 'A' ? 'B' : 'A') + good.slice(mid + 1);
  await page.goto('about:blank');
  await page.goto(damaged);
  await expect(page.getByTestId('messages')).toContainText(/damaged|truncated|hash|could not/i);
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 30_000 });
});

test('a link from another format version is named as such', async ({ blockedPage: page }) => {
  await page.goto('./#run=v99.00000000.AAAA');
  await expect(page.getByTestId('messages')).toContainText(/version/i);
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 30_000 });
});

// Every canvas says what it shows, and the raft space-time diagram has its messages as rows
// that select like a click on the diagram.
import { test, expect, openApp, commandOutput } from './fixtures';
import { waitForDrawn } from './view3d';

/** Canvases in the page that have no role="img" with a label. */
async function unlabelledCanvases(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('canvas')]
    .filter((c) => c.getAttribute('role') !== 'img' || !(c.getAttribute('aria-label') ?? '').trim())
    .map((c) => c.closest('[data-testid]')?.getAttribute('data-testid') ?? c.className));
}

test('canvases are labelled, and the space-time diagram lists its messages', async ({ blockedPage: page }) => {
  await openApp(page);
  await waitForDrawn(page);
  await expect(page.locator('[data-testid="chart"] canvas')).toHaveAttribute('aria-label', /Allocation and fragmentation ratio/);
  expect(await unlabelledCanvases(page)).toEqual([]);

  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible();
  await commandOutput(page, 'raft step 5ms', /raft|parallel/);
  const diagram = page.locator('canvas[data-testid^="raft-spacetime-"]').first();
  const label = (await diagram.getAttribute('data-testid'))!.replace('raft-spacetime-', '');
  await expect.poll(async () => Number(await diagram.getAttribute('data-messages'))).toBeGreaterThan(0);
  const drawn = Number(await diagram.getAttribute('data-messages'));
  await expect(diagram).toHaveAttribute('aria-label', new RegExp(`^Space-time diagram of ${label}: ${drawn} messages .* to 5\\.000 ms`));
  await expect(page.getByTestId(`raft-log-${label}`)).toHaveAttribute('aria-label', new RegExp(`^Log of ${label}: one cell per entry`));
  expect(await unlabelledCanvases(page)).toEqual([]);

  await page.getByTestId(`raft-messages-toggle-${label}`).click();
  const list = page.getByTestId(`raft-messages-${label}`);
  const rows = list.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBe(Math.min(40, drawn));
  await expect(list.locator('caption')).toHaveText(`The ${count} most recent messages in view, newest first`);
  // Newest first, by send time.
  const sent = (await list.locator('tbody tr td:first-child').allInnerTexts()).map(Number);
  expect(sent).toEqual([...sent].sort((a, b) => b - a));
  // Choosing a row selects that message, as a click on its line does.
  await rows.nth(0).locator('button').click();
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  const kind = await rows.nth(0).locator('td').nth(1).innerText();
  await expect(page.getByTestId(`raft-column-${label}`).locator('.tip')).toContainText(kind);
  await expect(page.getByTestId(`raft-column-${label}`).locator('.tip')).toContainText(`sent ${sent[0].toFixed(4)}`);
});

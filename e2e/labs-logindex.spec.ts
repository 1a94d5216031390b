// A kernel: logindex lab in the browser, walked by clicking only what it shows: opening it
// switches to the LogIndex tab with flush control off, the predict is answered from a
// look-ahead that leaves the visible run where it was, and the checker's L2 verdict, then
// flush control back on, take it to the end.
import type { Page } from '@playwright/test';
import { test, expect, openApp, terminalText } from './fixtures';

const LAB = 'logindex-flush-control';

async function clickCommand(page: Page, command: string, nth = 0): Promise<void> {
  await page.getByTestId('lab-step-body').locator(`[data-hlab-command="${command}"]`).nth(nth).click();
}

async function checkPasses(page: Page): Promise<void> {
  await page.getByTestId('lab-check').click();
  await expect(page.getByTestId('lab-check-result')).toHaveText('Passed.', { timeout: 30_000 });
}

test('the flush-control LogIndex lab from start to finish by clicking', async ({ blockedPage: page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByTestId('header-labs').click();
  await page.locator(`[data-lab-id="${LAB}"]`).getByTestId('lab-open').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 1 of 3', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('logindex-app')).toBeVisible();
  await expect(page.getByTestId('tab-logindex')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('logindex-column-lazy')).toContainText('broken on purpose: flush-control-off');

  // Step 1: flush control off and nobody behind: still valid.
  await clickCommand(page, 'logindex step 1s');
  await clickCommand(page, 'logindex status');
  await expect(page.getByTestId('logindex-verdict')).toHaveAttribute('data-verdict', 'valid', { timeout: 60_000 });
  await checkPasses(page);
  await page.getByTestId('lab-continue').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 2 of 3', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });

  // Step 2: the predict runs on a scratch copy; the visible run stays at 1 s and valid.
  const figures = page.getByTestId('logindex-figures');
  await expect(figures).toContainText('t=1000.000 ms');
  await page.getByTestId('lab-predict-choice').nth(1).check();
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toHaveText(/^Right\./, { timeout: 60_000 });
  await expect(figures).toContainText('t=1000.000 ms');
  await expect(page.getByTestId('logindex-verdict')).toHaveAttribute('data-verdict', 'valid');
  expect(await terminalText(page)).not.toMatch(/logindex delay ro1 2ms/);
  await clickCommand(page, 'logindex reset');
  await clickCommand(page, 'logindex step 100ms');
  await clickCommand(page, 'logindex delay ro1 2ms');
  await clickCommand(page, 'logindex step 100ms', 1);
  await clickCommand(page, 'logindex status');
  const verdict = page.getByTestId('logindex-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 60_000 });
  await expect(verdict).toContainText(/L2 broken: .*node ro1/);
  await checkPasses(page);
  await page.getByTestId('lab-continue').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 3 of 3', { timeout: 30_000 });

  // Step 3: flush control on, the same delay: the writer holds pages back and stays valid.
  await clickCommand(page, 'logindex break none');
  await clickCommand(page, 'logindex step 100ms');
  await clickCommand(page, 'logindex delay ro1 2ms');
  await clickCommand(page, 'logindex step 900ms');
  await clickCommand(page, 'logindex status');
  await expect(figures).toContainText('t=1000.000 ms', { timeout: 60_000 });
  await expect(page.getByTestId('logindex-verdict')).toHaveAttribute('data-verdict', 'valid');
  await checkPasses(page);
  await page.getByTestId('lab-continue').click();
  await expect(page.getByTestId('lab-finished')).toBeVisible({ timeout: 30_000 });
});

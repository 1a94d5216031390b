// A kernel: vcpu lab in the browser, walked by clicking only what it shows: opening it switches
// to the vCPU tab on the Dragonfly preset, each step's one-click commands run in the tab, the
// predict is answered from a look-ahead, and every check passes as written.
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

async function clickCommand(page: Page, command: string): Promise<void> {
  await page.getByTestId('lab-step-body').locator(`[data-hlab-command="${command}"]`).first().click();
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });
}

async function checkAndContinue(page: Page, next: string): Promise<void> {
  await page.getByTestId('lab-check').click();
  await expect(page.getByTestId('lab-check-result')).toHaveText('Passed.', { timeout: 60_000 });
  await page.getByTestId('lab-continue').click();
  if (next === 'end') await expect(page.getByTestId('lab-finished')).toBeVisible({ timeout: 30_000 });
  else await expect(page.getByTestId('lab-step-counter')).toHaveText(next, { timeout: 30_000 });
}

test('the vCPU pinning lab from start to finish by clicking', async ({ blockedPage: page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await page.getByTestId('header-labs').click();
  await page.locator('[data-lab-id="vcpu-pinning"]').getByTestId('lab-open').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 1 of 4', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('vcpu-app')).toBeVisible();
  await expect(page.getByTestId('tab-vcpu')).toHaveAttribute('aria-pressed', 'true');

  // Step 1: the predict looks ahead; the lab's own solution says 65.1 %.
  await page.getByTestId('lab-predict-number').fill('65');
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toHaveText(/^Right\./, { timeout: 60_000 });
  await clickCommand(page, 'vcpu step 1s');
  await clickCommand(page, 'vcpu status');
  await expect(page.getByTestId('vcpu-target')).toHaveAttribute('data-meets', 'true');
  await checkAndContinue(page, 'Step 2 of 4');

  for (const [commands, next] of [
    [['vcpu preset default', 'vcpu step 1s', 'vcpu status'], 'Step 3 of 4'],
    [['vcpu preset default', 'vcpu arrive noisy', 'vcpu step 1s', 'vcpu status'], 'Step 4 of 4'],
    [['vcpu preset default', 'vcpu sched eevdf', 'vcpu arrive noisy', 'vcpu step 1s', 'vcpu status'], 'end'],
  ] as const) {
    for (const c of commands) await clickCommand(page, c);
    await checkAndContinue(page, next);
  }
});

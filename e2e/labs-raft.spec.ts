// A kernel: raft lab in the browser: opening it switches to the raft tab, its predicts are
// answered from look-aheads that leave the visible run where it was (one of them crashes
// the leader on a scratch copy only), and clicking the step's commands, checking and
// continuing takes it to the end.
import type { Page } from '@playwright/test';
import { test, expect, openApp, terminalText } from './fixtures';

const GHOST = 'raft-merge-ghost';

/** Clicks a command of the step's prose; `nth` picks one that the prose lists more than once. */
async function clickCommand(page: Page, command: string, nth = 0): Promise<void> {
  await page.getByTestId('lab-step-body').locator(`[data-hlab-command="${command}"]`).nth(nth).click();
}

async function checkPasses(page: Page): Promise<void> {
  await page.getByTestId('lab-check').click();
  await expect(page.getByTestId('lab-check-result')).toHaveText('Passed.', { timeout: 30_000 });
}

test('the ghost-entry raft lab from start to finish by clicking', async ({ blockedPage: page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByTestId('header-labs').click();
  await page.locator(`[data-lab-id="${GHOST}"]`).getByTestId('lab-open').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 1 of 3', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });
  await expect.poll(() => page.url()).toContain(`#lab=${GHOST}&step=1`);

  // The raft tab shows the lab's scenario at 0 ms: the predict's answer, 3 s ahead, was
  // worked out on scratch workers.
  await expect(page.getByTestId('raft-app')).toBeVisible();
  await expect(page.getByTestId('raft-column-parallel')).toBeVisible();
  await expect.poll(() => terminalText(page)).toMatch(/raft scenario ghost +\(lab\)/);
  await expect(page.getByTestId('raft-column-parallel').locator('.now')).toHaveText('t = 0.000 ms');

  // Step 1: the predict (its forward run then plays on the visible run), then the scenario for 3 s.
  await page.getByTestId('lab-predict-choice').nth(1).check();
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toHaveText(/^Right\./, { timeout: 60_000 });
  await clickCommand(page, 'raft scenario ghost');
  await clickCommand(page, 'raft step 3s');
  await clickCommand(page, 'raft status');
  await expect(page.getByTestId('raft-verdict-parallel')).toHaveAttribute('data-verdict', 'invalid', { timeout: 60_000 });
  await checkPasses(page);
  await page.getByTestId('lab-continue').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 2 of 3', { timeout: 30_000 });
  await expect.poll(() => page.url()).toContain(`#lab=${GHOST}&step=2`);

  // Step 2: ParallelRaft-CE on the same scenario holds every property for 3 s.
  await clickCommand(page, 'raft mode parallel-ce');
  await clickCommand(page, 'raft step 3s');
  await expect(page.getByTestId('raft-verdict-parallel-ce')).toHaveAttribute('data-verdict', 'valid', { timeout: 60_000 });
  await checkPasses(page);
  await page.getByTestId('lab-continue').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 3 of 3', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });

  // Step 3: "if leader 1 crashes now?" is a what-if on a scratch copy. Answering it leaves
  // the visible run at 3 s with node 1 leading, and the crash never reaches the terminal.
  const column = page.getByTestId('raft-column-parallel-ce');
  await expect(column.locator('.now')).toHaveText('t = 3000.000 ms');
  await expect(page.getByTestId('raft-node-parallel-ce-1')).toHaveClass(/\bleader\b/);
  await page.getByTestId('lab-predict-choice').nth(1).check();
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toHaveText(/^Right\./, { timeout: 60_000 });
  await expect(column.locator('.now')).toHaveText('t = 3000.000 ms');
  await expect(page.getByTestId('raft-node-parallel-ce-1')).toHaveClass(/\bleader\b/);
  expect(await terminalText(page)).not.toMatch(/raft crash 1/);

  // Then the learner crashes the leader for real and brings node 0 back: node 2 leads.
  await clickCommand(page, 'raft crash 1');
  await clickCommand(page, 'raft step 1s');
  await clickCommand(page, 'raft restart 0');
  await clickCommand(page, 'raft step 1s', 1);
  await expect(column.locator('.now')).toHaveText('t = 5000.000 ms', { timeout: 60_000 });
  await expect(page.getByTestId('raft-node-parallel-ce-2')).toHaveClass(/\bleader\b/);
  await expect(page.getByTestId('raft-verdict-parallel-ce')).toHaveAttribute('data-verdict', 'valid');
  await checkPasses(page);
  await page.getByTestId('lab-continue').click();
  await expect(page.getByTestId('lab-finished')).toBeVisible({ timeout: 30_000 });
});

test('a GPU-pool lab puts the raft tab away, and a raft lab brings it back', async ({ blockedPage: page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const open = async (id: string) => {
    // The lab list: from the header, or back from the lab that is open.
    const back = page.getByTestId('lab-back');
    if (await back.isVisible()) await back.click();
    else await page.getByTestId('header-labs').click();
    await page.locator(`[data-lab-id="${id}"]`).getByTestId('lab-open').click();
    await expect(page.getByTestId('lab-step-counter')).toHaveText(/^Step 1 of /, { timeout: 30_000 });
    await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });
    expect(page.url()).toContain(`#lab=${id}&step=1`);
  };
  // The raft tab in front by the person's own click, before any raft lab ran.
  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible();

  await open('fragmentation-refuses-a-pod');
  await expect(page.getByTestId('tab-gpupool')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('raft-app')).toBeHidden();

  await open(GHOST);
  await expect(page.getByTestId('tab-raft')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('raft-column-parallel')).toBeVisible();

  await open('fragmentation-refuses-a-pod');
  await expect(page.getByTestId('tab-gpupool')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('raft-app')).toBeHidden();
  await expect(page.getByTestId('status-pods')).not.toHaveText('0');
});

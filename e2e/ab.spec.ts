import { test, expect, openApp, typeCommand, commandOutput } from './fixtures';

test('A/B runs two policies on one clock with a diff chart and two 3D views', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('toggle-ab').click();
  const view = page.getByTestId('ab-view');
  await expect(view).toContainText('A = FGD, B = BestFit');
  await typeCommand(page, 'step 4000');
  await expect(page.getByTestId('ab-step')).toHaveText('4000', { timeout: 30_000 });
  await expect(page.getByTestId('ab-a-status')).toHaveAttribute('data-step', '4000');
  await expect(page.getByTestId('ab-b-status')).toHaveAttribute('data-step', '4000');
  await expect(view).toHaveAttribute('data-diff-points', /^[1-9]\d*$/);
  await expect(page.getByTestId('ab-diff')).toHaveText(/^-?\d+\.\d\d$/);
  for (const side of ['a', 'b']) await expect(page.getByTestId(`ab-3d-${side}-stats`)).toHaveAttribute('data-instances', /^[1-9]\d*$/);
  // Running and pausing keeps the two sides on the same step.
  await typeCommand(page, 'run');
  await expect.poll(async () => Number(await page.getByTestId('ab-step').innerText()), { timeout: 30_000 }).toBeGreaterThan(4000);
  await typeCommand(page, 'pause');
  await expect.poll(async () => (await page.getByTestId('ab-a-status').getAttribute('data-step')) === (await page.getByTestId('ab-b-status').getAttribute('data-step'))).toBe(true);
  await typeCommand(page, 'seek 1000');
  await expect(page.getByTestId('ab-step')).toHaveText('1000');
  // The same comparison from the terminal, then back to the single run.
  await commandOutput(page, 'ab GpuPacking FGD', /A = GpuPacking, B = FGD/);
  await expect(view).toContainText('A = GpuPacking, B = FGD');
  await typeCommand(page, 'ab off');
  await expect(page.getByTestId('ab-view')).toHaveCount(0);
  await expect(page.getByTestId('chart')).toBeVisible();
});

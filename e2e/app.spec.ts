import { test, expect, openApp, typeCommand, stepOf, commandOutput, terminalText } from './fixtures';

test('opens offline-ready on the embedded default and runs it', async ({ blockedPage: page }) => {
  await openApp(page);
  await expect(page.getByTestId('workload-label')).toContainText('openb-like (synthetic)');
  await expect(page.getByTestId('status-policy')).toHaveText('FGD');
  await page.getByTestId('step').click();
  await expect.poll(() => stepOf(page)).toBe(1);
  await page.getByTestId('run').click();
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(100);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status-playing')).toHaveText('paused');
  // The chart draws on a canvas: some pixels must not be background.
  const canvas = page.getByTestId('chart').locator('canvas').first();
  await expect(canvas).toBeVisible();
});

test('the terminal drives the run: typed commands, help, completion, suggestions', async ({ blockedPage: page }) => {
  await openApp(page);
  await commandOutput(page, 'help seek', /end/);
  await typeCommand(page, 'seek 500');
  await expect.poll(() => stepOf(page)).toBe(500);
  const failed = await commandOutput(page, 'query placed', /\d+/);
  expect(failed).toMatch(/\b\d+\b/);
  await commandOutput(page, 'rnu', /did you mean "?run"?/);
  await commandOutput(page, 'policy FDG', /did you mean FGD/);
  // Tab completes a command name.
  const input = page.locator('.xterm-helper-textarea');
  await input.focus();
  await page.keyboard.type('que');
  await page.keyboard.press('Tab');
  await page.keyboard.type(' step');
  await page.keyboard.press('Enter');
  await expect.poll(async () => terminalText(page)).toMatch(/› query +step\s+step = \d+/);
});

test('buttons are the same commands as their typed form', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('step').click();
  await expect.poll(async () => terminalText(page)).toMatch(/step/);
  await page.getByTestId('policy').selectOption('BestFit');
  await expect(page.getByTestId('status-policy')).toHaveText('BestFit');
  await expect.poll(async () => terminalText(page)).toMatch(/policy BestFit/);
});

test('a node inspector shows GPUs, pods and fragment by category', async ({ blockedPage: page }) => {
  await openApp(page);
  await typeCommand(page, 'seek 3000');
  await expect.poll(() => stepOf(page)).toBe(3000);
  await typeCommand(page, 'node 0');
  const inspector = page.getByTestId('node-inspector');
  await expect(inspector).toContainText('synth-node-0000');
  await expect(inspector).toContainText(/q3|satisfied/i);
});

test('a kernel trap is reported and the page stays up with its state', async ({ blockedPage: page }) => {
  await openApp(page);
  await typeCommand(page, 'seek 1200');
  await expect.poll(() => stepOf(page)).toBe(1200);
  await typeCommand(page, 'debug trap');
  await expect(page.getByTestId('messages')).toContainText(/trap/i);
  await expect.poll(() => stepOf(page)).toBe(1200);
  await typeCommand(page, 'step 10');
  await expect.poll(() => stepOf(page)).toBe(1210);
});

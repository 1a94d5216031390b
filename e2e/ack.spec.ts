import { test, expect, openApp, terminalText, stepOf, typeCommand, commandOutput } from './fixtures';

test('ACK: its weights, batch and filters are editable in the UI, each the command it stands for', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('policy').selectOption('ACK');
  const panel = page.getByTestId('ack-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('ack-defaults')).toContainText('G2, G3, V100M32');
  await typeCommand(page, 'seek 500');
  await expect.poll(() => stepOf(page)).toBe(500);
  for (const [name, value] of [['balance', '0'], ['affinity', '0'], ['topology', '0'], ['utilization', '1'], ['interference', '0']]) {
    await panel.getByTestId(`ack-weight-${name}`).fill(value);
  }
  await panel.getByTestId('ack-apply-weights').click();
  await expect.poll(() => terminalText(page)).toMatch(/ack weights 0 0 0 1 0/);
  await panel.getByTestId('ack-filter-numa').uncheck();
  await expect.poll(() => terminalText(page)).toMatch(/ack numa off/);
  // The settings are stamped commands: seeking away and back lands on the same state.
  await typeCommand(page, 'seek 2000');
  await expect.poll(() => stepOf(page)).toBe(2000);
  const first = /state hash ([0-9a-f]{16})/.exec(await commandOutput(page, 'debug hash', /state hash [0-9a-f]{16}/))![1];
  await typeCommand(page, 'seek 100');
  await expect.poll(() => stepOf(page)).toBe(100);
  await typeCommand(page, 'seek 2000');
  await expect.poll(() => stepOf(page)).toBe(2000);
  const second = /state hash ([0-9a-f]{16})/.exec(await commandOutput(page, 'debug hash', /state hash [0-9a-f]{16}/))![1];
  expect(second).toBe(first);
});

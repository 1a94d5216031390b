import { test, expect, openApp, typeCommand, stepOf, terminalText } from './fixtures';

test('why this node: the next pod, every policy\'s winner, and FGD\'s pick is where the pod lands', async ({ blockedPage: page }) => {
  await openApp(page);
  await typeCommand(page, 'seek 500');
  await expect.poll(() => stepOf(page)).toBe(500);
  await typeCommand(page, 'why');
  // The terminal prints every policy's winner (the panel takes room: read its last lines).
  await expect.poll(() => terminalText(page)).toMatch(/FGD +node \d+ \(score \d+\)/);
  const fgdNode = Number(/FGD +node (\d+)/.exec(await terminalText(page))![1]);
  const panel = page.getByTestId('why-panel');
  await expect(panel.getByTestId('why-pod')).toContainText('step 501');
  const fgd = panel.getByTestId('why-winners').locator('li[data-policy="FGD"]');
  await expect(fgd).toHaveAttribute('data-node', String(fgdNode));
  await expect(panel.getByTestId('why-table').locator(`tr[data-node="${fgdNode}"]`)).toHaveCount(1);
  const pod = /synth-pod-\d+/.exec(await panel.getByTestId('why-pod').innerText())![0];
  // Step the pod: under FGD it goes to FGD's winner, and the panel moves on to the next pod.
  await page.getByTestId('step').click();
  await expect(panel.getByTestId('why-pod')).toContainText('step 502');
  await typeCommand(page, `node ${fgdNode}`);
  await expect(page.getByTestId('node-inspector')).toContainText(pod);
  // Closing the panel stops the fetching; the button opens it again through the command.
  await panel.getByTestId('why-close').click();
  await expect(page.getByTestId('why-panel')).toHaveCount(0);
  await page.getByTestId('toggle-why').click();
  await expect(page.getByTestId('why-pod')).toContainText('step 502');
});

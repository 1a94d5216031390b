import { test, expect, openApp, typeCommand, stepOf, commandOutput } from './fixtures';
import { drawnShare, gpuOnScreen, viewStats, waitForDrawn } from './view3d';

// The openb-like cluster: 1213 server slabs and 6212 GPUs, each GPU a shell and a fill.
const INSTANCES = 1213 + 2 * 6212;

test('the 3D view draws the cluster with WebGL2 in a few draw calls', async ({ blockedPage: page }) => {
  await openApp(page);
  await typeCommand(page, 'seek 4000');
  await expect.poll(() => stepOf(page)).toBe(4000);
  const stats = await waitForDrawn(page);
  expect(stats.backend).toBe('webgl2');
  expect(stats.instances).toBe(INSTANCES);
  expect(stats.drawCalls).toBeGreaterThan(0);
  expect(stats.drawCalls).toBeLessThanOrEqual(20);
  expect(stats.triangles).toBeGreaterThan(0);
  await expect(page.getByTestId('cluster-3d-legend')).toContainText('GPU too fragmented (q2)');
  expect(await drawnShare(page, page.getByTestId('cluster-3d'))).toBeGreaterThan(0.02);
  const out = await commandOutput(page, 'stats', /draw calls +\d+/);
  const calls = Number(/draw calls +(\d+)/.exec(out)![1]);
  expect(calls).toBe((await viewStats(page)).drawCalls);
  expect(calls).toBeLessThanOrEqual(20);
  expect(out).toMatch(/3D backend +WebGL2/);
  expect(out).toContain(`instances          ${INSTANCES}`);
});

test('a click on a GPU opens its node; the terminal selects in 3D; the chart marks the node', async ({ blockedPage: page }) => {
  await openApp(page);
  await typeCommand(page, 'seek 6000');
  await expect.poll(() => stepOf(page)).toBe(6000);
  await waitForDrawn(page);
  await typeCommand(page, 'node 16');
  await expect(page.getByTestId('cluster-3d')).toHaveAttribute('data-selected', '16');
  await expect(page.getByTestId('node-name')).toContainText('#16 synth-node-0016');
  // The camera moved to node 16; its neighbour in the rack (node 17) sits just above it.
  await expect.poll(async () => (await gpuOnScreen(page, 17, 2)).y).toBeLessThan((await gpuOnScreen(page, 16, 2)).y);
  const at = await gpuOnScreen(page, 17, 2);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('node-name')).toContainText('#17 synth-node-0017');
  await expect(page.getByTestId('cluster-3d')).toHaveAttribute('data-selected', '17');
  // Node 17 has pods by step 6000, so the chart marks where it last changed.
  await expect(page.getByTestId('chart')).toHaveAttribute('data-marker-x', /^\d+\.\d+$/);
  // Hovering shows the node's name, model and category.
  await page.mouse.move(at.x + 1, at.y);
  await expect(page.getByTestId('cluster-3d-tooltip')).toContainText('synth-node-0017');
  await expect(page.getByTestId('cluster-3d-tooltip')).toContainText('G2');
});

test('failing a node from the inspector evicts its pods and marks it failed in 3D', async ({ blockedPage: page }) => {
  await openApp(page);
  await typeCommand(page, 'seek 6000');
  await expect.poll(() => stepOf(page)).toBe(6000);
  await typeCommand(page, 'node 100');
  await expect(page.getByTestId('node-name')).toContainText('#100');
  await waitForDrawn(page);
  await page.getByTestId('fail-node').click();
  await expect(page.getByTestId('status-failed-gpus')).toHaveText('8');
  await expect(page.getByTestId('status')).toContainText(/evicted \d+ · rescheduled \d+ · lost \d+/);
  const at = await gpuOnScreen(page, 100, 3);
  await page.mouse.move(at.x, at.y);
  await expect(page.getByTestId('cluster-3d-tooltip')).toContainText('failed');
  // One GPU of another node, from its ✕ in the inspector: the same command as typed.
  await typeCommand(page, 'node 101');
  await expect(page.getByTestId('node-name')).toContainText('#101');
  await page.getByTestId('fail-gpu-2').click();
  await expect(page.getByTestId('status-failed-gpus')).toHaveText('9');
});

test('the renderer switch recreates the view; the 3D view can be hidden', async ({ blockedPage: page }) => {
  await openApp(page);
  await waitForDrawn(page);
  await page.getByTestId('renderer').selectOption('webgl2');
  await expect(page.getByTestId('view-stats')).toHaveAttribute('data-backend', 'webgl2');
  await waitForDrawn(page);
  await typeCommand(page, 'view 3d off');
  await expect(page.getByTestId('cluster-3d')).toHaveCount(0);
  await page.getByTestId('toggle-3d').click();
  await waitForDrawn(page);
});

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

test('the camera comes back to the whole cluster from the button, the 0 key and view reset', async ({ blockedPage: page }) => {
  await openApp(page);
  await waitForDrawn(page);
  // Where node 0 sits in the default framing; selecting node 300 flies the camera to it.
  const framed = await gpuOnScreen(page, 0, 0);
  const movedAway = async () => {
    await typeCommand(page, 'node 300');
    await expect(page.getByTestId('cluster-3d')).toHaveAttribute('data-selected', '300');
    await expect.poll(async () => Math.abs((await gpuOnScreen(page, 0, 0)).x - framed.x) + Math.abs((await gpuOnScreen(page, 0, 0)).y - framed.y)).toBeGreaterThan(5);
  };
  const isFramed = () => expect.poll(async () => {
    const p = await gpuOnScreen(page, 0, 0);
    return Math.abs(p.x - framed.x) + Math.abs(p.y - framed.y);
  }).toBeLessThan(0.5);

  await movedAway();
  await page.getByTestId('cluster-3d-reset').click();
  await isFramed();

  await typeCommand(page, 'node 0');
  await movedAway();
  await page.locator('[data-testid="cluster-3d"] canvas').focus();
  await page.keyboard.press('0');
  await isFramed();

  await typeCommand(page, 'node 0');
  await movedAway();
  await commandOutput(page, 'view reset', /3D camera back on the whole cluster/);
  await isFramed();
});

test('the 3D view has a label and a node table that selects like a click', async ({ blockedPage: page }) => {
  await openApp(page);
  await typeCommand(page, 'seek 4000');
  await expect.poll(() => stepOf(page)).toBe(4000);
  await waitForDrawn(page);
  const canvas = page.locator('[data-testid="cluster-3d"] canvas');
  await expect(canvas).toHaveAttribute('role', 'img');
  await expect(canvas).toHaveAttribute('aria-label', /1213 nodes and 6212 GPUs/);

  await page.getByTestId('cluster-3d-table-toggle').click();
  const table = page.getByTestId('cluster-3d-table');
  await expect(page.getByTestId('cluster-3d-table-range')).toHaveText('nodes 1–50 of 1213');
  await expect(table.locator('tbody tr')).toHaveCount(50);
  // Each row: the node, its name and model (from the worker), its category and its GPUs in use.
  const row = table.locator('tr[data-node="3"]');
  await expect(row).toContainText('synth-node-0003');
  await expect(row.locator('td').nth(4)).toHaveText(/^\d+\.\d\d of [1-8]$/);
  await expect(row.locator('td').nth(3)).not.toHaveText('…');

  await page.getByTestId('cluster-3d-table-next').click();
  await expect(page.getByTestId('cluster-3d-table-range')).toHaveText('nodes 51–100 of 1213');
  await table.locator('tr[data-node="60"] button').click();
  await expect(page.getByTestId('cluster-3d')).toHaveAttribute('data-selected', '60');
  await expect(page.getByTestId('node-name')).toContainText('#60');
  await expect(table.locator('tr[data-node="60"]')).toHaveAttribute('aria-selected', 'true');
  // By keyboard: Tab to the next row's button and press Enter.
  await table.locator('tr[data-node="60"] button').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cluster-3d')).toHaveAttribute('data-selected', '61');
  // A node chosen elsewhere brings its page up.
  await typeCommand(page, 'node 1200');
  await expect(page.getByTestId('cluster-3d-table-range')).toHaveText('nodes 1201–1213 of 1213');
  await expect(table.locator('tbody tr')).toHaveCount(13);
  await expect(canvas).toHaveAttribute('aria-label', /node 1200 is selected/);
  // A failed node reads as failed in the table, as its colour does in 3D.
  await typeCommand(page, 'fail node 1201');
  await expect(table.locator('tr[data-node="1201"] td').nth(3)).toHaveText('failed');
  await expect(table.locator('tr[data-node="1201"] td').nth(4)).toHaveText(/^\d\.00 of \d$/);
  await page.getByTestId('cluster-3d-table-toggle').click();
  await expect(table).toHaveCount(0);
});

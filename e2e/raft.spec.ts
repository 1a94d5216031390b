// The ParallelRaft tab in Chromium against the built site: both modes side by side on one
// clock, a partition typed in the terminal shading every view, the live checker's verdict,
// and the ghost log entry caught in parallel mode (and sealed in parallel-ce).
import { test, expect, openApp, typeCommand, commandOutput } from './fixtures';

test('raft and parallel side by side: a partition from the terminal shows as a band, and the verdict says why', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible();
  await commandOutput(page, 'raft side-by-side', /side by side: raft and parallel/);
  const columns = ['raft', 'parallel'];
  for (const c of columns) await expect(page.getByTestId(`raft-column-${c}`)).toBeVisible();

  await typeCommand(page, 'raft speed 2ms');
  await typeCommand(page, 'raft run');
  await expect.poll(async () => Number(await page.getByTestId('raft-chart-parallel').getAttribute('data-samples')), { timeout: 20_000 }).toBeGreaterThan(1);
  await commandOutput(page, 'raft partition 0 1', /partition 0 1 at [\d.]+ ms in raft and parallel/);
  await commandOutput(page, 'raft step 3ms', /parallel/);

  for (const c of columns) {
    const faults = page.getByTestId(`raft-faults-${c}`);
    await expect(faults).toContainText('partition 0 1');
    await expect(faults).toHaveAttribute('data-bands', '1');
    const verdict = page.getByTestId(`raft-verdict-${c}`);
    await expect(verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(verdict).toContainText(/commits, .* applies, .* checked; every property held/);
    // Draw calls stay a handful however many messages are drawn.
    const timeline = page.getByTestId(`raft-spacetime-${c}`);
    expect(Number(await timeline.getAttribute('data-messages'))).toBeGreaterThan(20);
    expect(Number(await timeline.getAttribute('data-draw-calls'))).toBeLessThanOrEqual(24);
    expect(Number(await page.getByTestId(`raft-log-${c}`).getAttribute('data-draw-calls'))).toBeLessThanOrEqual(30);
  }
  // The two runs share one clock.
  const times = await Promise.all(columns.map(async (c) => (await page.getByTestId(`raft-column-${c}`).locator('.now').innerText())));
  expect(times[0]).toBe(times[1]);

  // Clicking a cell of the log selects that entry everywhere.
  const log = page.getByTestId('raft-log-parallel');
  const box = (await log.boundingBox())!;
  await log.click({ position: { x: box.width - 30, y: 8 } });
  await expect(page.getByTestId('raft-entry')).toContainText(/#\d+ on node \d: term \d+/);
  await expect(page.locator('.xterm-rows')).toContainText('raft select');

  // Back to the GPU pool and again: the raft tab keeps its run.
  await page.getByTestId('tab-gpupool').click();
  await expect(page.getByTestId('raft-app')).toBeHidden();
  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-column-parallel')).toBeVisible();
});

test('the ghost log entry: parallel stops at the violating event and points at it; parallel-ce passes', async ({ blockedPage: page }) => {
  await openApp(page);
  await commandOutput(page, 'raft scenario ghost', /scenario ghost \(parallel\)/);
  await commandOutput(page, 'raft step 3s', /parallel/);
  const verdict = page.getByTestId('raft-verdict-parallel');
  await expect(verdict).toHaveAttribute('data-verdict', 'invalid');
  await expect(verdict).toContainText(/applied entry (\d+) after the later overlapping entry \d+/);
  const index = /applied entry (\d+)/.exec(await verdict.innerText())![1];
  // The violating entry is selected in every view: the entry line, the log window around it.
  await expect(page.getByTestId('raft-entry')).toContainText(`#${index} `);
  await expect(page.getByTestId('raft-elections-parallel')).toContainText('merge decisions');
  const status = await commandOutput(page, 'raft status', /invalid/);
  expect(status).toMatch(/parallel\s+t=1\d{3}\.\d{3} ms/);
  await commandOutput(page, 'raft run', /stopped/);

  await commandOutput(page, 'raft mode parallel-ce', /mode parallel-ce/);
  await commandOutput(page, 'raft step 3s', /parallel-ce/);
  const ce = page.getByTestId('raft-verdict-parallel-ce');
  await expect(ce).toHaveAttribute('data-verdict', 'valid');
  await expect(page.getByTestId('raft-elections-parallel-ce')).toContainText('end point');
});

// The GPU pool in Chromium, as a user runs it: a whole default run at "speed max" timed
// against the CLI's in-process figure, with the main thread's long tasks (> 50 ms) counted;
// and the paper's full sweep (every openb pod file x 6 policies x 10 seeds) in the browser's
// worker pool. Prints figures; asserts only that the runs finished.
import { test, expect, type Page } from '@playwright/test';
import { typeCommand } from '../e2e/fixtures';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const OPENB = process.env.HLAB_OPENB_DIR ?? join(process.cwd(), '..', 'shared', 'data', 'openb');

/** The benchmarks' terminal input: e2e's, with a longer wait for the first load. */
const typeLine = (page: Page, line: string): Promise<void> => typeCommand(page, line, 30_000);

for (const view3d of ['on', 'off']) test(`a whole run at speed max, 3D view ${view3d}: wall time and long tasks on the main thread`, async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 60_000 });
  await typeLine(page, `view 3d ${view3d}`);
  await page.waitForTimeout(3000); // let the 3D view load and compile before measuring (bench only)
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  });
  await typeLine(page, 'speed max');
  const pods = Number(await page.getByTestId('status-pods').innerText());
  const started = Date.now();
  await typeLine(page, 'run');
  await expect(page.getByTestId('status-step')).toHaveText(String(pods), { timeout: 300_000 });
  const seconds = (Date.now() - started) / 1000;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`browser run (3D ${view3d}), synthetic default, FGD, ${pods} pods at speed max: ${seconds.toFixed(2)} s wall`);
  console.log(`main-thread long tasks (> 50 ms) during the run: ${longTasks.length}${longTasks.length ? `, longest ${Math.max(...longTasks).toFixed(0)} ms` : ''}`);
});

test('the full sweep in the browser', async ({ page }) => {
  test.skip(!existsSync(join(OPENB, 'openb_node_list_gpu_node.csv')), `openb traces not found in ${OPENB}`);
  await page.goto('./');
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 60_000 });
  await typeLine(page, 'sweep');
  const panel = page.getByTestId('sweep-panel');
  await expect(panel).toBeVisible();
  const podFiles = readdirSync(OPENB).filter((f) => f.startsWith('openb_pod_list_')).sort();
  const files = ['openb_node_list_gpu_node.csv', ...podFiles].map((name) => ({ name, mimeType: 'text/csv', buffer: readFileSync(join(OPENB, name)) }));
  await panel.getByTestId('sweep-files').setInputFiles(files);
  const synthetic = panel.getByTestId('sweep-synthetic');
  if (await synthetic.isChecked()) await synthetic.uncheck();
  for (const p of ['Random', 'DotProd', 'GpuClustering', 'GpuPacking', 'BestFit', 'FGD']) {
    const box = panel.getByTestId(`sweep-policy-${p}`);
    if (!(await box.isChecked())) await box.check();
  }
  const ack = panel.getByTestId('sweep-policy-ACK');
  if ((await ack.count()) > 0 && (await ack.isChecked())) await ack.uncheck();
  await panel.getByTestId('sweep-seeds').fill('10');
  const started = Date.now();
  await panel.getByTestId('sweep-run').click();
  const runs = podFiles.length * 6 * 10;
  await expect(panel.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done', { timeout: 1_200_000 });
  const seconds = (Date.now() - started) / 1000;
  console.log(`browser sweep: ${podFiles.length} traces x 6 policies x 10 seeds = ${runs} runs in ${seconds.toFixed(1)} s (${(seconds / runs * 17 * 60).toFixed(1)} s per 17 x 6 x 10 at that rate)`);
});

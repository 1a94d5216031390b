// The 3D view in Chromium: draw calls, triangles and instances for the default cluster and for
// the synthetic x17 cluster (105,604 GPUs), and main-thread work per animation frame while a
// run animates. Prints figures; asserts only that the page got far enough to measure.
// taskMsPerFrame is all main-thread task time (with software GL it includes waits on the GPU
// process, which SwiftShader runs on the same two cores); scriptMsPerFrame is JavaScript only.
import { test, expect, type Page } from '@playwright/test';
import { typeCommand } from '../e2e/fixtures';
import { viewStats, type ViewStatsAttrs } from '../e2e/view3d';
import { mainThreadMetrics } from './mainThreadMetrics';

type Stats = ViewStatsAttrs;

/** The benchmarks' terminal input: e2e's, with a longer wait for the first load. */
const typeLine = (page: Page, line: string): Promise<void> => typeCommand(page, line, 30_000);

async function stats(page: Page): Promise<Stats> {
  await expect(page.getByTestId('view-stats')).toHaveAttribute('data-instances', /^[1-9]\d*$/, { timeout: 120_000 });
  return viewStats(page);
}

const step = async (page: Page) => Number(await page.getByTestId('status-step').innerText());

/**
 * Main-thread cost while the run plays at `speed` for `ms` of wall time: Chromium's own task and
 * script time (CDP Performance metrics) divided by the animation frames that passed, plus the
 * longest gap between frames.
 */
async function animate(page: Page, speed: string, ms: number): Promise<Record<string, number>> {
  const cdp = await mainThreadMetrics(page);
  await typeLine(page, `speed ${speed}`);
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __counting: boolean };
    w.__frames = [];
    w.__counting = true;
    const tick = (t: number) => {
      if (!w.__counting) return;
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const before = await cdp.read();
  const stepBefore = await step(page);
  await typeLine(page, 'run');
  await page.waitForTimeout(ms);
  const after = await cdp.read();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  await typeLine(page, 'pause');
  const stepAfter = await step(page);
  const n = Math.max(1, frames.length - 1);
  let longest = 0;
  for (let i = 1; i < frames.length; i++) longest = Math.max(longest, frames[i] - frames[i - 1]);
  await cdp.detach();
  return {
    frames: frames.length,
    fps: (1000 * n) / Math.max(1, frames[frames.length - 1] - frames[0]),
    taskMsPerFrame: ((after.task - before.task) * 1000) / n,
    scriptMsPerFrame: ((after.script - before.script) * 1000) / n,
    layoutStyleMsPerFrame: ((after.layout - before.layout + after.style - before.style) * 1000) / n,
    longestFrameGapMs: longest,
    pods: stepAfter - stepBefore,
  };
}

const fmt = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(2)}`).join(' ');

test('3D view: draw calls and main-thread work, default and 105,604-GPU clusters', async ({ page }, info) => {
  const project = info.project.name;
  await page.goto(project === 'webgpu' ? './' : './');
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 60_000 });
  if (project === 'webgpu') await typeLine(page, 'view renderer webgpu');
  else await typeLine(page, 'view renderer webgl2');
  await typeLine(page, 'seek 5000');
  await expect.poll(() => step(page), { timeout: 60_000 }).toBe(5000);
  const small = await stats(page);
  console.log(`[${project}] default cluster (6,212 GPUs): backend=${small.backend} drawCalls=${small.drawCalls} triangles=${small.triangles} instances=${small.instances} renderMs=${small.frameMs} uploadMs=${small.uploadMs}`);
  await animate(page, '200', 1000); // warm-up: first frames after a renderer switch compile pipelines
  console.log(`[${project}] default cluster, animating at 200 pods/s: ${fmt(await animate(page, '200', 4000))}`);
  console.log(`[${project}] default cluster, animating at max: ${fmt(await animate(page, 'max', 4000))}`);

  await typeLine(page, 'load synthetic 17');
  await expect(page.getByTestId('workload-label')).toContainText('x17', { timeout: 120_000 });
  await expect(page.getByTestId('status-step')).toHaveText('0', { timeout: 120_000 });
  await typeLine(page, 'seek 40000');
  await expect.poll(() => step(page), { timeout: 300_000 }).toBe(40000);
  await expect.poll(async () => (await stats(page)).instances, { timeout: 120_000 }).toBeGreaterThan(200_000);
  const big = await stats(page);
  console.log(`[${project}] x17 cluster (105,604 GPUs): backend=${big.backend} drawCalls=${big.drawCalls} triangles=${big.triangles} instances=${big.instances} renderMs=${big.frameMs} uploadMs=${big.uploadMs}`);
  console.log(`[${project}] x17 cluster, animating at 2000 pods/s: ${fmt(await animate(page, '2000', 6000))}`);
  expect(big.drawCalls).toBeGreaterThan(0);
});

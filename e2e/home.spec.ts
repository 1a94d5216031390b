// The home a newcomer sees first, and the layout at the four viewports of issue 11: nothing
// wider than the screen, chart titles and legends inside their pane, each tab with only its
// own controls, the title following the tab, and a returning user landing where they left.
import type { Page } from '@playwright/test';
import { test, expect, openApp, typeCommand } from './fixtures';

const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
];

/** Elements (by a short description) whose right edge passes the viewport's width. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Inside a pane that scrolls sideways on purpose (the presenter's toolbar) is fine.
      if (el.closest('[data-scrolls-x]')) continue;
      // Wholly off to the left is a helper hidden on purpose (xterm's measuring element).
      if (r.right > innerWidth + 0.5 || (r.left < -0.5 && r.right > 0)) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    if (document.documentElement.scrollWidth > innerWidth) out.push(`document ${document.documentElement.scrollWidth} > ${innerWidth}`);
    return out;
  });
}

/** Texts of headings and captions that are cut (their content wider or taller than their box). */
async function clippedTitles(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent ?? ''),
  );
}

/** The chart's uPlot (plot, axes and legend) fits inside its pane, with a plot area to read. */
async function chartFits(page: Page, pane: string): Promise<{ inside: boolean; plotHeight: number }> {
  return page.evaluate((paneSelector) => {
    const host = document.querySelector(paneSelector)!;
    const box = host.getBoundingClientRect();
    const root = host.querySelector('.uplot')!.getBoundingClientRect();
    const over = host.querySelector('.u-over')!.getBoundingClientRect();
    const inside = root.left >= box.left - 1 && root.right <= box.right + 1 && root.top >= box.top - 1 && root.bottom <= box.bottom + 1;
    return { inside, plotHeight: over.height };
  }, pane);
}

for (const viewport of VIEWPORTS) {
  test(`home and GPU tab at ${viewport.width}x${viewport.height}: nothing outside the width, no clipped chart title`, async ({ blockedPage: page }) => {
    await page.setViewportSize(viewport);
    await page.goto('./');
    await expect(page.getByTestId('home')).toBeVisible();
    await expect(page).toHaveTitle('Hyperscale Lab');
    await expect(page.getByTestId('home-start-gpupool')).toHaveText(/Start with lab 01/, { timeout: 20_000 });
    await expect(page.getByTestId('home-start-raft')).toBeVisible();
    expect(await overflowing(page)).toEqual([]);
    expect(await clippedTitles(page, '[data-testid="home"] h2, [data-testid="home"] h3:not(.sr-only)')).toEqual([]);
    // Every control of the header and the home is on screen (reachable without sideways scrolling).
    for (const id of ['home-link', 'tab-home', 'tab-gpupool', 'tab-raft', 'header-labs', 'home-start-gpupool', 'home-explore-raft']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(viewport.width);
    }

    await page.getByTestId('tab-gpupool').click();
    await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 30_000 });
    await expect(page.getByTestId('chart-empty')).toHaveText('Press Run (or type run in the terminal) to submit pods.');
    await expect(page.getByTestId('chart-key')).toHaveText('solid line: allocation · dashed line: fragmentation');
    // The terminal fits itself to its pane on the first frame after the tab shows.
    await expect.poll(() => overflowing(page)).toEqual([]);
    expect(await clippedTitles(page, '[data-testid="chart-key"]')).toEqual([]);
    const fit = await chartFits(page, '.chart-pane');
    expect(fit.inside).toBe(true);
    expect(fit.plotHeight).toBeGreaterThanOrEqual(100);
  });
}

test('each tab shows only its own controls, panels and status, and the title follows the tab', async ({ blockedPage: page }) => {
  await openApp(page);
  await expect(page).toHaveTitle('Hyperscale Lab — GPU pool · FGD');
  await page.getByTestId('policy').selectOption('BestFit');
  await expect(page).toHaveTitle('Hyperscale Lab — GPU pool · BestFit');
  await expect(page.getByTestId('view-heading')).toHaveText('GPU pool · BestFit');
  await page.getByTestId('toggle-why').click();
  await expect(page.getByTestId('why-panel')).toBeVisible();
  await expect(page.getByTestId('why-panel')).toBeFocused();

  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveTitle('Hyperscale Lab — ParallelRaft');
  await expect(page.getByTestId('view-heading')).toBeFocused();
  for (const id of ['toggle-3d', 'renderer', 'toggle-why', 'toggle-ab', 'toggle-sweep', 'open-load', 'status', 'why-panel', 'sweep-panel', 'run', 'policy']) {
    await expect(page.getByTestId(id), id).toHaveCount(0);
  }
  // The panels come back with their tab.
  await page.getByTestId('tab-gpupool').click();
  await expect(page.getByTestId('why-panel')).toBeVisible();
  await expect(page.getByTestId('status')).toBeVisible();

  // The sweep panel opens from its button with the focus in it.
  await page.getByTestId('toggle-sweep').click();
  await expect(page.getByTestId('sweep-panel')).toBeFocused();
});

test('a returning user lands where they left; the home is one click away', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.reload();
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 30_000 });
  await expect(page.getByTestId('home')).toHaveCount(0);
  await page.getByTestId('home-link').click();
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(page.locator('#home-heading')).toBeFocused();
  await page.reload();
  await expect(page.getByTestId('home')).toBeVisible();
  // Opening the raft simulator from its card, then a reload, lands on the raft tab.
  await page.getByTestId('home-explore-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible({ timeout: 30_000 });
  await typeCommand(page, 'raft step 1ms');
  await page.reload();
  await expect(page.getByTestId('raft-app')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('tab-raft')).toHaveAttribute('aria-pressed', 'true');
});

test('presenter mode at 1280x720 keeps the simulation the largest thing on screen', async ({ blockedPage: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./');
  await page.getByTestId('home-start-gpupool').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 1 of 6', { timeout: 30_000 });
  await page.getByTestId('lab-presenter').click();
  await expect(page.locator('body')).toHaveClass(/hlab-presenter/);
  const area = async (selector: string) => {
    const boxes = await page.locator(selector).evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })));
    const l = Math.min(...boxes.map((b) => b.l)), r = Math.max(...boxes.map((b) => b.r));
    const t = Math.min(...boxes.map((b) => b.t)), b = Math.max(...boxes.map((x) => x.b));
    return (r - l) * (b - t);
  };
  await expect(page.locator('.view-pane canvas').first()).toBeVisible({ timeout: 30_000 });
  const simulation = await area('.chart-pane, .view-pane');
  expect(simulation).toBeGreaterThan(await area('[data-testid="lab-pane"]'));
  expect(simulation).toBeGreaterThan(await area('[data-testid="terminal"]'));
  expect(await overflowing(page)).toEqual([]);
});

test('lab 01 opened from its card at 1400x900: the chart keeps the height of its pane', async ({ blockedPage: page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('./');
  // As a newcomer does: the home is all there (its labs listed) before the click.
  await expect(page.getByTestId('home')).toContainText('not started', { timeout: 30_000 });
  await page.getByTestId('home').getByRole('button', { name: /Start with lab 01/ }).click();
  await expect(page.getByTestId('lab-pane')).toBeVisible({ timeout: 30_000 });
  // The lab pane narrows the chart and its legend rewraps: the plot must grow back into the pane.
  await expect.poll(async () => page.evaluate(() => {
    const pane = document.querySelector('.chart-pane')!.getBoundingClientRect().height;
    const plot = document.querySelector('.chart-pane .u-over')?.getBoundingClientRect().height ?? 0;
    return plot / pane;
  }), { timeout: 20_000 }).toBeGreaterThan(0.5);
});

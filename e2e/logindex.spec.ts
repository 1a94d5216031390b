// The PolarDB LogIndex tab in Chromium against the built site: lazy beside full on one clock,
// faults from the buttons and the terminal shading the lag chart, the page inspector, a broken
// option caught by the checker naming its property, time travel to the same state, a share
// link that rebuilds the run exactly, and the saved run after a reload.
import type { Page } from '@playwright/test';
import { test, expect, openApp, typeCommand, commandOutput, shareLink } from './fixtures';

/** Every column's "label: state hash X at T ms" line, in column order. */
async function hashes(page: Page): Promise<string> {
  const out = await commandOutput(page, 'logindex hash', /state hash [0-9a-f]{16} at [\d.]+ ms/);
  return [...out.matchAll(/(\S+): state hash ([0-9a-f]{16}) at ([\d.]+ ms)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).join(' | ');
}

const figureOf = (text: string, name: RegExp) => Number(name.exec(text)?.[1] ?? NaN);

test('lazy beside full: faults shade the chart, full ships more, the inspector lists a page', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-logindex').click();
  await expect(page.getByTestId('logindex-app')).toBeVisible();
  await page.getByTestId('logindex-side-by-side').click();
  for (const c of ['lazy', 'full']) await expect(page.getByTestId(`logindex-column-${c}`)).toBeVisible();
  await expect(page.locator('.xterm-rows')).toContainText('logindex side-by-side');

  await page.getByTestId('logindex-play').click();
  await expect.poll(async () => Number(await page.getByTestId('logindex-column-full').getByTestId('logindex-chart').getAttribute('data-samples')), { timeout: 20_000 }).toBeGreaterThan(10);
  await page.getByTestId('logindex-play').click();
  await page.getByTestId('logindex-fault-target').selectOption('2');
  await page.getByTestId('logindex-crash').click();
  await expect(page.locator('.xterm-rows')).toContainText(/crash ro2 at [\d.]+ ms in lazy and full/);
  await commandOutput(page, 'logindex delay ro1 2ms', /delay ro1 2ms at [\d.]+ ms in lazy and full/);
  await commandOutput(page, 'logindex step 400ms', /full/);
  for (const c of ['lazy', 'full']) {
    const column = page.getByTestId(`logindex-column-${c}`);
    await expect(column.getByTestId('logindex-chart')).toHaveAttribute('data-bands', '2');
    await expect(column.getByTestId('logindex-verdict')).toHaveAttribute('data-verdict', 'valid');
    await expect(column.getByTestId('logindex-node-ro2')).toContainText(/down/);
    await expect(column.getByTestId('logindex-node-ro1')).toContainText('+2 ms');
  }
  // Full ships every record to every replica; lazy ships only metadata.
  const shipped = async (c: string) => figureOf(await page.getByTestId(`logindex-column-${c}`).getByTestId('logindex-figures').innerText(), /shipped ([\d.]+) MB/);
  expect(await shipped('full')).toBeGreaterThan(2 * (await shipped('lazy')));
  // The two runs share one clock.
  const at = async (c: string) => /t=([\d.]+) ms/.exec(await page.getByTestId(`logindex-column-${c}`).getByTestId('logindex-figures').innerText())![1];
  expect(await at('lazy')).toBe(await at('full'));

  await typeCommand(page, 'logindex inspect 0 ro1');
  await expect(page.locator('.xterm-rows')).toContainText(/full: page 0 from ro1: writer at LSN \d+/);
  const inspector = page.getByTestId('logindex-inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector.getByTestId('logindex-inspect-list').first().locator('li').first()).toHaveText(/^\d+/);
  // Back to the GPU pool and again: the tab keeps its run.
  await page.getByTestId('tab-gpupool').click();
  await expect(page.getByTestId('logindex-app')).toBeHidden();
  await page.getByTestId('tab-logindex').click();
  await expect(page.getByTestId('logindex-column-full')).toBeVisible();
});

test('flush control off: the checker names L2, the page, the node and the LSN, and the inspector opens there', async ({ blockedPage: page }) => {
  await openApp(page);
  await commandOutput(page, 'logindex break flush-control-off', /broken on purpose: flush-control-off/);
  await commandOutput(page, 'logindex delay ro1 2ms', /delay ro1 2ms at 0\.000 ms/);
  await commandOutput(page, 'logindex step 1s', /lazy/);
  const verdict = page.getByTestId('logindex-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'invalid');
  await expect(verdict).toContainText(/L2 broken: .*\(page (\d+), node ro1, LSN \d+, at [\d.]+ ms\)/);
  const named = /page (\d+), node/.exec(await verdict.innerText())![1];
  await expect(page.getByTestId('logindex-inspect-page')).toHaveValue(named);
  await expect(page.getByTestId('logindex-chart')).not.toHaveAttribute('data-violation-x', '');
  await commandOutput(page, 'logindex run', /the run has stopped/);
});

test('time travel and a share link land on the same state, and the run survives a reload', async ({ blockedPage: page, context }) => {
  await openApp(page);
  await page.getByTestId('tab-logindex').click();
  await commandOutput(page, 'logindex ro 4', /4 read-only replicas: new run/);
  await commandOutput(page, 'logindex step 300ms', /lazy/);
  await commandOutput(page, 'logindex crash ro3', /crash ro3 at 300\.000 ms/);
  await commandOutput(page, 'logindex step 200ms', /lazy/);
  await commandOutput(page, 'logindex restart ro3', /restart ro3 at 500\.000 ms/);
  await commandOutput(page, 'logindex step 150ms', /lazy/);
  const straight = await hashes(page);
  await commandOutput(page, 'logindex seek 120ms', /at 120\.000 ms/);
  await commandOutput(page, 'logindex seek 650ms', /at 650\.000 ms/);
  expect(await hashes(page)).toBe(straight);

  const link = await shareLink(page, '#logindex=');
  const other = await context.newPage();
  await other.route('**/*', (route) => (route.request().url().startsWith(new URL(link).origin) ? route.continue() : route.abort()));
  await other.goto(link);
  await expect(other.getByTestId('logindex-app')).toBeVisible({ timeout: 30_000 });
  await expect(other.locator('.xterm-rows')).toContainText(/logindex run from the link/);
  expect(await hashes(other)).toBe(straight);

  await page.reload();
  await expect(page.getByTestId('logindex-app')).toBeVisible({ timeout: 20_000 });
  expect(await hashes(page)).toBe(straight);
});

test('a damaged LogIndex link is explained and the saved run stays', async ({ blockedPage: page }) => {
  await openApp(page);
  await commandOutput(page, 'logindex step 200ms', /lazy +t=200\.000 ms/);
  const link = await shareLink(page, '#logindex=');
  await expect.poll(() => page.evaluate(() => (JSON.parse(localStorage.getItem('hyperscale-lab:logindex-session') ?? '{}') as { run?: { t: number } }).run?.t)).toBe(200_000_000);
  const fragment = new URL(link).hash;
  const base = link.slice(0, link.indexOf('#'));
  const cases: [string, RegExp][] = [
    [fragment.slice(0, -7), /the logindex link is damaged/],
    [fragment.replace('#logindex=v1.', '#logindex=v9.'), /format version 9/],
    ['#logindex=garbage', /the logindex link is damaged/],
  ];
  for (const [bad, reason] of cases) {
    await page.goto('about:blank');
    await page.goto(base + bad);
    const messages = page.getByTestId('messages');
    await expect(messages).toContainText('This LogIndex link could not be opened', { timeout: 30_000 });
    await expect(messages).toContainText(reason);
    await page.getByTestId('tab-logindex').click();
    await commandOutput(page, 'logindex status', /lazy +t=200\.000 ms/);
  }
});

test('by keyboard only: the tab, run and pause, the table for the chart and the 3D view with its label', async ({ blockedPage: page }) => {
  await openApp(page);
  const tab = page.getByTestId('tab-logindex');
  await tab.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('logindex-app')).toBeVisible();
  const play = page.getByTestId('logindex-play');
  await play.focus();
  await page.keyboard.press('Enter');
  await expect(play).toHaveText('pause');
  await expect.poll(async () => Number(await page.getByTestId('logindex-chart').getAttribute('data-samples')), { timeout: 20_000 }).toBeGreaterThan(5);
  await page.keyboard.press('Enter');
  await expect(play).toHaveText('run');
  // The chart as numbers, for readers and keyboards.
  await page.getByTestId('logindex-table-toggle').focus();
  await page.keyboard.press('Enter');
  const rows = page.getByTestId('logindex-column-lazy').locator('table.lag tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(0);
  // The 3D view: a labelled canvas naming each node's state; its orbit keys work on focus.
  await page.getByTestId('logindex-3d-toggle').focus();
  await page.keyboard.press('Enter');
  const canvas = page.getByTestId('logindex-3d').locator('canvas');
  await expect(canvas).toHaveAttribute('aria-label', /storage in the middle; rw writer, ro1 (serving|catching up)/, { timeout: 30_000 });
  await expect(page.getByTestId('logindex-3d')).toHaveAttribute('data-backend', /webgl2|webgpu/);
});

// The vCPU tab in Chromium against the built site: two host profiles side by side on one
// clock, the Gantt chart and the latency histogram filling as it plays, a noisy neighbour
// arriving from its button, a broken option caught by the checker naming its property, time
// travel to the same state, a share link that rebuilds the run exactly, the saved run after a
// reload, a damaged link refused, and the tab by keyboard only.
import type { Page } from '@playwright/test';
import { test, expect, openApp, commandOutput, shareLink } from './fixtures';

/** Every column's "label: state hash X at T ms" line, in column order. */
async function hashes(page: Page): Promise<string> {
  const out = await commandOutput(page, 'vcpu hash', /state hash [0-9a-f]{16} at [\d.]+ ms/);
  return [...out.matchAll(/(\S+): state hash ([0-9a-f]{16}) at ([\d.]+ ms)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).join(' | ');
}

test('kvm beside offload: the Gantt chart fills, a noisy neighbour arrives, both stay valid on one clock', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-vcpu').click();
  await expect(page.getByTestId('vcpu-app')).toBeVisible();
  await page.getByTestId('vcpu-side-by-side').click();
  for (const c of ['kvm', 'offload']) await expect(page.getByTestId(`vcpu-column-${c}`)).toBeVisible();
  await expect(page.locator('.xterm-rows')).toContainText('vcpu side-by-side');

  await page.getByTestId('vcpu-play').click();
  await expect.poll(async () => Number(await page.getByTestId('vcpu-column-kvm').getByTestId('vcpu-gantt').getAttribute('data-segments')), { timeout: 20_000 }).toBeGreaterThan(20);
  await page.getByTestId('vcpu-play').click();
  await page.getByTestId('vcpu-arrive-noisy').click();
  await expect(page.locator('.xterm-rows')).toContainText(/arrive noisy at [\d.]+ ms in kvm and offload/);
  await commandOutput(page, 'vcpu storm p2 5ms', /storm p2 5ms at [\d.]+ ms in kvm and offload/);
  await commandOutput(page, 'vcpu step 20ms', /offload: at/);
  for (const c of ['kvm', 'offload']) {
    const column = page.getByTestId(`vcpu-column-${c}`);
    await expect(column.getByTestId('vcpu-verdict')).toHaveAttribute('data-verdict', 'valid');
    await expect.poll(async () => Number(await column.getByTestId('vcpu-histogram').getAttribute('data-buckets'))).toBeGreaterThan(0);
  }
  // One clock: both columns report the same instant.
  const at = async (c: string) => /at ([\d.]+) ms/.exec(await page.getByTestId(`vcpu-column-${c}`).getByTestId('vcpu-figures').innerText())?.[1];
  expect(await at('kvm')).toBe(await at('offload'));
  // Back to the GPU pool and again: the tab keeps its run.
  await page.getByTestId('tab-gpupool').click();
  await expect(page.getByTestId('vcpu-app')).toBeHidden();
  await page.getByTestId('tab-vcpu').click();
  await expect(page.getByTestId('vcpu-column-offload')).toBeVisible();
});

test('steal misreported to the guest: the checker names S2 and the run stops', async ({ blockedPage: page }) => {
  await openApp(page);
  await commandOutput(page, 'vcpu break steal-misreported', /broken on purpose: steal-misreported/);
  await commandOutput(page, 'vcpu step 200ms', /kvm: at/);
  const verdict = page.getByTestId('vcpu-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'invalid');
  await expect(verdict).toContainText(/S2/);
  await commandOutput(page, 'vcpu run', /the run has stopped/);
});

test('time travel and a share link land on the same state, and the run survives a reload', async ({ blockedPage: page, context }) => {
  await openApp(page);
  await page.getByTestId('tab-vcpu').click();
  await commandOutput(page, 'vcpu sched cfs', /sched cfs: new run/);
  await commandOutput(page, 'vcpu step 30ms', /kvm: at 30\.000 ms/);
  await commandOutput(page, 'vcpu arrive noisy', /arrive noisy at 30\.000 ms/);
  await commandOutput(page, 'vcpu step 20ms', /kvm: at 50\.000 ms/);
  await commandOutput(page, 'vcpu offline p3', /offline p3 at 50\.000 ms/);
  await commandOutput(page, 'vcpu step 15ms', /kvm: at 65\.000 ms/);
  const straight = await hashes(page);
  await commandOutput(page, 'vcpu seek 12ms', /at 12\.000 ms/);
  await commandOutput(page, 'vcpu seek 65ms', /at 65\.000 ms/);
  expect(await hashes(page)).toBe(straight);

  const link = await shareLink(page, '#vcpu=');
  const other = await context.newPage();
  await other.route('**/*', (route) => (route.request().url().startsWith(new URL(link).origin) ? route.continue() : route.abort()));
  await other.goto(link);
  await expect(other.getByTestId('vcpu-app')).toBeVisible({ timeout: 30_000 });
  await expect(other.locator('.xterm-rows')).toContainText(/vcpu run from the link/);
  expect(await hashes(other)).toBe(straight);

  await page.reload();
  await expect(page.getByTestId('vcpu-app')).toBeVisible({ timeout: 20_000 });
  expect(await hashes(page)).toBe(straight);
});

test('a damaged vCPU link is explained and the saved run stays', async ({ blockedPage: page }) => {
  await openApp(page);
  await commandOutput(page, 'vcpu step 20ms', /kvm: at 20\.000 ms/);
  const link = await shareLink(page, '#vcpu=');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('hyperscale-lab:vcpu-session') !== null)).toBe(true);
  const fragment = new URL(link).hash;
  const base = link.slice(0, link.indexOf('#'));
  for (const bad of [fragment.slice(0, -7), '#vcpu=garbage']) {
    await page.goto('about:blank');
    await page.goto(base + bad);
    const messages = page.getByTestId('messages');
    await expect(messages).toContainText('This vCPU link could not be opened', { timeout: 30_000 });
    await page.getByTestId('tab-vcpu').click();
    await commandOutput(page, 'vcpu status', /kvm: at 20\.000 ms/);
  }
});

test('by keyboard only: the tab, run and pause, the charts as tables and the 3D host with its label', async ({ blockedPage: page }) => {
  await openApp(page);
  const tab = page.getByTestId('tab-vcpu');
  await tab.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vcpu-app')).toBeVisible();
  const play = page.getByTestId('vcpu-play');
  await play.focus();
  await page.keyboard.press('Enter');
  await expect(play).toHaveText('pause');
  await expect.poll(async () => Number(await page.getByTestId('vcpu-gantt').getAttribute('data-segments')), { timeout: 20_000 }).toBeGreaterThan(5);
  await page.keyboard.press('Enter');
  await expect(play).toHaveText('run');
  await page.getByTestId('vcpu-table-toggle').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vcpu-gantt-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('vcpu-latency-table')).toContainText('P99');
  await page.getByTestId('vcpu-3d-toggle').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vcpu-3d')).toHaveAttribute('data-backend', /webgl2|webgpu/, { timeout: 30_000 });
  await expect(page.getByTestId('vcpu-3d').locator('canvas')).toHaveAttribute('aria-label', /3D host of kvm: 1 sockets, 8 hardware threads/);
});

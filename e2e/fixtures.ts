// Shared Playwright helpers: a page with the network blocked except for the local server,
// typing into the real xterm, and reading what the terminal shows.
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ blockedPage: Page }>({
  blockedPage: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    // Nothing may leave the machine: every request that is not to the preview server fails.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      return route.abort('blockedbyclient');
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    expect(errors, 'uncaught page errors').toEqual([]);
  },
});

export { expect };

/**
 * Opens the app on the GPU pool and waits for the default run to be ready. A newcomer's page
 * opens on the home: these tests then go to the GPU pool's tab, as a person would.
 */
export async function openApp(page: Page, path = './'): Promise<void> {
  await page.goto(path);
  const home = page.getByTestId('home');
  await expect(home.or(page.getByTestId('status-pods'))).toBeVisible({ timeout: 30_000 });
  if (await home.isVisible()) await page.getByTestId('tab-gpupool').click();
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 30_000 });
}

export async function terminalText(page: Page): Promise<string> {
  return (await page.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Types a line into xterm's own input and presses Enter. `attachMs` bounds the wait for the
 * terminal (benchmarks under load give the first page load longer).
 */
export async function typeCommand(page: Page, line: string, attachMs = 20_000): Promise<void> {
  const input = page.locator('.xterm-helper-textarea');
  await expect(input).toBeAttached({ timeout: attachMs });
  await input.focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export async function stepOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('status-step').innerText());
}

/** What the terminal shows after the last prompt that echoed `line`. */
function after(text: string, line: string): string {
  const at = text.lastIndexOf(`› ${line}`);
  return at < 0 ? '' : text.slice(at + 2 + line.length);
}

/** Shares the run and returns the link (`#run=` on the GPU tab, `#raft=` on the raft tab). */
export async function shareLink(page: Page, marker: '#run=' | '#raft=' | '#logindex=' | '#vcpu=' = '#run='): Promise<string> {
  await typeCommand(page, 'share');
  let link = '';
  await expect.poll(async () => {
    link = await page.getByTestId('share-url').inputValue().catch(() => '');
    return link.includes(marker);
  }, { timeout: 20_000 }).toBe(true);
  return link;
}

/** The GPU pool's state hash, as `debug hash` prints it. */
export async function gpuStateHash(page: Page): Promise<string> {
  const out = await commandOutput(page, 'debug hash', /state hash [0-9a-f]{16}/);
  return /state hash ([0-9a-f]{16})/.exec(out)![1];
}

/** Some progress on the GPU tab: seed 9, BestFit from step 800, node 3 failed at 1500, up to `lastStep`. */
export async function playGpuRun(page: Page, lastStep: number): Promise<void> {
  await typeCommand(page, 'seed 9');
  await typeCommand(page, 'seek 800');
  await expect.poll(() => stepOf(page)).toBe(800);
  await typeCommand(page, 'policy BestFit');
  await typeCommand(page, 'seek 1500');
  await expect.poll(() => stepOf(page)).toBe(1500);
  await typeCommand(page, 'fail node 3');
  await typeCommand(page, `seek ${lastStep}`);
  await expect.poll(() => stepOf(page)).toBe(lastStep);
}

/** Runs a command and waits until the terminal shows `expected` after it. */
export async function commandOutput(page: Page, line: string, expected: RegExp): Promise<string> {
  await typeCommand(page, line);
  let text = '';
  await expect(async () => {
    text = await terminalText(page);
    expect(after(text, line)).toMatch(expected);
  }).toPass({ timeout: 20_000 });
  return after(text, line);
}

// Keyboard only: from the home into lab 01 and through its first step, a sensible tab order
// (header, labs, controls, views, terminal last), and a terminal that Esc and Tab can leave.
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

/** What has the focus: its test id, else a short tag description. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (el === null) return '';
    return el.dataset.testid ?? (el.closest('[data-testid="terminal"]') ? 'terminal' : `${el.tagName.toLowerCase()}`);
  });
}

/** Presses Tab until `target` has the focus (at most `limit` presses); returns the ids passed. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    passed.push(await focused(page));
    if (await target.evaluate((el) => el === document.activeElement)) return passed;
  }
  throw new Error(`Tab never reached the target; passed ${passed.join(', ')}`);
}

test('keyboard only: from the home into lab 01 and through its first step', async ({ blockedPage: page }) => {
  await page.goto('./');
  await expect(page.getByTestId('home-start-gpupool')).toHaveText(/Start with lab 01/, { timeout: 20_000 });
  const passed = await tabTo(page, page.getByTestId('home-start-gpupool'));
  // The header comes first: the home link, the tabs, the labs button.
  expect(passed.slice(0, 7)).toEqual(['home-link', 'tab-home', 'tab-gpupool', 'tab-raft', 'tab-logindex', 'tab-vcpu', 'header-labs']);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 1 of 6', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 30_000 });
  // The focus went to the lab that opened, not back to the top of the page.
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="lab-pane"]') !== null)).toBe(true);

  // The predict: Tab to the choices, arrow to "About 14 %", Tab to the answer button.
  await tabTo(page, page.getByTestId('lab-predict-choice').first());
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('lab-predict-choice').nth(1)).toBeChecked();
  await tabTo(page, page.getByTestId('lab-predict-submit'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lab-predict-grade')).toHaveText(/^Right\./, { timeout: 30_000 });

  // The step's one-click command, then Check and Continue.
  const command = page.getByTestId('lab-step-body').locator('[data-hlab-command="query fragRatio"]');
  await expect(command).not.toHaveAttribute('aria-disabled', 'true');
  await tabTo(page, command);
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByTestId('lab-check'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lab-check-result')).toHaveText('Passed.', { timeout: 30_000 });
  await tabTo(page, page.getByTestId('lab-continue'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 2 of 6', { timeout: 30_000 });
});

test('tab order on the GPU pool: header, labs, controls, views, terminal last; Esc and Tab leave the terminal', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.locator('#main').focus();
  await page.getByTestId('home-link').focus();
  const passed = await tabTo(page, page.locator('.xterm-helper-textarea'), 80);
  const at = (id: string) => passed.indexOf(id);
  expect(at('header-labs')).toBeGreaterThanOrEqual(0);
  expect(at('header-labs')).toBeLessThan(at('run'));
  expect(at('run')).toBeLessThan(at('policy'));
  expect(at('policy')).toBeLessThan(at('toggle-3d'));
  expect(passed.at(-1)).toBe('terminal');

  // Esc leaves the terminal for the next control or the main region.
  await page.keyboard.press('Escape');
  expect(await focused(page)).not.toBe('terminal');
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);

  // Tab with nothing typed leaves it too; Shift+Tab always does.
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('Tab');
  expect(await focused(page)).not.toBe('terminal');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).not.toBe('terminal');
  // With something typed, Tab completes the word and the focus stays.
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('pol');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('terminal');
});

test('focus is visible on every control reached by keyboard', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('home-link').focus();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { id: el.dataset.testid ?? el.tagName, width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    expect(outline.style, outline.id).not.toBe('none');
    expect(outline.width, outline.id).toBeGreaterThanOrEqual(2);
  }
});

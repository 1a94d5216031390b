// Labs in the browser: a lab from start to finish by clicking, a reload mid-lab resuming
// the same step and state, the offline HTML report, presenter keys, Chinese chrome, and a
// lab file that tries to run script.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, stepOf, terminalText, typeCommand } from './fixtures';

const LAB1 = 'fragmentation-refuses-a-pod';

async function openLab(page: Page, id = LAB1): Promise<void> {
  await page.getByTestId('header-labs').click();
  await page.locator(`[data-lab-id="${id}"]`).getByTestId('lab-open').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 1 of 6', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 30_000 });
}

async function clickCommand(page: Page, command: string): Promise<void> {
  await page.getByTestId('lab-step-body').locator(`[data-hlab-command="${command}"]`).click();
}

async function checkAndContinue(page: Page, next: string): Promise<void> {
  await page.getByTestId('lab-check').click();
  await expect(page.getByTestId('lab-check-result')).toHaveText('Passed.');
  await page.getByTestId('lab-continue').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText(next, { timeout: 30_000 });
}

/** Step 1 (predict answered, command clicked, checked) and step 2 (fill to 8000 pods). */
async function firstTwoSteps(page: Page): Promise<void> {
  // The predict comes first: its commands wait for an answer.
  await expect(page.getByTestId('lab-step-body').locator('[data-hlab-command="query fragRatio"]')).toHaveAttribute('aria-disabled', 'true');
  await page.getByTestId('lab-predict-choice').nth(1).check();
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toHaveText(/^Right\. The kernel says About 14 %/);
  await clickCommand(page, 'query fragRatio');
  await expect.poll(() => terminalText(page)).toMatch(/query fragRatio +\(lab\)\s+fragRatio = 13\.9/);
  await checkAndContinue(page, 'Step 2 of 6');
  await clickCommand(page, 'step 8000');
  await expect.poll(() => stepOf(page)).toBe(8000);
  await checkAndContinue(page, 'Step 3 of 6');
}

test('a lab from start to finish by clicking', async ({ blockedPage: page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await openLab(page);
  await expect.poll(() => page.url()).toContain(`#lab=${LAB1}&step=1`);
  await firstTwoSteps(page);
  await expect.poll(() => page.url()).toContain(`#lab=${LAB1}&step=3`);

  // Step 3's answer was computed on a scratch worker: the visible run never moved.
  expect(await terminalText(page)).not.toMatch(/seek 8077/);
  await expect.poll(() => stepOf(page)).toBe(8000);
  // A failing check names its clause; a number predict is graded after its run.
  await page.getByTestId('lab-check').click();
  await expect(page.getByTestId('lab-check-result')).toHaveText('Not yet: failed >= 1 is false: failed = 0');
  await expect(page.getByTestId('lab-continue')).toBeDisabled();
  await page.getByTestId('lab-predict-number').fill('50');
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toHaveText('Not quite. The kernel says 92.14.');
  await expect.poll(() => stepOf(page)).toBe(8077);
  await checkAndContinue(page, 'Step 4 of 6');

  // Step 4: the learner's own node; the hint ladder, then the solution behind a confirmation.
  await page.getByTestId('lab-predict-number').fill('1000');
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toBeVisible();
  await page.getByTestId('lab-hint').click();
  await expect(page.getByTestId('lab-hint-text')).toHaveCount(1);
  await page.getByTestId('lab-hint').click();
  await expect(page.getByTestId('lab-confirm-solution')).toBeVisible();
  await page.getByTestId('lab-confirm-yes').click();
  await expect(page.getByTestId('lab-solution')).toBeVisible();
  await page.getByTestId('lab-step-body').locator('[data-hlab-command^="node "]').click();
  await checkAndContinue(page, 'Step 5 of 6');

  await clickCommand(page, 'node 53');
  await checkAndContinue(page, 'Step 6 of 6');

  // Step 6: the solution runs to the end of the workload.
  await page.getByTestId('lab-hint').click();
  await page.getByTestId('lab-hint').click();
  await page.getByTestId('lab-confirm-yes').click();
  await page.getByTestId('lab-run-solution').click();
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBe(11450);
  await page.getByTestId('lab-check').click();
  await expect(page.getByTestId('lab-check-result')).toHaveText('Passed.');
  await page.getByTestId('lab-continue').click();
  await expect(page.getByTestId('lab-finished')).toBeVisible();
});

test('a reload mid-lab continues from the same step with its state; the report opens offline', async ({ blockedPage: page, context }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await openLab(page);
  await firstTwoSteps(page);
  await page.reload();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 3 of 6', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => stepOf(page)).toBe(8000);
  await expect(page.getByTestId('status-failed')).toHaveText('0');
  // Step 1's answer survived: the report says so.
  const download = page.waitForEvent('download');
  await page.getByTestId('lab-export-html').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`${LAB1}-progress.html`);
  const file = join(test.info().outputDir, saved.suggestedFilename());
  await saved.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html).not.toMatch(/<script/i);

  const offline = await context.newPage();
  const requests: string[] = [];
  offline.on('request', (r) => requests.push(r.url()));
  await offline.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort('internetdisconnected')));
  await offline.goto(`file://${file}`);
  await expect(offline.locator('h1')).toHaveText('Lab report: Why a cluster far from full refuses a pod');
  await expect(offline.locator('body')).toContainText('2 of 6 steps completed');
  await expect(offline.locator('body')).toContainText('answer About 14 %, kernel About 14 %: right');
  await expect(offline.locator('body')).toContainText('step 8000');
  expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  await offline.close();
});

test('a link opens a lab at a step, replaying the earlier solutions', async ({ blockedPage: page }) => {
  test.setTimeout(120_000);
  await openApp(page, `./#lab=${LAB1}&step=3`);
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 3 of 6', { timeout: 60_000 });
  await expect.poll(() => stepOf(page)).toBe(8000);
});

test('presenter keys move between steps and hide the terminal', async ({ blockedPage: page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await openLab(page);
  // Typed, like its button.
  await typeCommand(page, 'presenter on');
  await expect(page.getByTestId('lab-presenter')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('lab-predict-choice').nth(1).check();
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toBeVisible();
  await clickCommand(page, 'query fragRatio');
  await page.locator('h2[data-testid="lab-title"]').click();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 2 of 6', { timeout: 30_000 });
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('lab-step-counter')).toHaveText('Step 1 of 6', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 30_000 });
  await page.keyboard.press('t');
  await expect(page.locator('.term')).toBeHidden();
  await page.keyboard.press('t');
  await expect(page.locator('.term')).toBeVisible();
  // Space still runs and pauses.
  await page.keyboard.press(' ');
  await expect(page.getByTestId('status-playing')).toHaveText('running');
});

test('?lang=zh-CN shows Chinese chrome and the Chinese lab', async ({ blockedPage: page }) => {
  await openApp(page, './?lang=zh-CN');
  await expect(page.getByTestId('header-labs')).toContainText('实验');
  await page.getByTestId('header-labs').click();
  await expect(page.getByTestId('lab-list')).toContainText('引导式实验');
  await expect(page.locator(`[data-lab-id="${LAB1}"] h3`)).toHaveText('为什么一个远未装满的集群会拒绝 Pod');
  await expect(page.locator(`[data-lab-id="${LAB1}"]`)).toContainText('15 分钟');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
});

const MALICIOUS = `---
id: malicious
title: A lab that tries to run script
kernel: gpupool
scenario:
  workload: synthetic
  policy: FGD
seed: 1
minutes: 1
objectives:
  - Run nothing
---

<script>window.__pwned = 'script'</script>

## Step: Hostile prose

<img src="x" onerror="window.__pwned = 'onerror'">
<a href="javascript:window.__pwned='link'" id="evil-link">click</a>
<svg><script>window.__pwned = 'svg'</script></svg>
<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>

\`\`\`hlab
query step
\`\`\`

\`\`\`check
count(query) >= 1
\`\`\`

### Hint

<img src=y onerror="window.__pwned = 'hint'">

### Solution

\`\`\`hlab
query step
\`\`\`
`;

test('a lab with script and event handlers runs nothing', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('header-labs').click();
  await page.getByTestId('lab-file-input').setInputFiles({ name: 'malicious.md', mimeType: 'text/markdown', buffer: Buffer.from(MALICIOUS) });
  await expect(page.getByTestId('lab-step-title')).toHaveText('Hostile prose', { timeout: 30_000 });
  await page.getByTestId('lab-hint').click();
  await expect(page.getByTestId('lab-hint-text')).toHaveCount(1);
  const pane = page.getByTestId('lab-pane');
  await expect(pane.locator('script, iframe, svg, [onerror]')).toHaveCount(0);
  const href = await pane.locator('#evil-link').getAttribute('href').catch(() => null);
  expect(href ?? '').not.toMatch(/javascript:/i);
  // The one-click command still works.
  await clickCommand(page, 'query step');
  await page.getByTestId('lab-check').click();
  await expect(page.getByTestId('lab-check-result')).toHaveText('Passed.');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
});

test('a malformed lab file is refused in the app with file, line and column', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('header-labs').click();
  const bad = [
    '---', 'id: bad', 'title: Bad', 'kernel: gpupool', 'scenario: { workload: synthetic, policy: FGD }', 'seed: 1',
    'minutes: 5', 'objectives: [x]', 'colour: red', '---', '', '## Step: One', '', 'Text.', '', '```check', 'failed >>= 1', '```',
    '', '### Hint', '', 'Run it.', '', '### Solution', '', '```hlab', 'run', '```', '',
  ].join('\n');
  await page.getByTestId('lab-file-input').setInputFiles({ name: 'bad.md', mimeType: 'text/markdown', buffer: Buffer.from(bad) });
  const messages = page.getByTestId('messages');
  await expect(messages).toContainText('bad.md:9:1');
  await expect(messages).toContainText(/colour/);
  await expect(messages).toContainText(/bad\.md:17:\d+/);
});

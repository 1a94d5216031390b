// Raft tab share links and saved session, in Chromium against the built site: a `#raft=` link
// rebuilds the run in the worker to the same state hash (and the same future), the run comes
// back after a reload with its time, verdict and fault bands, and a bad link (tampered,
// truncated, future version, malformed, a bad field) is explained while the current run stays.
import type { Page } from '@playwright/test';
import { encodeLinkEnvelope } from '../src/state/linkEnvelope';
import { raftToCompact } from '../src/state/raftRunDescription';
import { RAFT_LINK } from '../src/state/raftShareLink';
import { decodeRaftShareFragment } from '../src/state/raftShareLink';
import { test, expect, openApp, typeCommand, commandOutput, terminalText, shareLink } from './fixtures';

const RAFT_SESSION_KEY = 'hyperscale-lab:raft-session';

/** Every column's "label: state hash X at T ms" line, in column order. */
async function raftHashes(page: Page): Promise<string> {
  const out = await commandOutput(page, 'raft hash', /state hash [0-9a-f]{16} at [\d.]+ ms/);
  return [...out.matchAll(/(\S+): state hash ([0-9a-f]{16}) at ([\d.]+ ms)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).join(' | ');
}


const nowOf = (page: Page, label: string) => page.getByTestId(`raft-column-${label}`).locator('.now');

/** Waits until the saved raft session is at the time a column shows ("t = 6.000 ms"). */
async function savedAt(page: Page, shown: string): Promise<void> {
  await expect.poll(() => page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw === null ? null : `t = ${((JSON.parse(raw) as { run: { t: number } }).run.t / 1e6).toFixed(3)} ms`;
  }, RAFT_SESSION_KEY)).toBe(shown);
}

test('a raft link rebuilds the run exactly: side by side, faults, a client write, a future command', async ({ blockedPage: page, context }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  await commandOutput(page, 'raft side-by-side', /side by side: raft and parallel/);
  await commandOutput(page, 'raft seed 9', /seed 9: new run/);
  await commandOutput(page, 'raft step 4ms', /parallel/);
  await commandOutput(page, 'raft partition 0 1', /partition 0 1 at 4\.000 ms in raft and parallel/);
  await commandOutput(page, 'raft step 3ms', /parallel/);
  await commandOutput(page, 'raft write 5 2', /write 5 2 at 7\.000 ms/);
  await commandOutput(page, 'raft loss 1>2 20%', /loss 1>2 20% at 7\.000 ms/);
  await commandOutput(page, 'raft step 2500us', /parallel/);
  // Back in time: the write and the loss stay in the run's future, and must stay in the link's.
  await commandOutput(page, 'raft seek 6ms', /at 6\.000 ms/);
  await expect(nowOf(page, 'parallel')).toHaveText('t = 6.000 ms');
  const expected = await raftHashes(page);
  expect(expected).toMatch(/^raft [0-9a-f]{16} 6\.000 ms \| parallel [0-9a-f]{16} 6\.000 ms$/);
  const verdict = await page.getByTestId('raft-verdict-parallel').getAttribute('data-verdict');

  // The share button is the same `share` command.
  await page.getByTestId('raft-share').click();
  await expect(page.locator('.xterm-rows')).toContainText('raft run: raft and parallel, seed 9, 3 commands, at 6.000 ms');
  const link = await shareLink(page, '#raft=');
  expect(link.length).toBeLessThan(2000);
  const decoded = await decodeRaftShareFragment(new URL(link).hash);
  expect(decoded.ok && decoded.run.commands.map((c) => c.at)).toEqual([4_000_000, 7_000_000, 7_000_000]);

  const other = await context.newPage();
  await other.route('**/*', (route) => (route.request().url().startsWith(new URL(link).origin) ? route.continue() : route.abort()));
  await other.goto(link);
  await expect(other.getByTestId('raft-app')).toBeVisible({ timeout: 30_000 });
  await expect(nowOf(other, 'raft')).toHaveText('t = 6.000 ms', { timeout: 30_000 });
  await expect(nowOf(other, 'parallel')).toHaveText('t = 6.000 ms');
  expect(await raftHashes(other)).toBe(expected);
  await expect(other.getByTestId('raft-faults-parallel')).toContainText('partition 0 1');
  await expect(other.getByTestId('raft-verdict-parallel')).toHaveAttribute('data-verdict', verdict!);
  expect(await terminalText(other)).toContain('(replayed at 4.000 ms, from the link)');
  // The address drops the link: from here a reload continues this run.
  expect(new URL(other.url()).hash).toBe('');

  // And the future is the same: the write and the loss apply at 7 ms in both.
  await commandOutput(page, 'raft step 4ms', /parallel/);
  await commandOutput(other, 'raft step 4ms', /parallel/);
  const later = await raftHashes(page);
  expect(later).toMatch(/10\.000 ms$/);
  expect(await raftHashes(other)).toBe(later);
});

test('the raft run survives a reload: time, state, verdict and the fault band', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  await commandOutput(page, 'raft mode raft', /mode raft: new run/);
  await typeCommand(page, 'raft speed 2ms');
  await typeCommand(page, 'raft run');
  await expect.poll(async () => Number(await page.getByTestId('raft-chart-raft').getAttribute('data-samples')), { timeout: 20_000 }).toBeGreaterThan(1);
  await commandOutput(page, 'raft partition 0 1', /partition 0 1 at [\d.]+ ms/);
  await commandOutput(page, 'raft step 3ms', /raft\s+t=/);
  const expected = await raftHashes(page);
  const now = await nowOf(page, 'raft').innerText();
  const verdict = page.getByTestId('raft-verdict-raft');
  const verdictKind = await verdict.getAttribute('data-verdict');
  const verdictText = await verdict.innerText();
  await expect(page.getByTestId('raft-faults-raft')).toHaveAttribute('data-bands', '1');
  await savedAt(page, now);

  await page.reload();
  await expect(page.getByTestId('raft-app')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('tab-raft')).toHaveAttribute('aria-pressed', 'true');
  await expect(nowOf(page, 'raft')).toHaveText(now, { timeout: 30_000 });
  expect(await raftHashes(page)).toBe(expected);
  await expect(verdict).toHaveAttribute('data-verdict', verdictKind!);
  await expect(verdict).toHaveText(verdictText);
  const faults = page.getByTestId('raft-faults-raft');
  await expect(faults).toHaveAttribute('data-bands', '1');
  await expect(faults).toContainText('partition 0 1');
  await expect(page.getByTestId('raft-mode')).toHaveValue('raft');
});

test('a bad raft link says what is wrong and where, and the current run stays', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  await commandOutput(page, 'raft step 5ms', /parallel/);
  await commandOutput(page, 'raft crash 2', /crash 2 at 5\.000 ms/);
  await commandOutput(page, 'raft step 1ms', /parallel/);
  const expected = await raftHashes(page);
  const good = await shareLink(page, '#raft=');
  await savedAt(page, 't = 6.000 ms');
  const at = good.indexOf('#raft=');
  const base = good.slice(0, at);
  const fragment = good.slice(at);
  const decoded = await decodeRaftShareFragment(fragment);
  if (!decoded.ok) throw new Error(decoded.reason);
  const mid = Math.floor(fragment.length * 0.7);
  const badField = await encodeLinkEnvelope(RAFT_LINK, { ...raftToCompact(decoded.run), c: { ...raftToCompact(decoded.run).c, iodepth: 999 } });
  const cases: [string, RegExp][] = [
    [fragment.slice(0, mid) + (fragment[mid] === 'A' ? 'B' : 'A') + fragment.slice(mid + 1), /the raft link is damaged: .*(changed|cut off)/],
    [fragment.slice(0, -7), /the raft link is damaged: .*(cut off|truncated)/],
    [fragment.replace('#raft=v1.', '#raft=v2.'), /this raft link was made by format version 2; this app reads version 1/],
    ['#raft=garbage', /the raft link is damaged: expected v<version>\.<hash>\.<data> after #raft=/],
    [badField, /the raft link is invalid: field config\.iodepth is invalid: expected a whole number 0\.\.256, got 999/],
  ];
  for (const [bad, reason] of cases) {
    // A fresh page load with the bad link: the saved run comes back as if it had not been there.
    await page.goto('about:blank');
    await page.goto(base + bad);
    const messages = page.getByTestId('messages');
    await expect(messages).toContainText('This raft link could not be opened');
    await expect(messages).toContainText(reason);
    await expect(messages).toContainText('Nothing was changed');
    await expect(nowOf(page, 'parallel')).toHaveText('t = 6.000 ms', { timeout: 30_000 });
    expect(await raftHashes(page)).toBe(expected);
  }

  // Pasted into the address of the open page: explained, and the run on screen is untouched.
  await page.evaluate(() => document.querySelectorAll('[data-testid="messages"] button').forEach((b) => (b as HTMLButtonElement).click()));
  await page.evaluate((hash) => {
    location.hash = hash;
  }, cases[2][0]);
  await expect(page.getByTestId('messages')).toContainText('this raft link was made by format version 2');
  await expect(nowOf(page, 'parallel')).toHaveText('t = 6.000 ms');
  expect(await raftHashes(page)).toBe(expected);
  await expect(page.getByTestId('raft-faults-parallel')).toContainText('crash 2');
});

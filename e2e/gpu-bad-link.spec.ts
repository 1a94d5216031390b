// A bad GPU-pool link loses nothing, in Chromium against the built site: after some progress
// typed in the terminal (and saved for reloads), opening the page with a `#run=` link that is
// damaged, cut off, from another format version, garbage, for an unknown kernel, with a bad
// field, with a command that does not apply, or naming trace files this browser does not have
// says what is wrong and brings back the saved run: same step, same state hash, same saved
// session, also after a reload without the link.
import type { Page } from '@playwright/test';
import { encodeLinkEnvelope } from '../src/state/linkEnvelope';
import { toCompact } from '../src/state/runDescription';
import { decodeShareFragment, encodeShareFragment, GPUPOOL_LINK } from '../src/state/shareLink';
import { test, expect, openApp, stepOf, shareLink, terminalText, gpuStateHash, playGpuRun } from './fixtures';

const SESSION_KEY = 'hyperscale-lab:session';

const savedSession = (page: Page): Promise<string | null> => page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);

test('a bad run link says what is wrong and where, and the saved run comes back untouched', async ({ blockedPage: page }) => {
  await openApp(page);
  await playGpuRun(page, 2000);
  const expected = await gpuStateHash(page);
  // The progress is saved for reloads: config, both commands, the step.
  await expect.poll(async () => {
    const raw = await savedSession(page);
    return raw === null ? null : (({ c, m, s }) => ({ seed: c[1], m, s }))(JSON.parse(raw) as { c: unknown[]; m: unknown; s: number });
  }).toEqual({ seed: 9, m: [[800, 'policy BestFit'], [1500, 'fail node 3']], s: 2000 });
  const saved = await savedSession(page);

  // The links carry another run (seed 7), so one opened by mistake would show.
  const good = await shareLink(page);
  const at = good.indexOf('#run=');
  const base = good.slice(0, at);
  const decoded = await decodeShareFragment(good.slice(at));
  if (!decoded.ok) throw new Error(decoded.reason);
  const other = { ...decoded.run, config: { ...decoded.run.config, seed: 7 } };
  const fragment = await encodeShareFragment(other);
  const mid = Math.floor(fragment.length * 0.7);
  const compact = toCompact(other);
  const cases: [string, RegExp][] = [
    [fragment.slice(0, mid) + (fragment[mid] === 'A' ? 'B' : 'A') + fragment.slice(mid + 1), /This run link could not be opened: the run link is damaged: .*(changed|cut off)/],
    [fragment.slice(0, -7), /This run link could not be opened: the run link is damaged: .*(cut off|truncated)/],
    [fragment.replace('#run=v1.', '#run=v2.'), /This run link could not be opened: this run link was made by format version 2; this app reads version 1/],
    ['#run=garbage', /This run link could not be opened: the run link is damaged: expected v<version>\.<hash>\.<data> after #run=/],
    [await encodeLinkEnvelope(GPUPOOL_LINK, { ...compact, k: 'logindex' }), /This run link could not be opened: the run link is invalid: field kernel is invalid: "logindex" is not a kernel this app runs/],
    [await encodeLinkEnvelope(GPUPOOL_LINK, { ...compact, c: ['FGD', 7, 'xoshiro', -1] }), /This run link could not be opened: the run link is invalid: field config\.tune is invalid/],
    [await encodeShareFragment({ ...other, commands: [{ step: 100, text: 'fail node 99999' }] }), /The run in this link could not be replayed: no node 99999/],
  ];
  for (const [bad, reason] of cases) {
    // A fresh page load with the bad link: the saved run comes back as if it had not been there.
    await page.goto('about:blank');
    await page.goto(base + bad);
    const messages = page.getByTestId('messages');
    await expect(messages).toContainText(reason);
    await expect(messages).toContainText('your saved run is restored as it was');
    await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBe(2000);
    await expect(page.getByTestId('status-policy')).toHaveText('BestFit');
    expect(await gpuStateHash(page)).toBe(expected);
    expect(await savedSession(page)).toBe(saved);
  }

  // A link naming trace files this browser does not have: they are asked for, and meanwhile
  // the saved run is back (choosing the files would replace it with the link's run).
  const traceLink = await encodeLinkEnvelope(GPUPOOL_LINK, {
    ...compact,
    w: { n: ['openb_node_list_gpu_node.csv', 61_234, '0123456789abcdef'], p: ['openb_pod_list_default.csv', 734_911, 'fedcba9876543210'] },
  });
  await page.goto('about:blank');
  await page.goto(base + traceLink);
  await expect(page.getByTestId('messages')).toContainText('This run uses trace files this browser does not have');
  await expect(page.getByTestId('messages')).toContainText('Until then, your saved run is restored as it was.');
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBe(2000);
  expect(await gpuStateHash(page)).toBe(expected);
  expect(await savedSession(page)).toBe(saved);
  // The link leaves the address: once its files are chosen, a reload continues from there.
  expect(new URL(page.url()).hash).toBe('');

  // And a plain reload without any link: still the run as it was left, its commands replayed.
  await page.goto('about:blank');
  await openApp(page, base);
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBe(2000);
  expect(await gpuStateHash(page)).toBe(expected);
  const text = await terminalText(page);
  expect(text).toContain('policy BestFit    (replayed at step 800, from the saved session)');
  expect(text).toContain('fail node 3    (replayed at step 1500, from the saved session)');
  await expect(page.getByTestId('messages')).not.toContainText('could not be opened');
  expect(await savedSession(page)).toBe(saved);
});

test('with nothing saved, a bad run link starts the default run and says so', async ({ blockedPage: page }) => {
  await page.goto('./#run=v1.00000000.AAAA');
  await expect(page.getByTestId('messages')).toContainText('This run link could not be opened: the run link is damaged');
  await expect(page.getByTestId('messages')).toContainText('There is no saved run, so the default run starts.');
  await expect(page.getByTestId('status-pods')).not.toHaveText('0', { timeout: 30_000 });
  expect(await stepOf(page)).toBe(0);
});

// `raft p9 off|on` against the built site: off, the column's P9 line says the workers do not
// check it and the run goes on untouched (same state hash); a reload keeps the choice (the
// saved session carries it); on again, the run is rebuilt to where it is and the line gives
// the verdict it would have had all along.
import type { Page } from '@playwright/test';
import { test, expect, openApp, commandOutput } from './fixtures';

const RAFT_SESSION_KEY = 'hyperscale-lab:raft-session';

async function hashAt(page: Page): Promise<string> {
  const out = await commandOutput(page, 'raft hash', /parallel: state hash [0-9a-f]{16} at [\d.]+ ms/);
  return /state hash ([0-9a-f]{16} at [\d.]+ ms)/.exec(out)![1];
}

test('raft p9 off trades the check for speed without touching the run; on again rebuilds it with its verdict', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  const line = page.getByTestId('raft-p9-parallel');
  await commandOutput(page, 'raft iodepth 32', /iodepth 32 at 0\.000 ms/);
  await commandOutput(page, 'raft step 100ms', /parallel\s+t=100\.000 ms/);
  await expect(line).toHaveAttribute('data-p9', 'linearizable');

  await commandOutput(page, 'raft p9 of', /unknown switch "of" at column 9; did you mean off\?/);
  await commandOutput(page, 'raft p9 off', /P9 not checked: the workers run faster/);
  await expect(line).toHaveAttribute('data-p9', 'off');
  await expect(line).toContainText('P9 per-block linearizability: not checked');
  await commandOutput(page, 'raft step 100ms', /parallel\s+t=200\.000 ms/);
  await expect(line).toHaveAttribute('data-p9', 'off');
  const unchecked = await hashAt(page);

  // The saved session carries the choice: after a reload the run comes back unchecked.
  await expect.poll(() => page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as { run: { t: number; q?: number } }).run;
  }, RAFT_SESSION_KEY)).toMatchObject({ t: 200_000_000, q: 0 });
  await page.reload();
  await expect(page.getByTestId('raft-app')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('raft-column-parallel').locator('.now')).toHaveText('t = 200.000 ms', { timeout: 30_000 });
  await expect(line).toHaveAttribute('data-p9', 'off');
  expect(await hashAt(page)).toBe(unchecked);

  await commandOutput(page, 'raft p9 on', /P9 checked again: parallel rebuilt to 200\.000 ms with the check on/);
  await expect(line).toHaveAttribute('data-p9', 'linearizable');
  await expect(line).toContainText(/\d+ ops on \d+ blocks finished by 200\.000 ms/);
  expect(await hashAt(page)).toBe(unchecked);
});

// The raft tab's time scrubber: letting go of the range sends `raft seek <t>` through the
// bus, and going back and forth over a run with scripted faults lands on the same state.
import { test, expect, openApp, commandOutput, terminalText } from './fixtures';

const hashOf = (output: string): string => /state hash (\S+) at/.exec(output)![1];

test('scrubbing back and forth gives the same raft hash', async ({ blockedPage: page }) => {
  await openApp(page);
  await commandOutput(page, 'raft scenario ghost', /scenario ghost \(parallel\)/);
  await commandOutput(page, 'raft mode parallel-ce', /mode parallel-ce/);
  await commandOutput(page, 'raft step 600ms', /parallel-ce/);
  const now = page.getByTestId('raft-column-parallel-ce').locator('.now');
  await expect(now).toHaveText('t = 600.000 ms');
  const before = hashOf(await commandOutput(page, 'raft hash', /state hash \S+ at 600\.000 ms/));

  const scrubber = page.getByTestId('raft-scrubber');
  await expect(scrubber).toHaveAttribute('max', '600');
  await scrubber.fill('200');
  await expect(now).toHaveText('t = 200.000 ms');
  await expect.poll(() => terminalText(page)).toMatch(/raft seek 200ms/);
  const back = hashOf(await commandOutput(page, 'raft hash', /state hash \S+ at 200\.000 ms/));
  expect(back).not.toBe(before);

  await scrubber.fill('600');
  await expect(now).toHaveText('t = 600.000 ms');
  expect(hashOf(await commandOutput(page, 'raft hash', /state hash \S+ at 600\.000 ms/))).toBe(before);
  // The range still reaches as far as the run went.
  await expect(scrubber).toHaveAttribute('max', '600');
});

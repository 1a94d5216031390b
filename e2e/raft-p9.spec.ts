// P9 in the raft tab against the built site: with raft and parallel side by side, a partition
// typed in the terminal and scripted reads on top of the write workload, each column's P9 line
// (checked in the worker while the run plays) says the finished ops are linearizable, in the
// verdict's green, with the ops counted; `raft status` says it too; and the line reads Chinese
// under ?lang=zh-CN.
import { test, expect, openApp, typeCommand, commandOutput } from './fixtures';

const COLUMNS = ['raft', 'parallel'];

test('side by side with a partition from the terminal: P9 says linearizable for both columns', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible();
  await commandOutput(page, 'raft side-by-side', /side by side: raft and parallel/);
  for (const c of COLUMNS) await expect(page.getByTestId(`raft-p9-${c}`)).toHaveAttribute('data-p9', 'unchecked');

  await commandOutput(page, 'raft step 20ms', /parallel/);
  // Reads of blocks the workload keeps writing, so the check has reads to place, not only writes.
  await commandOutput(page, 'raft read 0 32', /read 0 32 at [\d.]+ ms in raft and parallel/);
  await commandOutput(page, 'raft partition 0 1', /partition 0 1 at [\d.]+ ms in raft and parallel/);
  await commandOutput(page, 'raft step 30ms', /parallel/);
  await commandOutput(page, 'raft read 0 32', /read 0 32 at/);
  await typeCommand(page, 'raft speed 10ms');
  await typeCommand(page, 'raft run');
  await expect.poll(async () => Number(/t = ([\d.]+) ms/.exec(await page.getByTestId('raft-column-parallel').locator('.now').innerText())?.[1]), { timeout: 30_000 }).toBeGreaterThan(120);
  await commandOutput(page, 'raft heal', /heal at [\d.]+ ms in raft and parallel/);
  await commandOutput(page, 'raft read 0 32', /read 0 32 at/);
  await commandOutput(page, 'raft pause', /paused at/);

  for (const c of COLUMNS) {
    const line = page.getByTestId(`raft-p9-${c}`);
    await expect(line).toHaveAttribute('data-p9', 'linearizable');
    await expect(line).toHaveClass(/valid/);
    await expect(line).toContainText('P9 per-block linearizability: linearizable —');
    const text = await line.innerText();
    const [, ops, blocks] = /(\d+) ops on (\d+) blocks finished by [\d.]+ ms/.exec(text) ?? [];
    expect(Number(ops)).toBeGreaterThan(1000);
    expect(Number(blocks)).toBeGreaterThan(32);
    await expect(page.getByTestId(`raft-verdict-${c}`)).toHaveAttribute('data-verdict', 'valid');
  }
  const status = await commandOutput(page, 'raft status', /P9 linearizable/);
  expect(status.match(/P9 linearizable: \d+ ops on \d+ blocks/g)?.length).toBe(2);

  // Back in time, the check goes back too: at 10 ms fewer ops are finished, and still linearizable.
  await commandOutput(page, 'raft seek 10ms', /at 10\.000 ms/);
  for (const c of COLUMNS) {
    const line = page.getByTestId(`raft-p9-${c}`);
    await expect(line).toHaveAttribute('data-p9', 'linearizable');
    await expect(line).toContainText(/finished by 10\.000 ms/);
  }
});

test('the P9 line in Chinese', async ({ blockedPage: page }) => {
  await openApp(page, './?lang=zh-CN');
  await page.getByTestId('tab-raft').click();
  await commandOutput(page, 'raft step 10ms', /t=/);
  const line = page.getByTestId('raft-p9-parallel');
  await expect(line).toHaveAttribute('data-p9', 'linearizable');
  await expect(line).toContainText('P9 逐块线性一致性：线性一致');
  await expect(line).toContainText(/10\.000 ms 前完成的 \d+ 个操作（\d+ 个块）在每个块上都能排成一个合法的读写顺序/);
});

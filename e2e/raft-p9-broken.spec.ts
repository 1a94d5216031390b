// P9's must-fail twin in the raft tab, against the built site: with raft and parallel side by
// side, `raft break dirty-read` and the workload that shows it (half reads on 32 blocks at
// iodepth 32) set from the terminal, node 0 cut off at 300 ms and healed at 600 ms, each
// column wears the broken-on-purpose badge, its P9 line turns red naming the block and the
// stale read while the kernel's own verdict stays valid/unknown, the IOPS chart draws the red
// line at the P9 violation (the space-time view, 20 ms wide, none elsewhere), and `raft status`
// says it. A share link carries the broken option;
// `raft break none` and the same scenario are linearizable again.
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp, commandOutput, terminalText, typeCommand, shareLink } from './fixtures';

// Side by side, one step prints six lines: a taller page keeps the echoed command in view.
test.use({ viewport: { width: 1400, height: 900 } });

const COLUMNS = ['raft', 'parallel'];
const DIRTY_READ = 'a leader answers reads at once from the newest entry in its log, committed or not, without ReadIndex (breaks P9)';

/**
 * What the terminal shows after `line`, its wrapped rows joined back (long status lines wrap at
 * the terminal's width), once it matches `expected`.
 */
async function flatOutput(page: Page, line: string, expected: RegExp): Promise<string> {
  await typeCommand(page, line);
  let out = '';
  await expect(async () => {
    const text = await terminalText(page);
    const at = text.lastIndexOf(`› ${line}`);
    out = at < 0 ? '' : text.slice(at + 2 + line.length).replace(/\n/g, '');
    expect(out).toMatch(expected);
  }).toPass({ timeout: 20_000 });
  return out;
}

/** Node 0 (the first leader) cut off at 300 ms and healed at 600 ms; the run stops at 700 ms. */
async function partitionAndHeal(page: Page): Promise<void> {
  await commandOutput(page, 'raft step 300ms', /parallel\s+t=300\.000 ms/);
  await commandOutput(page, 'raft partition 0', /partition 0 at 300\.000 ms in raft and parallel/);
  await commandOutput(page, 'raft step 300ms', /parallel\s+t=600\.000 ms/);
  await commandOutput(page, 'raft heal', /heal at 600\.000 ms in raft and parallel/);
  await commandOutput(page, 'raft step 100ms', /parallel\s+t=700\.000 ms/);
}

/** Rows of one pixel column of a canvas that are the violation's red (#ef4444), as a share of its height. */
async function redShare(canvas: Locator, cssX: number | null, canvasX: number | null): Promise<number> {
  return canvas.evaluate((el, at) => {
    const c = el as HTMLCanvasElement;
    const x = at.canvasX ?? Math.round((at.cssX ?? 0) * (c.width / c.clientWidth));
    const ctx = c.getContext('2d')!;
    let best = 0;
    // The 2 px line may straddle pixel columns: the reddest of the columns around x.
    for (const dx of [-1, 0, 1]) {
      const { data } = ctx.getImageData(Math.round(x) + dx, 0, 1, c.height);
      let red = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] > 200 && data[i + 1] < 110 && data[i + 2] < 110) red++;
      best = Math.max(best, red / c.height);
    }
    return best;
  }, { cssX, canvasX });
}

test('dirty-read from the terminal: P9 red with the stale block and the red line in the chart, linearizable again without it', async ({ blockedPage: page, context }) => {
  await openApp(page);
  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible();
  await commandOutput(page, 'raft side-by-side', /side by side: raft and parallel/);
  // A bad option is refused where it is typed, and nothing restarts.
  await commandOutput(page, 'raft break dirty-red', /unknown broken option "dirty-red" at column 12; did you mean dirty-read\?/);
  for (const c of COLUMNS) await expect(page.getByTestId(`raft-broken-${c}`)).toHaveCount(0);

  // The workload first (the depth given before a restart is the new run's), then the broken option.
  await commandOutput(page, 'raft read-share 50', /read share 50 %: new run at 0 ms/);
  await commandOutput(page, 'raft blocks 32', /blocks 32 \(0\.125 MB\): new run at 0 ms/);
  await commandOutput(page, 'raft iodepth 32', /iodepth 32 at 0\.000 ms/);
  const said = await flatOutput(page, 'raft break dirty-read', /broken on purpose: dirty-read: new run at 0 ms/);
  expect(said).toContain(`dirty-read: ${DIRTY_READ}`);
  for (const c of COLUMNS) {
    const badge = page.getByTestId(`raft-broken-${c}`);
    await expect(badge).toHaveAttribute('data-broken', 'dirty-read');
    await expect(badge).toContainText('broken on purpose');
    await expect(badge).toContainText(DIRTY_READ);
  }
  await commandOutput(page, 'raft speed 50ms', /speed 50 ms\/s/);

  await partitionAndHeal(page);
  const brokenAt: Record<string, number> = {};
  for (const c of COLUMNS) {
    const line = page.getByTestId(`raft-p9-${c}`);
    await expect(line).toHaveAttribute('data-p9', 'not-linearizable');
    await expect(line).toHaveClass(/invalid/);
    await expect(line).toContainText('P9 per-block linearizability: not linearizable —');
    const text = await line.innerText();
    const [, block, at] = /block (\d+), at ([\d.]+) ms: an op saw a value after another value had replaced it \(a stale read\)/.exec(text) ?? [];
    expect(Number(block)).toBeGreaterThanOrEqual(0);
    expect(Number(block)).toBeLessThan(32);
    // Stale after the cut: the partition began at 300 ms.
    expect(Number(at)).toBeGreaterThan(300);
    expect(Number(at)).toBeLessThan(700);
    brokenAt[c] = Number(at);
    await expect(page.getByTestId(`raft-p9-ops-${c}`).locator('li')).not.toHaveCount(0);
    // The kernel's checker sees nothing wrong: only the history check can tell.
    expect(await page.getByTestId(`raft-verdict-${c}`).getAttribute('data-verdict')).not.toBe('invalid');
    // The IOPS chart covers the whole run: its red line is drawn at the violation.
    const chart = page.getByTestId(`raft-chart-${c}`);
    await expect(chart).toHaveAttribute('data-violation-x', /^\d+(\.\d+)?$/);
    const chartX = Number(await chart.getAttribute('data-violation-x'));
    // Red over the plot's height (the axes take the rest of the canvas), and not a few pixels to the side.
    const canvas = chart.locator('canvas').first();
    expect(await redShare(canvas, null, chartX)).toBeGreaterThan(0.3);
    expect(await redShare(canvas, null, chartX - 12)).toBeLessThan(0.05);
  }
  const status = await flatOutput(page, 'raft status', /P9 not-linearizable(.|\n)*P9 not-linearizable/);
  expect(status.match(/broken on purpose: dirty-read · (valid|unknown): /g)?.length).toBe(2);
  expect(status.match(/P9 not-linearizable: block \d+, at [\d.]+ ms: an op saw a value after another value had replaced it \(a stale read\)/g)?.length).toBe(2);

  // The space-time view shows only the last 20 ms at this speed (680..700 ms): the violation,
  // found when the ops that pin it down had finished, lies before that, so it draws no line.
  for (const c of COLUMNS) {
    const time = page.getByTestId(`raft-spacetime-${c}`);
    await expect(time).toHaveAttribute('data-messages', /^[1-9]\d*$/);
    await expect(time).not.toHaveAttribute('data-violation-x', /./);
  }

  // A link carries the broken option and the workload: the run it opens is broken the same way.
  const link = await shareLink(page, '#raft=');
  const other = await context.newPage();
  await other.route('**/*', (route) => (route.request().url().startsWith(new URL(link).origin) ? route.continue() : route.abort()));
  await other.goto(link);
  await expect(other.getByTestId('raft-app')).toBeVisible({ timeout: 30_000 });
  for (const c of COLUMNS) {
    await expect(other.getByTestId(`raft-broken-${c}`)).toHaveAttribute('data-broken', 'dirty-read', { timeout: 30_000 });
    await expect(other.getByTestId(`raft-p9-${c}`)).toHaveAttribute('data-p9', 'not-linearizable');
    await expect(other.getByTestId(`raft-p9-${c}`)).toContainText(`at ${brokenAt[c].toFixed(3)} ms`);
  }
  await other.close();

  // The same scenario with reads done right: linearizable, and no badge.
  await commandOutput(page, 'raft break none', /nothing broken on purpose: new run at 0 ms/);
  for (const c of COLUMNS) await expect(page.getByTestId(`raft-broken-${c}`)).toHaveCount(0);
  await partitionAndHeal(page);
  for (const c of COLUMNS) {
    const line = page.getByTestId(`raft-p9-${c}`);
    await expect(line).toHaveAttribute('data-p9', 'linearizable');
    await expect(line).toHaveClass(/valid/);
    const [, ops, blocks] = /(\d+) ops on (\d+) blocks finished by 700\.000 ms/.exec(await line.innerText()) ?? [];
    expect(Number(ops)).toBeGreaterThan(10_000);
    expect(Number(blocks)).toBe(32);
    await expect(page.getByTestId(`raft-verdict-${c}`)).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId(`raft-chart-${c}`)).toHaveAttribute('data-violation-x', '');
  }
  const again = await flatOutput(page, 'raft status', /P9 linearizable(.|\n)*P9 linearizable/);
  expect(again).not.toContain('broken on purpose');
});

test('the broken-on-purpose badge in Chinese', async ({ blockedPage: page }) => {
  await openApp(page, './?lang=zh-CN');
  await page.getByTestId('tab-raft').click();
  await commandOutput(page, 'raft break dirty-read,stale-lbb', /broken on purpose: stale-lbb, dirty-read: new run at 0 ms/);
  const badge = page.getByTestId('raft-broken-parallel');
  await expect(badge).toHaveAttribute('data-broken', 'stale-lbb,dirty-read');
  await expect(badge).toContainText('故意破坏');
  await expect(badge).toContainText('领导者不经 ReadIndex，立即用自己日志中最新的条目回答读请求，无论它是否已提交（破坏 P9）');
  await expect(badge).toContainText('领导者填写每个 LBB 时多往前错一条（破坏 P7）');
});

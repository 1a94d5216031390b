// A link cannot take the tab: one that asks for more replay than opens at once (here a
// synthetic x64 cluster at tune 10 to step 2^53-1, or 2^53-1 ns of raft time) waits for the
// person's answer; declining keeps a working app, and a replay agreed to shows its progress
// and stops when cancelled, after which a typed command is answered.
import { FORMAT_VERSION, type RunDescription } from '../src/state/runDescription';
import { encodeShareFragment } from '../src/state/shareLink';
import { encodeRaftShareFragment } from '../src/state/raftShareLink';
import { RAFT_FORMAT_VERSION, type RaftRunDescription } from '../src/state/raftRunDescription';
import { defaultConfig } from '../src/kernels/raft/config';
import { test, expect, terminalText, typeCommand } from './fixtures';

const gpuRun = (scale: number): RunDescription => ({
  v: FORMAT_VERSION,
  kernel: 'gpupool',
  workload: { kind: 'synthetic', scale },
  config: { policy: 'FGD', seed: 3, rng: 'xoshiro', tune: 10 },
  commands: [],
  step: Number.MAX_SAFE_INTEGER,
});

test('a GPU-pool link past the budget asks first; declined, the app runs the default run', async ({ blockedPage: page }) => {
  await page.goto(`./${await encodeShareFragment(gpuRun(16))}`);
  const ask = page.getByTestId('replay-ask');
  await expect(ask).toBeVisible({ timeout: 60_000 });
  await expect(ask).toContainText(/This link asks to replay [\d,]+ pods on a cluster of [\d,]+ nodes\. That is [\d,.]+× what opens at once/);
  // The question takes the focus: Enter would replay, so the person reads first.
  await expect(page.getByTestId('replay-run')).toBeFocused();
  await page.getByTestId('replay-skip').click();
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('messages')).toContainText('could not be replayed: you chose not to replay it');
  await expect(page.getByTestId('status-pods')).toHaveText('11450', { timeout: 30_000 });
  await typeCommand(page, 'step 1');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/step 1\s[\s\S]*step 1\//);
});

test('an agreed big replay shows its progress and stops when cancelled; the tab answers at once', async ({ blockedPage: page }) => {
  await page.goto(`./${await encodeShareFragment(gpuRun(4))}`);
  await page.getByTestId('replay-run').click({ timeout: 60_000 });
  const bar = page.getByTestId('replay-progress');
  await expect(bar).toBeVisible();
  await expect(bar).toContainText('Replaying the run: replay');
  await expect.poll(async () => Number(await bar.locator('progress').getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByTestId('replay-cancel').click();
  await expect(bar).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('messages')).toContainText(/you cancelled the replay after [\d,]+ of [\d,]+/);
  await expect(page.getByTestId('status-pods')).toHaveText('11450', { timeout: 30_000 });
  await typeCommand(page, 'step 1');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/step 1\s[\s\S]*step 1\//);
});

test('a raft link with time 2^53-1 ns asks first; declined, nothing replays', async ({ blockedPage: page }) => {
  const run: RaftRunDescription = {
    v: RAFT_FORMAT_VERSION,
    kernel: 'raft',
    config: defaultConfig({ mode: 'parallel' }),
    sideBySide: false,
    scenario: null,
    schedule: [],
    commands: [],
    time: Number.MAX_SAFE_INTEGER,
    speed: 'max',
    selected: null,
  };
  await page.goto(`./${await encodeRaftShareFragment(run)}`);
  const ask = page.getByTestId('replay-ask');
  await expect(ask).toBeVisible({ timeout: 60_000 });
  await expect(ask).toContainText(/This link asks to replay [\d,.]+ s of simulated time\. That is [\d,.]+× what opens at once/);
  await page.getByTestId('replay-skip').click();
  await expect(page.getByTestId('messages')).toContainText('you chose not to replay it');
});

// The chrome speaks the page's language: Chinese under ?lang=zh-CN, and exactly the old
// English words otherwise (other specs match those). Commands and policy names stay as typed.
// Translated labs replace the English ones under zh-CN, raft labs included.
import { test, expect, openApp, commandOutput, terminalText, typeCommand } from './fixtures';

test('?lang=zh-CN shows the GPU-pool controls and status bar in Chinese', async ({ blockedPage: page }) => {
  await openApp(page, './?lang=zh-CN');
  const controls = page.getByRole('toolbar', { name: '运行控制' });
  await expect(controls).toBeVisible();
  await expect(page.getByTestId('run')).toHaveText('▶ 运行');
  await expect(page.getByTestId('step')).toHaveText('单步');
  await expect(controls.locator('label', { has: page.getByTestId('policy') })).toContainText('策略');
  // Policy names are technical names: the select still offers FGD.
  await expect(page.getByTestId('policy')).toHaveValue('FGD');
  const status = page.getByTestId('status');
  await expect(page.getByTestId('status-playing')).toHaveText('已暂停');
  for (const word of ['步数', '已放置', '失败', '分配率', '碎片率', '策略']) await expect(status).toContainText(word);
  await expect(page.getByTestId('status-policy')).toHaveText('FGD');
  await expect(page.getByTestId('node-inspect')).toHaveText('查看');
  await expect(page.getByTestId('toggle-why')).toHaveText('为什么选这个节点');
  // The 3D legend maps the kernel's category indices to translated labels.
  await expect(page.getByTestId('cluster-3d-legend')).toContainText('GPU 碎片过多 (q2)');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status-playing')).toHaveText('运行中');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status-playing')).toHaveText('已暂停');
});

test('?lang=zh-CN: the terminal\'s help is in Chinese, its syntax as typed', async ({ blockedPage: page }) => {
  await openApp(page, './?lang=zh-CN');
  // The list is longer than the terminal: its last lines are what stays in view.
  await typeCommand(page, 'help');
  await expect.poll(() => terminalText(page)).toMatch(/debug\s+故意让内核陷入异常，或打印状态哈希/);
  await commandOutput(page, 'help seek', /seek <step[\s\S]*跳到任意一步，向前或向后/);
});

test('?lang=en reads the GPU-pool chrome in the same English words as before', async ({ blockedPage: page }) => {
  await openApp(page, './?lang=en');
  await expect(page.getByTestId('run')).toHaveText('▶ Run');
  await expect(page.getByRole('toolbar', { name: 'Run controls' }).locator('label', { has: page.getByTestId('policy') })).toContainText('Policy');
  await expect(page.getByTestId('status')).toContainText(/step \d+\/\d+/);
  await expect(page.getByTestId('status-playing')).toHaveText('paused');
});

test('?lang=zh-CN shows the ParallelRaft tab in Chinese; its terminal results stay English', async ({ blockedPage: page }) => {
  await openApp(page, './?lang=zh-CN');
  await expect(page.getByTestId('tab-gpupool')).toHaveText('GPU 资源池');
  await page.getByTestId('tab-raft').click();
  const raft = page.getByTestId('raft-app');
  await expect(raft).toBeVisible();
  await expect(page.getByTestId('raft-play')).toHaveText('运行');
  await expect(raft.locator('label', { has: page.getByTestId('raft-mode') })).toContainText('模式');
  await expect(page.getByTestId('raft-column-parallel')).toContainText('日志条带');
  await expect(page.getByTestId('raft-node-parallel-0')).toContainText('节点 0');
  // The command language stays English in the terminal; the verdict reads Chinese in the column.
  await commandOutput(page, 'raft step 20ms', /parallel\s+t=\d+\.\d{3} ms/);
  const verdict = page.getByTestId('raft-verdict-parallel');
  await expect(verdict).toHaveAttribute('data-verdict', 'valid');
  await expect(verdict).toContainText(/通过 已检查 \d+ 次提交.*所有性质均成立/);
});

test('?lang=zh-CN shows the LogIndex tab in Chinese; its terminal results stay English', async ({ blockedPage: page }) => {
  await openApp(page, './?lang=zh-CN');
  await expect(page.getByTestId('tab-logindex')).toHaveText('PolarDB LogIndex');
  await page.getByTestId('tab-logindex').click();
  const app = page.getByTestId('logindex-app');
  await expect(app).toBeVisible();
  await expect(page.getByTestId('logindex-play')).toHaveText('运行');
  await expect(app.locator('label', { has: page.getByTestId('logindex-mode') })).toContainText('模式');
  await expect(page.getByTestId('logindex-lanes')).toContainText('RW 缓冲池');
  await commandOutput(page, 'logindex step 50ms', /lazy +t=50\.000 ms/);
  const verdict = page.getByTestId('logindex-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'valid');
  await expect(verdict).toContainText(/目前正确：[\d,]+ 次读取已与保存每个页版本的参考比对/);
});

test('?lang=zh-CN lists and opens the Chinese raft lab; its first check passes', async ({ blockedPage: page }) => {
  test.setTimeout(120_000);
  await openApp(page, './?lang=zh-CN');
  await page.getByTestId('header-labs').click();
  const entry = page.locator('[data-lab-id="raft-head-of-line-blocking"]');
  await expect(entry.locator('h3')).toHaveText('为什么要有 ParallelRaft：队头阻塞与 iodepth 扫描');
  await expect(page.locator('[data-lab-id="raft-merge-ghost"] h3')).toHaveText('合并阶段是做什么的：领导者带着空洞崩溃，以及幽灵日志条目');
  await entry.getByTestId('lab-open').click();
  await expect(page.getByTestId('lab-step-counter')).toHaveText('第 1 步，共 3 步', { timeout: 30_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('raft-app')).toBeVisible();
  await expect(page.getByTestId('lab-title')).toHaveText('为什么要有 ParallelRaft：队头阻塞与 iodepth 扫描');
  await expect(page.getByTestId('lab-step-title')).toHaveText('一次只写一个');
  await expect(page.getByTestId('lab-step-body')).toContainText('客户端始终只有一个未完成的写');
  await expect(page.getByTestId('lab-predict')).toContainText('只有一个未完成的写时，Raft 有多快（IOPS）？');
  // The kernel's answer is about 20,500 IOPS; 20,000 is within the 15 % the lab allows.
  await page.getByTestId('lab-predict-number').fill('20000');
  await page.getByTestId('lab-predict-submit').click();
  await expect(page.getByTestId('lab-predict-grade')).toHaveText(/^答对了。内核给出的值是 \d+。$/, { timeout: 60_000 });
  // The commands stay English and run as typed; the check reads Chinese.
  await page.getByTestId('lab-step-body').locator('[data-hlab-command="raft status"]').click();
  await expect.poll(() => terminalText(page)).toMatch(/raft +t=\d+\.\d{3} ms leader 0/);
  await page.getByTestId('lab-check').click();
  await expect(page.getByTestId('lab-check-result')).toHaveText('通过。', { timeout: 30_000 });
});

import { test, expect, openApp } from './fixtures';

const NODES = 'sn,cpu_milli,memory_mib,gpu,model\nnode-a,96000,393216,8,G2\nnode-b,32000,131072,4,V100M16\n';
const PODS = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli\npod-1,4000,8192,1,500\npod-2,4000,lots,1,500\n';

test('a malformed CSV says which file, line and column, and keeps the current run', async ({ blockedPage: page }) => {
  await openApp(page);
  const before = await page.getByTestId('status-pods').innerText();
  await page.getByTestId('file-input').setInputFiles([
    { name: 'nodes.csv', mimeType: 'text/csv', buffer: Buffer.from(NODES) },
    { name: 'pods.csv', mimeType: 'text/csv', buffer: Buffer.from(PODS) },
  ]);
  await expect(page.getByTestId('messages')).toContainText('pods.csv:3:');
  await expect(page.getByTestId('messages')).toContainText('memory_mib');
  await expect(page.getByTestId('status-pods')).toHaveText(before);
});

test('a well-formed trace loads by file picker and runs', async ({ blockedPage: page }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'nodes.csv', mimeType: 'text/csv', buffer: Buffer.from(NODES) },
    { name: 'pods.csv', mimeType: 'text/csv', buffer: Buffer.from(PODS.replace('lots', '8192')) },
  ]);
  await expect(page.getByTestId('workload-label')).toContainText('pods');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status-placed')).not.toHaveText('0', { timeout: 20_000 });
});

test('time-aware mode from its checkbox: pods leave at their deletion time', async ({ blockedPage: page }) => {
  await openApp(page);
  const pods = [
    'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time',
    'a,1000,1024,8,1000,,LS,Running,0,100,0',
    'b,1000,1024,8,1000,,LS,Running,150,900,150',
  ].join('\n');
  await page.getByTestId('file-input').setInputFiles([
    { name: 'nodes.csv', mimeType: 'text/csv', buffer: Buffer.from(NODES) },
    { name: 'pods.csv', mimeType: 'text/csv', buffer: Buffer.from(pods) },
  ]);
  await expect(page.getByTestId('workload-label')).toContainText('pods');
  await page.getByTestId('time-aware').check();
  await expect.poll(async () => (await page.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ')).toMatch(/time-aware on/);
  await page.getByTestId('run').click();
  // The single 8-GPU node takes a, a leaves at t=100, so b fits at t=150: nothing fails.
  await expect(page.getByTestId('status-placed')).toHaveText('2', { timeout: 20_000 });
  await expect(page.getByTestId('status-failed')).toHaveText('0');
});

import { readFile } from 'node:fs/promises';
import { test, expect, openApp, typeCommand } from './fixtures';

const NODES = 'sn,cpu_milli,memory_mib,gpu,model\nnode-a,96000,393216,8,G2\nnode-b,32000,131072,4,V100M16\nnode-c,64000,262144,2,T4\n';
const PODS = ['name,cpu_milli,memory_mib,num_gpu,gpu_milli',
  ...Array.from({ length: 24 }, (_, i) => `pod-${i},${2000 + (i % 5) * 1000},8192,1,${[250, 500, 1000, 300, 750][i % 5]}`)].join('\n') + '\n';

test('a sweep of 2 workloads x 2 policies x 2 seeds completes, draws Fig. 9a and Fig. 7, exports CSV and PNG', async ({ blockedPage: page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByTestId('toggle-sweep').click();
  const panel = page.getByTestId('sweep-panel');
  await expect(panel).toBeVisible();
  await panel.getByTestId('sweep-files').setInputFiles([
    { name: 'nodes.csv', mimeType: 'text/csv', buffer: Buffer.from(NODES) },
    { name: 'small_pods.csv', mimeType: 'text/csv', buffer: Buffer.from(PODS) },
  ]);
  await expect(panel.getByTestId('sweep-nodes')).toContainText('nodes.csv');
  await typeCommand(page, 'sweep FGD,BestFit 2');
  const status = panel.getByTestId('sweep-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await expect(status).toContainText('8/8 runs');
  for (const fig of ['sweep-fig9a', 'sweep-fig7a', 'sweep-fig7b']) await expect(panel.getByTestId(fig)).toHaveAttribute('data-groups', '2');

  const csvDownload = page.waitForEvent('download');
  await panel.getByTestId('sweep-export-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe('analysis_allo_discrete.csv');
  const lines = (await readFile((await csv.path())!, 'utf8')).trim().split('\n');
  expect(lines[0]).toMatch(/^workload,sc_policy,tune,seed,total_gpus,0,1,2,/);
  expect(lines).toHaveLength(9);
  expect(lines.filter((l) => l.startsWith('small_pods,')).length).toBe(4);
  expect(lines.filter((l) => l.startsWith('openb-like (synthetic),BestFit,')).length).toBe(2);

  const pngDownload = page.waitForEvent('download');
  await panel.getByTestId('sweep-fig9a-png').click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toBe('fig9a-allocation.png');
  const bytes = await readFile((await png.path())!);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(2000);
});

test('a running sweep can be cancelled', async ({ blockedPage: page }) => {
  await openApp(page);
  await typeCommand(page, 'sweep FGD,BestFit,GpuPacking 4');
  const status = page.getByTestId('sweep-status');
  await expect(status).toHaveAttribute('data-state', 'running');
  await page.getByTestId('sweep-cancel').click();
  await expect(status).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('sweep-run')).toBeEnabled();
});

import { test, expect, openApp, typeCommand, stepOf } from './fixtures';
import { drawnShare, waitForDrawn } from './view3d';

// WebGPU in headless Chromium: SwiftShader's Vulkan for the adapter, and Vulkan compositing so
// the WebGPU canvas is not blank. Playwright passes its own --enable-features; Chromium keeps
// one value per switch, so Vulkan is merged into that list (Playwright 1.65's defaults).
test.use({
  launchOptions: {
    executablePath: process.env.HLAB_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic',
      '--enable-unsafe-webgpu', '--use-vulkan=swiftshader', '--use-angle=swiftshader',
      '--enable-features=CDPScreenshotNewSurface,SkipListAccountsWithoutGaiaCookies,Vulkan',
    ],
  },
});

test('the 3D view draws with the WebGPU backend where Chromium offers an adapter', async ({ blockedPage: page }) => {
  await openApp(page);
  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    return gpu ? (await gpu.requestAdapter()) !== null : false;
  });
  test.skip(!adapter, 'this Chromium offers no WebGPU adapter (needs --enable-unsafe-webgpu and SwiftShader Vulkan)');
  await typeCommand(page, 'seek 4000');
  await expect.poll(() => stepOf(page)).toBe(4000);
  // three's WebGPURenderer falls back to WebGL2 silently: the backend must really be WebGPU.
  const stats = await waitForDrawn(page);
  expect(stats.backend).toBe('webgpu');
  expect(stats.drawCalls).toBeGreaterThan(0);
  expect(stats.drawCalls).toBeLessThanOrEqual(20);
  expect(await drawnShare(page, page.getByTestId('cluster-3d'))).toBeGreaterThan(0.02);
  // Asking for WebGL2 switches the backend; auto comes back to WebGPU.
  await typeCommand(page, 'view renderer webgl2');
  await expect(page.getByTestId('view-stats')).toHaveAttribute('data-backend', 'webgl2');
  await typeCommand(page, 'view renderer auto');
  await expect(page.getByTestId('view-stats')).toHaveAttribute('data-backend', 'webgpu');
});

test('when the WebGPU device is lost the 3D view says so and draws on with WebGL2', async ({ blockedPage: page }) => {
  // Keep every device three asks for, so the test can take it away as a driver reset would.
  await page.addInitScript(() => {
    const devices: GPUDevice[] = [];
    (window as Window & { __gpuDevices?: GPUDevice[] }).__gpuDevices = devices;
    if (typeof GPUAdapter === 'undefined') return;
    const requestDevice = GPUAdapter.prototype.requestDevice;
    GPUAdapter.prototype.requestDevice = async function (this: GPUAdapter, descriptor?: GPUDeviceDescriptor) {
      const device = await requestDevice.call(this, descriptor);
      devices.push(device);
      return device;
    };
  });
  await openApp(page);
  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    return gpu ? (await gpu.requestAdapter()) !== null : false;
  });
  test.skip(!adapter, 'this Chromium offers no WebGPU adapter (needs --enable-unsafe-webgpu and SwiftShader Vulkan)');
  await typeCommand(page, 'seek 3000');
  await expect.poll(() => stepOf(page)).toBe(3000);
  // Through WebGL2 first: then a WebGPU frame can only come from the view made for "webgpu".
  await typeCommand(page, 'view renderer webgl2');
  await expect(page.getByTestId('view-stats')).toHaveAttribute('data-backend', 'webgl2');
  await typeCommand(page, 'view renderer webgpu');
  await expect(page.getByTestId('view-stats')).toHaveAttribute('data-backend', 'webgpu');
  await waitForDrawn(page);
  await expect(page.getByTestId('cluster-3d-note')).toHaveCount(0);

  const destroyed = await page.evaluate(() => {
    const devices = (window as Window & { __gpuDevices?: GPUDevice[] }).__gpuDevices ?? [];
    for (const device of devices) device.destroy();
    return devices.length;
  });
  expect(destroyed).toBeGreaterThan(0);

  await expect(page.getByTestId('cluster-3d-note')).toHaveText('WebGPU device lost: drawing with WebGL2');
  await expect(page.getByTestId('view-stats')).toHaveAttribute('data-backend', 'webgl2');
  const stats = await waitForDrawn(page);
  expect(stats.drawCalls).toBeGreaterThan(0);
  expect(await drawnShare(page, page.getByTestId('cluster-3d'))).toBeGreaterThan(0.02);
  // The view still follows the run after the switch.
  await typeCommand(page, 'node 16');
  await expect(page.getByTestId('cluster-3d')).toHaveAttribute('data-selected', '16');
  // Choosing a renderer again clears the note and tries that renderer afresh.
  await typeCommand(page, 'view renderer auto');
  await expect(page.getByTestId('cluster-3d-note')).toHaveCount(0);
  await expect(page.getByTestId('view-stats')).toHaveAttribute('data-backend', 'webgpu');
});

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

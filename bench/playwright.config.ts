import { defineConfig } from '@playwright/test';

// Browser benchmarks (print figures, never pass or fail on time) against the built site:
//   npx vite build && npx playwright test --config bench/playwright.config.ts
// HLAB_BENCH_PORT: another port when two people benchmark on one machine.
const PORT = Number(process.env.HLAB_BENCH_PORT ?? 4189);
const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
// WebGPU headless: SwiftShader Vulkan, merged into Playwright's own --enable-features list.
const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--use-vulkan=swiftshader', '--use-angle=swiftshader',
  '--enable-features=CDPScreenshotNewSurface,SkipListAccountsWithoutGaiaCookies,Vulkan'];
const executablePath = process.env.HLAB_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: ['view.spec.ts', 'run.spec.ts', 'raft-view.spec.ts'],
  timeout: 600_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${PORT}/`, browserName: 'chromium', viewport: { width: 1280, height: 800 } },
  projects: [
    { name: 'webgl2', use: { launchOptions: { executablePath, args: BASE_ARGS } } },
    { name: 'webgpu', use: { launchOptions: { executablePath, args: [...BASE_ARGS, ...WEBGPU_ARGS] } } },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    // The built site lives at the project root, one level up from this config.
    cwd: new URL('..', import.meta.url).pathname,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});

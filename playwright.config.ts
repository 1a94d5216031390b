import { defineConfig } from '@playwright/test';

// Browser tests run against the built site (vite preview of dist/) in Debian's Chromium.
// Flags: the sandbox cannot run as root here, and background networking would hit the
// closed network. The tests block every request that is not to the local server.
const PORT = Number(process.env.HLAB_E2E_PORT ?? 4179);
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.HLAB_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--no-first-run', '--disable-quic',
      ],
    },
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});

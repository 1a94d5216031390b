import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'wasm/**/*.test.ts', 'deploy/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    pool: 'threads',
    setupFiles: ['src/testing/locales.ts'],
  },
});

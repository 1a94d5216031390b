import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/security/csp.ts';

// The strict policy goes into the built page only: Vite's dev server injects its own client and
// styles while it runs, and the dev page is never served to anyone else.
const contentSecurityPolicy: Plugin = {
  name: 'hlab-content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
  ],
};

// The app is a static site: relative base so dist/ works from any host and sub-path.
export default defineConfig({
  base: './',
  publicDir: 'static',
  plugins: [
    svelte(),
    contentSecurityPolicy,
    VitePWA({
      registerType: 'autoUpdate',
      manifest: {
        name: 'Hyperscale Lab',
        short_name: 'HLab',
        description: 'Run the designs inside a hyperscale cloud, offline.',
        theme_color: '#0f172a',
        background_color: '#0f172a',
        display: 'standalone',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,svg,md,json}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
      },
    }),
  ],
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  worker: { format: 'es' },
  server: { fs: { allow: ['..'] } },
});

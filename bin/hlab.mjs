#!/usr/bin/env node
// Launcher for the bundled CLI (built by `npm ci` through the "prepare" script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../build/cli/hlab.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('hlab: the CLI is not built yet; run "npm run build:cli" (npm ci does it for you)');
  process.exit(1);
}
await import(cli.href);

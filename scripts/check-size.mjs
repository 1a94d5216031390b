// Size budgets of the built site, checked on every test run (sizes do not vary run to run):
// the JavaScript the first page load fetches (what dist/index.html names) and each kernel.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const KIB = 1024;
const FIRST_LOAD_BUDGET = 100 * KIB;
const WASM_BUDGET = 50 * KIB;
const dist = join(process.cwd(), 'dist');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kib = (bytes) => `${(bytes / KIB).toFixed(1)} KiB`;

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const named = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
let firstLoad = 0;
for (const file of named) firstLoad += gz(join(dist, file));
// The service worker registration helper is fetched at start as well.
const workbox = readdirSync(join(dist, 'assets')).filter((f) => f.startsWith('workbox-window') && f.endsWith('.js'));
for (const file of workbox) firstLoad += gz(join(dist, 'assets', file));

let failed = false;
console.log(`first-load JS: ${kib(firstLoad)} gzipped (${[...named, ...workbox].join(', ')}); budget ${kib(FIRST_LOAD_BUDGET)}`);
if (firstLoad > FIRST_LOAD_BUDGET) failed = true;
for (const file of readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.wasm'))) {
  const size = gz(join(dist, 'assets', file));
  console.log(`${file}: ${kib(size)} gzipped; budget ${kib(WASM_BUDGET)}`);
  if (size > WASM_BUDGET) failed = true;
}
if (failed) {
  console.error('size budget exceeded: load the heavy part behind import()');
  process.exit(1);
}

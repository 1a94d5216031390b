// Compiles every kernel in wasm/<kernel>/index.ts to build/wasm/<kernel>.wasm with asc.
// The .wasm is never committed: the app, the CLI and the unit tests all load this output.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'wasm');
mkdirSync(out, { recursive: true });
const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
const kernels = readdirSync(join(root, 'wasm'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'lib' && existsSync(join(root, 'wasm', d.name, 'index.ts')))
  .map((d) => d.name);
let failed = false;
for (const kernel of kernels) {
  const started = performance.now();
  try {
    execFileSync(process.execPath, [
    asc, join('wasm', kernel, 'index.ts'),
    '-o', join('build', 'wasm', `${kernel}.wasm`),
    '-O3', '--runtime', 'stub', 
    '--initialMemory', '4',
    ], { cwd: root, stdio: 'inherit' });
  } catch {
    console.error(`asc ${kernel}: failed (see the errors above)`);
    failed = true;
    continue;
  }
  console.log(`asc ${kernel}: ${Math.round(performance.now() - started)} ms`);
}
if (failed) process.exit(1);

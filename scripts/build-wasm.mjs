// Compiles every kernel in wasm/<kernel>/index.ts to build/wasm/<kernel>.wasm with asc.
// The .wasm is never committed: the app, the CLI and the unit tests all load this output.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import binaryen from 'binaryen';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'wasm');
mkdirSync(out, { recursive: true });
const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
/**
 * A second binaryen pass over asc's -O3 output with bolder inlining: functions up to 500
 * instructions, loops included (binaryen's defaults stop at 20 and skip loops). A kernel's event
 * loop calls many small handlers once per event, and inlining them cuts the raft kernel's
 * 10 s iodepth-32 run by about 12 % (bench/raft.ts). Inlining changes no result: wasm integer
 * and float arithmetic are exact, and the unit tests and lab checks pin every figure.
 */
function inlineHandlers(file) {
  const module = binaryen.readBinary(readFileSync(file));
  try {
    const F = binaryen.Features;
    // The features asc targets by default; the pass may use nothing newer.
    module.setFeatures(F.MVP | F.SignExt | F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | (F.BulkMemoryOpt ?? 0));
    binaryen.setOptimizeLevel(3);
    binaryen.setShrinkLevel(0);
    binaryen.setFlexibleInlineMaxSize(500);
    binaryen.setAllowInliningFunctionsWithLoops(true);
    module.optimize();
    if (!module.validate()) throw new Error(`binaryen: ${file} does not validate after inlining`);
    writeFileSync(file, module.emitBinary());
  } finally {
    module.dispose();
  }
}

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
    inlineHandlers(join(out, `${kernel}.wasm`));
  } catch {
    console.error(`asc ${kernel}: failed (see the errors above)`);
    failed = true;
    continue;
  }
  console.log(`asc ${kernel}: ${Math.round(performance.now() - started)} ms`);
}
if (failed) process.exit(1);

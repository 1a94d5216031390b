// Node-side plumbing shared by the CLI commands: a kernel's compiled module.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args';

/** `build/wasm/<id>.wasm`, next to build/cli/ where the bundled CLI lives. */
export function kernelWasmPath(id: string): string {
  const path = fileURLToPath(new URL(`../wasm/${id}.wasm`, import.meta.url));
  if (!existsSync(path)) throw new UsageError(`${path} is missing: run "npm run build:wasm"`);
  return path;
}

/**
 * A kernel's compiled module, `build/wasm/<id>.wasm`: the bundled CLI lives in build/cli/,
 * next to build/wasm/, so it runs the same .wasm the app ships.
 */
export function loadKernelModule(id: string): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(kernelWasmPath(id)));
}

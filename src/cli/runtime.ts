// Node-side plumbing shared by the CLI commands: the kernel module and trace files.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { traceWorkload, syntheticWorkload, type Workload } from '../kernels/gpupool/workload';
import { fnv1a64Hex } from '../state/hash';
import { UsageError } from './args';

/**
 * A kernel's compiled module, `build/wasm/<id>.wasm`: the bundled CLI lives in build/cli/,
 * next to build/wasm/, so it runs the same .wasm the app ships.
 */
export function loadKernelModule(id: string): WebAssembly.Module {
  const path = fileURLToPath(new URL(`../wasm/${id}.wasm`, import.meta.url));
  if (!existsSync(path)) throw new UsageError(`${path} is missing: run "npm run build:wasm"`);
  return new WebAssembly.Module(readFileSync(path));
}

export const loadGpupoolModule = (): WebAssembly.Module => loadKernelModule('gpupool');
export const loadRaftModule = (): WebAssembly.Module => loadKernelModule('raft');

export function readTraceFile(path: string) {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  const bytes = readFileSync(path);
  const name = basename(path);
  return { name, text: bytes.toString('utf8'), ref: { name, bytes: bytes.length, hash: fnv1a64Hex(bytes) } };
}

/** A trace workload from two CSV paths, or the synthetic default when both are absent. */
export function loadWorkload(nodesPath: string | undefined, podsPath: string | undefined): Workload {
  if (!nodesPath && !podsPath) return syntheticWorkload();
  if (!nodesPath || !podsPath) throw new UsageError('give both --nodes and --pods, or neither for the synthetic default');
  return traceWorkload(readTraceFile(nodesPath), readTraceFile(podsPath));
}

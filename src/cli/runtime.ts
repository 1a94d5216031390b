// Node-side plumbing shared by the CLI commands: the kernel module and trace files.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { traceWorkload, syntheticWorkload, type Workload } from '../kernels/gpupool/workload';
import { fnv1a64Hex } from '../state/hash';
import { UsageError } from './args';

/** The bundled CLI lives in build/cli/, next to build/wasm/ (the same .wasm the app ships). */
export function loadGpupoolModule(): WebAssembly.Module {
  const path = fileURLToPath(new URL('../wasm/gpupool.wasm', import.meta.url));
  if (!existsSync(path)) throw new UsageError(`${path} is missing: run "npm run build:wasm"`);
  return new WebAssembly.Module(readFileSync(path));
}

/** The raft kernel, from the same place (lab verify runs kernel: raft labs on it). */
export function loadRaftModule(): WebAssembly.Module {
  const path = fileURLToPath(new URL('../wasm/raft.wasm', import.meta.url));
  if (!existsSync(path)) throw new UsageError(`${path} is missing: run "npm run build:wasm"`);
  return new WebAssembly.Module(readFileSync(path));
}

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

// Test helpers that read the real files: the built kernel and, when present, the openb traces
// in ../shared/data/openb (never committed; tests skip with a message when they are absent).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { traceWorkload, type Workload } from '../kernels/gpupool/workload';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OPENB_DIR = process.env.HLAB_OPENB_DIR ?? join(PROJECT_ROOT, '..', 'shared', 'data', 'openb');
export const HAVE_OPENB = existsSync(join(OPENB_DIR, 'openb_node_list_gpu_node.csv'));
export const OPENB_MISSING = `openb traces not found in ${OPENB_DIR}: trace tests skipped (set HLAB_OPENB_DIR or put the cluster-trace-gpu-v2023 CSVs there)`;

const compiled = new Map<string, WebAssembly.Module>();
/** The built kernel `build/wasm/<name>.wasm`, compiled once per test file. */
function kernelModule(name: 'gpupool' | 'raft' | 'logindex' | 'vcpu' | 'net'): WebAssembly.Module {
  let module = compiled.get(name);
  if (!module) {
    const path = join(PROJECT_ROOT, 'build', 'wasm', `${name}.wasm`);
    if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build:wasm" first`);
    module = new WebAssembly.Module(readFileSync(path));
    compiled.set(name, module);
  }
  return module;
}

export const gpupoolModule = (): WebAssembly.Module => kernelModule('gpupool');
export const raftModule = (): WebAssembly.Module => kernelModule('raft');
export const logindexModule = (): WebAssembly.Module => kernelModule('logindex');
export const vcpuModule = (): WebAssembly.Module => kernelModule('vcpu');
export const netModule = (): WebAssembly.Module => kernelModule('net');

const cache = new Map<string, Workload>();
export function openbWorkload(podTrace: string): Workload {
  const cached = cache.get(podTrace);
  if (cached) return cached;
  const read = (name: string) => {
    const text = readFileSync(join(OPENB_DIR, name), 'utf8');
    return { name, text, ref: { name, bytes: text.length, hash: '' } };
  };
  const workload = traceWorkload(read('openb_node_list_gpu_node.csv'), read(`openb_pod_list_${podTrace}.csv`));
  cache.set(podTrace, workload);
  return workload;
}

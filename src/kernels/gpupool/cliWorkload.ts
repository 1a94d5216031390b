// Node only (`hlab gpupool`, its sweep threads, the bench): the GPU pool's module and its
// workload from trace files on disk, or the synthetic default.
import { basename } from 'node:path';
import { loadKernelModule } from '../../cli/runtime';
import { UsageError } from '../../cli/args';
import { readFlagFile } from '../../cli/files';
import { fnv1a64Hex } from '../../state/hash';
import { traceWorkload, syntheticWorkload, type Workload } from './workload';

export const loadGpupoolModule = (): WebAssembly.Module => loadKernelModule('gpupool');

/** A trace file `--flag` names: its text and the reference a link would carry. */
export function readTraceFile(path: string, flag: string) {
  const { bytes, text } = readFlagFile(flag, path);
  const name = basename(path);
  return { name, text, ref: { name, bytes: bytes.length, hash: fnv1a64Hex(bytes) } };
}

/** A trace workload from two CSV paths, or the synthetic default when both are absent. */
export function loadWorkload(nodesPath: string | undefined, podsPath: string | undefined): Workload {
  if (!nodesPath && !podsPath) return syntheticWorkload();
  if (!nodesPath || !podsPath) throw new UsageError('give both --nodes and --pods, or neither for the synthetic default');
  return traceWorkload(readTraceFile(nodesPath, 'nodes'), readTraceFile(podsPath, 'pods'));
}

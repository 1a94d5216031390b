// The kernels this app runs: one entry each. A kernel keeps everything else in its own
// folders (wasm/<id>, src/kernels/<id>, src/ui/<id>, its labs); the lab engine, the CLI's
// lab runner and the shell find it here by id and never name it. (ARCHITECTURE.md,
// "Adding a kernel".) Not for the first page load: the lab definitions read YAML nodes.
import { installGrammar, type KernelGrammar } from '../commands/kernelGrammar';
import type { LabKernelDefinition } from '../labs/labKernel';
import { gpupoolLab } from './gpupool/lab';
import { raftGrammar } from './raft/grammar';
import { raftLab } from './raft/lab';
import { logindexGrammar } from './logindex/grammar';
import { logindexLab } from './logindex/lab';
import { vcpuGrammar } from './vcpu/grammar';
import { vcpuLab } from './vcpu/lab';

export interface KernelEntry {
  /** The lab front matter's `kernel:`, the `hlab` subcommand and the folder name. */
  readonly id: string;
  readonly lab: LabKernelDefinition;
  /** The grammar of its own command word, when it has one (the catalog loads it lazily in the page). */
  readonly grammar?: KernelGrammar;
}

export const KERNELS: readonly KernelEntry[] = [
  { id: 'gpupool', lab: gpupoolLab },
  { id: 'raft', lab: raftLab, grammar: raftGrammar },
  { id: 'logindex', lab: logindexLab, grammar: logindexGrammar },
  { id: 'vcpu', lab: vcpuLab, grammar: vcpuGrammar },
];

// Whatever loads the registry (labs, the CLI) parses every kernel's lines.
for (const kernel of KERNELS) if (kernel.grammar !== undefined) installGrammar(kernel.grammar);

export const KERNEL_IDS: readonly string[] = KERNELS.map((k) => k.id);

/** The kernel with this id, or undefined. */
export function kernelById(id: string): KernelEntry | undefined {
  return KERNELS.find((k) => k.id === id);
}

/** The lab definition of a kernel the front matter has already checked. */
export function labKernel(id: string): LabKernelDefinition {
  const kernel = kernelById(id);
  if (kernel === undefined) throw new Error(`no kernel "${id}" (kernels: ${KERNEL_IDS.join(', ')})`);
  return kernel.lab;
}

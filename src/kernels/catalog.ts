// The kernels as the first page load knows them: an id each and where its parts load from.
// Nothing here pulls a kernel's code into the first load; each part comes behind import().
// (The lab engine's and the CLI's list is src/kernels/registry.ts, which loads with them.)
import type { KernelGrammar } from '../commands/kernelGrammar';

export interface CatalogKernel {
  /** The lab front matter's `kernel:`, the command word and the folder name. */
  readonly id: string;
  /**
   * The grammar of the kernel's own command word, when it has one that is not in the
   * first load (the GPU pool's commands are the shell's default vocabulary).
   */
  readonly grammar?: () => Promise<KernelGrammar>;
}

export const CATALOG: readonly CatalogKernel[] = [
  { id: 'gpupool' },
  { id: 'raft', grammar: async () => (await import('./raft/grammar')).raftGrammar },
];

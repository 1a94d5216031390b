// Each kernel's `hlab <id>` subcommand is its own src/kernels/<id>/cli.ts (Node only); the
// CLI finds them by folder and lists them in the registry's order, so adding a kernel adds
// its subcommand without a line here.
import { KERNEL_IDS } from '../kernels/registry';
import type { CliCommand } from './cliCommand';

const FOUND = import.meta.glob<CliCommand>('../kernels/*/cli.ts', { eager: true, import: 'cliCommand' });

/** The subcommands found, by the kernel folder they live in. */
export const CLI_BY_FOLDER: ReadonlyMap<string, CliCommand> = new Map(
  Object.entries(FOUND).map(([path, command]) => [path.split('/')[2], command]),
);

/**
 * Kernels that run headless before their lab definition and registry line exist (a kernel
 * lands CLI first; its registry entry needs labs): their subcommands follow the registry's.
 */
export const HEADLESS_ONLY: readonly string[] = [...CLI_BY_FOLDER.keys()].filter((id) => !KERNEL_IDS.includes(id)).sort();

/** One subcommand per registry kernel, in the registry's order, then the headless-only ones. */
export function kernelCommands(): CliCommand[] {
  const registered = KERNEL_IDS.map((id) => {
    const command = CLI_BY_FOLDER.get(id);
    if (command === undefined) throw new Error(`kernel "${id}" has no subcommand: add src/kernels/${id}/cli.ts`);
    return command;
  });
  return [...registered, ...HEADLESS_ONLY.map((id) => CLI_BY_FOLDER.get(id)!)];
}

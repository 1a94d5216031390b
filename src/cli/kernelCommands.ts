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

/** One subcommand per registry kernel, in the registry's order. */
export function kernelCommands(): CliCommand[] {
  return KERNEL_IDS.map((id) => {
    const command = CLI_BY_FOLDER.get(id);
    if (command === undefined) throw new Error(`kernel "${id}" has no subcommand: add src/kernels/${id}/cli.ts`);
    return command;
  });
}

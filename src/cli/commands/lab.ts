// `hlab lab`: checks guided labs headless. `verify` proves every lab solvable with checks
// that can fail; `try` runs commands the way a lab would, to compute numbers for prose.
import type { CliCommand } from '../cliCommand';
import { USAGE } from './labFlags';

export const labCommand: CliCommand = {
  name: 'lab',
  summary: 'verify guided labs headless, or try commands as a lab runs them',
  usage: USAGE,
  // The lab machinery loads only for this command (see labFlags.ts).
  run: async (argv) => (await import('./labRun')).runLab(argv),
};

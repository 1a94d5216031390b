// `hlab`: the project's command line. Runs the same .wasm kernels the browser runs.
// Each kernel brings its own subcommand (see kernelCommands.ts); `hlab lab` is the CLI's.
import { UsageError } from './args';
import { closestMatch } from '../commands/editDistance';
import type { CliCommand } from './cliCommand';
import { kernelCommands } from './kernelCommands';
import { labCommand } from './commands/lab';
import { mergeCommand } from './commands/merge';

const COMMANDS: CliCommand[] = [...kernelCommands(), labCommand, mergeCommand];

function usage(): string {
  return ['hlab: Hyperscale Lab on the command line', '',
    ...COMMANDS.map((c) => `  hlab ${c.name.padEnd(10)} ${c.summary}`), '',
    ...COMMANDS.map((c) => c.usage)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === 'help' || name === '-h') {
      console.log(usage());
      return name ? 0 : 2;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (command) {
      if (rest.includes('--help')) {
        console.log(command.usage);
        return 0;
      }
      return (await command.run(rest)) ?? 0;
    }
    const near = closestMatch(name, COMMANDS.map((c) => c.name));
    throw new UsageError(`unknown command "${name}"${near ? `; did you mean "${near}"?` : ''}`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`hlab: ${error.message}\n(run "hlab --help" for usage)`);
      return 2;
    }
    console.error(`hlab: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

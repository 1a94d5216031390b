// The CLI's kernel subcommands and the kernel registry name the same kernels.
import { describe, expect, it } from 'vitest';
import { KERNEL_IDS } from '../kernels/registry';
import { CLI_BY_FOLDER, kernelCommands } from './kernelCommands';

describe('kernel subcommands', () => {
  it('gives every registry kernel a subcommand named after it, in the registry order', () => {
    expect(kernelCommands().map((c) => c.name)).toEqual(KERNEL_IDS);
    for (const command of kernelCommands()) {
      expect(command.summary.length, command.name).toBeGreaterThan(0);
      expect(command.usage, command.name).toContain(`hlab ${command.name}`);
    }
  });

  it('finds no cli.ts outside a registry kernel', () => {
    expect(CLI_BY_FOLDER.size).toBeGreaterThan(0);
    for (const folder of CLI_BY_FOLDER.keys()) expect(KERNEL_IDS, `src/kernels/${folder}/cli.ts`).toContain(folder);
  });
});

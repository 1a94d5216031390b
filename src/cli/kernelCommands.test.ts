// The CLI's kernel subcommands and the kernel registry name the same kernels.
import { describe, expect, it } from 'vitest';
import { KERNEL_IDS } from '../kernels/registry';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../testing/fixtures';
import { CLI_BY_FOLDER, HEADLESS_ONLY, kernelCommands } from './kernelCommands';

describe('kernel subcommands', () => {
  it('gives every registry kernel a subcommand named after it, in the registry order', () => {
    expect(kernelCommands().map((c) => c.name)).toEqual([...KERNEL_IDS, ...HEADLESS_ONLY]);
    for (const command of kernelCommands()) {
      expect(command.summary.length, command.name).toBeGreaterThan(0);
      expect(command.usage, command.name).toContain(`hlab ${command.name}`);
    }
  });

  it('finds a cli.ts outside the registry only for a kernel with its own wasm folder', () => {
    expect(CLI_BY_FOLDER.size).toBeGreaterThan(0);
    for (const folder of CLI_BY_FOLDER.keys()) {
      if (KERNEL_IDS.includes(folder)) continue;
      expect(existsSync(join(PROJECT_ROOT, 'wasm', folder, 'index.ts')), `src/kernels/${folder}/cli.ts has no wasm/${folder}/index.ts`).toBe(true);
      expect(CLI_BY_FOLDER.get(folder)!.name).toBe(folder);
    }
  });
});

// The lab pane finds a browser simulation for every kernel a lab may name, and none for a
// kernel the registry does not have.
import { expect, test } from 'vitest';
import { KERNEL_IDS } from '../../kernels/registry';
import { BROWSER_LAB_KERNELS, loadBrowserLabKernel } from './kernelLabSimulation';

test('every registry kernel has src/ui/<id>/labSimulation.ts, and every one is a registry kernel', () => {
  expect([...BROWSER_LAB_KERNELS].sort()).toEqual([...KERNEL_IDS].sort());
});

test('a kernel without a browser simulation is refused by name', async () => {
  await expect(loadBrowserLabKernel('world')).rejects.toThrow(/kernel "world" has no lab simulation in this app/);
  await expect(loadBrowserLabKernel('constructor')).rejects.toThrow(/kernel "constructor" has no lab simulation/);
});

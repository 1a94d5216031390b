// What the lab pane needs from a kernel's browser simulation, and where it finds one: each
// kernel keeps its own in src/ui/<id>/labSimulation.ts (exporting `labSimulation`, a factory),
// loaded behind import() the first time a lab on that kernel opens.
import type { Command, CommandResult } from '../../commands/types';
import type { LabKernel, LabSimulation } from '../../labs';
import type { AppState } from '../app.svelte';

/** The app a lab runs in; each kernel's simulation takes the parts it drives. */
export type LabApp = AppState;

export interface BrowserLabKernel extends LabSimulation {
  /**
   * While on, a predict looks ahead: time, faults and reads go to scratch workers that are
   * rebuilt from the visible run when it turns on, so the views never jump. setUp still acts
   * on the visible run.
   */
  setLookAhead(on: boolean): void;
  /** A command on the visible run, whatever the look-ahead. */
  executeLive(command: Command): Promise<CommandResult>;
  /** Waits while the visible run plays. */
  untilPaused(): Promise<void>;
  /**
   * Puts this kernel's tab away: a lab on another kernel is opening. Only a kernel whose tab
   * can be in front (the bus's `front` names it) needs it; the app's own view is what is left.
   */
  hide?(): Promise<void>;
  dispose(): void;
}

export type BrowserLabFactory = (app: LabApp) => BrowserLabKernel;

const FACTORIES = import.meta.glob<BrowserLabFactory>('../*/labSimulation.ts', { import: 'labSimulation' });

const pathOf = (kernel: LabKernel) => `../${kernel}/labSimulation.ts`;

/** The kernels with a browser lab simulation, by their src/ui/<id>/ folder. */
export const BROWSER_LAB_KERNELS: readonly LabKernel[] = Object.keys(FACTORIES).map((path) => path.split('/')[1]);

/** Loads the browser lab simulation of `kernel`. */
export async function loadBrowserLabKernel(kernel: LabKernel): Promise<BrowserLabFactory> {
  const load = Object.hasOwn(FACTORIES, pathOf(kernel)) ? FACTORIES[pathOf(kernel)] : undefined;
  if (load === undefined) throw new Error(`kernel "${kernel}" has no lab simulation in this app (src/ui/${kernel}/labSimulation.ts)`);
  return load();
}

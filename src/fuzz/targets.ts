// Every fuzz target in the code: each area's and each kernel's fuzzTargets.ts. A new kernel
// adds its parsers by adding src/kernels/<id>/fuzzTargets.ts; nothing here changes.
import type { FuzzTarget, FuzzTargetModule } from './types';

const FOUND = import.meta.glob<FuzzTargetModule>(['../*/fuzzTargets.ts', '../kernels/*/fuzzTargets.ts'], { eager: true });

/** Every target, by module path then in each module's order. */
export function allFuzzTargets(): FuzzTarget[] {
  return Object.keys(FOUND).sort().flatMap((path) => FOUND[path].fuzzTargets);
}

/** The module each target came from, for a test that every kernel brings its own. */
export function fuzzTargetModules(): string[] {
  return Object.keys(FOUND).sort();
}

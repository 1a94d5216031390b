// Time travel, written once for every kernel's session: copies of the kernel's linear memory
// (checkpoints) by simulated time within a memory budget, the state right after init (the
// base), and trap recovery. Whatever the kernel's clock counts (pods, ns), a seek is one
// restore of the latest checkpoint at or before the target plus re-execution.
import { KernelTrap } from './wasmKernel';

/** Checkpoints must leave at least this much room (the smallest budget a session accepts). */
export const MIN_CHECKPOINT_BUDGET = 1024 * 1024;

export class Checkpoints<T extends number = number> {
  private readonly byTime = new Map<T, Uint8Array>();
  private baseState: Uint8Array | null = null;
  private budgetBytes: number;

  constructor(budgetBytes: number) {
    this.budgetBytes = checkedBudget(budgetBytes);
  }

  /** A new run: `base` is its state right after init; every checkpoint goes. */
  reset(base: Uint8Array): void {
    this.baseState = base;
    this.byTime.clear();
  }

  get base(): Uint8Array {
    if (this.baseState === null) throw new Error('no run: start one first');
    return this.baseState;
  }

  get budget(): number {
    return this.budgetBytes;
  }

  /** A new budget; the caller decides which checkpoints still fit (usually: none kept). */
  setBudget(bytes: number): void {
    this.budgetBytes = checkedBudget(bytes);
  }

  /** How many checkpoints of the base's size fit beside the base (at least one). */
  slots(): number {
    return Math.max(1, Math.floor(this.budgetBytes / this.base.length) - 1);
  }

  /** Whether the base and the checkpoints held, at `bytesEach` bytes each, pass the budget. */
  overBudget(bytesEach: number): boolean {
    return (this.byTime.size + 1) * bytesEach > this.budgetBytes;
  }

  has(at: T): boolean {
    return this.byTime.has(at);
  }

  get(at: T): Uint8Array | undefined {
    return this.byTime.get(at);
  }

  set(at: T, state: Uint8Array): void {
    this.byTime.set(at, state);
  }

  delete(at: T): void {
    this.byTime.delete(at);
  }

  clear(): void {
    this.byTime.clear();
  }

  times(): T[] {
    return [...this.byTime.keys()];
  }

  get size(): number {
    return this.byTime.size;
  }

  /** The latest of `times` (every checkpoint's, by default) at or before `t`; -1 for the base. */
  latestAtOrBefore(t: number, times: Iterable<T> = this.byTime.keys()): T | -1 {
    let found: T | -1 = -1;
    for (const at of times) if (at <= t && at > found) found = at;
    return found;
  }

  /** Bytes held, the base included. */
  bytes(): number {
    let total = this.baseState?.length ?? 0;
    for (const state of this.byTime.values()) total += state.length;
    return total;
  }
}

function checkedBudget(bytes: number): number {
  if (!(bytes >= MIN_CHECKPOINT_BUDGET)) throw new Error('the checkpoint budget must be at least 1 MiB');
  return bytes;
}

/**
 * Runs kernel work. On a trap, `recover` brings back the last good state and says where it
 * is ("step 812", "3.000 ms"); the trap is rethrown naming that and what was running.
 */
export function guardTrap(during: string, work: () => void, recover: () => string): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof KernelTrap)) throw error;
    const restored = recover();
    throw new KernelTrap(`${error.reason}; restored the state at ${restored}`, during);
  }
}

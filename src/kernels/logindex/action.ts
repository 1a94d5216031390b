// What `logindex ...` does: the typed form of every command of the LogIndex tab, the labs and
// the headless runner. The grammar (grammar.ts) reads and writes them; setup.ts says what
// the configuring ones mean.
import type { BrokenOption, LogIndexMode } from './protocol';
import type { LogIndexCommand, SimNs } from './types';

export type LogIndexAction =
  | { action: 'open' | 'close' | 'pause' | 'reset' | 'status' | 'side-by-side' | 'single' | 'hash' }
  /** Play on; with `ns`, run that much simulated time further and stop. */
  | { action: 'run'; ns: SimNs | null }
  | { action: 'step' | 'seek'; ns: SimNs }
  | { action: 'speed'; nsPerSecond: SimNs | 'max' }
  | { action: 'mode'; mode: LogIndexMode }
  /** Read-only replicas, 1..MAX_RO; a new run. */
  | { action: 'ro'; count: number }
  /** The workload's write rate times `scale`, reads unchanged; a new run. */
  | { action: 'write-scale'; scale: number }
  | { action: 'seed'; seed: number }
  /** Broken options by name, in the table's order (none: empty); a new run. */
  | { action: 'break'; broken: BrokenOption[] }
  /** A named scenario LI-1..LI-9 (its config, seed and faults), or null for none; a new run. */
  | { action: 'scenario'; scenario: string | null }
  /** The page inspector: page `page` as replica `node` sees it. */
  | { action: 'inspect'; page: number; node: number }
  /** A fault in the schedule grammar (schedule.ts), stamped at the current time. */
  | { action: 'fault'; fault: LogIndexCommand };

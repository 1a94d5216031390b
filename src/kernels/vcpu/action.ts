// What `vcpu ...` does: the typed form of every command of the vCPU tab, the labs and the
// headless runner. The grammar (grammar.ts) reads and writes them; setup.ts says what the
// configuring ones mean.
import type { BrokenOption, Mitigation, ProfileName, SchedName } from './protocol';
import type { SimNs, VcpuCommand } from './types';

/** A fault as typed: a VM by its name (the grammar cannot know the run's VM order). */
export type VcpuFault = Exclude<VcpuCommand, { kind: 'arrive' }> | { kind: 'arrive'; vm: string };

/** The presets a run can start from: the default host, the Dragonfly settings, a scenario HV-n. */
export type VcpuPresetName = 'default' | 'dragonfly' | `HV-${number}`;

export type VcpuAction =
  | { action: 'open' | 'close' | 'pause' | 'reset' | 'status' | 'single' | 'hash' }
  /** Play on; with `ns`, run that much simulated time further and stop. */
  | { action: 'run'; ns: SimNs | null }
  | { action: 'step' | 'seek'; ns: SimNs }
  | { action: 'speed'; nsPerSecond: SimNs | 'max' }
  /** The host profile of the (first) column; a new run. */
  | { action: 'profile'; profile: ProfileName }
  | { action: 'sched'; sched: SchedName }
  /** Two profiles on one seed, one clock; `other` null: the next profile in PROFILES order. */
  | { action: 'side-by-side'; other: ProfileName | null }
  | { action: 'preset'; preset: VcpuPresetName }
  /** Mitigations by name (none: empty); a new run. */
  | { action: 'mitigate'; mitigations: Mitigation[] }
  /** Broken options by name, in the table's order (none: empty); a new run. */
  | { action: 'break'; broken: BrokenOption[] }
  | { action: 'seed'; seed: number }
  /** A fault in the schedule grammar (schedule.ts), applied at the current time. */
  | { action: 'fault'; fault: VcpuFault };

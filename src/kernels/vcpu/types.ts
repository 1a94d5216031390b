// The vCPU kernel's host-side types: a host and its VMs, commands, and a run's summary.
import type { BrokenOption, Mitigation, ProfileName, SchedName, WorkloadName } from './protocol';

/** Simulated nanoseconds. */
export type SimNs = number;

export interface VmSpec {
  name: string;
  vcpus: number;
  /** Credit-style weight (default 256); CFS/EEVDF give each vCPU thread weight×1024/256/vcpus. */
  weight: number;
  /** Percent of one pCPU (credit1 only); 0 = none. */
  cap: number;
  workload: WorkloadName;
  /** First pCPU of a pinned VM (vCPU k on pin + k); null floats. */
  pin: number | null;
  /** latency: request every periodNs; spin: work outside the lock; noisy: burst period. */
  periodNs: SimNs;
  /** latency/io: burst length; spin: critical section; noisy: backend work per burst. */
  runNs: SimNs;
  /** Offline until an `arrive` fault (a noisy neighbour arriving). */
  dormant: boolean;
}

export interface HostSpec {
  sockets: number;
  coresPerSocket: number;
  smt: number;
}

/** Costs of the virtualization path; the profile picks them (config.ts). */
export interface CostModel {
  entryNs: SimNs;
  exitNs: SimNs;
  jitterPeriodNs: SimNs;
  jitterNs: SimNs;
  haltPollNs: SimNs;
  ioHostNs: SimNs;
  ioDeviceNs: SimNs;
  coldPermille: number;
  coldNs: SimNs;
  remotePermille: number;
  upgradeBaseNs: SimNs;
  upgradePerVcpuNs: SimNs;
}

export interface VcpuConfig {
  host: HostSpec;
  vms: VmSpec[];
  sched: SchedName;
  profile: ProfileName;
  mitigations: Mitigation[];
  /** EEVDF base slice of Linux 6.15 (0.70 ms) rather than 6.6-6.14 (0.75 ms). */
  linux615: boolean;
  broken: BrokenOption[];
  costs: CostModel;
}

export type VcpuCommand =
  | { kind: 'arrive'; vm: number }
  | { kind: 'storm'; pcpu: number; ns: SimNs }
  | { kind: 'offline'; pcpu: number }
  | { kind: 'online'; pcpu: number }
  | { kind: 'upgrade' };

export interface StampedVcpuCommand {
  at: SimNs;
  command: VcpuCommand;
}

// Defaults: the costs of each host profile, the default host and VMs, and the Dragonfly preset.
// Cost figures are our choices [I] unless the spec tags them [V]; see the README.
import { HALT_POLL_NS } from '../../../wasm/vcpu/constants';
import type { ProfileName } from './protocol';
import type { CostModel, HostSpec, VcpuConfig, VmSpec } from './types';

const US = 1_000;
const MS = 1_000_000;

/** What every profile shares: cache refill after a migration, remote memory, the I/O device. */
const COMMON = {
  coldPermille: 1300, coldNs: 200 * US, remotePermille: 1200, ioHostNs: 8 * US, ioDeviceNs: 20 * US,
  upgradeBaseNs: 20 * MS, upgradePerVcpuNs: 500 * US,
} as const;

export function profileCosts(profile: ProfileName): CostModel {
  switch (profile) {
    // VM entry and exit ~1 us each, host housekeeping ~5 us per ms per core, halt_poll_ns 200 us [V].
    case 'kvm': return { ...COMMON, entryNs: 1 * US, exitNs: 1 * US, jitterPeriodNs: 1 * MS, jitterNs: 5 * US, haltPollNs: HALT_POLL_NS };
    // X-Dragon: the same entry/exit and polling, but no I/O or vSwitch work and no host jitter on the cores.
    case 'offload': return { ...COMMON, entryNs: 1 * US, exitNs: 1 * US, jitterPeriodNs: 0, jitterNs: 0, haltPollNs: HALT_POLL_NS };
    // BM-Hive: no hypervisor on the compute board; I/O through the one IO-Bond backend queue.
    case 'bare-metal': return { ...COMMON, entryNs: 0, exitNs: 0, jitterPeriodNs: 0, jitterNs: 0, haltPollNs: 0 };
  }
}

export function vm(over: Partial<VmSpec> & { name: string }): VmSpec {
  return { vcpus: 1, weight: 256, cap: 0, workload: 'cpu', pin: null, periodNs: 1 * MS, runNs: 100 * US, dormant: false, ...over };
}

export const DEFAULT_HOST: HostSpec = { sockets: 1, coresPerSocket: 4, smt: 2 };

/** 8 hyperthreads, 10 vCPUs (1.25x overcommit), and a noisy neighbour that arrives on a fault. */
export function defaultVms(): VmSpec[] {
  return [
    vm({ name: 'web', vcpus: 4, workload: 'latency', periodNs: 1 * MS, runNs: 100 * US }),
    vm({ name: 'db', vcpus: 2, workload: 'io', runNs: 50 * US }),
    vm({ name: 'batch', vcpus: 4, workload: 'cpu' }),
    vm({ name: 'noisy', vcpus: 2, workload: 'noisy', periodNs: 100 * US, runNs: 30 * US, dormant: true }),
  ];
}

export function defaultConfig(profile: ProfileName = 'kvm'): VcpuConfig {
  return {
    host: { ...DEFAULT_HOST }, vms: defaultVms(), sched: 'credit', profile, mitigations: [], linux615: false, broken: [],
    costs: profileCosts(profile),
  };
}

/**
 * The Dragonfly preset (the seed's settings): offload profile, each vCPU pinned to one
 * hyperthread (no overcommit), NUMA- and cache-aware placement. Its targets, P99 scheduling
 * latency <= 10 us and virtualization overhead ~3 %, are the project's [U], not Alibaba's
 * published measurements.
 */
export const DRAGONFLY = {
  profile: 'offload' as ProfileName,
  sched: 'pin' as const,
  targetP99Us: 10,
  targetOverheadPct: 3,
  note: 'targets are the project\'s design goals [U], not Alibaba measurements',
};

/**
 * The Dragonfly preset's VMs on the default host: web, db and batch on exactly its 8
 * hyperthreads, one each (no overcommit, so no noisy neighbour waits for a spare thread).
 */
export function dragonflyVms(): VmSpec[] {
  return defaultVms().filter((v) => !v.dormant).map((v) => (v.name === 'batch' ? { ...v, vcpus: 2 } : v));
}

// The numbers the host shares with the vCPU kernel, under the names host code uses. Every
// value comes from wasm/vcpu/constants.ts, the one source both compilers read.
import * as K from '../../../wasm/vcpu/constants';

export const { CONFIG_VERSION, CONFIG_SLOTS, FRAME_SIZE, MAX_PCPUS, MAX_VCPUS, MAX_VMS, HISTOGRAMS, VCPU_STRIDE } = K;
export const { TRACE_CAP, TRACE_DRAIN_EVENTS, TRACE_VCPU, TRACE_PCPU, OPT_TRACE, CFG_HEADER, VM_STRIDE } = K;

export const SCHED_CODES = { credit: K.SCHED_CREDIT, cfs: K.SCHED_CFS, eevdf: K.SCHED_EEVDF, pin: K.SCHED_PIN } as const;
export type SchedName = keyof typeof SCHED_CODES;
export const SCHEDS = Object.keys(SCHED_CODES) as SchedName[];

export const PROFILE_CODES = { kvm: K.PROFILE_KVM, offload: K.PROFILE_OFFLOAD, 'bare-metal': K.PROFILE_BARE_METAL } as const;
export type ProfileName = keyof typeof PROFILE_CODES;
export const PROFILES = Object.keys(PROFILE_CODES) as ProfileName[];

export const WORKLOAD_CODES = { cpu: K.WL_CPU, latency: K.WL_LATENCY, io: K.WL_IO, spin: K.WL_SPIN, noisy: K.WL_NOISY } as const;
export type WorkloadName = keyof typeof WORKLOAD_CODES;
export const WORKLOADS = Object.keys(WORKLOAD_CODES) as WorkloadName[];

/** Mitigations and switches, by the name the CLI and scenario files use. */
export const MITIGATIONS = { ple: K.OPT_PLE, 'pv-spinlock': K.OPT_PV_SPINLOCK } as const;
export type Mitigation = keyof typeof MITIGATIONS;

/** The must-fail twins, by the name the CLI and the table of broken options use. */
export const BROKEN_OPTIONS = {
  'cap-ignored': K.OPT_CAP_IGNORED,
  'over-before-under': K.OPT_OVER_FIRST,
  'steal-misreported': K.OPT_STEAL_MISREPORTED,
  'ratelimit-ignored': K.OPT_RATELIMIT_IGNORED,
  'affinity-ignored': K.OPT_AFFINITY_IGNORED,
  'no-idle-pull': K.OPT_NO_IDLE_PULL,
  'eevdf-ineligible-pick': K.OPT_EEVDF_INELIGIBLE,
  'eevdf-lag-inflated': K.OPT_EEVDF_LAG_INFLATED,
} as const;
export type BrokenOption = keyof typeof BROKEN_OPTIONS;

/** The property each broken option must break (spec §3.6). */
export const BREAKS: Readonly<Record<BrokenOption, string>> = {
  'cap-ignored': 'S4',
  'over-before-under': 'S6',
  'steal-misreported': 'S2',
  'ratelimit-ignored': 'S8',
  'affinity-ignored': 'S3',
  'no-idle-pull': 'S4',
  'eevdf-ineligible-pick': 'S6',
  'eevdf-lag-inflated': 'S5',
};

export const CFG = {
  version: K.CFG_VERSION, sched: K.CFG_SCHED, profile: K.CFG_PROFILE, options: K.CFG_OPTIONS, sockets: K.CFG_SOCKETS,
  cores: K.CFG_CORES, smt: K.CFG_SMT, vms: K.CFG_VMS, entryNs: K.CFG_ENTRY_NS, exitNs: K.CFG_EXIT_NS,
  jitterPeriodNs: K.CFG_JITTER_PERIOD_NS, jitterNs: K.CFG_JITTER_NS, haltPollNs: K.CFG_HALT_POLL_NS,
  ioHostNs: K.CFG_IO_HOST_NS, ioDeviceNs: K.CFG_IO_DEVICE_NS, coldPermille: K.CFG_COLD_PERMILLE, coldNs: K.CFG_COLD_NS,
  remotePermille: K.CFG_REMOTE_PERMILLE, upgradeBaseNs: K.CFG_UPGRADE_BASE_NS, upgradePerVcpuNs: K.CFG_UPGRADE_PER_VCPU_NS,
} as const;

export const VM = {
  vcpus: K.VM_VCPUS, weight: K.VM_WEIGHT, cap: K.VM_CAP, workload: K.VM_WORKLOAD, pin: K.VM_PIN,
  periodNs: K.VM_PERIOD_NS, runNs: K.VM_RUN_NS, dormant: K.VM_DORMANT,
} as const;

export const CMD = { arrive: K.CMD_ARRIVE, storm: K.CMD_STORM, offline: K.CMD_OFFLINE, online: K.CMD_ONLINE, upgrade: K.CMD_UPGRADE } as const;

export const VERDICTS = ['valid', 'invalid', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** Violation codes -> property names (index = code; 0 none). */
export const PROPERTIES = ['', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'] as const;

export const VCPU_STATES = ['offline', 'blocked', 'runnable', 'running'] as const;
export const PCPU_PHASES = ['idle', 'entry', 'guest', 'exit', 'poll', 'host', 'offline'] as const;

export const FR = {
  now: K.FR_NOW, events: K.FR_EVENTS, verdict: K.FR_VERDICT, violation: K.FR_VIOLATION, vVcpu: K.FR_V_VCPU,
  vPcpu: K.FR_V_PCPU, vTime: K.FR_V_TIME, overflow: K.FR_OVERFLOW, pcpus: K.FR_PCPUS, vcpus: K.FR_VCPUS,
  wakeups: K.FR_WAKEUPS, migrations: K.FR_MIGRATIONS, crossNuma: K.FR_CROSS_NUMA, wcNs: K.FR_WC_VIOLATION_NS,
  guestNs: K.FR_GUEST_NS, usefulNs: K.FR_USEFUL_NS, entryNs: K.FR_ENTRY_NS, exitNs: K.FR_EXIT_NS, pollNs: K.FR_POLL_NS,
  hostNs: K.FR_HOST_NS, spinNs: K.FR_SPIN_NS, lhpNs: K.FR_LHP_NS, runNs: K.FR_RUN_NS,
  serviceErrMaxNs: K.FR_SERVICE_ERR_MAX_NS, serviceErrSum: K.FR_SERVICE_ERR_SUM, serviceIntervals: K.FR_SERVICE_INTERVALS,
  jainSum: K.FR_JAIN_SUM, jainMin: K.FR_JAIN_MIN, jainWindows: K.FR_JAIN_WINDOWS, maxLagNs: K.FR_MAX_LAG_NS,
  blackoutNs: K.FR_BLACKOUT_NS, pleExits: K.FR_PLE_EXITS, pvKicks: K.FR_PV_KICKS, locks: K.FR_LOCKS,
  capParks: K.FR_CAP_PARKS, preemptions: K.FR_PREEMPTIONS, checks: K.FR_CHECKS,
} as const;

export const H = { total: K.H_TOTAL, queue: K.H_QUEUE, preempt: K.H_PREEMPT, entry: K.H_ENTRY, vm0: K.H_VM0 } as const;
export const VV = {
  vm: K.VV_VM, state: K.VV_STATE, pcpu: K.VV_PCPU, runNs: K.VV_RUN_NS, waitNs: K.VV_WAIT_NS, blockNs: K.VV_BLOCK_NS,
  stealNs: K.VV_STEAL_NS, usefulNs: K.VV_USEFUL_NS, aliveNs: K.VV_ALIVE_NS, migrations: K.VV_MIGRATIONS,
} as const;

/** The tab's view of each pCPU (pcpusPtr) and each vCPU's scheduler fields (vcpuSchedPtr). */
export const { PCPU_STRIDE, SCHED_VIEW_STRIDE } = K;
export const PV = {
  online: K.PV_ONLINE, phase: K.PV_PHASE, vcpu: K.PV_VCPU, stormUntilNs: K.PV_STORM_UNTIL_NS, socket: K.PV_SOCKET,
  core: K.PV_CORE, thread: K.PV_THREAD, queueLen: K.PV_QUEUE_LEN,
} as const;
export const SV = {
  prio: K.SV_PRIO, credit: K.SV_CREDIT, vruntimeNs: K.SV_VRUNTIME_NS, lagNs: K.SV_LAG_NS, deadlineNs: K.SV_DEADLINE_NS,
  eligible: K.SV_ELIGIBLE, spinning: K.SV_SPINNING, holdsLock: K.SV_HOLDS_LOCK,
} as const;
/** Priority class names by PRIO_VIEW_* code (protocol.test.ts holds the two in step). */
export const PRIO_NAMES = ['boost', 'under', 'over', 'parked', 'credit', 'fair', 'pinned', 'none'] as const;
export const PRIO_VIEW_CODES = {
  boost: K.PRIO_VIEW_BOOST, under: K.PRIO_VIEW_UNDER, over: K.PRIO_VIEW_OVER, parked: K.PRIO_VIEW_PARKED,
  credit: K.PRIO_VIEW_CREDIT, fair: K.PRIO_VIEW_FAIR, pinned: K.PRIO_VIEW_PINNED, none: K.PRIO_VIEW_NONE,
} as const;

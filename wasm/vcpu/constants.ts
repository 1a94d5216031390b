// Every number the vCPU kernel shares with its host (src/kernels/vcpu/protocol.ts): sizes,
// schedulers, profiles, workloads, options, config slots, commands, properties, frame layout.
// Both compilers read this file as it is, so it holds only `export const NAME: i32 = <integer>`.

export const CONFIG_VERSION: i32 = 1;
export const MAX_PCPUS: i32 = 128;
export const MAX_VCPUS: i32 = 256;
export const MAX_VMS: i32 = 32;
export const EVENT_CAP: i32 = 65536;

// ---- schedulers ----
/** Xen credit1 (xen/common/sched/credit.c). */
export const SCHED_CREDIT: i32 = 0;
/** Linux CFS (<= 6.5): the host fair scheduler is the vCPU scheduler under KVM. */
export const SCHED_CFS: i32 = 1;
/** Linux EEVDF (>= 6.6). */
export const SCHED_EEVDF: i32 = 2;
/** Strict 1:1 pinning: each vCPU owns one hyperthread. */
export const SCHED_PIN: i32 = 3;

// ---- host profiles ----
/** I/O virtualization and vSwitch on host cores, VM exits, host jitter, halt polling. */
export const PROFILE_KVM: i32 = 0;
/** X-Dragon/MOC: I/O and vSwitch on the card; host cores run only guests. */
export const PROFILE_OFFLOAD: i32 = 1;
/** BM-Hive compute board: no vCPU scheduler, only the shared I/O path. */
export const PROFILE_BARE_METAL: i32 = 2;

// ---- workloads (per VM) ----
export const WL_CPU: i32 = 0;
/** Request/response: wake every period, run `run` ns. */
export const WL_LATENCY: i32 = 1;
/** Run `run` ns, then one I/O request (virtio on kvm, the card on offload, IO-Bond on bare metal). */
export const WL_IO: i32 = 2;
/** `period` ns outside, then `run` ns inside the VM's one ticket spinlock. */
export const WL_SPIN: i32 = 3;
/** CPU-bound, and every period a burst of `run` ns of I/O backend work (vhost/vSwitch). */
export const WL_NOISY: i32 = 4;

// ---- vCPU states (trace and checker) ----
export const VS_OFFLINE: i32 = 0;
export const VS_BLOCKED: i32 = 1;
export const VS_RUNNABLE: i32 = 2;
export const VS_RUNNING: i32 = 3;
// ---- pCPU phases ----
export const PH_IDLE: i32 = 0;
/** VM entry of `cur` (its wake latency ends when it is over). */
export const PH_ENTRY: i32 = 1;
export const PH_GUEST: i32 = 2;
/** VM exit of `cur` before it halts. */
export const PH_EXIT: i32 = 3;
/** Halt polling by `cur` (KVM halt_poll_ns). */
export const PH_POLL: i32 = 4;
/** Host work (vhost, vSwitch, jitter, interrupt storm, upgrade); `cur` waits, runnable. */
export const PH_HOST: i32 = 5;
export const PH_OFFLINE: i32 = 6;

// ---- options: mitigations, then the broken options (must-fail twins) ----
/** Pause-loop exiting with directed yield (kvm_vcpu_on_spin). */
export const OPT_PLE: i32 = 1;
/** PV spinlocks: a waiter halts after a bounded spin; the releaser kicks it. */
export const OPT_PV_SPINLOCK: i32 = 2;
/** EEVDF base slice of Linux 6.15 (0.70 ms) instead of 6.6-6.14 (0.75 ms). */
export const OPT_LINUX_615: i32 = 4;
/** Credit1 parks a capped domain never (breaks S4's cap rule). */
export const OPT_CAP_IGNORED: i32 = 16;
/** Credit1 picks the lowest priority first: OVER before UNDER (breaks S6). */
export const OPT_OVER_FIRST: i32 = 32;
/** Guest-visible steal leaves out time preempted by host work (breaks S2). */
export const OPT_STEAL_MISREPORTED: i32 = 64;
/** Credit1 preempts at once, ignoring sched_ratelimit_us (breaks S8). */
export const OPT_RATELIMIT_IGNORED: i32 = 128;
/** Idle balancing also pulls pinned vCPUs (breaks S3). */
export const OPT_AFFINITY_IGNORED: i32 = 256;
/** An idle pCPU never pulls from a peer's queue (breaks S4). */
export const OPT_NO_IDLE_PULL: i32 = 512;
/** EEVDF picks the earliest deadline, eligible or not (breaks S6). */
export const OPT_EEVDF_INELIGIBLE: i32 = 1024;
/** EEVDF places a waking entity with twice its lag (breaks S5). */
export const OPT_EEVDF_LAG_INFLATED: i32 = 2048;
/** Record every state transition in the trace ring (--trace). */
export const OPT_TRACE: i32 = 4096;

// ---- scheduler constants (spec §3.2, §3.4) ----
export const CREDIT_DEFAULT_WEIGHT: i32 = 256;
export const CREDIT_TICK_NS: i32 = 10000000;
export const CREDIT_TSLICE_NS: i32 = 30000000;
export const CREDIT_ACCT_TICKS: i32 = 3;
export const CREDIT_RATELIMIT_NS: i32 = 1000000;
export const PRI_BOOST: i32 = 0;
export const PRI_UNDER: i32 = -1;
export const PRI_OVER: i32 = -2;
export const PRI_IDLE: i32 = -64;
export const NICE_0_LOAD: i32 = 1024;
export const CFS_LATENCY_NS: i32 = 6000000;
export const CFS_MIN_GRAN_NS: i32 = 750000;
export const CFS_WAKEUP_GRAN_NS: i32 = 1000000;
export const CFS_NR_LATENCY: i32 = 8;
export const EEVDF_SLICE_NS: i32 = 750000;
export const EEVDF_SLICE_615_NS: i32 = 700000;
export const MIGRATION_COST_NS: i32 = 500000;
/** Linux TICK_NSEC at HZ=250: the floor of EEVDF's lag clamp. */
export const LINUX_TICK_NS: i32 = 4000000;
export const HALT_POLL_NS: i32 = 200000;
/** ple_window 4096 cycles at the model's 2.5 GHz. */
export const PLE_WINDOW_NS: i32 = 1638;
/** PV spinlock: spins before halting (our choice [I]: ~2^15 PAUSE loops). */
export const PV_SPIN_NS: i32 = 20000;
/** S4: the longest a pCPU may idle beside an eligible waiting vCPU (our bound [I]). */
export const BALANCE_BOUND_NS: i32 = 1000000;
/** Jain's index windows. */
export const JAIN_WINDOW_NS: i32 = 100000000;

// ---- config slots (f64 each): the header, then MAX_VMS blocks of VM_STRIDE ----
export const CFG_VERSION: i32 = 0;
export const CFG_SCHED: i32 = 1;
export const CFG_PROFILE: i32 = 2;
export const CFG_OPTIONS: i32 = 3;
export const CFG_SOCKETS: i32 = 4;
export const CFG_CORES: i32 = 5;
export const CFG_SMT: i32 = 6;
export const CFG_VMS: i32 = 7;
export const CFG_ENTRY_NS: i32 = 8;
export const CFG_EXIT_NS: i32 = 9;
export const CFG_JITTER_PERIOD_NS: i32 = 10;
export const CFG_JITTER_NS: i32 = 11;
export const CFG_HALT_POLL_NS: i32 = 12;
export const CFG_IO_HOST_NS: i32 = 13;
export const CFG_IO_DEVICE_NS: i32 = 14;
export const CFG_COLD_PERMILLE: i32 = 15;
export const CFG_COLD_NS: i32 = 16;
export const CFG_REMOTE_PERMILLE: i32 = 17;
export const CFG_UPGRADE_BASE_NS: i32 = 18;
export const CFG_UPGRADE_PER_VCPU_NS: i32 = 19;
export const CFG_HEADER: i32 = 24;
export const VM_VCPUS: i32 = 0;
export const VM_WEIGHT: i32 = 1;
/** Percent of one pCPU, 0 = none (credit1). */
export const VM_CAP: i32 = 2;
export const VM_WORKLOAD: i32 = 3;
/** First pCPU of a pinned VM (vCPU k on pin + k), -1 floating. */
export const VM_PIN: i32 = 4;
export const VM_PERIOD_NS: i32 = 5;
export const VM_RUN_NS: i32 = 6;
/** 1: the VM's vCPUs are offline until an `arrive` command. */
export const VM_DORMANT: i32 = 7;
export const VM_STRIDE: i32 = 8;
export const CONFIG_SLOTS: i32 = 280;

// ---- commands (apply) ----
/** A dormant VM a arrives (a noisy neighbour). */
export const CMD_ARRIVE: i32 = 1;
/** Interrupt storm on pCPU a for b ns. */
export const CMD_STORM: i32 = 2;
export const CMD_OFFLINE: i32 = 3;
export const CMD_ONLINE: i32 = 4;
/** Live upgrade: pause, state transfer, resume. */
export const CMD_UPGRADE: i32 = 5;
/** Storm: STORM_WORK_NS of host work every STORM_GAP_NS. */
export const STORM_GAP_NS: i32 = 20000;
export const STORM_WORK_NS: i32 = 12000;

// ---- verdict and violations ----
export const VERDICT_VALID: i32 = 0;
export const VERDICT_INVALID: i32 = 1;
export const VERDICT_UNKNOWN: i32 = 2;
export const V_NONE: i32 = 0;
export const V_S1: i32 = 1;
export const V_S2: i32 = 2;
export const V_S3: i32 = 3;
export const V_S4: i32 = 4;
export const V_S5: i32 = 5;
export const V_S6: i32 = 6;
export const V_S7: i32 = 7;
export const V_S8: i32 = 8;

// ---- trace ring (OPT_TRACE): one record = time, kind|id, state, pcpu ----
export const TRACE_CAP: i32 = 131072;
/** Events per advance call while tracing: each writes at most 2 * (MAX_VCPUS + MAX_PCPUS) records. */
export const TRACE_DRAIN_EVENTS: i32 = 128;
export const TRACE_VCPU: i32 = 0;
export const TRACE_PCPU: i32 = 1;

// ---- frame (f64 slots) ----
export const FR_NOW: i32 = 0;
export const FR_EVENTS: i32 = 1;
export const FR_VERDICT: i32 = 2;
export const FR_VIOLATION: i32 = 3;
export const FR_V_VCPU: i32 = 4;
export const FR_V_PCPU: i32 = 5;
export const FR_V_TIME: i32 = 6;
export const FR_OVERFLOW: i32 = 7;
export const FR_PCPUS: i32 = 8;
export const FR_VCPUS: i32 = 9;
export const FR_WAKEUPS: i32 = 10;
export const FR_MIGRATIONS: i32 = 11;
export const FR_CROSS_NUMA: i32 = 12;
export const FR_WC_VIOLATION_NS: i32 = 13;
export const FR_GUEST_NS: i32 = 14;
export const FR_USEFUL_NS: i32 = 15;
export const FR_ENTRY_NS: i32 = 16;
export const FR_EXIT_NS: i32 = 17;
export const FR_POLL_NS: i32 = 18;
export const FR_HOST_NS: i32 = 19;
export const FR_SPIN_NS: i32 = 20;
export const FR_LHP_NS: i32 = 21;
export const FR_RUN_NS: i32 = 22;
export const FR_SERVICE_ERR_MAX_NS: i32 = 23;
export const FR_SERVICE_ERR_SUM: i32 = 24;
export const FR_SERVICE_INTERVALS: i32 = 25;
export const FR_JAIN_SUM: i32 = 26;
export const FR_JAIN_MIN: i32 = 27;
export const FR_JAIN_WINDOWS: i32 = 28;
export const FR_MAX_LAG_NS: i32 = 29;
export const FR_BLACKOUT_NS: i32 = 30;
export const FR_PLE_EXITS: i32 = 31;
export const FR_PV_KICKS: i32 = 32;
export const FR_LOCKS: i32 = 33;
export const FR_REFUSED_PICKS: i32 = 34;
export const FR_CAP_PARKS: i32 = 35;
export const FR_PREEMPTIONS: i32 = 36;
export const FR_CHECKS: i32 = 37;
export const FRAME_SIZE: i32 = 40;

/** Percentiles: per histogram, P50, P99, P99.9 (ns) at pctPtr(); histograms in this order. */
export const H_TOTAL: i32 = 0;
export const H_QUEUE: i32 = 1;
export const H_PREEMPT: i32 = 2;
export const H_ENTRY: i32 = 3;
/** Then one total histogram per VM. */
export const H_VM0: i32 = 4;
export const HISTOGRAMS: i32 = 36;

/** Per vCPU, VCPU_STRIDE f64 at vcpusPtr(). */
export const VV_VM: i32 = 0;
export const VV_STATE: i32 = 1;
export const VV_PCPU: i32 = 2;
export const VV_RUN_NS: i32 = 3;
export const VV_WAIT_NS: i32 = 4;
export const VV_BLOCK_NS: i32 = 5;
export const VV_STEAL_NS: i32 = 6;
export const VV_USEFUL_NS: i32 = 7;
export const VV_ALIVE_NS: i32 = 8;
export const VV_MIGRATIONS: i32 = 9;
export const VCPU_STRIDE: i32 = 10;

// ---- the tab's view: per pCPU (PCPU_STRIDE f64 each at pcpusPtr()) ----
export const PV_ONLINE: i32 = 0;
/** PH_* code. */
export const PV_PHASE: i32 = 1;
/** The vCPU it runs (entry, guest, exit, poll), -1 none (host work holds none). */
export const PV_VCPU: i32 = 2;
/** An interrupt storm until then, 0 none. */
export const PV_STORM_UNTIL_NS: i32 = 3;
export const PV_SOCKET: i32 = 4;
/** Core index within its socket. */
export const PV_CORE: i32 = 5;
/** SMT sibling index within its core. */
export const PV_THREAD: i32 = 6;
/** How many of queuePtr()'s entries are this pCPU's, which follow the previous pCPU's. */
export const PV_QUEUE_LEN: i32 = 7;
export const PCPU_STRIDE: i32 = 8;

// ---- the tab's view: per vCPU scheduler fields (SCHED_VIEW_STRIDE f64 each at vcpuSchedPtr()) ----
/** PRIO_VIEW_* code. */
export const SV_PRIO: i32 = 0;
/** credit1: credits (CREDIT_NS_PER_CREDIT ns of run time each); 0 for the others. */
export const SV_CREDIT: i32 = 1;
export const SV_VRUNTIME_NS: i32 = 2;
/** EEVDF: (V - vruntime) x weight / NICE_0_LOAD; a sleeper's saved lag. */
export const SV_LAG_NS: i32 = 3;
export const SV_DEADLINE_NS: i32 = 4;
export const SV_ELIGIBLE: i32 = 5;
/** Spinning in the guest for its VM's ticket lock. */
export const SV_SPINNING: i32 = 6;
export const SV_HOLDS_LOCK: i32 = 7;
export const SCHED_VIEW_STRIDE: i32 = 8;
/** Xen credit1 burns 10 credits per ms of running. */
export const CREDIT_NS_PER_CREDIT: i32 = 100000;
export const PRIO_VIEW_BOOST: i32 = 0;
export const PRIO_VIEW_UNDER: i32 = 1;
export const PRIO_VIEW_OVER: i32 = 2;
export const PRIO_VIEW_PARKED: i32 = 3;
export const PRIO_VIEW_CREDIT: i32 = 4;
export const PRIO_VIEW_FAIR: i32 = 5;
export const PRIO_VIEW_PINNED: i32 = 6;
export const PRIO_VIEW_NONE: i32 = 7;

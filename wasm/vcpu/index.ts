// vCPU scheduling kernel (specs/vcpu.md) behind the kernel contract of ARCHITECTURE.md:
// configPtr + init, apply (fault commands), advance, frame. One module global, `state`, set by
// init; nothing allocates afterwards, so a copy of linear memory is a snapshot.
import { State, NEVER } from './state';
import {
  CONFIG_SLOTS, CONFIG_VERSION, MAX_PCPUS, MAX_VCPUS, MAX_VMS, FRAME_SIZE, HISTOGRAMS, VCPU_STRIDE,
  CFG_VERSION, CFG_SCHED, CFG_PROFILE, CFG_OPTIONS, CFG_SOCKETS, CFG_CORES, CFG_SMT, CFG_VMS, CFG_ENTRY_NS, CFG_EXIT_NS,
  CFG_JITTER_PERIOD_NS, CFG_JITTER_NS, CFG_HALT_POLL_NS, CFG_IO_HOST_NS, CFG_IO_DEVICE_NS, CFG_COLD_PERMILLE, CFG_COLD_NS,
  CFG_REMOTE_PERMILLE, CFG_UPGRADE_BASE_NS, CFG_UPGRADE_PER_VCPU_NS, CFG_HEADER,
  VM_VCPUS, VM_WEIGHT, VM_CAP, VM_WORKLOAD, VM_PIN, VM_PERIOD_NS, VM_RUN_NS, VM_DORMANT, VM_STRIDE,
  SCHED_CREDIT, SCHED_EEVDF, SCHED_PIN, PROFILE_KVM, PROFILE_BARE_METAL, WL_NOISY, OPT_LINUX_615,
  EEVDF_SLICE_NS, EEVDF_SLICE_615_NS, NICE_0_LOAD, CREDIT_TICK_NS, JAIN_WINDOW_NS, STORM_GAP_NS, STORM_WORK_NS,
  CMD_ARRIVE, CMD_STORM, CMD_OFFLINE, CMD_ONLINE, CMD_UPGRADE,
  VS_OFFLINE, VS_BLOCKED, PH_IDLE, PH_OFFLINE, PRI_UNDER,
  VERDICT_VALID, VERDICT_INVALID, VERDICT_UNKNOWN, V_NONE, V_S3,
  FR_NOW, FR_EVENTS, FR_VERDICT, FR_VIOLATION, FR_V_VCPU, FR_V_PCPU, FR_V_TIME, FR_OVERFLOW, FR_PCPUS, FR_VCPUS,
  FR_WAKEUPS, FR_MIGRATIONS, FR_CROSS_NUMA, FR_WC_VIOLATION_NS, FR_GUEST_NS, FR_USEFUL_NS, FR_ENTRY_NS, FR_EXIT_NS,
  FR_POLL_NS, FR_HOST_NS, FR_SPIN_NS, FR_LHP_NS, FR_RUN_NS, FR_SERVICE_ERR_MAX_NS, FR_SERVICE_ERR_SUM,
  FR_SERVICE_INTERVALS, FR_JAIN_SUM, FR_JAIN_MIN, FR_JAIN_WINDOWS, FR_MAX_LAG_NS, FR_BLACKOUT_NS, FR_PLE_EXITS,
  FR_PV_KICKS, FR_LOCKS, FR_CAP_PARKS, FR_PREEMPTIONS, FR_CHECKS,
  VV_VM, VV_STATE, VV_PCPU, VV_RUN_NS, VV_WAIT_NS, VV_BLOCK_NS, VV_STEAL_NS, VV_USEFUL_NS, VV_ALIVE_NS, VV_MIGRATIONS,
} from './constants';
import { EV_PCPU, EV_WAKE, EV_IO_DONE, EV_TICK, EV_JITTER, EV_STORM, EV_NOISY, EV_WINDOW } from './kinds';
import { rngSeed, rngIntn } from '../lib/rng';
import { RNG_XOSHIRO } from '../lib/rngKinds';
import { at, fillFreeList, freeEvent, eventAt, EV_KIND, EV_NODE, EV_A } from '../lib/events';
import {
  accountTo, onPcpuTimer, onWakeTimer, onIoDone, creditTick, closeWindow, hostWork, ioBondWork, bringOnline,
  offlinePcpu, onlinePcpu, service, intervalError,
} from './sim';
import { violate } from './checker';
import { fillPcpus, fillVcpuSched } from './view';
import { HISTOGRAM_BUCKETS, histogramUpper } from '../lib/latencyHistogram';
import { PCPU_STRIDE, SCHED_VIEW_STRIDE } from './constants';

let state!: State;
let config: StaticArray<f64> | null = null;
let frameBuf: StaticArray<f64> | null = null;
let pctBuf: StaticArray<f64> | null = null;
let vcpuBuf: StaticArray<f64> | null = null;
let pcpuViewBuf: StaticArray<f64> | null = null;
let queueBuf: StaticArray<i32> | null = null;
let schedViewBuf: StaticArray<f64> | null = null;
/** Bucket upper bounds (ns): fixed by the histogram's layout, filled once. */
let histUpperBuf: StaticArray<f64> | null = null;
let allocatedEnd: usize = 0;

export function configPtr(): usize {
  if (config == null) config = new StaticArray<f64>(CONFIG_SLOTS);
  return changetype<usize>(config);
}

function cfg(slot: i32): f64 {
  return unchecked(config![slot]);
}

function clampI(v: f64, lo: i32, hi: i32): i32 {
  const x = <i32>v;
  return x < lo ? lo : x > hi ? hi : x;
}

function ilog2(x: i32): i64 {
  return <i64>(31 - clz<i32>(x));
}

/**
 * Builds the host. Returns 0; -1 for a config block from another kernel version; -2 when the
 * vCPUs or pCPUs do not fit the kernel's arrays (the host checks this first).
 */
export function init(seed: f64): i32 {
  if (config == null || <i32>cfg(CFG_VERSION) != CONFIG_VERSION) return -1;
  if (frameBuf == null) frameBuf = new StaticArray<f64>(FRAME_SIZE);
  if (pctBuf == null) pctBuf = new StaticArray<f64>(HISTOGRAMS * 3);
  if (vcpuBuf == null) vcpuBuf = new StaticArray<f64>(MAX_VCPUS * VCPU_STRIDE);
  if (pcpuViewBuf == null) pcpuViewBuf = new StaticArray<f64>(MAX_PCPUS * PCPU_STRIDE);
  if (queueBuf == null) queueBuf = new StaticArray<i32>(MAX_VCPUS);
  if (schedViewBuf == null) schedViewBuf = new StaticArray<f64>(MAX_VCPUS * SCHED_VIEW_STRIDE);
  if (histUpperBuf == null) {
    const u = new StaticArray<f64>(HISTOGRAM_BUCKETS);
    for (let b = 0; b < HISTOGRAM_BUCKETS; b++) u[b] = <f64>histogramUpper(b);
    histUpperBuf = u;
  }
  const s = new State();
  state = s;
  fillFreeList<State>(s, s.evFree.length);
  s.sched = clampI(cfg(CFG_SCHED), 0, 3);
  s.profile = clampI(cfg(CFG_PROFILE), 0, 2);
  s.options = <i32>cfg(CFG_OPTIONS);
  s.nVm = clampI(cfg(CFG_VMS), 0, MAX_VMS);
  let nV = 0;
  for (let vm = 0; vm < s.nVm; vm++) nV += clampI(cfg(CFG_HEADER + vm * VM_STRIDE + VM_VCPUS), 1, MAX_VCPUS);
  if (nV > MAX_VCPUS) return -2;
  s.nV = nV;
  const sockets = clampI(cfg(CFG_SOCKETS), 1, 8);
  const cores = clampI(cfg(CFG_CORES), 1, MAX_PCPUS);
  const smt = clampI(cfg(CFG_SMT), 1, 2);
  s.smt = smt;
  if (s.profile == PROFILE_BARE_METAL) {
    // BM-Hive: every guest on its own compute board; here one board pCPU per vCPU, no scheduler.
    s.nP = nV;
    s.sched = SCHED_PIN;
  } else {
    if (sockets * cores * smt > MAX_PCPUS) return -2;
    s.nP = sockets * cores * smt;
  }
  s.entryNs = <i64>cfg(CFG_ENTRY_NS);
  s.exitNs = <i64>cfg(CFG_EXIT_NS);
  s.jitterPeriod = <i64>cfg(CFG_JITTER_PERIOD_NS);
  s.jitterNs = <i64>cfg(CFG_JITTER_NS);
  s.haltPoll = <i64>cfg(CFG_HALT_POLL_NS);
  s.ioHost = <i64>cfg(CFG_IO_HOST_NS);
  s.ioDevice = <i64>cfg(CFG_IO_DEVICE_NS);
  s.coldPermille = <i64>clampI(cfg(CFG_COLD_PERMILLE), 1000, 100000);
  s.coldNs = <i64>cfg(CFG_COLD_NS);
  s.remotePermille = <i64>clampI(cfg(CFG_REMOTE_PERMILLE), 1000, 100000);
  s.upgradeBase = <i64>cfg(CFG_UPGRADE_BASE_NS);
  s.upgradePerVcpu = <i64>cfg(CFG_UPGRADE_PER_VCPU_NS);
  const ncpu = s.nP < 8 ? s.nP : 8;
  s.factor = 1 + ilog2(ncpu);
  s.eevdfSlice = <i64>((s.options & OPT_LINUX_615) != 0 ? EEVDF_SLICE_615_NS : EEVDF_SLICE_NS) * s.factor;
  rngSeed(s.rng, RNG_XOSHIRO, <i64>seed);
  for (let p = 0; p < s.nP; p++) {
    if (s.profile == PROFILE_BARE_METAL) {
      s.pCore[p] = p;
      s.pSocket[p] = 0;
    } else {
      // Hyperthreads of one core are adjacent: pCPU = (socket * cores + core) * smt + thread.
      s.pCore[p] = p / smt;
      s.pSocket[p] = p / (smt * cores);
    }
    s.pCur[p] = -1;
    s.pHeld[p] = -1;
    s.pOnline[p] = 1;
    s.pPhase[p] = PH_IDLE;
    s.pSliceEnd[p] = NEVER;
    s.pReschedAt[p] = NEVER;
    s.pFinishAt[p] = NEVER;
  }
  s.idleCount = s.nP;
  let v = 0;
  for (let vm = 0; vm < s.nVm; vm++) {
    const b = CFG_HEADER + vm * VM_STRIDE;
    const n = clampI(cfg(b + VM_VCPUS), 1, MAX_VCPUS);
    s.vmVcpus[vm] = n;
    s.vmFirst[vm] = v;
    s.vmWeight[vm] = clampI(cfg(b + VM_WEIGHT), 1, 65535);
    s.vmCap[vm] = s.sched == SCHED_CREDIT ? clampI(cfg(b + VM_CAP), 0, 100 * MAX_PCPUS) : 0;
    s.vmWorkload[vm] = clampI(cfg(b + VM_WORKLOAD), 0, 4);
    s.vmPeriod[vm] = <i64>cfg(b + VM_PERIOD_NS);
    s.vmRun[vm] = <i64>cfg(b + VM_RUN_NS);
    if (s.vmPeriod[vm] < 1000) s.vmPeriod[vm] = 1000;
    if (s.vmRun[vm] < 100) s.vmRun[vm] = 100;
    s.vmDormant[vm] = <i32>cfg(b + VM_DORMANT);
    const pin = <i32>cfg(b + VM_PIN);
    // Memory home: the socket of its pinned pCPUs, else VMs spread over the sockets in turn.
    s.vmHome[vm] = s.profile == PROFILE_BARE_METAL ? 0 : pin >= 0 ? s.pSocket[pin % s.nP] : vm % sockets;
    for (let k = 0; k < n; k++, v++) {
      s.vVm[v] = vm;
      s.vState[v] = VS_OFFLINE;
      s.vPcpu[v] = -1;
      s.vLastPcpu[v] = -1;
      s.vTicket[v] = -1;
      s.vWakeAt[v] = -1;
      s.vPreemptEnd[v] = -1;
      s.vPin[v] = s.profile == PROFILE_BARE_METAL || s.sched == SCHED_PIN ? v % s.nP : pin >= 0 ? (pin + k) % s.nP : -1;
      const w = (<i64>s.vmWeight[vm] * <i64>NICE_0_LOAD) / (<i64>256 * <i64>n);
      s.vWeight[v] = w < 2 ? 2 : w;
    }
  }
  for (let u = 0; u < s.nV; u++) if (s.vmDormant[s.vVm[u]] == 0) bringOnline(s, u);
  if (s.sched == SCHED_CREDIT) at<State>(s, <i64>CREDIT_TICK_NS, EV_TICK, 0, 0, 0, 0, 0);
  at<State>(s, <i64>JAIN_WINDOW_NS, EV_WINDOW, 0, 0, 0, 0, 0);
  if (s.profile == PROFILE_KVM && s.jitterPeriod > 0 && s.jitterNs > 0) {
    for (let p = 0; p < s.nP; p++) at<State>(s, 1 + <i64>rngIntn(s.rng, <i32>s.jitterPeriod), EV_JITTER, p, 0, 0, 0, 0);
  }
  for (let vm = 0; vm < s.nVm; vm++) if (s.vmWorkload[vm] == WL_NOISY && s.vmDormant[vm] == 0) at<State>(s, s.vmPeriod[vm], EV_NOISY, vm, 0, 0, 0, 0);
  allocatedEnd = __alloc(1) + 1;
  return 0;
}

export function stateEnd(): usize {
  return allocatedEnd;
}

/** Applies one command at the current simulated time; returns 0, or -1 when it does not apply. */
export function apply(kind: i32, a: i32, b: f64): i32 {
  const s = state;
  accountTo(s, s.now);
  switch (kind) {
    case CMD_ARRIVE: {
      if (a < 0 || a >= s.nVm || s.vmDormant[a] == 0) return -1;
      s.vmDormant[a] = 0;
      const first = s.vmFirst[a];
      for (let v = first; v < first + s.vmVcpus[a]; v++) bringOnline(s, v);
      if (s.vmWorkload[a] == WL_NOISY) at<State>(s, s.now + s.vmPeriod[a], EV_NOISY, a, 0, 0, 0, 0);
      break;
    }
    case CMD_STORM: {
      if (a < 0 || a >= s.nP || s.pOnline[a] == 0 || b <= 0) return -1;
      const until = s.now + <i64>b;
      if (until > s.pStormUntil[a]) {
        const idle = s.pStormUntil[a] <= s.now;
        s.pStormUntil[a] = until;
        if (idle) at<State>(s, s.now, EV_STORM, a, 0, 0, 0, 0);
      }
      break;
    }
    case CMD_OFFLINE: {
      if (a < 0 || a >= s.nP || s.pOnline[a] == 0 || s.profile == PROFILE_BARE_METAL) return -1;
      let online = 0;
      for (let p = 0; p < s.nP; p++) online += s.pOnline[p];
      if (online <= 1) return -1;
      offlinePcpu(s, a);
      break;
    }
    case CMD_ONLINE: {
      if (a < 0 || a >= s.nP || s.pOnline[a] != 0) return -1;
      onlinePcpu(s, a);
      break;
    }
    case CMD_UPGRADE: {
      // Hypervisor hot swap: every core runs the state transfer; vCPUs wait, then resume.
      if (s.profile == PROFILE_BARE_METAL) return -1;
      let live = 0;
      for (let v = 0; v < s.nV; v++) if (s.vState[v] != VS_OFFLINE) live++;
      const ns = s.upgradeBase + s.upgradePerVcpu * <i64>live;
      s.pauseAt = s.now;
      for (let v = 0; v < s.nV; v++) {
        const st = s.vState[v];
        s.vBlackoutPending[v] = st != VS_OFFLINE && st != VS_BLOCKED ? 1 : 0;
      }
      for (let p = 0; p < s.nP; p++) if (s.pOnline[p] != 0) hostWork(s, p, ns);
      break;
    }
    default: return -1;
  }
  return 0;
}

function dispatchEvent(s: State, e: i32): void {
  const r = eventAt<State>(s, e);
  const kind = load<i32>(r, EV_KIND);
  const node = load<i32>(r, EV_NODE);
  switch (kind) {
    case EV_PCPU: onPcpuTimer(s, node, load<i32>(r, EV_A)); break;
    case EV_WAKE: onWakeTimer(s, node); break;
    case EV_IO_DONE: onIoDone(s, node); break;
    case EV_TICK: {
      at<State>(s, s.now + <i64>CREDIT_TICK_NS, EV_TICK, 0, 0, 0, 0, 0);
      creditTick(s);
      break;
    }
    case EV_JITTER: {
      // Host housekeeping on each core: a few us at random times around the period.
      at<State>(s, s.now + s.jitterPeriod / 2 + <i64>rngIntn(s.rng, <i32>s.jitterPeriod), EV_JITTER, node, 0, 0, 0, 0);
      hostWork(s, node, s.jitterNs / 2 + <i64>rngIntn(s.rng, <i32>s.jitterNs));
      break;
    }
    case EV_STORM: {
      if (s.now < s.pStormUntil[node] && s.pOnline[node] != 0) {
        hostWork(s, node, <i64>STORM_WORK_NS);
        at<State>(s, s.now + <i64>STORM_GAP_NS, EV_STORM, node, 0, 0, 0, 0);
      }
      break;
    }
    case EV_NOISY: {
      // The noisy tenant's packets: vhost/vSwitch work on a host core (kvm), the card's (offload),
      // or the shared IO-Bond path (bare metal).
      const vm = node;
      at<State>(s, s.now + s.vmPeriod[vm], EV_NOISY, vm, 0, 0, 0, 0);
      if (s.profile == PROFILE_KVM) {
        hostWork(s, s.noisyNext, s.vmRun[vm]);
        s.noisyNext = (s.noisyNext + 1) % s.nP;
      } else if (s.profile == PROFILE_BARE_METAL) ioBondWork(s, s.vmRun[vm]);
      break;
    }
    case EV_WINDOW: {
      at<State>(s, s.now + <i64>JAIN_WINDOW_NS, EV_WINDOW, 0, 0, 0, 0, 0);
      closeWindow(s);
      break;
    }
    default: break;
  }
}

/** Runs events due by `until` (ns), at most maxEvents; returns how many ran. */
export function advance(until: f64, maxEvents: i32): i32 {
  const s = state;
  const limit = <i64>until;
  let n = 0;
  while (n < maxEvents && s.heap.size > 0 && s.overflow == 0) {
    const t = s.heap.peekTime();
    if (t > limit) break;
    accountTo(s, t);
    s.now = t;
    const e = s.heap.pop();
    dispatchEvent(s, e);
    freeEvent<State>(s, e);
    n++;
  }
  s.eventsRun += <i64>n;
  if (n < maxEvents && s.now < limit) {
    accountTo(s, limit);
    s.now = limit;
  }
  return n;
}

/** The frame (FRAME_SIZE f64, FR_* slots); returns its address. */
export function frame(): usize {
  const s = state;
  const f = frameBuf!;
  let run: i64 = 0;
  for (let v = 0; v < s.nV; v++) run += service(s, v);
  f[FR_NOW] = <f64>s.now;
  f[FR_EVENTS] = <f64>s.eventsRun;
  f[FR_VERDICT] = <f64>(s.violation != V_NONE ? VERDICT_INVALID : s.overflow != 0 ? VERDICT_UNKNOWN : VERDICT_VALID);
  f[FR_VIOLATION] = <f64>s.violation;
  f[FR_V_VCPU] = <f64>s.vVcpu;
  f[FR_V_PCPU] = <f64>s.vPcpuAt;
  f[FR_V_TIME] = <f64>s.vTime;
  f[FR_OVERFLOW] = <f64>s.overflow;
  f[FR_PCPUS] = <f64>s.nP;
  f[FR_VCPUS] = <f64>s.nV;
  f[FR_WAKEUPS] = <f64>s.wakeups;
  f[FR_MIGRATIONS] = <f64>s.migrations;
  f[FR_CROSS_NUMA] = <f64>s.crossNuma;
  f[FR_WC_VIOLATION_NS] = <f64>s.wcNs;
  f[FR_GUEST_NS] = <f64>s.guestNs;
  f[FR_USEFUL_NS] = <f64>s.usefulNs;
  f[FR_ENTRY_NS] = <f64>s.entryTotal;
  f[FR_EXIT_NS] = <f64>s.exitTotal;
  f[FR_POLL_NS] = <f64>s.pollTotal;
  f[FR_HOST_NS] = <f64>s.hostTotal;
  f[FR_SPIN_NS] = <f64>s.spinNs;
  f[FR_LHP_NS] = <f64>s.lhpNs;
  f[FR_RUN_NS] = <f64>run;
  // The interval still open counts as if it closed now.
  const open = s.now > s.intervalStart ? intervalError(s) : -1;
  f[FR_SERVICE_ERR_MAX_NS] = open > s.svcErrMax ? open : s.svcErrMax;
  f[FR_SERVICE_ERR_SUM] = s.svcErrSum + (open >= 0 ? open : 0);
  f[FR_SERVICE_INTERVALS] = <f64>(s.svcIntervals + (open >= 0 ? 1 : 0));
  f[FR_JAIN_SUM] = s.jainSum;
  f[FR_JAIN_MIN] = s.jainMin;
  f[FR_JAIN_WINDOWS] = <f64>s.jainWindows;
  f[FR_MAX_LAG_NS] = <f64>s.maxLag;
  f[FR_BLACKOUT_NS] = <f64>s.blackout;
  f[FR_PLE_EXITS] = <f64>s.pleExits;
  f[FR_PV_KICKS] = <f64>s.pvKicks;
  f[FR_LOCKS] = <f64>s.locks;
  f[FR_CAP_PARKS] = <f64>s.capParks;
  f[FR_PREEMPTIONS] = <f64>s.preemptions;
  f[FR_CHECKS] = <f64>s.checks;
  return changetype<usize>(f);
}

/** P50, P99, P99.9 (ns) of every histogram (H_* order); returns the address of HISTOGRAMS*3 f64. */
export function pctPtr(): usize {
  const s = state;
  const out = pctBuf!;
  for (let h = 0; h < HISTOGRAMS; h++) {
    out[h * 3] = <f64>s.hist[h].percentile(0.5);
    out[h * 3 + 1] = <f64>s.hist[h].percentile(0.99);
    out[h * 3 + 2] = <f64>s.hist[h].percentile(0.999);
  }
  return changetype<usize>(out);
}

/** Per vCPU accounting up to now (VCPU_STRIDE f64 each, VV_* slots); returns its address. */
export function vcpusPtr(): usize {
  const s = state;
  const out = vcpuBuf!;
  for (let v = 0; v < s.nV; v++) {
    const b = v * VCPU_STRIDE;
    const st = s.vState[v];
    const dt: i64 = st == VS_OFFLINE ? 0 : s.now - s.vLastChange[v];
    out[b + VV_VM] = <f64>s.vVm[v];
    out[b + VV_STATE] = <f64>st;
    out[b + VV_PCPU] = <f64>s.vPcpu[v];
    out[b + VV_RUN_NS] = <f64>(s.vRunNs[v] + (st == 3 ? dt : 0));
    out[b + VV_WAIT_NS] = <f64>(s.vWaitNs[v] + (st == 2 ? dt : 0));
    out[b + VV_BLOCK_NS] = <f64>(s.vBlockNs[v] + (st == VS_BLOCKED ? dt : 0));
    // Guest-visible steal: what KVM has added at entries, plus the wait still under way.
    out[b + VV_STEAL_NS] = <f64>(s.vStealRep[v] + (st == 2 ? s.now - s.vQueuedAt[v] : 0));
    out[b + VV_USEFUL_NS] = <f64>s.vUseful[v];
    out[b + VV_ALIVE_NS] = st == VS_OFFLINE ? 0 : <f64>(s.now - s.vAliveFrom[v]);
    out[b + VV_MIGRATIONS] = <f64>s.vMigrations[v];
  }
  return changetype<usize>(out);
}

export function traceTotal(): i32 {
  return state.trTotal;
}
export function traceTimePtr(): usize {
  return changetype<usize>(state.trTime);
}
export function traceWhoPtr(): usize {
  return changetype<usize>(state.trWho);
}
export function traceStatePtr(): usize {
  return changetype<usize>(state.trState);
}
export function tracePcpuPtr(): usize {
  return changetype<usize>(state.trPcpu);
}

/** Each pCPU now (PCPU_STRIDE f64 each, PV_* slots); returns its address. Fills queuePtr() too. */
export function pcpusPtr(): usize {
  fillPcpus(state, pcpuViewBuf!, queueBuf!);
  return changetype<usize>(pcpuViewBuf!);
}

/** The run queues pcpusPtr() filled: i32 vCPU ids, PV_QUEUE_LEN of them per pCPU in pCPU order. */
export function queuePtr(): usize {
  return changetype<usize>(queueBuf!);
}

/** Each vCPU's scheduler fields now (SCHED_VIEW_STRIDE f64 each, SV_* slots); returns its address. */
export function vcpuSchedPtr(): usize {
  fillVcpuSched(state, schedViewBuf!);
  return changetype<usize>(schedViewBuf!);
}

export function histogramBuckets(): i32 {
  return HISTOGRAM_BUCKETS;
}

/** The upper bounds (ns, f64) of every histogram's buckets. */
export function histogramUpperPtr(): usize {
  return changetype<usize>(histUpperBuf!);
}

/** Histogram h's bucket counts (i64 each, H_* order) in the state itself: reading leaves nothing behind. */
export function histogramCountsPtr(h: i32): usize {
  const i = h < 0 ? 0 : h >= HISTOGRAMS ? HISTOGRAMS - 1 : h;
  return changetype<usize>(state.hist[i].counts);
}

/** Nothing is left behind by reads: the frame, percentile, vCPU and view buffers are the only scratch. */
export function clearScratch(): void {
  const f = frameBuf!;
  for (let i = 0; i < FRAME_SIZE; i++) f[i] = 0;
  const q = pctBuf!;
  for (let i = 0; i < HISTOGRAMS * 3; i++) q[i] = 0;
  const c = vcpuBuf!;
  for (let i = 0; i < MAX_VCPUS * VCPU_STRIDE; i++) c[i] = 0;
  const pv = pcpuViewBuf!;
  for (let i = 0; i < MAX_PCPUS * PCPU_STRIDE; i++) pv[i] = 0;
  const qb = queueBuf!;
  for (let i = 0; i < MAX_VCPUS; i++) qb[i] = 0;
  const sv = schedViewBuf!;
  for (let i = 0; i < MAX_VCPUS * SCHED_VIEW_STRIDE; i++) sv[i] = 0;
}

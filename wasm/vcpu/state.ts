// The whole state of one host: pCPUs, VMs, vCPUs, the scheduler's per-entity fields, the
// metrics and the event engine's fields (wasm/lib). Allocated once by `init`: a copy of linear
// memory is a snapshot.
import { EventHeap } from '../lib/eventHeap';
import { EVENT_FIELDS } from '../lib/events';
import { LatencyHistogram } from '../lib/latencyHistogram';
import { rngAlloc } from '../lib/rng';
import { EVENT_CAP, HISTOGRAMS, MAX_PCPUS, MAX_VCPUS, MAX_VMS, TRACE_CAP } from './constants';

/** "Never" for timers and an endless burst. */
export const NEVER: i64 = <i64>1 << 62;

export class State {
  // ---- configuration ----
  sched: i32 = 0;
  profile: i32 = 0;
  options: i32 = 0;
  nP: i32 = 1;
  nV: i32 = 0;
  nVm: i32 = 0;
  smt: i32 = 1;
  entryNs: i64 = 0;
  exitNs: i64 = 0;
  jitterPeriod: i64 = 0;
  jitterNs: i64 = 0;
  haltPoll: i64 = 0;
  ioHost: i64 = 0;
  ioDevice: i64 = 0;
  coldPermille: i64 = 1000;
  coldNs: i64 = 0;
  remotePermille: i64 = 1000;
  upgradeBase: i64 = 0;
  upgradePerVcpu: i64 = 0;
  /** CFS/EEVDF scale: 1 + ilog2(min(ncpus, 8)). */
  factor: i64 = 1;
  eevdfSlice: i64 = 0;

  // ---- event engine (wasm/lib) ----
  now: i64 = 0;
  events: StaticArray<i32> = new StaticArray<i32>(EVENT_CAP * EVENT_FIELDS);
  evFree: StaticArray<i32> = new StaticArray<i32>(EVENT_CAP);
  evFreeTop: i32 = 0;
  heap: EventHeap = new EventHeap(EVENT_CAP);
  epoch: StaticArray<i32> = new StaticArray<i32>(MAX_PCPUS + MAX_VCPUS);
  overflow: i32 = 0;
  rng: StaticArray<i64> = rngAlloc();
  eventsRun: i64 = 0;
  seq: i64 = 0;

  // ---- pCPUs ----
  pSocket: StaticArray<i32> = new StaticArray<i32>(MAX_PCPUS);
  pCore: StaticArray<i32> = new StaticArray<i32>(MAX_PCPUS);
  pCur: StaticArray<i32> = new StaticArray<i32>(MAX_PCPUS);
  pPhase: StaticArray<i32> = new StaticArray<i32>(MAX_PCPUS);
  pPhaseEnd: StaticArray<i64> = new StaticArray<i64>(MAX_PCPUS);
  pSliceEnd: StaticArray<i64> = new StaticArray<i64>(MAX_PCPUS);
  /** A preemption held back by the rate limit happens then. */
  pReschedAt: StaticArray<i64> = new StaticArray<i64>(MAX_PCPUS);
  pTimerGen: StaticArray<i32> = new StaticArray<i32>(MAX_PCPUS);
  pOnline: StaticArray<i32> = new StaticArray<i32>(MAX_PCPUS);
  /** The vCPU host work took the pCPU from (it resumes there), or -1. */
  pHeld: StaticArray<i32> = new StaticArray<i32>(MAX_PCPUS);
  pStormUntil: StaticArray<i64> = new StaticArray<i64>(MAX_PCPUS);
  pMinVruntime: StaticArray<i64> = new StaticArray<i64>(MAX_PCPUS);
  /** The guest burst of `cur` ends then (computed by plan). */
  pFinishAt: StaticArray<i64> = new StaticArray<i64>(MAX_PCPUS);
  idleCount: i32 = 0;
  /** vCPUs in VS_RUNNABLE: the work-conservation scan and the wake bookkeeping skip when none waits. */
  runnable: i32 = 0;

  // ---- VMs ----
  vmVcpus: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmFirst: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmWeight: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmCap: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmWorkload: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmPeriod: StaticArray<i64> = new StaticArray<i64>(MAX_VMS);
  vmRun: StaticArray<i64> = new StaticArray<i64>(MAX_VMS);
  vmHome: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmDormant: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmCapUsed: StaticArray<i64> = new StaticArray<i64>(MAX_VMS);
  vmParked: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmRanInPeriod: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmLockNext: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);
  vmLockServing: StaticArray<i32> = new StaticArray<i32>(MAX_VMS);

  // ---- vCPUs ----
  vVm: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vState: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  /** The pCPU it runs on or waits for. */
  vPcpu: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vLastPcpu: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vPin: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  /** Useful work left in the current burst, ns at full speed (NEVER: endless). */
  vWork: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vColdLeft: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vLastChange: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vLastSync: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vRunNs: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vWaitNs: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vBlockNs: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vAliveFrom: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  /** Guest-visible steal (KVM's run_delay added at each entry), kept apart from vWaitNs. */
  vStealRep: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vQueuedAt: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vHostHeld: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vUseful: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vWakeAt: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vPreemptEnd: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vDispatchAt: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vRanSince: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vEnqSeq: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vWeight: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vCredit: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vPrio: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vVruntime: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vDeadline: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vVlag: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vPending: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vWokeInExit: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vMigrations: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vLastRanEnd: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  /** Spin workload: 0 outside the lock, 1 spinning for it, 2 holding it. */
  vLockPhase: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vTicket: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vSpinFrom: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vPleWindow: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vBlackoutPending: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  /** Fairness: service at the start of the current interval and window. */
  vSvcInterval: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vSvcWindow: StaticArray<i64> = new StaticArray<i64>(MAX_VCPUS);
  vBlockedInWindow: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);
  vInInterval: StaticArray<i32> = new StaticArray<i32>(MAX_VCPUS);

  // ---- metrics ----
  hist: StaticArray<LatencyHistogram> = new StaticArray<LatencyHistogram>(HISTOGRAMS);
  wakeups: i64 = 0;
  migrations: i64 = 0;
  crossNuma: i64 = 0;
  wcNs: i64 = 0;
  wcSince: i64 = -1;
  lastAcct: i64 = 0;
  guestNs: i64 = 0;
  usefulNs: i64 = 0;
  entryTotal: i64 = 0;
  exitTotal: i64 = 0;
  pollTotal: i64 = 0;
  hostTotal: i64 = 0;
  spinNs: i64 = 0;
  lhpNs: i64 = 0;
  intervalStart: i64 = 0;
  svcErrMax: f64 = 0;
  svcErrSum: f64 = 0;
  svcIntervals: i64 = 0;
  jainSum: f64 = 0;
  jainMin: f64 = 1;
  jainWindows: i64 = 0;
  maxLag: i64 = 0;
  pauseAt: i64 = -1;
  blackout: i64 = 0;
  pleExits: i64 = 0;
  pvKicks: i64 = 0;
  locks: i64 = 0;
  capParks: i64 = 0;
  preemptions: i64 = 0;
  checks: i64 = 0;
  ioBondFree: i64 = 0;
  noisyNext: i32 = 0;
  tickCount: i64 = 0;

  // ---- checker ----
  violation: i32 = 0;
  vVcpu: i32 = -1;
  vPcpuAt: i32 = -1;
  vTime: i64 = 0;

  // ---- trace ring ----
  trTime: StaticArray<i64> = new StaticArray<i64>(TRACE_CAP);
  trWho: StaticArray<i32> = new StaticArray<i32>(TRACE_CAP);
  trState: StaticArray<i32> = new StaticArray<i32>(TRACE_CAP);
  trPcpu: StaticArray<i32> = new StaticArray<i32>(TRACE_CAP);
  trTotal: i32 = 0;

  constructor() {
    for (let i = 0; i < HISTOGRAMS; i++) this.hist[i] = new LatencyHistogram();
  }
}

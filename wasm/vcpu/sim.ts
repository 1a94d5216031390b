// The host: vCPU state changes, pCPU phases (VM entry, guest, exit, halt polling, host work),
// dispatch, preemption, idle balancing, the workloads' bursts and the metrics of spec §3.3.
// Every state change goes through setState / setPhase, so the time partition, the trace and
// the checker see them all.
import { State, NEVER } from './state';
import {
  SCHED_CREDIT, SCHED_CFS, SCHED_EEVDF, SCHED_PIN, PROFILE_KVM, PROFILE_BARE_METAL,
  WL_CPU, WL_LATENCY, WL_IO, WL_SPIN, WL_NOISY,
  VS_OFFLINE, VS_BLOCKED, VS_RUNNABLE, VS_RUNNING,
  PH_IDLE, PH_ENTRY, PH_GUEST, PH_EXIT, PH_POLL, PH_HOST, PH_OFFLINE,
  OPT_PLE, OPT_PV_SPINLOCK, OPT_CAP_IGNORED, OPT_STEAL_MISREPORTED, OPT_RATELIMIT_IGNORED, OPT_AFFINITY_IGNORED,
  OPT_NO_IDLE_PULL, OPT_EEVDF_LAG_INFLATED,
  PRI_BOOST, PRI_UNDER, PRI_OVER, CREDIT_TSLICE_NS, CREDIT_RATELIMIT_NS, MIGRATION_COST_NS,
  PLE_WINDOW_NS, PV_SPIN_NS, BALANCE_BOUND_NS, CFS_LATENCY_NS,
  V_S1, V_S2, V_S3, V_S4, V_S5, V_S6, V_S8, TRACE_VCPU, TRACE_PCPU,
  H_TOTAL, H_QUEUE, H_PREEMPT, H_ENTRY, H_VM0,
} from './constants';
import { EV_PCPU, EV_WAKE, EV_IO_DONE } from './kinds';
import { at } from '../lib/events';
import { violate } from './checker';
import { traceRecord } from './trace';
import {
  charge, waitingOn, creditPrio, avgVruntime, queueLoad, best, stealRank, cfsSlice, vslice, lagLimit, wakePreempts, beats,
} from './policy';

// ---------------------------------------------------------------- accounting

/** Service so far: time spent running on a pCPU (every phase of RUNNING). */
export function service(s: State, v: i32): i64 {
  let r = unchecked(s.vRunNs[v]);
  if (unchecked(s.vState[v]) == VS_RUNNING) r += s.now - unchecked(s.vLastChange[v]);
  return r;
}

function isVirtual(s: State): bool {
  return s.profile != PROFILE_BARE_METAL;
}

/** Fairness weight of a vCPU: its VM's weight split among the VM's vCPUs. */
function fairWeight(s: State, v: i32): f64 {
  const vm = unchecked(s.vVm[v]);
  return <f64>unchecked(s.vmWeight[vm]) / <f64>unchecked(s.vmVcpus[vm]);
}

/**
 * Closes the current fairness interval (the runnable set is about to change): for each vCPU
 * in it, |S_i − w_i / Σw × C| with C the service the set received over the interval.
 */
function closeInterval(s: State): void {
  if (s.now > s.intervalStart) {
    const worst = intervalError(s);
    if (worst >= 0) {
      if (worst > s.svcErrMax) s.svcErrMax = worst;
      s.svcErrSum += worst;
      s.svcIntervals++;
    }
  }
  s.intervalStart = s.now;
  for (let v = 0; v < s.nV; v++) {
    const st = unchecked(s.vState[v]);
    unchecked((s.vInInterval[v] = st == VS_RUNNABLE || st == VS_RUNNING ? 1 : 0));
    unchecked((s.vSvcInterval[v] = service(s, v)));
  }
}

/** The worst service error of the interval open since intervalStart, up to now; -1 for an empty set. */
export function intervalError(s: State): f64 {
  {
    let wsum: f64 = 0;
    let c: f64 = 0;
    for (let v = 0; v < s.nV; v++) {
      if (unchecked(s.vInInterval[v]) == 0) continue;
      wsum += fairWeight(s, v);
      c += <f64>(service(s, v) - unchecked(s.vSvcInterval[v]));
    }
    if (wsum > 0) {
      let worst: f64 = 0;
      for (let v = 0; v < s.nV; v++) {
        if (unchecked(s.vInInterval[v]) == 0) continue;
        const got = <f64>(service(s, v) - unchecked(s.vSvcInterval[v]));
        const err = Math.abs(got - (fairWeight(s, v) / wsum) * c);
        if (err > worst) worst = err;
      }
      return worst;
    }
  }
  return -1;
}

/** Jain's index over the window just ended, among vCPUs that were runnable all of it. */
export function closeWindow(s: State): void {
  let sum: f64 = 0;
  let sq: f64 = 0;
  let n = 0;
  for (let v = 0; v < s.nV; v++) {
    const st = unchecked(s.vState[v]);
    if (unchecked(s.vBlockedInWindow[v]) == 0 && st != VS_OFFLINE && st != VS_BLOCKED) {
      const x = <f64>(service(s, v) - unchecked(s.vSvcWindow[v])) / fairWeight(s, v);
      sum += x;
      sq += x * x;
      n++;
    }
    unchecked((s.vSvcWindow[v] = service(s, v)));
    unchecked((s.vBlockedInWindow[v] = st == VS_BLOCKED || st == VS_OFFLINE ? 1 : 0));
  }
  if (n > 0 && sq > 0) {
    const j = (sum * sum) / (<f64>n * sq);
    s.jainSum += j;
    if (j < s.jainMin) s.jainMin = j;
    s.jainWindows++;
  }
}

/** S2: running + runnable + blocked = the vCPU's lifetime, to the ns. */
function checkPartition(s: State, v: i32): void {
  const total = unchecked(s.vRunNs[v]) + unchecked(s.vWaitNs[v]) + unchecked(s.vBlockNs[v]);
  if (total != s.now - unchecked(s.vAliveFrom[v])) violate(s, V_S2, v, unchecked(s.vPcpu[v]));
}

export function setState(s: State, v: i32, st: i32): void {
  const old = unchecked(s.vState[v]);
  const dt = s.now - unchecked(s.vLastChange[v]);
  if (old == VS_RUNNING) unchecked((s.vRunNs[v] += dt));
  else if (old == VS_RUNNABLE) unchecked((s.vWaitNs[v] += dt));
  else if (old == VS_BLOCKED) unchecked((s.vBlockNs[v] += dt));
  unchecked((s.vLastChange[v] = s.now));
  if (old != VS_OFFLINE) checkPartition(s, v);
  const wasIn = old == VS_RUNNABLE || old == VS_RUNNING;
  const isIn = st == VS_RUNNABLE || st == VS_RUNNING;
  unchecked((s.vState[v] = st));
  if (old == VS_RUNNABLE) s.runnable--;
  if (st == VS_RUNNABLE) s.runnable++;
  // The interval closing keeps its members (vInInterval); the next one starts with the new state.
  if (wasIn != isIn) closeInterval(s);
  if (st == VS_BLOCKED || st == VS_OFFLINE) unchecked((s.vBlockedInWindow[v] = 1));
  s.checks++;
  traceRecord(s, TRACE_VCPU, v, st, unchecked(s.vPcpu[v]));
}

function setPhase(s: State, p: i32, ph: i32): void {
  const old = unchecked(s.pPhase[p]);
  if (old == ph) return;
  if (old == PH_IDLE) s.idleCount--;
  if (ph == PH_IDLE) s.idleCount++;
  unchecked((s.pPhase[p] = ph));
  traceRecord(s, TRACE_PCPU, p, ph, unchecked(s.pCur[p]));
}

/** May v run on pCPU p (affinity, pinning)? */
// @ts-ignore: decorator
@inline function allowed(s: State, v: i32, p: i32): bool {
  const pin = unchecked(s.vPin[v]);
  return pin < 0 || pin == p;
}

/**
 * Work conservation, measured between events: time with a pCPU idle while a vCPU that may run
 * there (affinity, not parked by a cap, not held by host work) waits. S4 when it lasts longer
 * than the balance bound.
 */
export function accountTo(s: State, t: i64): void {
  if (t <= s.lastAcct) return;
  if (s.idleCount > 0 && s.runnable > 0 && s.sched != SCHED_PIN) {
    let found = -1;
    let foundP = -1;
    for (let v = 0; v < s.nV && found < 0; v++) {
      if (!waitingOn(s, v, unchecked(s.vPcpu[v]))) continue;
      for (let p = 0; p < s.nP; p++) {
        if (unchecked(s.pPhase[p]) == PH_IDLE && allowed(s, v, p)) {
          found = v;
          foundP = p;
          break;
        }
      }
    }
    if (found >= 0) {
      s.wcNs += t - s.lastAcct;
      if (s.wcSince < 0) s.wcSince = s.lastAcct;
      if (t - s.wcSince > <i64>BALANCE_BOUND_NS) {
        const keep = s.now;
        s.now = s.wcSince + <i64>BALANCE_BOUND_NS;
        violate(s, V_S4, found, foundP);
        s.now = keep;
      }
    } else s.wcSince = -1;
  } else s.wcSince = -1;
  s.lastAcct = t;
}

// ---------------------------------------------------------------- guest progress

function remoteOf(s: State, v: i32, p: i32): i64 {
  return unchecked(s.pSocket[p]) != unchecked(s.vmHome[s.vVm[v]]) ? s.remotePermille : 1000;
}

/** Brings the running vCPU of p up to now: guest progress, overheads, scheduler charge. */
export function syncPcpu(s: State, p: i32): void {
  const v = unchecked(s.pCur[p]);
  if (v < 0) return;
  const dt = s.now - unchecked(s.vLastSync[v]);
  if (dt <= 0) return;
  unchecked((s.vLastSync[v] = s.now));
  const ph = unchecked(s.pPhase[p]);
  if (ph == PH_GUEST) {
    s.guestNs += dt;
    if (unchecked(s.vLockPhase[v]) == 1) {
      s.spinNs += dt;
      const holder = lockHolder(s, unchecked(s.vVm[v]));
      if (holder >= 0 && !inGuest(s, holder)) s.lhpNs += dt;
    } else {
      const remote = remoteOf(s, v, p);
      let cold = unchecked(s.vColdLeft[v]);
      if (cold > dt) cold = dt;
      const useful = (cold * 1000000) / (s.coldPermille * remote) + ((dt - cold) * 1000) / remote;
      unchecked((s.vColdLeft[v] -= cold));
      unchecked((s.vUseful[v] += useful));
      s.usefulNs += useful;
      const w = unchecked(s.vWork[v]);
      if (w != NEVER) unchecked((s.vWork[v] = w > useful ? w - useful : 0));
    }
  } else if (ph == PH_ENTRY) s.entryTotal += dt;
  else if (ph == PH_EXIT) s.exitTotal += dt;
  else if (ph == PH_POLL) s.pollTotal += dt;
  charge(s, v, dt);
}

/** Time the running vCPU needs to finish `work` useful ns from now on p. */
function timeToFinish(s: State, v: i32, p: i32, work: i64): i64 {
  const remote = remoteOf(s, v, p);
  const cold = unchecked(s.vColdLeft[v]);
  const coldUseful = (cold * 1000000) / (s.coldPermille * remote);
  if (work <= coldUseful) return (work * s.coldPermille * remote + 999999) / 1000000;
  return cold + ((work - coldUseful) * remote + 999) / 1000;
}

function inGuest(s: State, v: i32): bool {
  return unchecked(s.vState[v]) == VS_RUNNING && unchecked(s.pPhase[s.vPcpu[v]]) == PH_GUEST;
}

function lockHolder(s: State, vm: i32): i32 {
  const serving = unchecked(s.vmLockServing[vm]);
  const first = unchecked(s.vmFirst[vm]);
  for (let v = first; v < first + unchecked(s.vmVcpus[vm]); v++) if (unchecked(s.vTicket[v]) == serving) return v;
  return -1;
}

/** Before the lock holder changes state, the spinners' waste so far is counted. */
function syncSpinners(s: State, vm: i32): void {
  if (unchecked(s.vmWorkload[vm]) != WL_SPIN) return;
  const first = unchecked(s.vmFirst[vm]);
  for (let v = first; v < first + unchecked(s.vmVcpus[vm]); v++) {
    if (unchecked(s.vLockPhase[v]) == 1 && inGuest(s, v)) syncPcpu(s, unchecked(s.vPcpu[v]));
  }
}

// ---------------------------------------------------------------- timers

/** Sets pCPU p's one timer to the earliest thing due on it. */
export function plan(s: State, p: i32): void {
  const ph = unchecked(s.pPhase[p]);
  let t = NEVER;
  unchecked((s.pFinishAt[p] = NEVER));
  if (ph == PH_ENTRY || ph == PH_EXIT || ph == PH_POLL || ph == PH_HOST) t = unchecked(s.pPhaseEnd[p]);
  else if (ph == PH_GUEST) {
    const v = unchecked(s.pCur[p]);
    let finish = NEVER;
    if (unchecked(s.vLockPhase[v]) == 1) {
      if ((s.options & OPT_PLE) != 0) finish = unchecked(s.vSpinFrom[v]) + unchecked(s.vPleWindow[v]);
      else if ((s.options & OPT_PV_SPINLOCK) != 0) finish = unchecked(s.vSpinFrom[v]) + <i64>PV_SPIN_NS;
      if (finish < s.now) finish = s.now;
    } else {
      const w = unchecked(s.vWork[v]);
      if (w != NEVER) finish = s.now + timeToFinish(s, v, p, w);
    }
    unchecked((s.pFinishAt[p] = finish));
    t = finish;
    if (unchecked(s.pSliceEnd[p]) < t) t = unchecked(s.pSliceEnd[p]);
    if (unchecked(s.pReschedAt[p]) < t) t = unchecked(s.pReschedAt[p]);
    const cap = capDue(s, v);
    if (cap < t) t = cap;
  }
  const gen = ++s.pTimerGen[p];
  if (t != NEVER) at<State>(s, t < s.now ? s.now : t, EV_PCPU, p, gen, 0, 0, 0);
}

/** When the running vCPU's capped domain uses up its cap at the current pace (credit1). */
function capDue(s: State, v: i32): i64 {
  const vm = unchecked(s.vVm[v]);
  const cap = unchecked(s.vmCap[vm]);
  if (s.sched != SCHED_CREDIT || cap <= 0 || (s.options & OPT_CAP_IGNORED) != 0) return NEVER;
  let running: i64 = 0;
  const first = unchecked(s.vmFirst[vm]);
  for (let u = first; u < first + unchecked(s.vmVcpus[vm]); u++) if (unchecked(s.vState[u]) == VS_RUNNING) running++;
  const left = capBudget(s, vm) - unchecked(s.vmCapUsed[vm]);
  if (running == 0) return NEVER;
  return s.now + left / running;
}

export function capBudget(s: State, vm: i32): i64 {
  return (<i64>CREDIT_TSLICE_NS * <i64>unchecked(s.vmCap[vm])) / 100;
}

// ---------------------------------------------------------------- run queues

/** Puts v on run queue q, waiting (it came from running, blocked or another queue). */
function enqueue(s: State, v: i32, q: i32): void {
  const from = unchecked(s.vPcpu[v]);
  if (from >= 0 && from != q && unchecked(s.vState[v]) == VS_RUNNABLE) {
    if (s.sched == SCHED_CFS) {
      // A migrating entity keeps its place relative to its queue's minimum.
      unchecked((s.vVruntime[v] = s.vVruntime[v] - s.pMinVruntime[from] + s.pMinVruntime[q]));
    } else if (s.sched == SCHED_EEVDF) {
      // It leaves with its lag (clamped) and is placed by it on the new queue.
      unchecked((s.vVlag[v] = clampLag(s, v, avgVruntime(s, from) - unchecked(s.vVruntime[v]))));
      unchecked((s.vPcpu[v] = -1));
      placeEevdf(s, v, q);
    }
  }
  unchecked((s.vPcpu[v] = q));
  unchecked((s.vEnqSeq[v] = s.seq++));
  if (unchecked(s.vState[v]) != VS_RUNNABLE) {
    unchecked((s.vQueuedAt[v] = s.now));
    setState(s, v, VS_RUNNABLE);
  }
}

/** CFS/EEVDF: the queue minimum only moves forward. */
function updateMin(s: State, q: i32): void {
  if (s.sched != SCHED_CFS && s.sched != SCHED_EEVDF) return;
  let m = NEVER;
  for (let v = 0; v < s.nV; v++) {
    if (unchecked(s.vPcpu[v]) != q) continue;
    const st = unchecked(s.vState[v]);
    if (st != VS_RUNNING && st != VS_RUNNABLE) continue;
    if (unchecked(s.vVruntime[v]) < m) m = unchecked(s.vVruntime[v]);
  }
  if (m != NEVER && m > unchecked(s.pMinVruntime[q])) unchecked((s.pMinVruntime[q] = m));
}

/** The occupant of q changed: waiters there stop counting preemption delay. */
function occupantChanged(s: State, q: i32): void {
  if (s.runnable == 0) return;
  for (let v = 0; v < s.nV; v++) {
    if (unchecked(s.vPcpu[v]) == q && unchecked(s.vState[v]) == VS_RUNNABLE && unchecked(s.vWakeAt[v]) >= 0 && unchecked(s.vPreemptEnd[v]) < 0) {
      unchecked((s.vPreemptEnd[v] = s.now));
    }
  }
}

/** Where a waking vCPU goes: its last pCPU if idle, else an idle one near it, else its last. */
function placeWake(s: State, v: i32): i32 {
  const pin = unchecked(s.vPin[v]);
  if (pin >= 0) return pin;
  const last = unchecked(s.vLastPcpu[v]);
  if (last >= 0 && unchecked(s.pPhase[last]) == PH_IDLE) return last;
  // Cache- and NUMA-aware: an idle sibling, then an idle pCPU on the same socket, then any.
  const home = last >= 0 ? unchecked(s.pSocket[last]) : unchecked(s.vmHome[s.vVm[v]]);
  const core = last >= 0 ? unchecked(s.pCore[last]) : -1;
  let pick = -1;
  let rank = 9;
  for (let p = 0; p < s.nP; p++) {
    if (unchecked(s.pPhase[p]) != PH_IDLE) continue;
    const r = unchecked(s.pCore[p]) == core ? 0 : unchecked(s.pSocket[p]) == home ? 1 : 2;
    if (r < rank) {
      rank = r;
      pick = p;
    }
  }
  if (pick >= 0) return pick;
  if (last >= 0 && unchecked(s.pOnline[last]) != 0) return last;
  for (let p = 0; p < s.nP; p++) {
    const q = (v + p) % s.nP;
    if (unchecked(s.pOnline[q]) != 0) return q;
  }
  return 0;
}

// ---------------------------------------------------------------- dispatch

/** v (waiting) starts on idle pCPU p: VM entry first on a virtualized host. */
function dispatch(s: State, p: i32, v: i32): void {
  // S1: p runs nothing, and v runs nowhere.
  if (unchecked(s.pCur[p]) >= 0 || unchecked(s.vState[v]) == VS_RUNNING) violate(s, V_S1, v, p);
  // S3: affinity and pinning.
  if (!allowed(s, v, p)) violate(s, V_S3, v, p);
  const last = unchecked(s.vLastPcpu[v]);
  if (last >= 0 && last != p) {
    s.migrations++;
    unchecked(s.vMigrations[v]++);
    if (unchecked(s.pSocket[last]) != unchecked(s.pSocket[p])) s.crossNuma++;
    if (unchecked(s.pCore[last]) != unchecked(s.pCore[p])) unchecked((s.vColdLeft[v] = s.coldNs));
  }
  if (unchecked(s.vPreemptEnd[v]) < 0) unchecked((s.vPreemptEnd[v] = s.now));
  // KVM adds the run_delay since the vCPU was queued to the guest's steal before entry.
  const held = unchecked(s.vHostHeld[v]) != 0;
  if (!(held && (s.options & OPT_STEAL_MISREPORTED) != 0)) unchecked((s.vStealRep[v] += s.now - unchecked(s.vQueuedAt[v])));
  unchecked((s.vHostHeld[v] = 0));
  unchecked((s.vPcpu[v] = p));
  unchecked((s.pCur[p] = v));
  unchecked((s.vLastSync[v] = s.now));
  unchecked((s.vDispatchAt[v] = s.now));
  if (!held) unchecked((s.vRanSince[v] = s.now));
  unchecked((s.vLastPcpu[v] = p));
  syncSpinners(s, unchecked(s.vVm[v]));
  setState(s, v, VS_RUNNING);
  if (unchecked(s.vStealRep[v]) != unchecked(s.vWaitNs[v])) violate(s, V_S2, v, p);
  occupantChanged(s, p);
  if (!held) setSlice(s, p, v);
  if (s.entryNs > 0 && isVirtual(s)) {
    setPhase(s, p, PH_ENTRY);
    unchecked((s.pPhaseEnd[p] = s.now + s.entryNs));
  } else enterGuest(s, p, v);
}

function setSlice(s: State, p: i32, v: i32): void {
  unchecked((s.pReschedAt[p] = NEVER));
  if (s.sched == SCHED_CREDIT) unchecked((s.pSliceEnd[p] = s.now + <i64>CREDIT_TSLICE_NS));
  else if (s.sched == SCHED_CFS) unchecked((s.pSliceEnd[p] = s.now + cfsSlice(s, v, p)));
  else if (s.sched == SCHED_EEVDF) unchecked((s.pSliceEnd[p] = eevdfDeadlineAt(s, v)));
  else unchecked((s.pSliceEnd[p] = NEVER));
}

/** When the running entity's vruntime reaches its deadline (real time from now). */
function eevdfDeadlineAt(s: State, v: i32): i64 {
  const left = unchecked(s.vDeadline[v]) - unchecked(s.vVruntime[v]);
  if (left <= 0) return s.now;
  return s.now + (left * unchecked(s.vWeight[v]) + 1023) / 1024;
}

function enterGuest(s: State, p: i32, v: i32): void {
  setPhase(s, p, PH_GUEST);
  unchecked((s.vLastSync[v] = s.now));
  const woke = unchecked(s.vWakeAt[v]);
  if (woke >= 0) {
    // Wake-up latency, runnable to the first guest instruction, in its three parts.
    const pe = unchecked(s.vPreemptEnd[v]);
    const dis = unchecked(s.vDispatchAt[v]);
    const total = s.now - woke;
    unchecked(s.hist[H_TOTAL]).record(total);
    unchecked(s.hist[H_PREEMPT]).record(pe - woke);
    unchecked(s.hist[H_QUEUE]).record(dis - pe);
    unchecked(s.hist[H_ENTRY]).record(s.now - dis);
    unchecked(s.hist[H_VM0 + unchecked(s.vVm[v])]).record(total);
    s.wakeups++;
    unchecked((s.vWakeAt[v] = -1));
  }
  if (unchecked(s.vBlackoutPending[v]) != 0) {
    unchecked((s.vBlackoutPending[v] = 0));
    if (s.now - s.pauseAt > s.blackout) s.blackout = s.now - s.pauseAt;
  }
  if (unchecked(s.vLockPhase[v]) == 1) unchecked((s.vSpinFrom[v] = s.now));
}

/** The running vCPU of p stops running and waits (preempted, slice over, parked, yielded). */
function descheduleToQueue(s: State, p: i32, q: i32): i32 {
  const v = unchecked(s.pCur[p]);
  syncPcpu(s, p);
  syncSpinners(s, unchecked(s.vVm[v]));
  unchecked((s.pCur[p] = -1));
  unchecked((s.vLastRanEnd[v] = s.now));
  if (s.sched == SCHED_CREDIT && unchecked(s.vPrio[v]) == PRI_BOOST) unchecked((s.vPrio[v] = creditPrio0(s, v)));
  enqueue(s, v, q);
  setPhase(s, p, PH_IDLE);
  return v;
}

function creditPrio0(s: State, v: i32): i32 {
  return unchecked(s.vCredit[v]) > 0 ? PRI_UNDER : PRI_OVER;
}

/** Preempts the running vCPU of p for a better waiting one (S8 checks the rate limit). */
function preempt(s: State, p: i32): void {
  const v = unchecked(s.pCur[p]);
  if (s.sched == SCHED_CREDIT && s.now - unchecked(s.vRanSince[v]) < <i64>CREDIT_RATELIMIT_NS) violate(s, V_S8, v, p);
  s.preemptions++;
  descheduleToQueue(s, p, p);
  schedule(s, p);
}

/** The pick rule's checks (S6) and EEVDF's lag (S5), on the queue p is about to pick from. */
function checkPick(s: State, p: i32, v: i32): void {
  if (s.sched == SCHED_CREDIT) {
    const pv = creditPrio(s, v);
    for (let u = 0; u < s.nV; u++) {
      if (u != v && waitingOn(s, u, p) && creditPrio(s, u) > pv) {
        violate(s, V_S6, v, p);
        return;
      }
    }
  } else if (s.sched == SCHED_EEVDF) {
    const V = avgVruntime(s, p);
    if (unchecked(s.vVruntime[v]) > V) {
      // Ineligible is allowed only when no waiting entity is eligible.
      for (let u = 0; u < s.nV; u++) {
        if (waitingOn(s, u, p) && unchecked(s.vVruntime[u]) <= V) {
          violate(s, V_S6, v, p);
          return;
        }
      }
    } else {
      for (let u = 0; u < s.nV; u++) {
        if (u != v && waitingOn(s, u, p) && unchecked(s.vVruntime[u]) <= V && unchecked(s.vDeadline[u]) < unchecked(s.vDeadline[v])) {
          violate(s, V_S6, v, p);
          return;
        }
      }
    }
    checkLag(s, p, V);
  }
}

/** S5 (EEVDF): Σ w·(V − v) = 0 up to V's rounding, and each lag within the clamp plus one slice. */
function checkLag(s: State, q: i32, V: i64): void {
  let sum: i64 = 0;
  let load: i64 = 0;
  for (let u = 0; u < s.nV; u++) {
    if (unchecked(s.vPcpu[u]) != q) continue;
    const st = unchecked(s.vState[u]);
    if (st != VS_RUNNING && st != VS_RUNNABLE) continue;
    const w = unchecked(s.vWeight[u]);
    const vlag = V - unchecked(s.vVruntime[u]);
    sum += w * vlag;
    load += w;
    const lag = (vlag * w) / 1024;
    const mag = lag < 0 ? -lag : lag;
    if (mag > s.maxLag) s.maxLag = mag;
    const bound = ((lagLimit(s, u) + vslice(s, u)) * w) / 1024 + 1;
    if (mag > bound) violate(s, V_S5, u, q);
  }
  if (sum < 0 ? -sum > load : sum > load) violate(s, V_S5, -1, q);
}

/** Idle pCPU p, or one about to pick: take its best waiting vCPU, or steal one from a peer. */
export function schedule(s: State, p: i32): void {
  if (unchecked(s.pOnline[p]) == 0 || unchecked(s.pCur[p]) >= 0 || unchecked(s.pPhase[p]) == PH_HOST) return;
  updateMin(s, p);
  let v = best(s, p);
  if ((s.options & OPT_NO_IDLE_PULL) == 0 && s.sched != SCHED_PIN && (v < 0 || stealRank(s, v) < PRI_UNDER)) {
    const stolen = stealFor(s, p, stealRank(s, v));
    if (stolen >= 0) {
      enqueue(s, stolen, p);
      v = stolen;
    }
  }
  if (v < 0) {
    setPhase(s, p, PH_IDLE);
    occupantChanged(s, p);
    plan(s, p);
    return;
  }
  checkPick(s, p, v);
  dispatch(s, p, v);
  plan(s, p);
}

/**
 * A waiting vCPU on another queue that p may run and that outranks p's own best: credit1
 * steals UNDER/BOOST work (any work when idle); CFS/EEVDF pull from the busiest queue, cache-
 * hot vCPUs (run within the migration cost) last.
 */
function stealFor(s: State, p: i32, localRank: i32): i32 {
  let pick = -1;
  let pickRank = localRank;
  let pickHot = true;
  let pickSeq: i64 = 0;
  const anyAffinity = (s.options & OPT_AFFINITY_IGNORED) != 0;
  for (let v = 0; v < s.nV; v++) {
    const q = unchecked(s.vPcpu[v]);
    if (q == p || !waitingOn(s, v, q)) continue;
    if (!anyAffinity && !allowed(s, v, p)) continue;
    const r = stealRank(s, v);
    if (r <= localRank) continue;
    const hot = s.now - unchecked(s.vLastRanEnd[v]) < <i64>MIGRATION_COST_NS;
    const seq = unchecked(s.vEnqSeq[v]);
    if (pick < 0 || r > pickRank || (r == pickRank && ((pickHot && !hot) || (hot == pickHot && seq < pickSeq)))) {
      pick = v;
      pickRank = r;
      pickHot = hot;
      pickSeq = seq;
    }
  }
  return pick;
}

// ---------------------------------------------------------------- waking

/** v becomes runnable (a timer, an I/O completion, a kick) with `work` to do. */
export function wake(s: State, v: i32, work: i64): void {
  const st = unchecked(s.vState[v]);
  if (st == VS_OFFLINE) return;
  if (st != VS_BLOCKED) {
    const p = unchecked(s.vPcpu[v]);
    if (st == VS_RUNNING && unchecked(s.pPhase[p]) == PH_POLL) {
      // Halt polling caught the wake: straight back into the guest.
      syncPcpu(s, p);
      unchecked((s.vWork[v] = work));
      unchecked((s.vWakeAt[v] = s.now));
      unchecked((s.vPreemptEnd[v] = s.now));
      unchecked((s.vDispatchAt[v] = s.now));
      setPhase(s, p, PH_ENTRY);
      unchecked((s.pPhaseEnd[p] = s.now + s.entryNs));
      plan(s, p);
    } else if (st == VS_RUNNING && unchecked(s.pPhase[p]) == PH_EXIT && unchecked(s.vWork[v]) == 0) {
      unchecked((s.vWokeInExit[v] = 1));
      unchecked((s.vWork[v] = work));
      unchecked((s.vWakeAt[v] = s.now));
    } else unchecked(s.vPending[v]++);
    return;
  }
  unchecked((s.vWork[v] = work));
  unchecked((s.vWakeAt[v] = s.now));
  unchecked((s.vPreemptEnd[v] = -1));
  const q = placeWake(s, v);
  if (s.sched == SCHED_CREDIT && creditPrio0(s, v) == PRI_UNDER) unchecked((s.vPrio[v] = PRI_BOOST));
  if (s.sched == SCHED_CFS) {
    updateMin(s, q);
    const floor = unchecked(s.pMinVruntime[q]) - (<i64>CFS_LATENCY_NS * s.factor) / 2;
    const from = unchecked(s.vPcpu[v]);
    if (from >= 0 && from != q) unchecked((s.vVruntime[v] = s.vVruntime[v] - s.pMinVruntime[from] + s.pMinVruntime[q]));
    if (unchecked(s.vVruntime[v]) < floor) unchecked((s.vVruntime[v] = floor));
    unchecked((s.vPcpu[v] = q));
  } else if (s.sched == SCHED_EEVDF) placeEevdf(s, v, q);
  enqueue(s, v, q);
  if (unchecked(s.pPhase[q]) == PH_IDLE) {
    unchecked((s.vPreemptEnd[v] = s.now));
    schedule(s, q);
    return;
  }
  checkPreempt(s, q, v);
}

function clampLag(s: State, v: i32, lag: i64): i64 {
  const lim = lagLimit(s, v);
  return lag > lim ? lim : lag < -lim ? -lim : lag;
}

/** EEVDF place_entity: keep the lag it left with, inflated for the load it joins; new deadline. */
function placeEevdf(s: State, v: i32, q: i32): void {
  // The entity is not on q yet (blocked, or its vPcpu cleared), so V and the load leave it out.
  unchecked((s.vPcpu[v] = -1));
  const w = unchecked(s.vWeight[v]);
  const V = avgVruntime(s, q);
  const load = queueLoad(s, q);
  unchecked((s.vPcpu[v] = q));
  let lag = unchecked(s.vVlag[v]);
  if ((s.options & OPT_EEVDF_LAG_INFLATED) != 0) lag = lag * 2 + 4 * vslice(s, v);
  if (load > 0) lag = (lag * (load + w)) / load;
  unchecked((s.vVruntime[v] = V - lag));
  unchecked((s.vDeadline[v] = unchecked(s.vVruntime[v]) + vslice(s, v)));
}

/** A vCPU just queued on busy q: preempt the running one if the scheduler says so. */
function checkPreempt(s: State, q: i32, w: i32): void {
  const c = unchecked(s.pCur[q]);
  if (c < 0 || unchecked(s.pPhase[q]) == PH_HOST) return;
  syncPcpu(s, q);
  if (!wakePreempts(s, w, c, q)) return;
  if (s.sched == SCHED_CREDIT && (s.options & OPT_RATELIMIT_IGNORED) == 0) {
    const ok = unchecked(s.vRanSince[c]) + <i64>CREDIT_RATELIMIT_NS;
    if (s.now < ok) {
      // sched_ratelimit_us: the running vCPU keeps the pCPU until it has run 1 ms.
      if (ok < unchecked(s.pReschedAt[q])) unchecked((s.pReschedAt[q] = ok));
      plan(s, q);
      return;
    }
  }
  preempt(s, q);
}

// ---------------------------------------------------------------- the pCPU timer

/** The vCPU of p halts: VM exit, then halt polling, then blocked (none of it on bare metal). */
function halt(s: State, p: i32, v: i32): void {
  unchecked((s.vWork[v] = 0));
  if (isVirtual(s) && s.exitNs > 0) {
    setPhase(s, p, PH_EXIT);
    unchecked((s.pPhaseEnd[p] = s.now + s.exitNs));
    return;
  }
  afterExit(s, p, v);
}

function afterExit(s: State, p: i32, v: i32): void {
  if (unchecked(s.vWokeInExit[v]) != 0) {
    unchecked((s.vWokeInExit[v] = 0));
    unchecked((s.vPreemptEnd[v] = s.now));
    unchecked((s.vDispatchAt[v] = s.now));
    setPhase(s, p, PH_ENTRY);
    unchecked((s.pPhaseEnd[p] = s.now + s.entryNs));
    return;
  }
  const io = unchecked(s.vmWorkload[s.vVm[v]]) == WL_IO;
  // PV-halted lock waiters sleep until kicked: no polling for them.
  if (isVirtual(s) && s.haltPoll > 0 && unchecked(s.vLockPhase[v]) != 1) {
    setPhase(s, p, PH_POLL);
    unchecked((s.pPhaseEnd[p] = s.now + s.haltPoll));
  } else block(s, p, v);
  // The request goes out once the vCPU has halted (host work may then end its poll).
  if (io) submitIo(s, p, v);
}

function block(s: State, p: i32, v: i32): void {
  syncPcpu(s, p);
  syncSpinners(s, unchecked(s.vVm[v]));
  unchecked((s.pCur[p] = -1));
  unchecked((s.vLastRanEnd[v] = s.now));
  if (s.sched == SCHED_EEVDF) {
    // Lag is kept across the sleep, clamped as Linux clamps it.
    unchecked((s.vVlag[v] = clampLag(s, v, avgVruntime(s, p) - unchecked(s.vVruntime[v]))));
  }
  if (s.sched == SCHED_CREDIT && unchecked(s.vPrio[v]) == PRI_BOOST) unchecked((s.vPrio[v] = creditPrio0(s, v)));
  setState(s, v, VS_BLOCKED);
  setPhase(s, p, PH_IDLE);
  schedule(s, p);
}

/** One I/O request of v: vhost on a host core (kvm), the card (offload), IO-Bond (bare metal). */
function submitIo(s: State, p: i32, v: i32): void {
  if (s.profile == PROFILE_KVM) {
    // The vhost thread runs on a neighbouring host core [I], taking it from whoever runs there.
    const q = vhostPcpu(s, p);
    if (q < 0) {
      at<State>(s, s.now + s.ioHost + s.ioDevice, EV_IO_DONE, v, 0, 0, 0, 0);
      return;
    }
    hostWork(s, q, s.ioHost);
    at<State>(s, unchecked(s.pPhaseEnd[q]) + s.ioDevice, EV_IO_DONE, v, 0, 0, 0, 0);
  } else if (s.profile == PROFILE_BARE_METAL) {
    const start = s.ioBondFree > s.now ? s.ioBondFree : s.now;
    s.ioBondFree = start + s.ioHost;
    at<State>(s, s.ioBondFree + s.ioDevice, EV_IO_DONE, v, 0, 0, 0, 0);
  } else at<State>(s, s.now + s.ioHost + s.ioDevice, EV_IO_DONE, v, 0, 0, 0, 0);
}

/** The online pCPU after p (p itself on a one-pCPU host), or -1 when none is online. */
function vhostPcpu(s: State, p: i32): i32 {
  for (let k = 1; k <= s.nP; k++) {
    const q = (p + k) % s.nP;
    if (unchecked(s.pOnline[q]) != 0) return q;
  }
  return -1;
}

/** Shared I/O backend work that is not on host cores (noisy bursts on bare metal). */
export function ioBondWork(s: State, ns: i64): void {
  const start = s.ioBondFree > s.now ? s.ioBondFree : s.now;
  s.ioBondFree = start + ns;
}

/**
 * Host work on pCPU p for `ns` (vhost, vSwitch, jitter, a storm, an upgrade): it takes the
 * pCPU from the running vCPU, which waits for it (runnable: that is steal) and resumes there.
 */
export function hostWork(s: State, p: i32, ns: i64): void {
  if (ns <= 0 || unchecked(s.pOnline[p]) == 0) return;
  s.hostTotal += ns;
  const ph = unchecked(s.pPhase[p]);
  if (ph == PH_HOST) {
    unchecked((s.pPhaseEnd[p] += ns));
    plan(s, p);
    return;
  }
  const v = unchecked(s.pCur[p]);
  if (v >= 0) {
    syncPcpu(s, p);
    if (ph == PH_POLL) {
      // Polling stops when other work wants the pCPU.
      syncSpinners(s, unchecked(s.vVm[v]));
      unchecked((s.pCur[p] = -1));
      unchecked((s.vLastRanEnd[v] = s.now));
      setState(s, v, VS_BLOCKED);
    } else {
      syncSpinners(s, unchecked(s.vVm[v]));
      unchecked((s.pCur[p] = -1));
      unchecked((s.pHeld[p] = v));
      unchecked((s.vHostHeld[v] = 1));
      unchecked((s.vQueuedAt[v] = s.now));
      // A vCPU caught in its exit halts after the host work (its exit is done).
      setState(s, v, VS_RUNNABLE);
    }
  }
  setPhase(s, p, PH_HOST);
  unchecked((s.pPhaseEnd[p] = s.now + ns));
  occupantChanged(s, p);
  plan(s, p);
}

export function onPcpuTimer(s: State, p: i32, gen: i32): void {
  if (gen != unchecked(s.pTimerGen[p])) return;
  syncPcpu(s, p);
  const ph = unchecked(s.pPhase[p]);
  const v = unchecked(s.pCur[p]);
  if (ph == PH_HOST) {
    const h = unchecked(s.pHeld[p]);
    unchecked((s.pHeld[p] = -1));
    setPhase(s, p, PH_IDLE);
    occupantChanged(s, p);
    if (h >= 0 && unchecked(s.vPcpu[h]) == p && unchecked(s.vHostHeld[h]) != 0 && unchecked(s.vState[h]) == VS_RUNNABLE) {
      dispatch(s, p, h);
      plan(s, p);
    } else schedule(s, p);
    return;
  }
  if (v < 0) return;
  if (ph == PH_ENTRY) {
    enterGuest(s, p, v);
    if (unchecked(s.vWork[v]) == 0 && unchecked(s.vLockPhase[v]) != 1) burstDone(s, p, v);
  } else if (ph == PH_EXIT) afterExit(s, p, v);
  else if (ph == PH_POLL) {
    block(s, p, v);
    return;
  } else if (ph == PH_GUEST) {
    if (s.now >= unchecked(s.pFinishAt[p])) {
      if (unchecked(s.vLockPhase[v]) != 1) unchecked((s.vWork[v] = 0));
      burstDone(s, p, v);
    } else if (s.now >= unchecked(s.pReschedAt[p])) {
      unchecked((s.pReschedAt[p] = NEVER));
      const w = best(s, p);
      if (w >= 0 && wakePreemptsNow(s, w, v, p)) {
        preempt(s, p);
        return;
      }
    } else if (s.now >= unchecked(s.pSliceEnd[p])) sliceEnd(s, p, v);
    else if (capDue(s, v) <= s.now) {
      parkDomain(s, unchecked(s.vVm[v]));
      return;
    }
  }
  if (unchecked(s.pCur[p]) >= 0 || unchecked(s.pPhase[p]) != PH_IDLE) plan(s, p);
}

function wakePreemptsNow(s: State, w: i32, c: i32, q: i32): bool {
  return s.sched == SCHED_CREDIT ? creditPrio(s, w) > creditPrio(s, c) : wakePreempts(s, w, c, q);
}

/** The running vCPU's slice is over: it goes back to its queue unless it still wins. */
function sliceEnd(s: State, p: i32, v: i32): void {
  if (s.sched == SCHED_EEVDF) unchecked((s.vDeadline[v] = unchecked(s.vVruntime[v]) + vslice(s, v)));
  const w = best(s, p);
  if (w >= 0 && beats(s, w, v, p)) {
    descheduleToQueue(s, p, p);
    schedule(s, p);
    return;
  }
  setSlice(s, p, v);
}

/** Credit1 cap: the domain has used its cap this accounting period; its vCPUs stop until the next. */
function parkDomain(s: State, vm: i32): void {
  if (unchecked(s.vmParked[vm]) != 0) return;
  unchecked((s.vmParked[vm] = 1));
  s.capParks++;
  const first = unchecked(s.vmFirst[vm]);
  for (let u = first; u < first + unchecked(s.vmVcpus[vm]); u++) {
    if (unchecked(s.vState[u]) != VS_RUNNING) continue;
    const p = unchecked(s.vPcpu[u]);
    descheduleToQueue(s, p, p);
    schedule(s, p);
  }
}

export function unparkAll(s: State): void {
  for (let vm = 0; vm < s.nVm; vm++) {
    unchecked((s.vmCapUsed[vm] = 0));
    if (unchecked(s.vmParked[vm]) == 0) continue;
    unchecked((s.vmParked[vm] = 0));
    const first = unchecked(s.vmFirst[vm]);
    for (let u = first; u < first + unchecked(s.vmVcpus[vm]); u++) {
      if (unchecked(s.vState[u]) != VS_RUNNABLE || unchecked(s.vHostHeld[u]) != 0) continue;
      const q = unchecked(s.vPcpu[u]);
      if (unchecked(s.pPhase[q]) == PH_IDLE) schedule(s, q);
      else checkPreempt(s, q, u);
    }
  }
}

/** S4's cap rule: a capped domain never runs past its cap within an accounting period. */
export function checkCaps(s: State): void {
  for (let vm = 0; vm < s.nVm; vm++) {
    if (unchecked(s.vmCap[vm]) > 0 && unchecked(s.vmCapUsed[vm]) > capBudget(s, vm)) violate(s, V_S4, unchecked(s.vmFirst[vm]), -1);
  }
}

// ---------------------------------------------------------------- workloads

/** The burst of v on p is done: its workload says what comes next. */
function burstDone(s: State, p: i32, v: i32): void {
  const vm = unchecked(s.vVm[v]);
  const wl = unchecked(s.vmWorkload[vm]);
  if (wl == WL_LATENCY) {
    if (unchecked(s.vPending[v]) > 0) {
      unchecked(s.vPending[v]--);
      unchecked((s.vWork[v] = unchecked(s.vmRun[vm])));
    } else halt(s, p, v);
  } else if (wl == WL_IO) halt(s, p, v);
  else if (wl == WL_SPIN) spinStep(s, p, v);
  else unchecked((s.vWork[v] = NEVER));
}

/** The spin workload's ticket lock: outside work, then wait for the ticket, then hold it. */
function spinStep(s: State, p: i32, v: i32): void {
  const vm = unchecked(s.vVm[v]);
  const phase = unchecked(s.vLockPhase[v]);
  if (phase == 0) {
    const t = unchecked(s.vmLockNext[vm]);
    unchecked((s.vmLockNext[vm] = t + 1));
    unchecked((s.vTicket[v] = t));
    if (t == unchecked(s.vmLockServing[vm])) startHolding(s, v);
    else {
      unchecked((s.vLockPhase[v] = 1));
      unchecked((s.vSpinFrom[v] = s.now));
      unchecked((s.vPleWindow[v] = <i64>PLE_WINDOW_NS));
      unchecked((s.vWork[v] = NEVER));
    }
  } else if (phase == 2) {
    syncSpinners(s, vm);
    unchecked((s.vTicket[v] = -1));
    unchecked((s.vLockPhase[v] = 0));
    unchecked((s.vWork[v] = unchecked(s.vmPeriod[vm])));
    const next = unchecked(s.vmLockServing[vm]) + 1;
    unchecked((s.vmLockServing[vm] = next));
    s.locks++;
    const h = lockHolder(s, vm);
    if (h >= 0) handOff(s, h);
  } else {
    // A spinner's mitigation timer: PLE exits and yields; a PV waiter halts until kicked.
    if ((s.options & OPT_PLE) != 0) pleExit(s, p, v);
    else if ((s.options & OPT_PV_SPINLOCK) != 0) halt(s, p, v);
  }
}

function startHolding(s: State, v: i32): void {
  unchecked((s.vLockPhase[v] = 2));
  unchecked((s.vWork[v] = unchecked(s.vmRun[s.vVm[v]])));
}

/** The lock passes to ticket holder h, wherever it is: running, waiting, or PV-halted. */
function handOff(s: State, h: i32): void {
  const st = unchecked(s.vState[h]);
  if (st == VS_RUNNING) {
    const q = unchecked(s.vPcpu[h]);
    syncPcpu(s, q);
    startHolding(s, h);
    if (unchecked(s.pPhase[q]) == PH_GUEST) plan(s, q);
    else if (unchecked(s.pPhase[q]) == PH_POLL || unchecked(s.pPhase[q]) == PH_EXIT) {
      // Halted after its spin: the kick wakes it straight from the poll/exit.
      unchecked((s.vLockPhase[h] = 1));
      s.pvKicks++;
      wake(s, h, unchecked(s.vmRun[s.vVm[h]]));
      startHolding(s, h);
    }
  } else if (st == VS_BLOCKED) {
    s.pvKicks++;
    wake(s, h, 0);
    startHolding(s, h);
    const q = unchecked(s.vPcpu[h]);
    if (unchecked(s.vState[h]) == VS_RUNNING && unchecked(s.pPhase[q]) == PH_GUEST) plan(s, q);
  } else startHolding(s, h);
}

/** Pause-loop exit: a directed yield to the preempted lock holder when one can run here. */
function pleExit(s: State, p: i32, v: i32): void {
  s.pleExits++;
  const h = lockHolder(s, unchecked(s.vVm[v]));
  if (h >= 0 && unchecked(s.vState[h]) == VS_RUNNABLE && unchecked(s.vHostHeld[h]) == 0 && allowed(s, h, p) &&
    unchecked(s.vmParked[s.vVm[h]]) == 0) {
    unchecked((s.vPleWindow[v] = <i64>PLE_WINDOW_NS));
    descheduleToQueue(s, p, p);
    enqueue(s, h, p);
    // The yield names a target, but the pick rule still stands: higher-priority work goes first.
    const w = best(s, p);
    if (w >= 0 && w != h && stealRank(s, w) > stealRank(s, h)) {
      schedule(s, p);
      return;
    }
    dispatch(s, p, h);
    plan(s, p);
    return;
  }
  // No one to yield to: spin on with a wider window (ple_window grows x2).
  unchecked((s.vPleWindow[v] = unchecked(s.vPleWindow[v]) * 2));
  unchecked((s.vSpinFrom[v] = s.now));
}

/** The first work of v's workload when it comes online. */
export function firstWork(s: State, v: i32): i64 {
  const vm = unchecked(s.vVm[v]);
  const wl = unchecked(s.vmWorkload[vm]);
  if (wl == WL_CPU || wl == WL_NOISY) return NEVER;
  if (wl == WL_SPIN) return unchecked(s.vmPeriod[vm]);
  return unchecked(s.vmRun[vm]);
}

/** v comes online now: runnable, placed like a wake. */
export function bringOnline(s: State, v: i32): void {
  unchecked((s.vAliveFrom[v] = s.now));
  unchecked((s.vLastChange[v] = s.now));
  unchecked((s.vRunNs[v] = 0));
  unchecked((s.vWaitNs[v] = 0));
  unchecked((s.vBlockNs[v] = 0));
  unchecked((s.vStealRep[v] = 0));
  unchecked((s.vState[v] = VS_BLOCKED));
  // A new vCPU starts UNDER, as in Xen (one ns of credit until the first accounting).
  if (s.sched == SCHED_CREDIT) {
    unchecked((s.vPrio[v] = PRI_UNDER));
    unchecked((s.vCredit[v] = 1));
  }
  const vm = unchecked(s.vVm[v]);
  const wl = unchecked(s.vmWorkload[vm]);
  if (wl == WL_LATENCY) {
    // Request/response: a wake every period from a start spread by the vCPU's index.
    const period = unchecked(s.vmPeriod[vm]);
    at<State>(s, s.now + ((<i64>(v * 7919) * period) / 64) % period, EV_WAKE, v, 0, 0, 0, 0);
    return;
  }
  wake(s, v, firstWork(s, v));
  unchecked((s.vWakeAt[v] = -1));
}

/** A latency vCPU's periodic request. */
export function onWakeTimer(s: State, v: i32): void {
  const vm = unchecked(s.vVm[v]);
  if (unchecked(s.vState[v]) == VS_OFFLINE) return;
  at<State>(s, s.now + unchecked(s.vmPeriod[vm]), EV_WAKE, v, 0, 0, 0, 0);
  wake(s, v, unchecked(s.vmRun[vm]));
}

export function onIoDone(s: State, v: i32): void {
  wake(s, v, unchecked(s.vmRun[s.vVm[v]]));
}

// ---------------------------------------------------------------- credit1 tick and accounting

/** Every 10 ms: burn, BOOST ends, a vCPU gone OVER yields to waiting UNDER work; every 3rd: accounting. */
export function creditTick(s: State): void {
  s.tickCount++;
  for (let p = 0; p < s.nP; p++) {
    const v = unchecked(s.pCur[p]);
    if (v < 0) continue;
    syncPcpu(s, p);
    if (unchecked(s.vPrio[v]) == PRI_BOOST) unchecked((s.vPrio[v] = creditPrio0(s, v)));
  }
  if (s.tickCount % 3 == 0) creditAccounting(s);
  checkCaps(s);
  for (let p = 0; p < s.nP; p++) {
    const v = unchecked(s.pCur[p]);
    if (v < 0 || unchecked(s.pPhase[p]) != PH_GUEST) continue;
    const w = best(s, p);
    if (w >= 0 && creditPrio(s, w) > creditPrio(s, v)) {
      if (s.now - unchecked(s.vRanSince[v]) >= <i64>CREDIT_RATELIMIT_NS || (s.options & OPT_RATELIMIT_IGNORED) != 0) preempt(s, p);
      else {
        unchecked((s.pReschedAt[p] = unchecked(s.vRanSince[v]) + <i64>CREDIT_RATELIMIT_NS));
        plan(s, p);
      }
    }
  }
}

/**
 * Every 30 ms: the period's credit (30 ms per online pCPU) goes to active domains by weight
 * (a capped one at most its cap), split among its vCPUs; credit stays within ±one slice.
 */
function creditAccounting(s: State): void {
  let online: i64 = 0;
  for (let p = 0; p < s.nP; p++) if (unchecked(s.pOnline[p]) != 0) online++;
  const total = online * <i64>CREDIT_TSLICE_NS;
  let wsum: i64 = 0;
  for (let vm = 0; vm < s.nVm; vm++) if (domainActive(s, vm)) wsum += unchecked(s.vmWeight[vm]);
  for (let vm = 0; vm < s.nVm; vm++) {
    const active = domainActive(s, vm);
    unchecked((s.vmRanInPeriod[vm] = 0));
    if (!active || wsum == 0) continue;
    let share = (total * <i64>unchecked(s.vmWeight[vm])) / wsum;
    if (unchecked(s.vmCap[vm]) > 0 && share > capBudget(s, vm)) share = capBudget(s, vm);
    const per = share / <i64>unchecked(s.vmVcpus[vm]);
    const first = unchecked(s.vmFirst[vm]);
    for (let u = first; u < first + unchecked(s.vmVcpus[vm]); u++) {
      if (unchecked(s.vState[u]) == VS_OFFLINE) continue;
      let c = unchecked(s.vCredit[u]) + per;
      if (c > <i64>CREDIT_TSLICE_NS) c = <i64>CREDIT_TSLICE_NS;
      if (c < -<i64>CREDIT_TSLICE_NS) c = -<i64>CREDIT_TSLICE_NS;
      unchecked((s.vCredit[u] = c));
    }
  }
  checkCaps(s);
  unparkAll(s);
}

function domainActive(s: State, vm: i32): bool {
  if (unchecked(s.vmRanInPeriod[vm]) != 0) return true;
  const first = unchecked(s.vmFirst[vm]);
  for (let u = first; u < first + unchecked(s.vmVcpus[vm]); u++) {
    const st = unchecked(s.vState[u]);
    if (st == VS_RUNNABLE || st == VS_RUNNING) return true;
  }
  return false;
}

// ---------------------------------------------------------------- faults

/** pCPU p goes offline: its vCPUs move elsewhere (pinned ones wait for it). */
export function offlinePcpu(s: State, p: i32): void {
  if (unchecked(s.pCur[p]) >= 0) {
    const v = unchecked(s.pCur[p]);
    syncPcpu(s, p);
    unchecked((s.pCur[p] = -1));
    unchecked((s.vLastRanEnd[v] = s.now));
    enqueue(s, v, p);
  }
  const h = unchecked(s.pHeld[p]);
  if (h >= 0) {
    unchecked((s.vHostHeld[h] = 0));
    unchecked((s.pHeld[p] = -1));
  }
  setPhase(s, p, PH_OFFLINE);
  unchecked((s.pOnline[p] = 0));
  occupantChanged(s, p);
  plan(s, p);
  for (let v = 0; v < s.nV; v++) {
    if (unchecked(s.vPcpu[v]) != p || unchecked(s.vState[v]) != VS_RUNNABLE || unchecked(s.vPin[v]) == p) continue;
    unchecked((s.vHostHeld[v] = 0));
    const q = placeWake(s, v);
    enqueue(s, v, q);
    if (unchecked(s.pPhase[q]) == PH_IDLE) schedule(s, q);
    else checkPreempt(s, q, v);
  }
}

export function onlinePcpu(s: State, p: i32): void {
  unchecked((s.pOnline[p] = 1));
  unchecked((s.pPhase[p] = PH_HOST));
  setPhase(s, p, PH_IDLE);
  schedule(s, p);
}

export { PRI_UNDER, SCHED_EEVDF, WL_NOISY, VS_BLOCKED, VS_RUNNABLE, VS_RUNNING, PH_IDLE, PH_OFFLINE };

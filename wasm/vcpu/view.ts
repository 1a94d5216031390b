// What the tab draws beyond the frame: each pCPU's topology, phase and run queue in pick order,
// and each vCPU's scheduler fields. Reads only; it writes the caller's scratch buffers.
import { State } from './state';
import {
  SCHED_CREDIT, SCHED_CFS, SCHED_EEVDF, VS_OFFLINE, VS_RUNNABLE, VS_RUNNING, VS_BLOCKED, PH_GUEST, PRI_BOOST, PRI_UNDER,
  NICE_0_LOAD, OPT_OVER_FIRST, OPT_EEVDF_INELIGIBLE, CREDIT_NS_PER_CREDIT,
  PV_ONLINE, PV_PHASE, PV_VCPU, PV_STORM_UNTIL_NS, PV_SOCKET, PV_CORE, PV_THREAD, PV_QUEUE_LEN, PCPU_STRIDE,
  SV_PRIO, SV_CREDIT, SV_VRUNTIME_NS, SV_LAG_NS, SV_DEADLINE_NS, SV_ELIGIBLE, SV_SPINNING, SV_HOLDS_LOCK, SCHED_VIEW_STRIDE,
  PRIO_VIEW_BOOST, PRIO_VIEW_UNDER, PRIO_VIEW_OVER, PRIO_VIEW_PARKED, PRIO_VIEW_FAIR, PRIO_VIEW_PINNED, PRIO_VIEW_NONE,
} from './constants';
import { avgVruntime, creditPrio, waitingOn } from './policy';

/** Does waiting u come before waiting w on queue q by the scheduler's pick rule (V: q's average vruntime)? */
function before(s: State, u: i32, w: i32, V: i64): bool {
  const su = unchecked(s.vEnqSeq[u]);
  const sw = unchecked(s.vEnqSeq[w]);
  if (s.sched == SCHED_CREDIT) {
    const pu = creditPrio(s, u);
    const pw = creditPrio(s, w);
    if (pu != pw) return (s.options & OPT_OVER_FIRST) != 0 ? pu < pw : pu > pw;
    return su < sw;
  }
  if (s.sched == SCHED_CFS) {
    const a = unchecked(s.vVruntime[u]);
    const b = unchecked(s.vVruntime[w]);
    return a != b ? a < b : su < sw;
  }
  if (s.sched == SCHED_EEVDF) {
    // Eligible entities by deadline, then (the fallback when none is) ineligible ones by vruntime.
    const any = (s.options & OPT_EEVDF_INELIGIBLE) != 0;
    const eu = any || unchecked(s.vVruntime[u]) <= V;
    const ew = any || unchecked(s.vVruntime[w]) <= V;
    if (eu != ew) return eu;
    const a = eu ? unchecked(s.vDeadline[u]) : unchecked(s.vVruntime[u]);
    const b = eu ? unchecked(s.vDeadline[w]) : unchecked(s.vVruntime[w]);
    return a != b ? a < b : su < sw;
  }
  return su < sw;
}

/** Rank of a runnable vCPU waiting for q: 0 held by host work (resumes first), 1 pickable, 2 parked; -1 not waiting there. */
function waitClass(s: State, v: i32, q: i32): i32 {
  if (unchecked(s.vState[v]) != VS_RUNNABLE || unchecked(s.vPcpu[v]) != q) return -1;
  if (unchecked(s.vHostHeld[v]) != 0) return 0;
  return waitingOn(s, v, q) ? 1 : 2;
}

/**
 * Fills `out` (PCPU_STRIDE per pCPU) and `queue` (every pCPU's waiting vCPUs, pCPU after pCPU,
 * each in the order it would run them: the one host work holds, the pickable ones in pick
 * order, then those parked by their cap).
 */
export function fillPcpus(s: State, out: StaticArray<f64>, queue: StaticArray<i32>): void {
  let n = 0;
  let socket = -1;
  let socketCore = 0;
  let thread = 0;
  for (let p = 0; p < s.nP; p++) {
    const b = p * PCPU_STRIDE;
    const sk = unchecked(s.pSocket[p]);
    const core = unchecked(s.pCore[p]);
    // pCPUs are numbered socket-major with a core's hyperthreads adjacent (init).
    if (sk != socket) {
      socket = sk;
      socketCore = core;
    }
    thread = p > 0 && unchecked(s.pCore[p - 1]) == core ? thread + 1 : 0;
    unchecked((out[b + PV_ONLINE] = <f64>unchecked(s.pOnline[p])));
    unchecked((out[b + PV_PHASE] = <f64>unchecked(s.pPhase[p])));
    unchecked((out[b + PV_VCPU] = <f64>unchecked(s.pCur[p])));
    const storm = unchecked(s.pStormUntil[p]);
    unchecked((out[b + PV_STORM_UNTIL_NS] = storm > s.now ? <f64>storm : 0));
    unchecked((out[b + PV_SOCKET] = <f64>sk));
    unchecked((out[b + PV_CORE] = <f64>(core - socketCore)));
    unchecked((out[b + PV_THREAD] = <f64>thread));
    const first = n;
    const V = s.sched == SCHED_EEVDF ? avgVruntime(s, p) : 0;
    for (let cls = 0; cls < 3; cls++) {
      const from = n;
      for (let v = 0; v < s.nV; v++) {
        if (waitClass(s, v, p) != cls) continue;
        // Insertion sort within the class: queues are short, and nothing allocates.
        let i = n++;
        while (i > from && before(s, v, unchecked(queue[i - 1]), V)) {
          unchecked((queue[i] = queue[i - 1]));
          i--;
        }
        unchecked((queue[i] = v));
      }
    }
    unchecked((out[b + PV_QUEUE_LEN] = <f64>(n - first)));
  }
}

function prioCode(s: State, v: i32): i32 {
  if (unchecked(s.vState[v]) == VS_OFFLINE) return PRIO_VIEW_NONE;
  if (s.sched == SCHED_CREDIT) {
    if (unchecked(s.vmParked[s.vVm[v]]) != 0) return PRIO_VIEW_PARKED;
    const p = creditPrio(s, v);
    return p == PRI_BOOST ? PRIO_VIEW_BOOST : p == PRI_UNDER ? PRIO_VIEW_UNDER : PRIO_VIEW_OVER;
  }
  if (s.sched == SCHED_CFS || s.sched == SCHED_EEVDF) return PRIO_VIEW_FAIR;
  return PRIO_VIEW_PINNED;
}

/** Fills `out` (SCHED_VIEW_STRIDE per vCPU) with each vCPU's scheduler fields now. */
export function fillVcpuSched(s: State, out: StaticArray<f64>): void {
  for (let v = 0; v < s.nV; v++) {
    const b = v * SCHED_VIEW_STRIDE;
    const st = unchecked(s.vState[v]);
    const q = unchecked(s.vPcpu[v]);
    const w = unchecked(s.vWeight[v]);
    unchecked((out[b + SV_PRIO] = <f64>prioCode(s, v)));
    unchecked((out[b + SV_CREDIT] = s.sched == SCHED_CREDIT ? <f64>unchecked(s.vCredit[v]) / <f64>CREDIT_NS_PER_CREDIT : 0));
    const fair = s.sched == SCHED_CFS || s.sched == SCHED_EEVDF;
    unchecked((out[b + SV_VRUNTIME_NS] = fair ? <f64>unchecked(s.vVruntime[v]) : 0));
    let lag: f64 = 0;
    let deadline: f64 = 0;
    let eligible = false;
    if (s.sched == SCHED_EEVDF && st != VS_OFFLINE) {
      deadline = <f64>unchecked(s.vDeadline[v]);
      if ((st == VS_RUNNING || st == VS_RUNNABLE) && q >= 0) {
        const vlag = avgVruntime(s, q) - unchecked(s.vVruntime[v]);
        lag = <f64>((vlag * w) / <i64>NICE_0_LOAD);
        eligible = vlag >= 0;
      } else if (st == VS_BLOCKED) {
        // A sleeper keeps the lag it left with (placed by it when it wakes).
        lag = <f64>((unchecked(s.vVlag[v]) * w) / <i64>NICE_0_LOAD);
      }
    }
    unchecked((out[b + SV_LAG_NS] = lag));
    unchecked((out[b + SV_DEADLINE_NS] = deadline));
    unchecked((out[b + SV_ELIGIBLE] = eligible ? 1 : 0));
    const lock = unchecked(s.vLockPhase[v]);
    const inGuest = st == VS_RUNNING && q >= 0 && unchecked(s.pPhase[q]) == PH_GUEST;
    unchecked((out[b + SV_SPINNING] = lock == 1 && inGuest ? 1 : 0));
    unchecked((out[b + SV_HOLDS_LOCK] = lock == 2 ? 1 : 0));
  }
}

// The schedulers' own rules, each after spec §3.2: what running costs (credit burn, vruntime),
// which waiting vCPU a run queue picks, and whether a waking vCPU preempts the running one.
// Run queues are per pCPU: a waiting vCPU waits for vPcpu.
import { State } from './state';
import {
  SCHED_CREDIT, SCHED_CFS, SCHED_EEVDF, VS_RUNNABLE, VS_RUNNING, PRI_BOOST, PRI_UNDER, PRI_OVER, PRI_IDLE,
  NICE_0_LOAD, CFS_LATENCY_NS, CFS_MIN_GRAN_NS, CFS_WAKEUP_GRAN_NS, CFS_NR_LATENCY, LINUX_TICK_NS,
  OPT_OVER_FIRST, OPT_EEVDF_INELIGIBLE,
} from './constants';

/** Time running costs the vCPU in its scheduler's currency. */
export function charge(s: State, v: i32, dt: i64): void {
  if (dt <= 0) return;
  const vm = unchecked(s.vVm[v]);
  if (unchecked(s.vmCap[vm]) > 0) unchecked((s.vmCapUsed[vm] += dt));
  unchecked((s.vmRanInPeriod[vm] = 1));
  if (s.sched == SCHED_CREDIT) unchecked((s.vCredit[v] -= dt));
  else if (s.sched == SCHED_CFS || s.sched == SCHED_EEVDF) unchecked((s.vVruntime[v] += (dt * <i64>NICE_0_LOAD) / unchecked(s.vWeight[v])));
}

/** Waiting on q and free to be picked: runnable, not held by host work, not parked by its cap. */
// @ts-ignore: decorator
@inline export function waitingOn(s: State, v: i32, q: i32): bool {
  return unchecked(s.vState[v]) == VS_RUNNABLE && unchecked(s.vPcpu[v]) == q && unchecked(s.vHostHeld[v]) == 0 &&
    unchecked(s.vmParked[s.vVm[v]]) == 0;
}

/** Credit1 priority of a vCPU from its credit (BOOST kept until it is descheduled or a tick). */
export function creditPrio(s: State, v: i32): i32 {
  const p = unchecked(s.vPrio[v]);
  if (p == PRI_BOOST) return p;
  return unchecked(s.vCredit[v]) > 0 ? PRI_UNDER : PRI_OVER;
}

/** On run queue q (the running vCPU included), the entities EEVDF averages over. */
function onQueue(s: State, v: i32, q: i32): bool {
  if (unchecked(s.vPcpu[v]) != q) return false;
  const st = unchecked(s.vState[v]);
  return st == VS_RUNNING || st == VS_RUNNABLE;
}

/** EEVDF's V: the load-weighted average vruntime of queue q, the running entity included. */
export function avgVruntime(s: State, q: i32): i64 {
  const base = unchecked(s.pMinVruntime[q]);
  let sum: i64 = 0;
  let load: i64 = 0;
  for (let v = 0; v < s.nV; v++) {
    if (!onQueue(s, v, q)) continue;
    const w = unchecked(s.vWeight[v]);
    sum += (unchecked(s.vVruntime[v]) - base) * w;
    load += w;
  }
  if (load == 0) return base;
  // Floor division, as Linux's avg_vruntime does for a negative sum.
  let d = sum / load;
  if (sum < 0 && d * load != sum) d--;
  return base + d;
}

export function queueLoad(s: State, q: i32): i64 {
  let load: i64 = 0;
  for (let v = 0; v < s.nV; v++) if (onQueue(s, v, q)) load += unchecked(s.vWeight[v]);
  return load;
}

export function queueCount(s: State, q: i32): i32 {
  let n = 0;
  for (let v = 0; v < s.nV; v++) if (onQueue(s, v, q)) n++;
  return n;
}

/** The waiting vCPU run queue q picks next by its scheduler's rule, or -1. */
export function best(s: State, q: i32): i32 {
  let pick = -1;
  if (s.sched == SCHED_CREDIT) {
    const lowFirst = (s.options & OPT_OVER_FIRST) != 0;
    let bp = 0;
    for (let v = 0; v < s.nV; v++) {
      if (!waitingOn(s, v, q)) continue;
      const p = creditPrio(s, v);
      if (pick < 0 || (lowFirst ? p < bp : p > bp) || (p == bp && unchecked(s.vEnqSeq[v]) < unchecked(s.vEnqSeq[pick]))) {
        pick = v;
        bp = p;
      }
    }
  } else if (s.sched == SCHED_CFS) {
    for (let v = 0; v < s.nV; v++) {
      if (!waitingOn(s, v, q)) continue;
      if (pick < 0 || unchecked(s.vVruntime[v]) < unchecked(s.vVruntime[pick]) ||
        (unchecked(s.vVruntime[v]) == unchecked(s.vVruntime[pick]) && unchecked(s.vEnqSeq[v]) < unchecked(s.vEnqSeq[pick]))) pick = v;
    }
  } else if (s.sched == SCHED_EEVDF) {
    const V = avgVruntime(s, q);
    const any = (s.options & OPT_EEVDF_INELIGIBLE) != 0;
    for (let v = 0; v < s.nV; v++) {
      if (!waitingOn(s, v, q)) continue;
      if (!any && unchecked(s.vVruntime[v]) > V) continue;
      if (pick < 0 || unchecked(s.vDeadline[v]) < unchecked(s.vDeadline[pick]) ||
        (unchecked(s.vDeadline[v]) == unchecked(s.vDeadline[pick]) && unchecked(s.vEnqSeq[v]) < unchecked(s.vEnqSeq[pick]))) pick = v;
    }
    // Every waiting entity ineligible happens only when the running one holds all the lag.
    if (pick < 0) {
      for (let v = 0; v < s.nV; v++) {
        if (!waitingOn(s, v, q)) continue;
        if (pick < 0 || unchecked(s.vVruntime[v]) < unchecked(s.vVruntime[pick])) pick = v;
      }
    }
  } else {
    for (let v = 0; v < s.nV; v++) {
      if (!waitingOn(s, v, q)) continue;
      if (pick < 0 || unchecked(s.vEnqSeq[v]) < unchecked(s.vEnqSeq[pick])) pick = v;
    }
  }
  return pick;
}

/** The pick's rank for stealing between queues: credit priority, else 0 (any work beats idle). */
export function stealRank(s: State, v: i32): i32 {
  if (v < 0) return PRI_IDLE;
  return s.sched == SCHED_CREDIT ? creditPrio(s, v) : 0;
}

/** CFS sched_slice: the period shared by weight, never below the minimum granularity. */
export function cfsSlice(s: State, v: i32, q: i32): i64 {
  const n = <i64>queueCount(s, q);
  const period = n <= <i64>CFS_NR_LATENCY ? <i64>CFS_LATENCY_NS * s.factor : n * <i64>CFS_MIN_GRAN_NS * s.factor;
  const load = queueLoad(s, q);
  let slice = load > 0 ? (period * unchecked(s.vWeight[v])) / load : period;
  const min = <i64>CFS_MIN_GRAN_NS * s.factor;
  return slice < min ? min : slice;
}

/** EEVDF virtual slice of v: the base slice scaled by NICE_0 / weight. */
export function vslice(s: State, v: i32): i64 {
  return (s.eevdfSlice * <i64>NICE_0_LOAD) / unchecked(s.vWeight[v]);
}

/** EEVDF's clamp on a saved lag, in vruntime: calc_delta_fair(max(2 slice, TICK)). */
export function lagLimit(s: State, v: i32): i64 {
  let limit = 2 * s.eevdfSlice;
  if (limit < <i64>LINUX_TICK_NS) limit = <i64>LINUX_TICK_NS;
  return (limit * <i64>NICE_0_LOAD) / unchecked(s.vWeight[v]);
}

/** Does waking vCPU w preempt vCPU c running on q? (credit: the rate limit is the caller's.) */
export function wakePreempts(s: State, w: i32, c: i32, q: i32): bool {
  if (s.sched == SCHED_CREDIT) return creditPrio(s, w) > creditPrio(s, c);
  if (s.sched == SCHED_CFS) {
    const gran = (<i64>CFS_WAKEUP_GRAN_NS * s.factor * <i64>NICE_0_LOAD) / unchecked(s.vWeight[w]);
    return unchecked(s.vVruntime[c]) - unchecked(s.vVruntime[w]) > gran;
  }
  if (s.sched == SCHED_EEVDF) {
    // 6.6's check_preempt_wakeup_fair: preempt when pick_eevdf would now pick the wakee.
    return unchecked(s.vVruntime[w]) <= avgVruntime(s, q) && unchecked(s.vDeadline[w]) < unchecked(s.vDeadline[c]);
  }
  return false;
}

/** At a slice end or re-pick, does waiting vCPU w beat the running c? */
export function beats(s: State, w: i32, c: i32, q: i32): bool {
  if (s.sched == SCHED_CREDIT) {
    const pw = creditPrio(s, w);
    const pc = creditPrio(s, c);
    return (s.options & OPT_OVER_FIRST) != 0 ? pw <= pc : pw >= pc;
  }
  if (s.sched == SCHED_CFS) return unchecked(s.vVruntime[w]) < unchecked(s.vVruntime[c]);
  if (s.sched == SCHED_EEVDF) {
    const V = avgVruntime(s, q);
    const cEligible = unchecked(s.vVruntime[c]) <= V;
    if (!cEligible) return true;
    return unchecked(s.vDeadline[w]) < unchecked(s.vDeadline[c]);
  }
  return true;
}

// The network kernel: flows, not packets. A graph of nodes (regions, zones) and full-duplex
// links; each flow is routed by shortest path (delay, then hops), pays its path's one-way
// delay once before data (SimGrid's rule, spec §1) and then shares bandwidth by max-min
// fairness, computed by progressive filling only when a flow starts or ends or a link
// changes. A flow's rate is also capped by TCP itself: window/RTT and, on a lossy path,
// Mathis's MSS/RTT·C/√p (spec §2). Every array is allocated when the module starts, so after
// init nothing allocates and a copy of linear memory is a snapshot.
import * as K from './constants';

const N = K.MAX_NODES;
const INF: f64 = Infinity;
/** C = √(3/2): Mathis et al. 1997 without delayed ACKs (spec §2). */
const MATHIS_C: f64 = 1.224744871391589;
/** A link counts as saturated when this fraction of its capacity or less is left. */
const SATURATED: f64 = 1e-9;

// ---- host-written input ----
const config = new StaticArray<f64>(K.CONFIG_SLOTS);
const linkIn = new StaticArray<f64>(K.MAX_LINKS * K.LINK_FIELDS);
const flowIn = new StaticArray<f64>(K.MAX_FLOWS * K.FLOW_FIELDS);
// ---- outputs the host reads in place ----
const flowOut = new StaticArray<f64>(K.MAX_FLOWS * K.OUT_FIELDS);
const linkOut = new StaticArray<f64>(K.MAX_LINKS * K.LOUT_FIELDS);
const frameBuf = new StaticArray<f64>(K.FRAME_SIZE);

// ---- state ----
let nodes: i32 = 0;
let links: i32 = 0;
let flows: i32 = 0;
let options: i32 = 0;
let now: f64 = 0;
let events: f64 = 0;
let started: f64 = 0;
let ended: f64 = 0;
let failed: f64 = 0;
let reshares: f64 = 0;
let reroutes: f64 = 0;
let fillRounds: f64 = 0;
let nextPending: i32 = 0;
let liveCount: i32 = 0;

const nodeUp = new StaticArray<u8>(N);
/** Links by node: adjLink[adjStart[v] .. adjStart[v+1]). */
const adjStart = new StaticArray<i32>(N + 1);
const adjLink = new StaticArray<i32>(2 * K.MAX_LINKS);
/** Shortest-path trees, one per source: the link reaching `dst` from `src` (-1: none). */
const pred = new StaticArray<i32>(N * N);
const dist = new StaticArray<f64>(N);
const hopsTo = new StaticArray<i32>(N);
const settled = new StaticArray<u8>(N);
/** Each flow's route as resources, link·2 + direction (0: from→to, 1: back). */
const path = new StaticArray<i32>(K.MAX_FLOWS * K.MAX_HOPS);
const pathLen = new StaticArray<i32>(K.MAX_FLOWS);
const remaining = new StaticArray<f64>(K.MAX_FLOWS);
/** Flows routed and not finished (latent, active or stalled), in no order. */
const live = new StaticArray<i32>(K.MAX_FLOWS);
// progressive-filling workspace
const resLeft = new StaticArray<f64>(2 * K.MAX_LINKS);
const resWeight = new StaticArray<f64>(2 * K.MAX_LINKS);
const resFull = new StaticArray<u8>(2 * K.MAX_LINKS);
const weight = new StaticArray<f64>(K.MAX_FLOWS);
/** Flows whose rate still rises, and the link directions they load, in the current re-share. */
const rising = new StaticArray<i32>(K.MAX_FLOWS);
const loadedRes = new StaticArray<i32>(2 * K.MAX_LINKS);

@inline function lin(l: i32, f: i32): f64 { return unchecked(linkIn[l * K.LINK_FIELDS + f]); }
@inline function fin(i: i32, f: i32): f64 { return unchecked(flowIn[i * K.FLOW_FIELDS + f]); }
@inline function out(i: i32, f: i32): f64 { return unchecked(flowOut[i * K.OUT_FIELDS + f]); }
@inline function setOut(i: i32, f: i32, v: f64): void { unchecked(flowOut[i * K.OUT_FIELDS + f] = v); }
@inline function lout(l: i32, f: i32): f64 { return unchecked(linkOut[l * K.LOUT_FIELDS + f]); }
@inline function setLout(l: i32, f: i32, v: f64): void { unchecked(linkOut[l * K.LOUT_FIELDS + f] = v); }
@inline function status(i: i32): i32 { return <i32>out(i, K.OUT_STATUS); }
@inline function linkUp(l: i32): bool { return lout(l, K.LOUT_UP) != 0; }

export function configPtr(): usize { return changetype<usize>(config); }
export function linkInPtr(): usize { return changetype<usize>(linkIn); }
export function flowInPtr(): usize { return changetype<usize>(flowIn); }
export function flowOutPtr(): usize { return changetype<usize>(flowOut); }
export function linkOutPtr(): usize { return changetype<usize>(linkOut); }

/** Reads the input blocks; 0 on success, 1 when the config block is not this version's or out of range. */
export function init(): i32 {
  if (<i32>config[K.CFG_VERSION] != K.CONFIG_VERSION) return 1;
  nodes = <i32>config[K.CFG_NODES];
  links = <i32>config[K.CFG_LINKS];
  flows = <i32>config[K.CFG_FLOWS];
  options = <i32>config[K.CFG_OPTIONS];
  if (nodes < 1 || nodes > N || links < 0 || links > K.MAX_LINKS || flows < 0 || flows > K.MAX_FLOWS) return 1;
  for (let v = 0; v < nodes; v++) unchecked(nodeUp[v] = 1);
  // Adjacency by counting sort, so each node's links keep the input order (ties break by it).
  for (let l = 0; l < links; l++) {
    const a = <i32>lin(l, K.LINK_FROM);
    const b = <i32>lin(l, K.LINK_TO);
    if (a < 0 || a >= nodes || b < 0 || b >= nodes || a == b) return 1;
    unchecked(adjStart[a + 1]++);
    unchecked(adjStart[b + 1]++);
    setLout(l, K.LOUT_UP, 1);
    setLout(l, K.LOUT_GBPS, lin(l, K.LINK_GBPS));
    setLout(l, K.LOUT_LOSS, lin(l, K.LINK_LOSS));
  }
  for (let v = 0; v < nodes; v++) unchecked(adjStart[v + 1] += adjStart[v]);
  for (let v = 0; v < nodes; v++) unchecked(settled[v] = 0);
  for (let l = 0; l < links; l++) {
    const a = <i32>lin(l, K.LINK_FROM);
    const b = <i32>lin(l, K.LINK_TO);
    unchecked(adjLink[adjStart[a] + settled[a]] = l);
    unchecked(settled[a]++);
    unchecked(adjLink[adjStart[b] + settled[b]] = l);
    unchecked(settled[b]++);
  }
  for (let i = 0; i < flows; i++) {
    unchecked(remaining[i] = fin(i, K.FLOW_BYTES) * 8);
    setOut(i, K.OUT_STATUS, K.ST_PENDING);
  }
  computeRoutes();
  return 0;
}

/** Dijkstra from every source over the links that are up: least delay, then fewest hops, then input order. */
function computeRoutes(): void {
  for (let s = 0; s < nodes; s++) {
    const row = s * N;
    for (let v = 0; v < nodes; v++) {
      unchecked(dist[v] = INF);
      unchecked(hopsTo[v] = i32.MAX_VALUE);
      unchecked(settled[v] = 0);
      unchecked(pred[row + v] = -1);
    }
    if (unchecked(nodeUp[s]) == 0) continue;
    unchecked(dist[s] = 0);
    unchecked(hopsTo[s] = 0);
    for (let round = 0; round < nodes; round++) {
      let u = -1;
      for (let v = 0; v < nodes; v++) {
        if (unchecked(settled[v]) != 0 || unchecked(dist[v]) == INF) continue;
        if (u < 0 || unchecked(dist[v]) < unchecked(dist[u]) || (unchecked(dist[v]) == unchecked(dist[u]) && unchecked(hopsTo[v]) < unchecked(hopsTo[u]))) u = v;
      }
      if (u < 0) break;
      unchecked(settled[u] = 1);
      for (let k = unchecked(adjStart[u]); k < unchecked(adjStart[u + 1]); k++) {
        const l = unchecked(adjLink[k]);
        if (!linkUp(l)) continue;
        const a = <i32>lin(l, K.LINK_FROM);
        const v = a == u ? <i32>lin(l, K.LINK_TO) : a;
        if (unchecked(settled[v]) != 0) continue;
        const d = unchecked(dist[u]) + lin(l, K.LINK_DELAY_NS);
        const h = unchecked(hopsTo[u]) + 1;
        if (d < unchecked(dist[v]) || (d == unchecked(dist[v]) && h < unchecked(hopsTo[v]))) {
          unchecked(dist[v] = d);
          unchecked(hopsTo[v] = h);
          unchecked(pred[row + v] = l);
        }
      }
    }
  }
}

/** Writes flow i's route and its TCP ceiling; false when there is none (or it is longer than MAX_HOPS). */
function route(i: i32): bool {
  const src = <i32>fin(i, K.FLOW_FROM);
  const dst = <i32>fin(i, K.FLOW_TO);
  const row = src * N;
  let v = dst;
  let hops = 0;
  let delay: f64 = 0;
  let keep: f64 = 1; // probability a packet crosses every link
  while (v != src) {
    const l = unchecked(pred[row + v]);
    if (l < 0 || hops == K.MAX_HOPS) {
      unchecked(pathLen[i] = 0);
      return false;
    }
    const forward = <i32>lin(l, K.LINK_TO) == v;
    unchecked(path[i * K.MAX_HOPS + hops] = l * 2 + (forward ? 0 : 1));
    hops++;
    delay += lin(l, K.LINK_DELAY_NS);
    keep *= 1 - lout(l, K.LOUT_LOSS);
    v = forward ? <i32>lin(l, K.LINK_FROM) : <i32>lin(l, K.LINK_TO);
  }
  unchecked(pathLen[i] = hops);
  setOut(i, K.OUT_PATH_NS, delay);
  setOut(i, K.OUT_HOPS, hops);
  setOut(i, K.OUT_CAP_GBPS, tcpCeiling(fin(i, K.FLOW_WINDOW), 2 * delay, 1 - keep));
  return true;
}

/** min(window/RTT, Mathis) in Gb/s (bits per ns); unbounded at RTT 0. */
function tcpCeiling(windowBytes: f64, rttNs: f64, loss: f64): f64 {
  if (rttNs <= 0) return INF;
  let cap = windowBytes * 8 / rttNs;
  if (loss > 0) {
    const mathis = <f64>K.MSS_BYTES * 8 / rttNs * MATHIS_C / Math.sqrt(loss);
    if (mathis < cap) cap = mathis;
  }
  return cap;
}

/** Loss on flow i's current route changed: its ceiling follows. */
function recap(i: i32): void {
  let keep: f64 = 1;
  for (let k = 0; k < unchecked(pathLen[i]); k++) keep *= 1 - lout(unchecked(path[i * K.MAX_HOPS + k]) >> 1, K.LOUT_LOSS);
  setOut(i, K.OUT_CAP_GBPS, tcpCeiling(fin(i, K.FLOW_WINDOW), 2 * out(i, K.OUT_PATH_NS), 1 - keep));
}

/**
 * Max-min fair rates by progressive filling: every unfrozen flow's rate rises at its weight
 * (1, or 1/RTT with OPT_RTT_WEIGHTED) until a link it crosses is full or it reaches its TCP
 * ceiling; then it freezes. Each round freezes at least one flow.
 */
function reshare(): void {
  reshares++;
  for (let l = 0; l < links; l++) {
    const cap = linkUp(l) ? lout(l, K.LOUT_GBPS) : 0;
    unchecked(resLeft[2 * l] = cap);
    unchecked(resLeft[2 * l + 1] = cap);
    unchecked(resWeight[2 * l] = 0);
    unchecked(resWeight[2 * l + 1] = 0);
    unchecked(resFull[2 * l] = 0);
    unchecked(resFull[2 * l + 1] = 0);
  }
  // The rounds walk only the flows still rising and the links they load: both lists shrink.
  let unfrozen = 0;
  for (let j = 0; j < liveCount; j++) {
    const i = unchecked(live[j]);
    setOut(i, K.OUT_RATE_GBPS, 0);
    if (status(i) != K.ST_ACTIVE) continue;
    const rtt = 2 * out(i, K.OUT_PATH_NS);
    const w: f64 = (options & K.OPT_RTT_WEIGHTED) != 0 && rtt > 0 ? 1e6 / rtt : 1;
    unchecked(weight[i] = w);
    unchecked(rising[unfrozen++] = i);
    for (let k = 0; k < unchecked(pathLen[i]); k++) {
      const r = unchecked(path[i * K.MAX_HOPS + k]);
      if (unchecked(resWeight[r]) == 0) unchecked(resFull[r] = 2); // 2: listed below
      unchecked(resWeight[r] += w);
    }
  }
  let loaded = 0;
  for (let r = 0; r < 2 * links; r++) {
    if (unchecked(resFull[r]) == 2) {
      unchecked(resFull[r] = 0);
      unchecked(loadedRes[loaded++] = r);
    }
  }
  while (unfrozen > 0) {
    fillRounds++;
    let step = INF; // rate per unit of weight every rising flow may still gain
    for (let q = 0; q < loaded; q++) {
      const r = unchecked(loadedRes[q]);
      const s = unchecked(resLeft[r]) / unchecked(resWeight[r]);
      if (s < step) step = s;
    }
    for (let j = 0; j < unfrozen; j++) {
      const i = unchecked(rising[j]);
      const s = (out(i, K.OUT_CAP_GBPS) - out(i, K.OUT_RATE_GBPS)) / unchecked(weight[i]);
      if (s < step) step = s;
    }
    if (step < 0) step = 0;
    for (let q = 0; q < loaded; q++) {
      const r = unchecked(loadedRes[q]);
      const left = unchecked(resLeft[r]) - step * unchecked(resWeight[r]);
      unchecked(resLeft[r] = left);
      if (left <= SATURATED * lout(r >> 1, K.LOUT_GBPS)) unchecked(resFull[r] = 1);
    }
    let still = 0;
    for (let j = 0; j < unfrozen; j++) {
      const i = unchecked(rising[j]);
      const rate = out(i, K.OUT_RATE_GBPS) + step * unchecked(weight[i]);
      setOut(i, K.OUT_RATE_GBPS, rate);
      let stop = rate >= out(i, K.OUT_CAP_GBPS) * (1 - SATURATED);
      const base = i * K.MAX_HOPS;
      for (let k = 0; k < unchecked(pathLen[i]) && !stop; k++) stop = unchecked(resFull[path[base + k]]) != 0;
      if (!stop) {
        unchecked(rising[still++] = i);
        continue;
      }
      for (let k = 0; k < unchecked(pathLen[i]); k++) unchecked(resWeight[path[base + k]] -= unchecked(weight[i]));
    }
    unfrozen = still;
    let kept = 0;
    for (let q = 0; q < loaded; q++) {
      const r = unchecked(loadedRes[q]);
      if (unchecked(resFull[r]) == 0 && unchecked(resWeight[r]) > 0) unchecked(loadedRes[kept++] = r);
    }
    loaded = kept;
  }
  for (let l = 0; l < links; l++) {
    const cap = linkUp(l) ? lout(l, K.LOUT_GBPS) : 0;
    setLout(l, K.LOUT_LOAD_FWD, cap - unchecked(resLeft[2 * l]));
    setLout(l, K.LOUT_LOAD_BACK, cap - unchecked(resLeft[2 * l + 1]));
  }
}

/** Moves every active flow forward by dt ns at its rate. */
function progress(dt: f64): void {
  if (dt <= 0) return;
  for (let j = 0; j < liveCount; j++) {
    const i = unchecked(live[j]);
    if (status(i) != K.ST_ACTIVE) continue;
    const bits = out(i, K.OUT_RATE_GBPS) * dt;
    if (bits == 0) continue;
    unchecked(remaining[i] -= bits);
    setOut(i, K.OUT_SENT_BITS, out(i, K.OUT_SENT_BITS) + bits);
    for (let k = 0; k < unchecked(pathLen[i]); k++) {
      const r = unchecked(path[i * K.MAX_HOPS + k]);
      const f = (r & 1) == 0 ? K.LOUT_BITS_FWD : K.LOUT_BITS_BACK;
      setLout(r >> 1, f, lout(r >> 1, f) + bits);
    }
  }
}

/** Drops finished and failed flows from the live list, keeping the others' order. */
function compactLive(): void {
  let w = 0;
  for (let j = 0; j < liveCount; j++) {
    const i = unchecked(live[j]);
    const s = status(i);
    if (s != K.ST_DONE && s != K.ST_FAILED) unchecked(live[w++] = i);
  }
  liveCount = w;
}

@inline function finishesAt(i: i32): f64 {
  const rate = out(i, K.OUT_RATE_GBPS);
  return rate > 0 ? now + unchecked(remaining[i]) / rate : INF;
}

/** The time of the next start, arrival of a first byte or completion; INF when none is due. */
function nextEventTime(): f64 {
  let t = nextPending < flows ? fin(nextPending, K.FLOW_START_NS) : INF;
  for (let j = 0; j < liveCount; j++) {
    const i = unchecked(live[j]);
    const s = status(i);
    const at = s == K.ST_LATENT ? out(i, K.OUT_ACTIVE_NS) : s == K.ST_ACTIVE ? finishesAt(i) : INF;
    if (at < t) t = at;
  }
  return t;
}

/** Runs every event up to `until` ns, then stands at `until`. Returns the events run. */
export function advance(until: f64): i32 {
  let ran = 0;
  while (true) {
    const t = nextEventTime();
    if (t > until) break;
    progress(t - now);
    now = t;
    let changed = false;
    while (nextPending < flows && fin(nextPending, K.FLOW_START_NS) <= now) {
      startFlow(nextPending++);
      ran++;
    }
    for (let j = 0; j < liveCount; j++) {
      const i = unchecked(live[j]);
      const s = status(i);
      if (s == K.ST_LATENT && out(i, K.OUT_ACTIVE_NS) <= now) {
        setOut(i, K.OUT_STATUS, K.ST_ACTIVE);
        changed = true;
        ran++;
      } else if (s == K.ST_ACTIVE) {
        const rate = out(i, K.OUT_RATE_GBPS);
        // Done when less than half a nanosecond of sending is left (float residue of the steps).
        if (unchecked(remaining[i]) <= rate * 0.5 || unchecked(remaining[i]) <= 1e-6) {
          setOut(i, K.OUT_SENT_BITS, fin(i, K.FLOW_BYTES) * 8);
          unchecked(remaining[i] = 0);
          setOut(i, K.OUT_STATUS, K.ST_DONE);
          setOut(i, K.OUT_END_NS, now);
          setOut(i, K.OUT_RATE_GBPS, 0);
          ended++;
          changed = true;
          ran++;
        }
      }
    }
    compactLive();
    if (changed) reshare();
  }
  progress(until - now);
  now = until;
  events += ran;
  return ran;
}

function startFlow(i: i32): void {
  started++;
  const src = <i32>fin(i, K.FLOW_FROM);
  const dst = <i32>fin(i, K.FLOW_TO);
  if (unchecked(nodeUp[src]) == 0 || unchecked(nodeUp[dst]) == 0) {
    setOut(i, K.OUT_STATUS, K.ST_FAILED);
    failed++;
    return;
  }
  unchecked(live[liveCount++] = i);
  if (!route(i)) {
    setOut(i, K.OUT_STATUS, K.ST_STALLED);
    return;
  }
  setOut(i, K.OUT_STATUS, K.ST_LATENT);
  setOut(i, K.OUT_ACTIVE_NS, now + out(i, K.OUT_PATH_NS));
}

/** After the topology changed: every live flow takes its new route, or stalls, or resumes. */
function rerouteAll(): void {
  computeRoutes();
  for (let j = 0; j < liveCount; j++) {
    const i = unchecked(live[j]);
    const s = status(i);
    const oldLen = unchecked(pathLen[i]);
    const oldFirst = oldLen > 0 ? unchecked(path[i * K.MAX_HOPS]) : -1;
    const oldDelay = out(i, K.OUT_PATH_NS);
    if (!route(i)) {
      if (s != K.ST_STALLED) setOut(i, K.OUT_STATUS, K.ST_STALLED);
      continue;
    }
    if (s == K.ST_STALLED) {
      // A flow that had started resumes at once; one that never had a route pays its delay now.
      if (out(i, K.OUT_SENT_BITS) > 0 || out(i, K.OUT_ACTIVE_NS) > 0) setOut(i, K.OUT_STATUS, K.ST_ACTIVE);
      else {
        setOut(i, K.OUT_STATUS, K.ST_LATENT);
        setOut(i, K.OUT_ACTIVE_NS, now + out(i, K.OUT_PATH_NS));
      }
    }
    if (oldLen != unchecked(pathLen[i]) || oldFirst != unchecked(path[i * K.MAX_HOPS]) || oldDelay != out(i, K.OUT_PATH_NS)) {
      if (oldLen > 0) {
        setOut(i, K.OUT_REROUTES, out(i, K.OUT_REROUTES) + 1);
        reroutes++;
      }
    }
  }
}

/** A timed command at the current time; 1 when it applied, 0 when refused (bad target, no change). */
export function apply(kind: i32, target: i32, value: f64): i32 {
  if (kind == K.CMD_OUTAGE) {
    if (target < 0 || target >= nodes || unchecked(nodeUp[target]) == 0) return 0;
    unchecked(nodeUp[target] = 0);
    for (let k = unchecked(adjStart[target]); k < unchecked(adjStart[target + 1]); k++) setLout(unchecked(adjLink[k]), K.LOUT_UP, 0);
    for (let j = 0; j < liveCount; j++) {
      const i = unchecked(live[j]);
      if (<i32>fin(i, K.FLOW_FROM) == target || <i32>fin(i, K.FLOW_TO) == target) {
        setOut(i, K.OUT_STATUS, K.ST_FAILED);
        setOut(i, K.OUT_RATE_GBPS, 0);
        failed++;
      }
    }
    compactLive();
    rerouteAll();
  } else {
    if (target < 0 || target >= links) return 0;
    const l = target;
    if (kind == K.CMD_CUT) {
      if (!linkUp(l)) return 0;
      setLout(l, K.LOUT_UP, 0);
      rerouteAll();
    } else if (kind == K.CMD_RESTORE) {
      const a = <i32>lin(l, K.LINK_FROM);
      const b = <i32>lin(l, K.LINK_TO);
      if (linkUp(l) || unchecked(nodeUp[a]) == 0 || unchecked(nodeUp[b]) == 0) return 0;
      setLout(l, K.LOUT_UP, 1);
      setLout(l, K.LOUT_GBPS, lin(l, K.LINK_GBPS));
      rerouteAll();
    } else if (kind == K.CMD_CAPACITY) {
      if (!(value >= 0 && value <= 1)) return 0;
      setLout(l, K.LOUT_GBPS, lin(l, K.LINK_GBPS) * value);
    } else if (kind == K.CMD_LOSS) {
      if (!(value >= 0 && value < 1)) return 0;
      setLout(l, K.LOUT_LOSS, value);
      for (let j = 0; j < liveCount; j++) if (unchecked(pathLen[live[j]]) > 0) recap(unchecked(live[j]));
    } else return 0;
  }
  events++;
  reshare();
  return 1;
}

export function frame(): usize {
  let active = 0;
  let stalled = 0;
  for (let j = 0; j < liveCount; j++) {
    const s = status(unchecked(live[j]));
    if (s == K.ST_ACTIVE) active++;
    else if (s == K.ST_STALLED) stalled++;
  }
  frameBuf[K.FR_NOW] = now;
  frameBuf[K.FR_EVENTS] = events;
  frameBuf[K.FR_STARTED] = started;
  frameBuf[K.FR_ENDED] = ended;
  frameBuf[K.FR_FAILED] = failed;
  frameBuf[K.FR_RESHARES] = reshares;
  frameBuf[K.FR_ACTIVE] = active;
  frameBuf[K.FR_STALLED] = stalled;
  frameBuf[K.FR_REROUTES] = reroutes;
  frameBuf[K.FR_FILL_ROUNDS] = fillRounds;
  return changetype<usize>(frameBuf);
}

/** Zeroes what reads leave behind (the frame), so reading never changes the state hash. */
export function clearScratch(): void {
  for (let k = 0; k < K.FRAME_SIZE; k++) frameBuf[k] = 0;
}

// Raft / ParallelRaft kernel (specs/parallelraft.md) behind the kernel contract of
// ARCHITECTURE.md: init / apply / advance / frame / query plus an event ring log. Exports
// take and return numbers; bulk data is read by the host through typed-array views.
//
// The only module globals are `cluster` (the state record, set once by `init`) and the
// config block the host fills before `init`; everything lives in linear memory.
import { Cluster } from './cluster';
import {
  CONFIG_SLOTS, CONFIG_VERSION, NODES, MAX_BLOCKS, MAX_OP_BLOCKS, MAX_CLIENTS, MAX_DEPTH,
  LBB_MAX, LOG_CAP, SCRIPT_SLOTS, ROLE_LEADER,
  CFG_VERSION, CFG_MODE, CFG_CLIENTS, CFG_IODEPTH, CFG_BLOCKS, CFG_MIN_BLOCKS, CFG_MAX_BLOCKS, CFG_READ_PERMILLE,
  CFG_CONNECTIONS, CFG_NET_BASE_NS, CFG_NET_JITTER_NS, CFG_NET_SPREAD_PERMILLE, CFG_NET_NS_PER_KB, CFG_CPU_MSG_NS,
  CFG_CPU_ENTRY_NS, CFG_WAL_BASE_NS, CFG_WAL_JITTER_NS, CFG_WAL_CHANNELS, CFG_WAL_NS_PER_KB, CFG_CLIENT_NET_NS,
  CFG_ELECTION_MIN_NS, CFG_ELECTION_MAX_NS, CFG_HEARTBEAT_NS, CFG_TICK_NS, CFG_RTO_NS, CFG_CLIENT_TIMEOUT_NS,
  CFG_LBB_N, CFG_OPTIONS, CFG_INITIAL_LEADER, CFG_SAMPLE_NS, CFG_THINK_NS, CFG_CHECKPOINT_NS, CFG_RETRY_NS,
  CMD_CRASH, CMD_RESTART, CMD_PARTITION, CMD_ONEWAY, CMD_HEAL, CMD_DELAY, CMD_LOSS, CMD_DUPLICATE, CMD_REORDER,
  CMD_LIMP, CMD_ELECT, CMD_WRITE, CMD_READ, CMD_IODEPTH, CMD_CHECKPOINT, CMD_SETTLE, LOG_COMMAND, SERIES_CAP,
  EV_DISK_DONE, EV_CLIENT_REQ, EV_TICK, EV_ELECTION_TIMER, EV_FIRST_LOCAL, OP_WRITE, OP_READ, LOG_MSG_RECV, LOG_MSG_DROP,
  OPT_TRACE_MESSAGES, V_NONE, CU_FIELDS, MAX_PIECES, FRAME_SIZE, FRAME_NODE_BASE, FRAME_NODE_FIELDS,
  FR_NOW, FR_EVENTS, FR_MODE, FR_LEADER, FR_OK_WRITES, FR_OK_READS, FR_FAILED_OPS, FR_TIMED_OUT, FR_P50, FR_P99, FR_P999,
  FR_MSG_SENT, FR_MSG_DELIVERED, FR_MSG_DROPPED, FR_REJECTS, FR_RESENDS, FR_ELECTIONS, FR_COMMITS, FR_VIOLATION, FR_V_TIME,
  FR_V_A, FR_V_B, FR_V_C, FR_COMMITS_CHECKED, FR_APPLIES_CHECKED, FR_READS_CHECKED, FR_ACKS_CHECKED, FR_ELECTIONS_CHECKED,
  FR_UNVERIFIED, FR_HISTORY_TOTAL, FR_LOG_TOTAL, FR_SERIES_COUNT, FR_OVERFLOW, FR_HEAP_SIZE, FR_WRITES, FR_READ_VALUES_TOTAL,
  FR_IODEPTH, FR_BLOCKS, FR_MEASURED_OPS, FR_MEASURE_FROM, FR_SETTLE, FR_REPLICAS_CONVERGED, FR_LBBS_CHECKED,
  FR_SYNCS_CHECKED, FR_MAX_COMMITTED, FN_UP, FN_ROLE, FN_TERM, FN_VOTED_FOR, FN_LAST_INDEX, FN_COMMIT_INDEX, FN_APPLIED,
  FN_CHECKPOINT, FN_SYNC_TERM, FN_PENDING, FN_DISK_FACTOR, FN_LEADER_HINT, FN_MERGE_END, FN_CONTIG_KNOWN,
  FN_PERSISTED_PREFIX, FN_EPOCH,
} from './constants';
import { rngSeed } from '../lib/rng';
import { RNG_XOSHIRO } from '../lib/rngKinds';
import { settle, checkConvergence, SETTLE_WAITING } from './settle';
import { at, freeEvent, eventAt, EV_KIND, EV_NODE, EV_FROM, EV_TERM, EV_A, EV_B, EV_C, EV_D, EV_EPOCH } from '../lib/events';
import { waitForThread, takeNext, nextTime, TAKEN_CHARGED, TAKEN_EVENT } from '../lib/cpu';
import { MAX_CONNECTIONS, LINK_DROP, LINK_LOSS, LINK_DUP, LINK_REORDER, LINK_DELAY } from '../lib/links';
import { MAX_WAL_CHANNELS } from '../lib/disks';
import { uniform } from '../lib/draws';
import { handlingCost } from './sim';
import { onMessage, onClientArrival } from './dispatch';
import { onDiskDone } from './persist';
import { onElectionTimer, bootstrapLeader } from './election';
import { nodeTick } from './heartbeat';
import { drawElectionTimeout, resetElectionTimer, takeCheckpoint } from './roles';
import { clientTimeouts, fillDepth, issueOp, SCRIPT_BASE } from './clients';
import { crash, restart, linkFault, heal, limp, elect } from './faults';
import { slotStatus } from './logstore';

let cluster!: Cluster;
let config: StaticArray<f64> | null = null;
let strip: StaticArray<u8> | null = null;
/** Where the state ends: nothing is allocated after init, so memory past here is never written. */
let allocatedEnd: usize = 0;

/** The config block the host fills (CONFIG_SLOTS f64, order in constants.ts) before `init`. */
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

/** Builds the world. Returns 0, or -1 for a config block from another kernel version. */
export function init(seed: f64): i32 {
  if (config == null || <i32>cfg(CFG_VERSION) != CONFIG_VERSION) return -1;
  const blocks = clampI(cfg(CFG_BLOCKS), MAX_OP_BLOCKS, MAX_BLOCKS);
  const c = new Cluster(blocks);
  cluster = c;
  // Scratch for stripFill, allocated here so that every snapshot (taken after init) holds it:
  // allocating on first use would leave a restored base snapshot pointing past its heap.
  if (strip == null) strip = new StaticArray<u8>(LOG_CAP);
  c.mode = clampI(cfg(CFG_MODE), 0, 2);
  c.options = <i32>cfg(CFG_OPTIONS);
  c.clients = clampI(cfg(CFG_CLIENTS), 0, MAX_CLIENTS);
  c.iodepth = clampI(cfg(CFG_IODEPTH), 0, MAX_DEPTH);
  c.minBlocks = clampI(cfg(CFG_MIN_BLOCKS), 1, MAX_OP_BLOCKS);
  c.maxBlocks = clampI(cfg(CFG_MAX_BLOCKS), c.minBlocks, MAX_OP_BLOCKS);
  c.readPermille = clampI(cfg(CFG_READ_PERMILLE), 0, 1000);
  c.connections = clampI(cfg(CFG_CONNECTIONS), 1, MAX_CONNECTIONS);
  c.netBase = <i64>cfg(CFG_NET_BASE_NS);
  c.netJitter = <i64>cfg(CFG_NET_JITTER_NS);
  c.netNsPerKb = <i64>cfg(CFG_NET_NS_PER_KB);
  c.cpuMsg = <i64>cfg(CFG_CPU_MSG_NS);
  c.cpuEntry = <i64>cfg(CFG_CPU_ENTRY_NS);
  c.walBase = <i64>cfg(CFG_WAL_BASE_NS);
  c.walJitter = <i64>cfg(CFG_WAL_JITTER_NS);
  c.walChannels = clampI(cfg(CFG_WAL_CHANNELS), 1, MAX_WAL_CHANNELS);
  c.walNsPerKb = <i64>cfg(CFG_WAL_NS_PER_KB);
  c.clientNet = <i64>cfg(CFG_CLIENT_NET_NS);
  c.electionMin = <i64>cfg(CFG_ELECTION_MIN_NS);
  c.electionMax = <i64>cfg(CFG_ELECTION_MAX_NS);
  if (c.electionMax < c.electionMin) c.electionMax = c.electionMin;
  c.heartbeat = <i64>cfg(CFG_HEARTBEAT_NS);
  c.tick = <i64>cfg(CFG_TICK_NS);
  if (c.tick < 1000) c.tick = 1000;
  c.rto = <i64>cfg(CFG_RTO_NS);
  c.clientTimeout = <i64>cfg(CFG_CLIENT_TIMEOUT_NS);
  c.lbbN = clampI(cfg(CFG_LBB_N), 0, LBB_MAX);
  c.sampleNs = <i64>cfg(CFG_SAMPLE_NS);
  if (c.sampleNs < c.tick) c.sampleNs = c.tick;
  c.thinkNs = <i64>cfg(CFG_THINK_NS);
  c.checkpointNs = <i64>cfg(CFG_CHECKPOINT_NS);
  c.retryNs = <i64>cfg(CFG_RETRY_NS);
  rngSeed(c.rng, RNG_XOSHIRO, <i64>seed);

  // Each connection of each ordered pair gets its own base latency (spec §1.6).
  const spread = cfg(CFG_NET_SPREAD_PERMILLE) / 1000.0;
  for (let p = 0; p < NODES * NODES; p++) {
    for (let k = 0; k < MAX_CONNECTIONS; k++) {
      const f = 1.0 + spread * (2.0 * uniform(c) - 1.0);
      c.connBase[p * MAX_CONNECTIONS + k] = <i64>(<f64>c.netBase * f);
    }
  }
  for (let n = 0; n < NODES; n++) {
    c.up[n] = 1;
    c.votedFor[n] = -1;
    c.leaderHint[n] = -1;
    c.diskFactor[n] = 1000;
    c.nextCheckpointAt[n] = c.checkpointNs;
  }
  const slots = MAX_CLIENTS * MAX_DEPTH + SCRIPT_SLOTS;
  for (let s = 0; s < slots; s++) c.opNode[s] = -1;
  const leader = <i32>cfg(CFG_INITIAL_LEADER);
  if (leader >= 0 && leader < NODES) bootstrapLeader(c, leader);
  for (let n = 0; n < NODES; n++) {
    drawElectionTimeout(c, n);
    resetElectionTimer(c, n);
  }
  for (let k = 0; k <= MAX_CLIENTS; k++) c.clientGuess[k] = leader >= 0 && leader < NODES ? leader : 0;
  c.nextSampleAt = c.sampleNs;
  at(c, c.tick, EV_TICK, 0, 0, 0, 0, 0);
  fillDepth(c);
  // The allocator's next address (a one-byte block, header included): the end of the state.
  allocatedEnd = __alloc(1) + 1;
  return 0;
}

/**
 * Bytes of linear memory a snapshot must copy. The allocator grows memory by doubling, so a
 * quarter of it or more is never used; snapshots leave that out.
 */
export function stateEnd(): usize {
  return allocatedEnd;
}

/** Applies one command at the current simulated time; returns 0, or -1 for bad arguments. */
export function apply(kind: i32, a: i32, b: i32, cc: i32, d: i32): i32 {
  const c = cluster;
  const nodeOk = a >= 0 && a < NODES;
  const peerOk = b >= -1 && b < NODES && b != a;
  switch (kind) {
    case CMD_CRASH: if (!nodeOk) return -1; crash(c, a, b != 0); break;
    case CMD_RESTART: if (!nodeOk) return -1; restart(c, a); break;
    case CMD_PARTITION: if (!nodeOk || !peerOk) return -1; linkFault(c, a, b, LINK_DROP, 1, true); break;
    case CMD_ONEWAY: if (!nodeOk || !peerOk || b < 0) return -1; linkFault(c, a, b, LINK_DROP, 1, false); break;
    case CMD_HEAL: if (a >= NODES || b >= NODES) return -1; heal(c, a, b); break;
    case CMD_DELAY: if (!nodeOk || !peerOk || cc < 0) return -1; linkFault(c, a, b, LINK_DELAY, <i64>cc, d != 0); break;
    case CMD_LOSS: if (!nodeOk || !peerOk || cc < 0 || cc > 1000) return -1; linkFault(c, a, b, LINK_LOSS, <i64>cc, d != 0); break;
    case CMD_DUPLICATE: if (!nodeOk || !peerOk || cc < 0 || cc > 1000) return -1; linkFault(c, a, b, LINK_DUP, <i64>cc, d != 0); break;
    case CMD_REORDER: if (!nodeOk || !peerOk || cc < 0 || cc > 1000) return -1; linkFault(c, a, b, LINK_REORDER, <i64>cc, d != 0); break;
    case CMD_LIMP: if (!nodeOk || b < 1) return -1; limp(c, a, b); break;
    case CMD_ELECT: if (!nodeOk) return -1; elect(c, a); break;
    case CMD_WRITE:
    case CMD_READ: {
      if (a < 0 || b < 1 || b > MAX_OP_BLOCKS || a + b > c.blocks) return -1;
      const slot = SCRIPT_BASE + (c.scriptNext++ % SCRIPT_SLOTS);
      issueOp(c, slot, c.now, kind == CMD_WRITE ? OP_WRITE : OP_READ, a, b);
      break;
    }
    case CMD_IODEPTH: if (a < 0 || a > MAX_DEPTH) return -1; c.iodepth = a; fillDepth(c); break;
    case CMD_SETTLE: settle(c); break;
    case CMD_CHECKPOINT: {
      if (a >= NODES) return -1;
      for (let n = 0; n < NODES; n++) if (a < 0 || n == a) takeCheckpoint(c, n, true);
      break;
    }
    default: return -1;
  }
  c.log.write(c.now, LOG_COMMAND, kind, a, b);
  return 0;
}

function sample(c: Cluster): void {
  const i = c.seriesCount % SERIES_CAP;
  c.seriesTime[i] = c.now;
  c.seriesOps[i] = c.sampleOps;
  c.seriesP50[i] = c.sampleLatency.percentile(0.5);
  c.seriesP99[i] = c.sampleLatency.percentile(0.99);
  c.seriesP999[i] = c.sampleLatency.percentile(0.999);
  c.seriesCount++;
  c.sampleOps = 0;
  c.sampleLatency.clear();
}

function tick(c: Cluster): void {
  for (let n = 0; n < NODES; n++) nodeTick(c, n);
  clientTimeouts(c);
  if (c.settling == SETTLE_WAITING) checkConvergence(c);
  if (c.now >= c.nextSampleAt) {
    sample(c);
    c.nextSampleAt += c.sampleNs;
  }
  at(c, c.now + c.tick, EV_TICK, 0, 0, 0, 0, 0);
}

/** Handles one event whose time has come; `charged` = it waited for its node's thread. */
function dispatch(c: Cluster, e: i32, time: i64, charged: bool): void {
  const r = eventAt(c, e);
  const kind = load<i32>(r, EV_KIND);
  const node = load<i32>(r, EV_NODE);
  const a = load<i32>(r, EV_A);
  const b = load<i32>(r, EV_B);
  const cc = load<i32>(r, EV_C);
  const d = load<i32>(r, EV_D);
  const stale = load<i32>(r, EV_EPOCH) != unchecked(c.epoch[node]);
  if ((kind < EV_FIRST_LOCAL || kind == EV_CLIENT_REQ) && !stale && unchecked(c.up[node]) != 0) {
    const cost = handlingCost(c, kind, b);
    // Each node has one processing thread: a message is handled when the thread reaches it.
    if (!charged && waitForThread(c, node, e, time, cost)) return;
    c.effectAt = time + cost;
  }
  if (kind < EV_FIRST_LOCAL) {
    const from = load<i32>(r, EV_FROM);
    const term = load<i32>(r, EV_TERM);
    freeEvent(c, e);
    if (stale || unchecked(c.up[node]) == 0) {
      c.msgDropped++;
      if ((c.options & OPT_TRACE_MESSAGES) != 0) c.log.write(time, LOG_MSG_DROP, from | (node << 4) | (kind << 8), a, term);
    } else {
      c.msgDelivered++;
      if ((c.options & OPT_TRACE_MESSAGES) != 0) c.log.write(time, LOG_MSG_RECV, from | (node << 4) | (kind << 8), a, term);
      onMessage(c, kind, node, from, term, a, b, cc, d);
    }
    return;
  }
  freeEvent(c, e);
  switch (kind) {
    case EV_DISK_DONE: if (!stale && unchecked(c.up[node]) != 0) onDiskDone(c, node, a, b, cc, d); break;
    case EV_CLIENT_REQ: onClientArrival(c, node, a, b); break;
    case EV_TICK: tick(c); break;
    case EV_ELECTION_TIMER: if (!stale) onElectionTimer(c, node); break;
    default: break;
  }
}

/**
 * Runs events with time <= untilNs, at most maxEvents of them; returns the number run. Events
 * come from the heap and from the nodes' thread queues, earliest first (heap first on ties).
 * Stops early at the first checker violation (the clock stays at the violating event) or overflow.
 */
export function advance(untilNs: f64, maxEvents: i32): i32 {
  const c = cluster;
  const until = <i64>untilNs;
  let done = 0;
  const k = c.checker;
  if (k.violation != V_NONE || c.overflow != 0) return 0;
  while (done < maxEvents) {
    const next = takeNext(c, until, NODES);
    if (next < 0) break;
    done++;
    dispatch(c, next & TAKEN_EVENT, c.now, (next & TAKEN_CHARGED) != 0);
    if (k.violation != V_NONE || c.overflow != 0) break;
  }
  c.processed += done;
  if (k.violation == V_NONE && c.overflow == 0 && until > c.now && nextTime(c) > until) c.now = until;
  return done;
}

/** The current leader (highest term among live leaders), or -1. */
function currentLeader(c: Cluster): i32 {
  let best = -1;
  for (let n = 0; n < NODES; n++) {
    if (c.up[n] != 0 && c.role[n] == ROLE_LEADER && (best < 0 || c.term[n] > c.term[best])) best = n;
  }
  return best;
}

/** Writes the summary record and returns its address (layout: FR_* and FN_* in constants.ts). */
export function frame(): usize {
  const c = cluster;
  const f = c.frame;
  const k = c.checker;
  f[FR_NOW] = <f64>c.now;
  f[FR_EVENTS] = <f64>c.processed;
  f[FR_MODE] = <f64>c.mode;
  f[FR_LEADER] = <f64>currentLeader(c);
  f[FR_OK_WRITES] = <f64>c.okWrites;
  f[FR_OK_READS] = <f64>c.okReads;
  f[FR_FAILED_OPS] = <f64>c.failedOps;
  f[FR_TIMED_OUT] = <f64>c.timedOut;
  f[FR_P50] = <f64>c.latency.percentile(0.5);
  f[FR_P99] = <f64>c.latency.percentile(0.99);
  f[FR_P999] = <f64>c.latency.percentile(0.999);
  f[FR_MSG_SENT] = <f64>c.msgSent;
  f[FR_MSG_DELIVERED] = <f64>c.msgDelivered;
  f[FR_MSG_DROPPED] = <f64>c.msgDropped;
  f[FR_REJECTS] = <f64>c.rejects;
  f[FR_RESENDS] = <f64>c.resends;
  f[FR_ELECTIONS] = <f64>c.elections;
  f[FR_COMMITS] = <f64>c.commits;
  f[FR_VIOLATION] = <f64>k.violation;
  f[FR_V_TIME] = <f64>k.vTime;
  f[FR_V_A] = <f64>k.vA;
  f[FR_V_B] = <f64>k.vB;
  f[FR_V_C] = <f64>k.vC;
  f[FR_COMMITS_CHECKED] = <f64>k.commitsChecked;
  f[FR_APPLIES_CHECKED] = <f64>k.appliesChecked;
  f[FR_READS_CHECKED] = <f64>k.readsChecked;
  f[FR_ACKS_CHECKED] = <f64>k.acksChecked;
  f[FR_ELECTIONS_CHECKED] = <f64>k.electionsChecked;
  f[FR_UNVERIFIED] = <f64>k.unverified;
  f[FR_HISTORY_TOTAL] = <f64>c.historyTotal;
  f[FR_LOG_TOTAL] = <f64>c.log.total;
  f[FR_SERIES_COUNT] = <f64>c.seriesCount;
  f[FR_OVERFLOW] = <f64>c.overflow;
  f[FR_HEAP_SIZE] = <f64>c.heap.size;
  f[FR_WRITES] = <f64>c.writeCounter;
  f[FR_READ_VALUES_TOTAL] = <f64>c.readValuesTotal;
  f[FR_IODEPTH] = <f64>c.iodepth;
  f[FR_BLOCKS] = <f64>c.blocks;
  f[FR_MEASURED_OPS] = <f64>c.latency.total;
  f[FR_MEASURE_FROM] = <f64>c.measureFrom;
  f[FR_SETTLE] = <f64>c.settling;
  f[FR_REPLICAS_CONVERGED] = <f64>k.replicasConverged;
  f[FR_LBBS_CHECKED] = <f64>k.lbbsChecked;
  f[FR_SYNCS_CHECKED] = <f64>k.syncsChecked;
  f[FR_MAX_COMMITTED] = <f64>k.maxCommitted;
  for (let n = 0; n < NODES; n++) {
    const o = FRAME_NODE_BASE + n * FRAME_NODE_FIELDS;
    f[o + FN_UP] = <f64>c.up[n];
    f[o + FN_ROLE] = <f64>c.role[n];
    f[o + FN_TERM] = <f64>c.term[n];
    f[o + FN_VOTED_FOR] = <f64>c.votedFor[n];
    f[o + FN_LAST_INDEX] = <f64>c.lastIndex[n];
    f[o + FN_COMMIT_INDEX] = <f64>c.commitIndex[n];
    f[o + FN_APPLIED] = <f64>c.appliedPrefix[n];
    f[o + FN_CHECKPOINT] = <f64>c.checkpoint[n];
    f[o + FN_SYNC_TERM] = <f64>c.syncTerm[n];
    f[o + FN_PENDING] = <f64>c.pendingCount[n];
    f[o + FN_DISK_FACTOR] = <f64>c.diskFactor[n];
    f[o + FN_LEADER_HINT] = <f64>c.leaderHint[n];
    f[o + FN_MERGE_END] = <f64>c.mergeEnd[n];
    f[o + FN_CONTIG_KNOWN] = <f64>c.contigKnown[n];
    f[o + FN_PERSISTED_PREFIX] = <f64>c.persistedPrefix[n];
    f[o + FN_EPOCH] = <f64>c.epoch[n];
  }
  return changetype<usize>(f);
}

/** The simulated clock (ns), without building a frame: the host asks between every slice. */
export function nowNs(): f64 {
  return <f64>cluster.now;
}

/** 1 once a checker violation or an overflow has stopped the run. */
export function halted(): i32 {
  return cluster.checker.violation != V_NONE || cluster.overflow != 0 ? 1 : 0;
}

/** Records ever written to the event log, catch-up records among them, and history records. */
export function logRecordsTotal(): f64 {
  return <f64>cluster.log.total;
}

export function catchUpRecordsTotal(): f64 {
  return <f64>cluster.catchUpRecords;
}

export function historyRecordsTotal(): f64 {
  return <f64>cluster.historyTotal;
}

/** Named facts by id (names in src/kernels/raft/protocol.ts QUERIES). */
export function query(id: i32): f64 {
  return unchecked(changetype<StaticArray<f64>>(frame())[id]);
}

/** Starts IOPS and latency measurement now (after a warm-up). */
export function measureFromNow(): void {
  const c = cluster;
  c.measureFrom = c.now;
  c.okWrites = 0;
  c.okReads = 0;
  c.latency.clear();
}

/** Fills `count` view codes for node's log from index `from` (see logstore slotStatus). */
export function stripFill(node: i32, from: i32, count: i32): usize {
  if (strip == null) strip = new StaticArray<u8>(LOG_CAP);
  const out = strip!;
  const n = count < LOG_CAP ? count : LOG_CAP;
  for (let i = 0; i < n; i++) out[i] = <u8>slotStatus(cluster, node, from + i);
  return changetype<usize>(out);
}

// ---- typed views for the host ----
export function logTimesPtr(): usize { return changetype<usize>(cluster.log.times); }
export function logFieldsPtr(): usize { return changetype<usize>(cluster.log.fields); }
export function logCapacity(): i32 { return cluster.log.capacity; }
export function historyClientPtr(): usize { return changetype<usize>(cluster.hClient); }
export function historyKindPtr(): usize { return changetype<usize>(cluster.hKind); }
export function historyLbaPtr(): usize { return changetype<usize>(cluster.hLba); }
export function historyLenPtr(): usize { return changetype<usize>(cluster.hLen); }
export function historyValuePtr(): usize { return changetype<usize>(cluster.hValue); }
export function historyOkPtr(): usize { return changetype<usize>(cluster.hOk); }
export function historyInvokePtr(): usize { return changetype<usize>(cluster.hInvoke); }
export function historyCompletePtr(): usize { return changetype<usize>(cluster.hComplete); }
export function historyReadAtPtr(): usize { return changetype<usize>(cluster.hReadAt); }
export function readValuesPtr(): usize { return changetype<usize>(cluster.readValues); }
export function seriesTimePtr(): usize { return changetype<usize>(cluster.seriesTime); }
export function seriesOpsPtr(): usize { return changetype<usize>(cluster.seriesOps); }
export function seriesP50Ptr(): usize { return changetype<usize>(cluster.seriesP50); }
export function seriesP99Ptr(): usize { return changetype<usize>(cluster.seriesP99); }
export function seriesP999Ptr(): usize { return changetype<usize>(cluster.seriesP999); }
export function lgIndexPtr(): usize { return changetype<usize>(cluster.lgIndex); }
export function lgTermPtr(): usize { return changetype<usize>(cluster.lgTerm); }
export function lgValuePtr(): usize { return changetype<usize>(cluster.lgValue); }
export function lgLbaPtr(): usize { return changetype<usize>(cluster.lgLba); }
export function lgLenPtr(): usize { return changetype<usize>(cluster.lgLen); }
export function lgLbbPtr(): usize { return changetype<usize>(cluster.lgLbb); }
export function lgStatePtr(): usize { return changetype<usize>(cluster.lgState); }
export function lgAckPtr(): usize { return changetype<usize>(cluster.lgAck); }
export function dataPtr(): usize { return changetype<usize>(cluster.data); }
/** Per follower, its latest catch-up (CU_FIELDS f64 each; CU_* slots in constants.ts). */
export function catchUpInfoPtr(): usize { return changetype<usize>(cluster.cuInfo); }
/** Per node, the streaming pieces it holds of its current catch-up (MAX_PIECES bytes each). */
export function catchUpPiecesPtr(): usize { return changetype<usize>(cluster.rxGot); }
export function catchUpFields(): i32 { return CU_FIELDS; }
export function maxPieces(): i32 { return MAX_PIECES; }
export function blockCount(): i32 { return cluster.blocks; }
export function logCap(): i32 { return LOG_CAP; }
export function lbbMax(): i32 { return LBB_MAX; }

/** Zeroes read-only scratch (frame, strip) so a memory hash depends on the state alone. */
export function clearScratch(): void {
  memory.fill(changetype<usize>(cluster.frame), 0, <usize>FRAME_SIZE << 3);
  if (strip != null) memory.fill(changetype<usize>(strip!), 0, <usize>LOG_CAP);
}

/** Traps on purpose, to exercise the host's recovery path. */
export function debugTrap(): void {
  unreachable();
}

// The whole state of one replicated chunk: three ChunkServers, their logs and data blocks,
// the network between them, the clients and the event queue. One record whose fields point
// at arrays allocated once in `init`; nothing allocates afterwards, so a copy of linear
// memory is a complete snapshot and copying it back restores the run exactly.
import { EventHeap } from '../lib/eventHeap';
import { EVENT_FIELDS, fillFreeList } from '../lib/events';
import { THREAD_QUEUE_CAP } from '../lib/cpu';
import { MAX_CONNECTIONS } from '../lib/links';
import { MAX_WAL_CHANNELS } from '../lib/disks';
import { RingLog } from '../lib/ringLog';
import { LatencyHistogram } from '../lib/latencyHistogram';
import { ExponentialTable } from '../lib/exponential';
import {
  NODES, LOG_CAP, LBB_MAX, EVENT_CAP, ARENA_CAP, HISTORY_CAP,
  READ_VALUES_CAP, SERIES_CAP, MAX_CLIENTS, MAX_DEPTH, SCRIPT_SLOTS, MAX_PIECES, CU_FIELDS, FRAME_SIZE,
} from './constants';
import { Checker } from './checker';

/** i32 fields per event record (kind, node, from, term, a, b, c, d, epoch). */

export const OP_SLOTS: i32 = MAX_CLIENTS * MAX_DEPTH + SCRIPT_SLOTS;

export class Cluster {
  // ---- configuration (fixed after init unless a command changes it) ----
  mode: i32 = 0;
  options: i32 = 0;
  clients: i32 = 1;
  iodepth: i32 = 1;
  blocks: i32 = 0;
  /** settle.ts: 0 running, 1 settling (clients stopped, waiting for catch-up), 2 compared. */
  settling: i32 = 0;
  minBlocks: i32 = 1;
  maxBlocks: i32 = 1;
  readPermille: i32 = 0;
  connections: i32 = 1;
  netBase: i64 = 0;
  netJitter: i64 = 0;
  netNsPerKb: i64 = 0;
  cpuMsg: i64 = 0;
  cpuEntry: i64 = 0;
  walBase: i64 = 0;
  walJitter: i64 = 0;
  walChannels: i32 = 1;
  walNsPerKb: i64 = 0;
  clientNet: i64 = 0;
  electionMin: i64 = 0;
  electionMax: i64 = 0;
  heartbeat: i64 = 0;
  tick: i64 = 0;
  rto: i64 = 0;
  clientTimeout: i64 = 0;
  lbbN: i32 = 2;
  sampleNs: i64 = 0;
  thinkNs: i64 = 0;
  checkpointNs: i64 = 0;
  retryNs: i64 = 0;

  // ---- clock and queue ----
  now: i64 = 0;
  /** When the message being handled finishes on its node's thread: its effects leave then. */
  effectAt: i64 = 0;
  processed: i64 = 0;
  rng: StaticArray<i64>;
  /** Inverse-CDF table for the network and WAL jitter draws (constant after init). */
  expTable: ExponentialTable;
  heap: EventHeap;
  /**
   * Event records, one after another (EV_RECORD_BYTES each; fields at the EV_* offsets in
   * sim.ts). An event is written once and read once, so keeping its fields side by side means
   * one base address and one cache line per event instead of nine of each.
   */
  events: StaticArray<i32>;
  evFree: StaticArray<i32>;
  evFreeTop: i32 = 0;
  /** Per-node FIFO of messages waiting for the node's thread: event id and reserved start time. */
  qEvent: StaticArray<i32>;
  qStart: StaticArray<i64>;
  qHead: StaticArray<i32>;
  qCount: StaticArray<i32>;
  /** The earliest queue head over all nodes (i64.MAX_VALUE when every queue is empty) and its node. */
  qFirstStart: i64 = i64.MAX_VALUE;
  qFirstNode: i32 = -1;
  /** Set when the event pool or heap overflowed: the run cannot continue faithfully. */
  overflow: i32 = 0;

  // ---- nodes ----
  up: StaticArray<i32>;
  epoch: StaticArray<i32>;
  role: StaticArray<i32>;
  term: StaticArray<i32>;
  votedFor: StaticArray<i32>;
  votes: StaticArray<i32>;
  leaderHint: StaticArray<i32>;
  electionDeadline: StaticArray<i64>;
  /** The node's randomized election timeout for its current term (ns). */
  electionTimeout: StaticArray<i64>;
  timerPending: StaticArray<i32>;
  lastLeaderContact: StaticArray<i64>;
  /** ParallelRaft-CE `sync`: the latest term whose window this node holds in synced form. */
  syncTerm: StaticArray<i32>;
  /** Highest index present (or known) in the node's log. */
  lastIndex: StaticArray<i32>;
  /** Raft: commitIndex. ParallelRaft: every index <= this is known committed (or skipped). */
  commitIndex: StaticArray<i32>;
  /** Every index <= this is applied (or skipped, or below the checkpoint). */
  appliedPrefix: StaticArray<i32>;
  /** The node's checkpoint (spec §1.3): taken periodically from appliedPrefix. */
  checkpoint: StaticArray<i32>;
  /** Raft: every index <= this is persisted. */
  persistedPrefix: StaticArray<i32>;
  /** Raft: the follower's log is known to match the current leader's up to here. */
  verifiedUpTo: StaticArray<i32>;
  /** Every index <= this is present, applied, skipped or LBA-known (apply rule (b)). */
  contigKnown: StaticArray<i32>;
  cpuFree: StaticArray<i64>;
  /**
   * The node came back with an empty disk (`crash N wipe`) and has not caught up yet: it neither
   * votes nor runs for leader, since its empty log would make any candidate look up to date.
   */
  recovering: StaticArray<i32>;
  /** Disk service time multiplier, permille (1000 = healthy; `limp`). */
  diskFactor: StaticArray<i32>;
  /** Entries committed but waiting on the LBB rules. */
  pendingCount: StaticArray<i32>;
  /** Leader candidate: nodes whose merge reply arrived (bit per node). */
  mergeMask: StaticArray<i32>;
  /** Leader candidate: nodes that persisted the merged window. */
  syncMask: StaticArray<i32>;
  mergeFrom: StaticArray<i32>;
  mergeEnd: StaticArray<i32>;
  /** Raft leader: first index of its own term (reads wait until it commits). */
  termFirstIndex: StaticArray<i32>;
  /** Leader can serve clients (ParallelRaft: promoted after sync). */
  leaderReady: StaticArray<i32>;
  nextCheckpointAt: StaticArray<i64>;
  heartbeatAt: StaticArray<i64>;
  leaderSince: StaticArray<i64>;

  // ---- leader's view of each follower: [leader * NODES + follower] ----
  nextIndex: StaticArray<i32>;
  matchIndex: StaticArray<i32>;
  ackFloor: StaticArray<i32>;
  contact: StaticArray<i64>;
  resendFrom: StaticArray<i32>;
  resendAt: StaticArray<i64>;
  syncSentAt: StaticArray<i64>;
  commitSent: StaticArray<i32>;
  /** Raft: the follower rejected an append; pipelining waits for its next success (etcd's probe state). */
  probing: StaticArray<i32>;

  // ---- logs: [node * LOG_CAP + (index & LOG_MASK)] ----
  lgIndex: StaticArray<i32>;
  lgTerm: StaticArray<i32>;
  lgValue: StaticArray<i32>;
  lgLba: StaticArray<i32>;
  lgLen: StaticArray<i32>;
  lgPrevTerm: StaticArray<i32>;
  /** LBB_MAX (lba, len) pairs per slot. */
  lgLbb: StaticArray<i32>;
  lgState: StaticArray<u8>;
  /** Leader: bit per node that persisted this exact (term, index). */
  lgAck: StaticArray<u8>;
  lgOpSlot: StaticArray<i32>;
  lgOpGen: StaticArray<i32>;
  lgSentAt: StaticArray<i64>;

  // ---- data blocks: [node * blocks + block] ----
  data: StaticArray<i32>;
  cover: StaticArray<i32>;

  // ---- catch-up (spec §1.4; catchup.ts, triggered from replication.ts and heartbeat.ts) ----
  // What a leader's catch-up carries to follower f, staged when it starts ([f * blocks + block]):
  // the data blocks (all for streaming, the hole blocks for fast catch-up) and which to copy.
  installData: StaticArray<i32>;
  stageMask: StaticArray<u8>;
  stageSession: StaticArray<i32>;
  stageCase: StaticArray<i32>;
  /** The data copy makes the follower applied through here; the log part starts after it. */
  installCheckpoint: StaticArray<i32>;
  /** Fast catch-up: the leader's checkpoint LC and the follower's applied prefix FA it was planned from. */
  stageLc: StaticArray<i32>;
  stageFa: StaticArray<i32>;
  /** Sessions are numbered across the run, so a follower can tell a newer one from an older one. */
  catchUpSerial: i32 = 0;
  // The leader's session per follower [leader * NODES + follower].
  cuState: StaticArray<i32>;
  cuCase: StaticArray<i32>;
  cuSession: StaticArray<i32>;
  cuEpoch: StaticArray<i32>;
  cuTerm: StaticArray<i32>;
  cuStartAt: StaticArray<i64>;
  cuProgressAt: StaticArray<i64>;
  cuInstallAt: StaticArray<i64>;
  /** The log part, captured with the data when the session started: arena records, count, last index, bytes. */
  cuArena: StaticArray<i32>;
  cuCount: StaticArray<i32>;
  cuEnd: StaticArray<i32>;
  cuBytes: StaticArray<i32>;
  cuPieces: StaticArray<i32>;
  /** Pieces sent at least once (0..cuNext-1) and pieces the follower acknowledged. */
  cuNext: StaticArray<i32>;
  cuAcked: StaticArray<i32>;
  /** What the follower reported when the session started (FA, FL, FC word): a restart reuses it. */
  cuFa: StaticArray<i32>;
  cuFl: StaticArray<i32>;
  cuWord: StaticArray<i32>;
  /** The follower was unreachable for an election timeout: it comes back to a catch-up check, not retransmission. */
  cuAway: StaticArray<i32>;
  /** Raft: the applied prefix and checkpoint the follower last reported. */
  peerApplied: StaticArray<i32>;
  /** Raft: the follower's restart count (epoch) as its latest response told the leader. */
  peerEpoch: StaticArray<i32>;
  peerCheckpoint: StaticArray<i32>;
  /** Per piece of each pair's session [pair * MAX_PIECES + piece]. */
  pieceAcked: StaticArray<u8>;
  pieceSentAt: StaticArray<i64>;
  // The follower's side of a streaming catch-up [node] and the pieces it holds [node * MAX_PIECES + piece].
  rxSession: StaticArray<i32>;
  rxEpoch: StaticArray<i32>;
  rxPieces: StaticArray<i32>;
  rxCount: StaticArray<i32>;
  rxLastAt: StaticArray<i64>;
  rxGot: StaticArray<u8>;
  /** The last catch-up session this node installed (a repeated install is only acknowledged). */
  installedSession: StaticArray<i32>;
  /** Per follower, its latest catch-up as views show it (CU_* slots in constants.ts). */
  cuInfo: StaticArray<f64>;

  // ---- network: connections per ordered pair [(from * NODES + to) * MAX_CONNECTIONS + k] ----
  connBase: StaticArray<i64>;
  connLast: StaticArray<i64>;
  connNext: StaticArray<i32>;
  linkDrop: StaticArray<i32>;
  linkLoss: StaticArray<i32>;
  linkDup: StaticArray<i32>;
  linkReorder: StaticArray<i32>;
  linkDelay: StaticArray<i64>;
  walFree: StaticArray<i64>;

  // ---- entry records carried by messages ----
  arIndex: StaticArray<i32>;
  arTerm: StaticArray<i32>;
  arValue: StaticArray<i32>;
  arLba: StaticArray<i32>;
  arLen: StaticArray<i32>;
  arPrevTerm: StaticArray<i32>;
  arState: StaticArray<u8>;
  arLbb: StaticArray<i32>;
  arenaHead: i32 = 0;

  // ---- clients ----
  opActive: StaticArray<i32>;
  opGen: StaticArray<i32>;
  opKind: StaticArray<i32>;
  opLba: StaticArray<i32>;
  opLen: StaticArray<i32>;
  opValue: StaticArray<i32>;
  opInvoke: StaticArray<i64>;
  opNode: StaticArray<i32>;
  /** When a read reached the leader: it is served after a majority answered the leader since. */
  opArrive: StaticArray<i64>;
  clientGuess: StaticArray<i32>;
  writeCounter: i32 = 0;
  scriptNext: i32 = 0;
  waitRead: StaticArray<i32>;
  /** The op generation each waiting read had when it queued: a slot reused since is stale. */
  waitGen: StaticArray<i32>;
  waitCount: i32 = 0;

  // ---- client history (completed or abandoned ops) ----
  hClient: StaticArray<i32>;
  hKind: StaticArray<i32>;
  hLba: StaticArray<i32>;
  hLen: StaticArray<i32>;
  hValue: StaticArray<i32>;
  hOk: StaticArray<i32>;
  hInvoke: StaticArray<i64>;
  hComplete: StaticArray<i64>;
  hReadAt: StaticArray<i32>;
  historyTotal: i64 = 0;
  readValues: StaticArray<i32>;
  readValuesTotal: i64 = 0;

  // ---- metrics ----
  okWrites: i64 = 0;
  okReads: i64 = 0;
  failedOps: i64 = 0;
  timedOut: i64 = 0;
  msgSent: i64 = 0;
  msgDropped: i64 = 0;
  msgDelivered: i64 = 0;
  rejects: i64 = 0;
  resends: i64 = 0;
  elections: i64 = 0;
  commits: i64 = 0;
  latency: LatencyHistogram;
  sampleLatency: LatencyHistogram;
  sampleOps: i64 = 0;
  nextSampleAt: i64 = 0;
  seriesTime: StaticArray<i64>;
  seriesOps: StaticArray<i64>;
  seriesP50: StaticArray<i64>;
  seriesP99: StaticArray<i64>;
  seriesP999: StaticArray<i64>;
  seriesCount: i32 = 0;
  /** Time measurement of IOPS starts (after warm-up). */
  measureFrom: i64 = 0;

  log: RingLog;
  /** Catch-up records written to `log` so far: a host reading them skips the ring while it stays put. */
  catchUpRecords: i64 = 0;
  checker: Checker;
  frame: StaticArray<f64>;

  constructor(blocks: i32) {
    this.blocks = blocks;
    this.rng = new StaticArray<i64>(610);
    this.expTable = new ExponentialTable();
    this.heap = new EventHeap(EVENT_CAP);
    this.events = new StaticArray<i32>(EVENT_CAP * EVENT_FIELDS);
    this.evFree = new StaticArray<i32>(EVENT_CAP);
    this.qEvent = new StaticArray<i32>(NODES * THREAD_QUEUE_CAP);
    this.qStart = new StaticArray<i64>(NODES * THREAD_QUEUE_CAP);
    this.qHead = new StaticArray<i32>(NODES);
    this.qCount = new StaticArray<i32>(NODES);

    this.up = new StaticArray<i32>(NODES);
    this.epoch = new StaticArray<i32>(NODES);
    this.role = new StaticArray<i32>(NODES);
    this.term = new StaticArray<i32>(NODES);
    this.votedFor = new StaticArray<i32>(NODES);
    this.votes = new StaticArray<i32>(NODES);
    this.leaderHint = new StaticArray<i32>(NODES);
    this.electionDeadline = new StaticArray<i64>(NODES);
    this.electionTimeout = new StaticArray<i64>(NODES);
    this.timerPending = new StaticArray<i32>(NODES);
    this.lastLeaderContact = new StaticArray<i64>(NODES);
    this.syncTerm = new StaticArray<i32>(NODES);
    this.lastIndex = new StaticArray<i32>(NODES);
    this.commitIndex = new StaticArray<i32>(NODES);
    this.appliedPrefix = new StaticArray<i32>(NODES);
    this.checkpoint = new StaticArray<i32>(NODES);
    this.persistedPrefix = new StaticArray<i32>(NODES);
    this.verifiedUpTo = new StaticArray<i32>(NODES);
    this.contigKnown = new StaticArray<i32>(NODES);
    this.cpuFree = new StaticArray<i64>(NODES);
    this.recovering = new StaticArray<i32>(NODES);
    this.diskFactor = new StaticArray<i32>(NODES);
    this.pendingCount = new StaticArray<i32>(NODES);
    this.mergeMask = new StaticArray<i32>(NODES);
    this.syncMask = new StaticArray<i32>(NODES);
    this.mergeFrom = new StaticArray<i32>(NODES);
    this.mergeEnd = new StaticArray<i32>(NODES);
    this.termFirstIndex = new StaticArray<i32>(NODES);
    this.leaderReady = new StaticArray<i32>(NODES);
    this.nextCheckpointAt = new StaticArray<i64>(NODES);
    this.heartbeatAt = new StaticArray<i64>(NODES);
    this.leaderSince = new StaticArray<i64>(NODES);

    const pairs = NODES * NODES;
    this.nextIndex = new StaticArray<i32>(pairs);
    this.matchIndex = new StaticArray<i32>(pairs);
    this.ackFloor = new StaticArray<i32>(pairs);
    this.contact = new StaticArray<i64>(pairs);
    this.resendFrom = new StaticArray<i32>(pairs);
    this.resendAt = new StaticArray<i64>(pairs);
    this.syncSentAt = new StaticArray<i64>(pairs);
    this.commitSent = new StaticArray<i32>(pairs);
    this.probing = new StaticArray<i32>(pairs);

    const slots = NODES * LOG_CAP;
    this.lgIndex = new StaticArray<i32>(slots);
    this.lgTerm = new StaticArray<i32>(slots);
    this.lgValue = new StaticArray<i32>(slots);
    this.lgLba = new StaticArray<i32>(slots);
    this.lgLen = new StaticArray<i32>(slots);
    this.lgPrevTerm = new StaticArray<i32>(slots);
    this.lgLbb = new StaticArray<i32>(slots * LBB_MAX * 2);
    this.lgState = new StaticArray<u8>(slots);
    this.lgAck = new StaticArray<u8>(slots);
    this.lgOpSlot = new StaticArray<i32>(slots);
    this.lgOpGen = new StaticArray<i32>(slots);
    this.lgSentAt = new StaticArray<i64>(slots);

    this.data = new StaticArray<i32>(NODES * blocks);
    this.cover = new StaticArray<i32>(NODES * blocks);
    this.installData = new StaticArray<i32>(NODES * blocks);
    this.stageMask = new StaticArray<u8>(NODES * blocks);
    this.stageSession = new StaticArray<i32>(NODES);
    this.stageCase = new StaticArray<i32>(NODES);
    this.installCheckpoint = new StaticArray<i32>(NODES);
    this.stageLc = new StaticArray<i32>(NODES);
    this.stageFa = new StaticArray<i32>(NODES);
    this.cuState = new StaticArray<i32>(pairs);
    this.cuCase = new StaticArray<i32>(pairs);
    this.cuSession = new StaticArray<i32>(pairs);
    this.cuEpoch = new StaticArray<i32>(pairs);
    this.cuTerm = new StaticArray<i32>(pairs);
    this.cuStartAt = new StaticArray<i64>(pairs);
    this.cuProgressAt = new StaticArray<i64>(pairs);
    this.cuInstallAt = new StaticArray<i64>(pairs);
    this.cuArena = new StaticArray<i32>(pairs);
    this.cuCount = new StaticArray<i32>(pairs);
    this.cuEnd = new StaticArray<i32>(pairs);
    this.cuBytes = new StaticArray<i32>(pairs);
    this.cuPieces = new StaticArray<i32>(pairs);
    this.cuNext = new StaticArray<i32>(pairs);
    this.cuAcked = new StaticArray<i32>(pairs);
    this.cuFa = new StaticArray<i32>(pairs);
    this.cuFl = new StaticArray<i32>(pairs);
    this.cuWord = new StaticArray<i32>(pairs);
    this.cuAway = new StaticArray<i32>(pairs);
    this.peerApplied = new StaticArray<i32>(pairs);
    this.peerEpoch = new StaticArray<i32>(pairs);
    this.peerCheckpoint = new StaticArray<i32>(pairs);
    this.pieceAcked = new StaticArray<u8>(pairs * MAX_PIECES);
    this.pieceSentAt = new StaticArray<i64>(pairs * MAX_PIECES);
    this.rxSession = new StaticArray<i32>(NODES);
    this.rxEpoch = new StaticArray<i32>(NODES);
    this.rxPieces = new StaticArray<i32>(NODES);
    this.rxCount = new StaticArray<i32>(NODES);
    this.rxLastAt = new StaticArray<i64>(NODES);
    this.rxGot = new StaticArray<u8>(NODES * MAX_PIECES);
    this.installedSession = new StaticArray<i32>(NODES);
    this.cuInfo = new StaticArray<f64>(NODES * CU_FIELDS);

    this.connBase = new StaticArray<i64>(pairs * MAX_CONNECTIONS);
    this.connLast = new StaticArray<i64>(pairs * MAX_CONNECTIONS);
    this.connNext = new StaticArray<i32>(pairs);
    this.linkDrop = new StaticArray<i32>(pairs);
    this.linkLoss = new StaticArray<i32>(pairs);
    this.linkDup = new StaticArray<i32>(pairs);
    this.linkReorder = new StaticArray<i32>(pairs);
    this.linkDelay = new StaticArray<i64>(pairs);
    this.walFree = new StaticArray<i64>(NODES * MAX_WAL_CHANNELS);

    this.arIndex = new StaticArray<i32>(ARENA_CAP);
    this.arTerm = new StaticArray<i32>(ARENA_CAP);
    this.arValue = new StaticArray<i32>(ARENA_CAP);
    this.arLba = new StaticArray<i32>(ARENA_CAP);
    this.arLen = new StaticArray<i32>(ARENA_CAP);
    this.arPrevTerm = new StaticArray<i32>(ARENA_CAP);
    this.arState = new StaticArray<u8>(ARENA_CAP);
    this.arLbb = new StaticArray<i32>(ARENA_CAP * LBB_MAX * 2);

    this.opActive = new StaticArray<i32>(OP_SLOTS);
    this.opGen = new StaticArray<i32>(OP_SLOTS);
    this.opKind = new StaticArray<i32>(OP_SLOTS);
    this.opLba = new StaticArray<i32>(OP_SLOTS);
    this.opLen = new StaticArray<i32>(OP_SLOTS);
    this.opValue = new StaticArray<i32>(OP_SLOTS);
    this.opInvoke = new StaticArray<i64>(OP_SLOTS);
    this.opNode = new StaticArray<i32>(OP_SLOTS);
    this.opArrive = new StaticArray<i64>(OP_SLOTS);
    this.clientGuess = new StaticArray<i32>(MAX_CLIENTS + 1);
    this.waitRead = new StaticArray<i32>(OP_SLOTS);
    this.waitGen = new StaticArray<i32>(OP_SLOTS);

    this.hClient = new StaticArray<i32>(HISTORY_CAP);
    this.hKind = new StaticArray<i32>(HISTORY_CAP);
    this.hLba = new StaticArray<i32>(HISTORY_CAP);
    this.hLen = new StaticArray<i32>(HISTORY_CAP);
    this.hValue = new StaticArray<i32>(HISTORY_CAP);
    this.hOk = new StaticArray<i32>(HISTORY_CAP);
    this.hInvoke = new StaticArray<i64>(HISTORY_CAP);
    this.hComplete = new StaticArray<i64>(HISTORY_CAP);
    this.hReadAt = new StaticArray<i32>(HISTORY_CAP);
    this.readValues = new StaticArray<i32>(READ_VALUES_CAP);

    this.latency = new LatencyHistogram();
    this.sampleLatency = new LatencyHistogram();
    this.seriesTime = new StaticArray<i64>(SERIES_CAP);
    this.seriesOps = new StaticArray<i64>(SERIES_CAP);
    this.seriesP50 = new StaticArray<i64>(SERIES_CAP);
    this.seriesP99 = new StaticArray<i64>(SERIES_CAP);
    this.seriesP999 = new StaticArray<i64>(SERIES_CAP);

    this.log = new RingLog(1 << 16);
    this.checker = new Checker(blocks);
    this.frame = new StaticArray<f64>(FRAME_SIZE);
    fillFreeList<Cluster>(this, EVENT_CAP);
    for (let i = 0; i < slots; i++) this.lgIndex[i] = -1;
  }
}

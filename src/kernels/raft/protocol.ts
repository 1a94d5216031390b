// The numbers the host shares with the raft kernel, under the names host code uses. Every
// value comes from wasm/raft/constants.ts, the one source both compilers read; this file only
// names them and adds the host's words for them.
import * as K from '../../../wasm/raft/constants';

export const { CONFIG_VERSION, NODES, CONFIG_SLOTS, CU_FIELDS, MAX_PIECES, PIECE_BLOCKS, LOG_CAP, HISTORY_CAP } = K;
export const { READ_VALUES_CAP, SERIES_CAP, MAX_CLIENTS, MAX_DEPTH, MAX_OP_BLOCKS, BLOCK_BYTES } = K;
export const PIECE_BYTES = K.PIECE_BLOCKS * K.BLOCK_BYTES;

/** Names by code: `names[code]` for a table of `name: code`. */
function namesByCode<T extends string>(codes: Record<T, number>): T[] {
  const out: T[] = [];
  for (const [name, code] of Object.entries(codes) as [T, number][]) out[code] = name;
  return out;
}

const MODE_CODES = { raft: K.MODE_RAFT, parallel: K.MODE_PARALLEL, 'parallel-ce': K.MODE_PARALLEL_CE } as const;
export type RaftMode = keyof typeof MODE_CODES;
export const MODES: readonly RaftMode[] = namesByCode(MODE_CODES);

export const OPTIONS = {
  commitOldTerms: K.OPT_COMMIT_OLD_TERMS,
  ignoreLbb: K.OPT_IGNORE_LBB,
  raftNoop: K.OPT_RAFT_NOOP,
  traceMessages: K.OPT_TRACE_MESSAGES,
  widegapRefuse: K.OPT_WIDEGAP_REFUSE,
  voteTwice: K.OPT_VOTE_TWICE,
  skipPrevCheck: K.OPT_SKIP_PREV_CHECK,
  staleLbb: K.OPT_STALE_LBB,
  loseApply: K.OPT_LOSE_APPLY,
  dirtyRead: K.OPT_DIRTY_READ,
  keepPastEnd: K.OPT_KEEP_PAST_END,
} as const;

export const CFG = {
  version: K.CFG_VERSION, mode: K.CFG_MODE, clients: K.CFG_CLIENTS, iodepth: K.CFG_IODEPTH, blocks: K.CFG_BLOCKS,
  minBlocks: K.CFG_MIN_BLOCKS, maxBlocks: K.CFG_MAX_BLOCKS, readPermille: K.CFG_READ_PERMILLE,
  connections: K.CFG_CONNECTIONS, netBaseNs: K.CFG_NET_BASE_NS, netJitterNs: K.CFG_NET_JITTER_NS,
  netSpreadPermille: K.CFG_NET_SPREAD_PERMILLE, netNsPerKb: K.CFG_NET_NS_PER_KB, cpuMsgNs: K.CFG_CPU_MSG_NS,
  cpuEntryNs: K.CFG_CPU_ENTRY_NS, walBaseNs: K.CFG_WAL_BASE_NS, walJitterNs: K.CFG_WAL_JITTER_NS,
  walChannels: K.CFG_WAL_CHANNELS, walNsPerKb: K.CFG_WAL_NS_PER_KB, clientNetNs: K.CFG_CLIENT_NET_NS,
  electionMinNs: K.CFG_ELECTION_MIN_NS, electionMaxNs: K.CFG_ELECTION_MAX_NS, heartbeatNs: K.CFG_HEARTBEAT_NS,
  tickNs: K.CFG_TICK_NS, rtoNs: K.CFG_RTO_NS, clientTimeoutNs: K.CFG_CLIENT_TIMEOUT_NS, lbbN: K.CFG_LBB_N,
  options: K.CFG_OPTIONS, initialLeader: K.CFG_INITIAL_LEADER, sampleNs: K.CFG_SAMPLE_NS, thinkNs: K.CFG_THINK_NS,
  checkpointNs: K.CFG_CHECKPOINT_NS, retryNs: K.CFG_RETRY_NS,
} as const;

export const CMD = {
  crash: K.CMD_CRASH, restart: K.CMD_RESTART, partition: K.CMD_PARTITION, oneway: K.CMD_ONEWAY, heal: K.CMD_HEAL,
  delay: K.CMD_DELAY, loss: K.CMD_LOSS, duplicate: K.CMD_DUPLICATE, reorder: K.CMD_REORDER, limp: K.CMD_LIMP,
  elect: K.CMD_ELECT, write: K.CMD_WRITE, read: K.CMD_READ, iodepth: K.CMD_IODEPTH, checkpoint: K.CMD_CHECKPOINT,
  settle: K.CMD_SETTLE,
} as const;

export const LOG = {
  role: K.LOG_ROLE, vote: K.LOG_VOTE, commit: K.LOG_COMMIT, apply: K.LOG_APPLY, merge: K.LOG_MERGE,
  command: K.LOG_COMMAND, violation: K.LOG_VIOLATION, msgSend: K.LOG_MSG_SEND, msgRecv: K.LOG_MSG_RECV,
  msgDrop: K.LOG_MSG_DROP, catchup: K.LOG_CATCHUP, election: K.LOG_ELECTION, checkpoint: K.LOG_CHECKPOINT,
  syncDone: K.LOG_SYNC_DONE, converged: K.LOG_CONVERGED, catchupFrom: K.LOG_CATCHUP_FROM, pieceSent: K.LOG_PIECE_SENT,
  pieceRecv: K.LOG_PIECE_RECV, holeFill: K.LOG_HOLE_FILL, prune: K.LOG_PRUNE, catchupDone: K.LOG_CATCHUP_DONE,
  recovered: K.LOG_RECOVERED,
} as const;
export const LOG_NAMES: Record<number, string> = Object.fromEntries(Object.entries(LOG).map(([k, v]) => [v, k]));

const ROLE_CODES = {
  follower: K.ROLE_FOLLOWER, candidate: K.ROLE_CANDIDATE, 'leader-candidate': K.ROLE_LEADER_CANDIDATE,
  'follower-candidate': K.ROLE_FOLLOWER_CANDIDATE, leader: K.ROLE_LEADER,
} as const;
export type Role = keyof typeof ROLE_CODES;
export const ROLES: readonly Role[] = namesByCode(ROLE_CODES);

/** Merge rule names by code (LOG_MERGE b & 15); code 0 is no rule. */
export const MERGE_RULES: readonly string[] = namesByCode({
  '': 0, committed: K.MERGE_COMMITTED, 'highest-term': K.MERGE_HIGHEST_TERM, skip: K.MERGE_SKIP, 'no-op': K.MERGE_NOOP,
});

/** Message kinds as they appear in message trace records (kind field). */
export const MESSAGE_KINDS: Record<number, string> = {
  [K.EV_APPEND]: 'append', [K.EV_ACK]: 'ack', [K.EV_RAFT_RESP]: 'append-resp', [K.EV_VOTE_REQ]: 'vote-req',
  [K.EV_VOTE_RESP]: 'vote-resp', [K.EV_MERGE_REQ]: 'merge-req', [K.EV_MERGE_RESP]: 'merge-resp', [K.EV_SYNC]: 'sync',
  [K.EV_SYNC_ACK]: 'sync-ack', [K.EV_HEARTBEAT]: 'heartbeat', [K.EV_HEARTBEAT_RESP]: 'heartbeat-resp',
  [K.EV_INSTALL]: 'install', [K.EV_PIECE]: 'piece', [K.EV_PIECE_ACK]: 'piece-ack',
};

/**
 * Catch-up (spec §1.4; wasm/raft/catchup.ts). Case 1 streams the data blocks in 128 KB pieces,
 * cases 2 and 3 fill holes from the leader's data blocks (up to LC) and log (after LC); case 3
 * prunes uncommitted older-term entries first.
 */
export const CATCHUP_CASES = [K.CATCHUP_STREAM, K.CATCHUP_FAST, K.CATCHUP_FAST_PRUNE] as const;
export type CatchUpCase = 1 | 2 | 3;
/** Why case 1: LC > FL, or the leader's log no longer holds an entry the follower lacks. */
export const CATCHUP_REASONS: readonly ('lc-past-fl' | 'pruned')[] = namesByCode({ 'lc-past-fl': K.REASON_LC_PAST_FL, pruned: K.REASON_PRUNED });
export const FILL_SOURCES: Record<number, 'data' | 'log'> = { [K.FILL_DATA]: 'data', [K.FILL_LOG]: 'log' };
/** Per-follower catch-up record slots (f64) behind catchUpInfoPtr. */
export const CU = {
  leader: K.CU_LEADER, case: K.CU_CASE, reason: K.CU_REASON, lc: K.CU_LC, fl: K.CU_FL, fc: K.CU_FC, fa: K.CU_FA,
  start: K.CU_START, done: K.CU_DONE, pieces: K.CU_PIECES, received: K.CU_RECEIVED, sent: K.CU_SENT,
  dataEntries: K.CU_DATA_ENTRIES, dataBlocks: K.CU_DATA_BLOCKS, logEntries: K.CU_LOG_ENTRIES, pruned: K.CU_PRUNED,
  session: K.CU_SESSION, end: K.CU_END,
} as const;

const STRIP_CODES = {
  hole: K.STRIP_HOLE, 'lba-known': K.STRIP_LBA_KNOWN, received: K.STRIP_RECEIVED, persisted: K.STRIP_PERSISTED,
  committed: K.STRIP_COMMITTED, 'pending-lbb': K.STRIP_PENDING_LBB, 'pending-gap': K.STRIP_PENDING_GAP,
  applied: K.STRIP_APPLIED, skip: K.STRIP_SKIP,
} as const;
export type StripState = keyof typeof STRIP_CODES;
/** Log-strip states by the code stripFill writes (wasm/raft/logstore.ts slotStatus). */
export const STRIP_STATES: readonly StripState[] = namesByCode(STRIP_CODES);

export const SLOT = {
  present: K.SLOT_PRESENT, persisted: K.SLOT_PERSISTED, committed: K.SLOT_COMMITTED, applied: K.SLOT_APPLIED,
  knownLba: K.SLOT_KNOWN_LBA, skip: K.SLOT_SKIP, counted: K.SLOT_COUNTED,
} as const;

export const VIOLATION = {
  none: K.V_NONE, twoLeaders: K.V_TWO_LEADERS, twoLeaderCandidates: K.V_TWO_LEADER_CANDIDATES,
  leaderOverwrote: K.V_LEADER_OVERWROTE, logMatching: K.V_LOG_MATCHING, pointwiseMatching: K.V_POINTWISE_MATCHING,
  leaderIncomplete: K.V_LEADER_INCOMPLETE, committedChanged: K.V_COMMITTED_CHANGED, applyMismatch: K.V_APPLY_MISMATCH,
  applyOrder: K.V_APPLY_ORDER, ackWithoutMajority: K.V_ACK_WITHOUT_MAJORITY, staleRead: K.V_STALE_READ,
  applyUncommitted: K.V_APPLY_UNCOMMITTED, lbbWrong: K.V_LBB_WRONG, diverged: K.V_DIVERGED,
  syncIncomplete: K.V_SYNC_INCOMPLETE, ackUncommitted: K.V_ACK_UNCOMMITTED,
} as const;

/** The spec §1.9 property each violation code breaks. */
export const VIOLATION_PROPERTY: Record<number, string> = {
  [K.V_TWO_LEADERS]: 'election safety (Raft 1 / P1)',
  [K.V_TWO_LEADER_CANDIDATES]: 'one leader candidate per term (P1)',
  [K.V_LEADER_OVERWROTE]: 'leader append-only (Raft 2)',
  [K.V_LOG_MATCHING]: 'log matching (Raft 3)',
  [K.V_POINTWISE_MATCHING]: 'pointwise log matching (P3)',
  [K.V_LEADER_INCOMPLETE]: 'leader completeness (Raft 4 / P4)',
  [K.V_COMMITTED_CHANGED]: 'committed entries are immutable (P2)',
  [K.V_APPLY_MISMATCH]: 'state-machine safety (Raft 5 / P2)',
  [K.V_APPLY_ORDER]: 'conflicting entries apply in log order (P5)',
  [K.V_ACK_WITHOUT_MAJORITY]: 'ack identity and durability (P8 / P10)',
  [K.V_STALE_READ]: 'no acknowledged write is lost (P8 / P9)',
  [K.V_APPLY_UNCOMMITTED]: 'only committed entries are applied (Raft 5 / P2)',
  [K.V_LBB_WRONG]: 'LBB correctness (P7)',
  [K.V_DIVERGED]: 'block-state convergence (P6)',
  [K.V_SYNC_INCOMPLETE]: 'sync completeness (ParallelRaft-CE)',
  [K.V_ACK_UNCOMMITTED]: 'durability of acknowledged writes (P8)',
};

/** Frame slots (f64) written by the kernel's frame(); per-node blocks follow from FRAME_NODE_BASE. */
export const FRAME = {
  now: K.FR_NOW, events: K.FR_EVENTS, mode: K.FR_MODE, leader: K.FR_LEADER, okWrites: K.FR_OK_WRITES,
  okReads: K.FR_OK_READS, failedOps: K.FR_FAILED_OPS, timedOut: K.FR_TIMED_OUT, p50: K.FR_P50, p99: K.FR_P99,
  p999: K.FR_P999, msgSent: K.FR_MSG_SENT, msgDelivered: K.FR_MSG_DELIVERED, msgDropped: K.FR_MSG_DROPPED,
  rejects: K.FR_REJECTS, resends: K.FR_RESENDS, elections: K.FR_ELECTIONS, commits: K.FR_COMMITS,
  violation: K.FR_VIOLATION, vTime: K.FR_V_TIME, vA: K.FR_V_A, vB: K.FR_V_B, vC: K.FR_V_C,
  commitsChecked: K.FR_COMMITS_CHECKED, appliesChecked: K.FR_APPLIES_CHECKED, readsChecked: K.FR_READS_CHECKED,
  acksChecked: K.FR_ACKS_CHECKED, electionsChecked: K.FR_ELECTIONS_CHECKED, unverified: K.FR_UNVERIFIED,
  historyTotal: K.FR_HISTORY_TOTAL, logTotal: K.FR_LOG_TOTAL, seriesCount: K.FR_SERIES_COUNT, overflow: K.FR_OVERFLOW,
  heapSize: K.FR_HEAP_SIZE, writes: K.FR_WRITES, readValuesTotal: K.FR_READ_VALUES_TOTAL, iodepth: K.FR_IODEPTH,
  blocks: K.FR_BLOCKS, measuredOps: K.FR_MEASURED_OPS, measureFrom: K.FR_MEASURE_FROM, settle: K.FR_SETTLE,
  replicasConverged: K.FR_REPLICAS_CONVERGED, lbbsChecked: K.FR_LBBS_CHECKED, syncsChecked: K.FR_SYNCS_CHECKED,
  maxCommitted: K.FR_MAX_COMMITTED,
} as const;
export const { FRAME_SIZE, FRAME_NODE_BASE, FRAME_NODE_FIELDS } = K;
/** Per-node frame slots, from FRAME_NODE_BASE + node * FRAME_NODE_FIELDS. */
export const FRAME_NODE = {
  up: K.FN_UP, role: K.FN_ROLE, term: K.FN_TERM, votedFor: K.FN_VOTED_FOR, lastIndex: K.FN_LAST_INDEX,
  commitIndex: K.FN_COMMIT_INDEX, applied: K.FN_APPLIED, checkpoint: K.FN_CHECKPOINT, syncTerm: K.FN_SYNC_TERM,
  pending: K.FN_PENDING, diskFactor: K.FN_DISK_FACTOR, leaderHint: K.FN_LEADER_HINT, mergeEnd: K.FN_MERGE_END,
  contigKnown: K.FN_CONTIG_KNOWN, persistedPrefix: K.FN_PERSISTED_PREFIX, epoch: K.FN_EPOCH,
} as const;

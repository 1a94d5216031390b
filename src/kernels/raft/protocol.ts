// Numbers shared with wasm/raft/constants.ts: config slots, command ids, log record kinds,
// roles, slot states and violation codes. CONFIG_VERSION must match the kernel's.
export const CONFIG_VERSION = 3;
export const NODES = 3;

export const MODES = ['raft', 'parallel', 'parallel-ce'] as const;
export type RaftMode = (typeof MODES)[number];

export const OPTIONS = {
  commitOldTerms: 1,
  ignoreLbb: 2,
  raftNoop: 4,
  traceMessages: 8,
  widegapRefuse: 16,
  voteTwice: 32,
  skipPrevCheck: 64,
  staleLbb: 128,
  loseApply: 256,
  dirtyRead: 512,
  keepPastEnd: 1024,
} as const;

export const CFG = {
  version: 0, mode: 1, clients: 2, iodepth: 3, blocks: 4, minBlocks: 5, maxBlocks: 6, readPermille: 7,
  connections: 8, netBaseNs: 9, netJitterNs: 10, netSpreadPermille: 11, netNsPerKb: 12, cpuMsgNs: 13,
  cpuEntryNs: 14, walBaseNs: 15, walJitterNs: 16, walChannels: 17, walNsPerKb: 18, clientNetNs: 19,
  electionMinNs: 20, electionMaxNs: 21, heartbeatNs: 22, tickNs: 23, rtoNs: 24, clientTimeoutNs: 25,
  lbbN: 26, options: 27, initialLeader: 28, sampleNs: 29, thinkNs: 30, checkpointNs: 31, retryNs: 32,
} as const;
export const CONFIG_SLOTS = 40;

export const CMD = {
  crash: 1, restart: 2, partition: 3, oneway: 4, heal: 5, delay: 6, loss: 7, duplicate: 8, reorder: 9,
  limp: 10, elect: 11, write: 12, read: 13, iodepth: 14, checkpoint: 15, settle: 16,
} as const;

export const LOG = {
  role: 1, vote: 2, commit: 3, apply: 4, merge: 5, command: 6, violation: 7, msgSend: 8, msgRecv: 9,
  msgDrop: 10, catchup: 11, election: 12, checkpoint: 13, syncDone: 14, converged: 15, catchupFrom: 16, pieceSent: 17,
  pieceRecv: 18, holeFill: 19, prune: 20, catchupDone: 21, recovered: 22,
} as const;
export const LOG_NAMES: Record<number, string> = Object.fromEntries(Object.entries(LOG).map(([k, v]) => [v, k]));

export const ROLES = ['follower', 'candidate', 'leader-candidate', 'follower-candidate', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const MERGE_RULES = ['', 'committed', 'highest-term', 'skip', 'no-op'] as const;

/** Message kinds as they appear in message trace records (kind field). */
export const MESSAGE_KINDS: Record<number, string> = {
  1: 'append', 2: 'ack', 3: 'append-resp', 4: 'vote-req', 5: 'vote-resp', 6: 'merge-req', 7: 'merge-resp',
  8: 'sync', 9: 'sync-ack', 10: 'heartbeat', 11: 'heartbeat-resp', 12: 'install', 13: 'piece', 14: 'piece-ack',
};

/**
 * Catch-up (spec §1.4; wasm/raft/catchup.ts). Case 1 streams the data blocks in 128 KB pieces,
 * cases 2 and 3 fill holes from the leader's data blocks (up to LC) and log (after LC); case 3
 * prunes uncommitted older-term entries first.
 */
export const CATCHUP_CASES = [1, 2, 3] as const;
export type CatchUpCase = (typeof CATCHUP_CASES)[number];
/** Why case 1: LC > FL, or the leader's log no longer holds an entry the follower lacks. */
export const CATCHUP_REASONS = ['lc-past-fl', 'pruned'] as const;
export const FILL_SOURCES: Record<number, 'data' | 'log'> = { 1: 'data', 2: 'log' };
export const PIECE_BLOCKS = 32;
export const PIECE_BYTES = PIECE_BLOCKS * 4096;
/** Per-follower catch-up record slots (f64) behind catchUpInfoPtr. */
export const CU = {
  leader: 0, case: 1, reason: 2, lc: 3, fl: 4, fc: 5, fa: 6, start: 7, done: 8, pieces: 9, received: 10, sent: 11,
  dataEntries: 12, dataBlocks: 13, logEntries: 14, pruned: 15, session: 16, end: 17,
} as const;
export const CU_FIELDS = 20;
export const MAX_PIECES = 2048;

/** Log-strip codes written by stripFill (wasm/raft/logstore.ts slotStatus). */
export const STRIP_STATES = [
  'hole', 'lba-known', 'received', 'persisted', 'committed', 'pending-lbb', 'pending-gap', 'applied', 'skip',
] as const;
export type StripState = (typeof STRIP_STATES)[number];

export const SLOT = { present: 1, persisted: 2, committed: 4, applied: 8, knownLba: 16, skip: 32, counted: 64 } as const;

export const VIOLATION = {
  none: 0, twoLeaders: 1, twoLeaderCandidates: 2, leaderOverwrote: 3, logMatching: 4, pointwiseMatching: 5,
  leaderIncomplete: 6, committedChanged: 7, applyMismatch: 8, applyOrder: 9, ackWithoutMajority: 10,
  staleRead: 11, applyUncommitted: 12, lbbWrong: 13, diverged: 14, syncIncomplete: 15, ackUncommitted: 16,
} as const;

/** The spec §1.9 property each violation code breaks. */
export const VIOLATION_PROPERTY: Record<number, string> = {
  1: 'election safety (Raft 1 / P1)',
  2: 'one leader candidate per term (P1)',
  3: 'leader append-only (Raft 2)',
  4: 'log matching (Raft 3)',
  5: 'pointwise log matching (P3)',
  6: 'leader completeness (Raft 4 / P4)',
  7: 'committed entries are immutable (P2)',
  8: 'state-machine safety (Raft 5 / P2)',
  9: 'conflicting entries apply in log order (P5)',
  10: 'ack identity and durability (P8 / P10)',
  11: 'no acknowledged write is lost (P8 / P9)',
  12: 'only committed entries are applied (Raft 5 / P2)',
  13: 'LBB correctness (P7)',
  14: 'block-state convergence (P6)',
  15: 'sync completeness (ParallelRaft-CE)',
  16: 'durability of acknowledged writes (P8)',
};

export const LOG_CAP = 1 << 15;
export const HISTORY_CAP = 1 << 16;
export const READ_VALUES_CAP = 1 << 18;
export const SERIES_CAP = 1 << 14;
export const MAX_CLIENTS = 16;
export const MAX_DEPTH = 256;
export const MAX_OP_BLOCKS = 32;
export const BLOCK_BYTES = 4096;

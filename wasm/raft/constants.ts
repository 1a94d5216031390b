// Every number the raft kernel shares with its host: modes, config slots, command ids,
// event-log record kinds, slot states, violation codes and the frame layout. This file is the
// one source for both sides: asc compiles it into the kernel, and the host imports it as it
// is (src/kernels/raft/protocol.ts names the values; src/kernels/assemblyScriptTypes.d.ts
// lets TypeScript read i32 and u8). So it may hold only `export const NAME: i32|u8 = <integer
// expression>` and comments: nothing either compiler would reject.

export const CONFIG_VERSION: i32 = 3;
export const NODES: i32 = 3;
export const MAJORITY: i32 = 2;
export const ALL_NODES_MASK: i32 = 7;

// ---- modes ----
export const MODE_RAFT: i32 = 0;
/** ParallelRaft as PolarFS §5 describes it: merge "skip" leaves the hole (spec §1.3). */
export const MODE_PARALLEL: i32 = 1;
/** ParallelRaft-CE: sync terms, end point and new-term no-op fill (spec §1.5). */
export const MODE_PARALLEL_CE: i32 = 2;

// ---- option bits (config slot OPTIONS); the "broken" ones exist for must-fail tests ----
/** Raft: count replicas of old-term entries toward commit (breaks the Figure 8 rule). */
export const OPT_COMMIT_OLD_TERMS: i32 = 1;
/** ParallelRaft: apply committed entries without the look-behind-buffer checks. */
export const OPT_IGNORE_LBB: i32 = 2;
/** Raft: a new leader appends a no-op of its term at once (off = the Raft paper's Figure 8). */
export const OPT_RAFT_NOOP: i32 = 4;
/** Write one event-log record per message sent, received and dropped (for views). */
export const OPT_TRACE_MESSAGES: i32 = 8;
/** widegap = refuse-accept: a follower drops an entry more than N past its known prefix. */
export const OPT_WIDEGAP_REFUSE: i32 = 16;
/** Raft: a voter grants every up-to-date candidate, ignoring votedFor (breaks election safety). */
export const OPT_VOTE_TWICE: i32 = 32;
/** Raft: a follower skips the AppendEntries prevLogTerm check (breaks log matching). */
export const OPT_SKIP_PREV_CHECK: i32 = 64;
/** ParallelRaft: the leader fills each LBB from the entries one further back (breaks P7). */
export const OPT_STALE_LBB: i32 = 128;
/** Node 2 marks every 64th entry applied without writing its blocks (breaks P6 convergence). */
export const OPT_LOSE_APPLY: i32 = 256;
/**
 * The leader answers a read at once from the newest version in its log, committed or not, and
 * without ReadIndex (a "read uncommitted" bug; breaks P9 once such a write is lost in a failover).
 */
export const OPT_DIRTY_READ: i32 = 512;
/**
 * ParallelRaft-CE: a node that takes a new term's sync window keeps the older-term entries past
 * its end point instead of erasing them (breaks syncCompleteness).
 */
export const OPT_KEEP_PAST_END: i32 = 1024;

// ---- config slots (f64 each) ----
export const CFG_VERSION: i32 = 0;
export const CFG_MODE: i32 = 1;
export const CFG_CLIENTS: i32 = 2;
export const CFG_IODEPTH: i32 = 3;
export const CFG_BLOCKS: i32 = 4;
export const CFG_MIN_BLOCKS: i32 = 5;
export const CFG_MAX_BLOCKS: i32 = 6;
export const CFG_READ_PERMILLE: i32 = 7;
export const CFG_CONNECTIONS: i32 = 8;
export const CFG_NET_BASE_NS: i32 = 9;
export const CFG_NET_JITTER_NS: i32 = 10;
export const CFG_NET_SPREAD_PERMILLE: i32 = 11;
export const CFG_NET_NS_PER_KB: i32 = 12;
export const CFG_CPU_MSG_NS: i32 = 13;
export const CFG_CPU_ENTRY_NS: i32 = 14;
export const CFG_WAL_BASE_NS: i32 = 15;
export const CFG_WAL_JITTER_NS: i32 = 16;
export const CFG_WAL_CHANNELS: i32 = 17;
export const CFG_WAL_NS_PER_KB: i32 = 18;
export const CFG_CLIENT_NET_NS: i32 = 19;
export const CFG_ELECTION_MIN_NS: i32 = 20;
export const CFG_ELECTION_MAX_NS: i32 = 21;
export const CFG_HEARTBEAT_NS: i32 = 22;
export const CFG_TICK_NS: i32 = 23;
export const CFG_RTO_NS: i32 = 24;
export const CFG_CLIENT_TIMEOUT_NS: i32 = 25;
export const CFG_LBB_N: i32 = 26;
export const CFG_OPTIONS: i32 = 27;
export const CFG_INITIAL_LEADER: i32 = 28;
export const CFG_SAMPLE_NS: i32 = 29;
export const CFG_THINK_NS: i32 = 30;
export const CFG_CHECKPOINT_NS: i32 = 31;
export const CFG_RETRY_NS: i32 = 32;
export const CONFIG_SLOTS: i32 = 40;

// ---- roles ----
export const ROLE_FOLLOWER: i32 = 0;
export const ROLE_CANDIDATE: i32 = 1;
/** ParallelRaft: won the vote, merging (spec §1.3 step 2). */
export const ROLE_LEADER_CANDIDATE: i32 = 2;
/** ParallelRaft: voted for a leader candidate that is merging. */
export const ROLE_FOLLOWER_CANDIDATE: i32 = 3;
export const ROLE_LEADER: i32 = 4;

// ---- per-slot state bits ----
export const SLOT_PRESENT: u8 = 1;
export const SLOT_PERSISTED: u8 = 2;
export const SLOT_COMMITTED: u8 = 4;
export const SLOT_APPLIED: u8 = 8;
/** The LBA range is known from a later entry's LBB, but the entry itself is missing. */
export const SLOT_KNOWN_LBA: u8 = 16;
/** Merge "skip" in paper mode: a hole the new leader left; applies as nothing. */
export const SLOT_SKIP: u8 = 32;
/** The range is counted in the node's per-block cover counts (apply rule (c)). */
export const SLOT_COUNTED: u8 = 64;
/**
 * On an empty slot, during a streaming install only: the entry dropped from it (its term and
 * value are still in the slot) is still on this replica's disk, so storing it again is durable.
 */
export const SLOT_ON_DISK: u8 = 128;

// ---- commands (apply(kind, a, b, c)) ----
export const CMD_CRASH: i32 = 1; // a node, b 1 = lose the disk
export const CMD_RESTART: i32 = 2; // a node
export const CMD_PARTITION: i32 = 3; // a, b nodes (both directions); b = -1 isolates a
export const CMD_ONEWAY: i32 = 4; // drop a -> b
export const CMD_HEAL: i32 = 5; // a, b (-1, -1 = every link, faults cleared)
export const CMD_DELAY: i32 = 6; // a -> b extra delay c ns (both directions when d = 1)
export const CMD_LOSS: i32 = 7; // a -> b permille c
export const CMD_DUPLICATE: i32 = 8; // a -> b permille c
export const CMD_REORDER: i32 = 9; // a -> b permille c
export const CMD_LIMP: i32 = 10; // node a disk service time x c / 1000
export const CMD_ELECT: i32 = 11; // node a: its election timer expires now
export const CMD_WRITE: i32 = 12; // scripted client write: first block a, blocks b
export const CMD_READ: i32 = 13; // scripted client read: first block a, blocks b
export const CMD_IODEPTH: i32 = 14; // a = new iodepth for every client
export const CMD_CHECKPOINT: i32 = 15; // node a takes a checkpoint now (-1: all)
export const CMD_SETTLE: i32 = 16; // stop the clients, heal every link, restart crashed nodes; check P6 once caught up

// ---- event-log record kinds (time, kind, a, b, c) ----
export const LOG_ROLE: i32 = 1; // node, role, term
export const LOG_VOTE: i32 = 2; // voter, candidate, term
export const LOG_COMMIT: i32 = 3; // index, term, value (leader's commit)
export const LOG_APPLY: i32 = 4; // node, index, value
export const LOG_MERGE: i32 = 5; // index, rule | from << 4, term
export const LOG_COMMAND: i32 = 6; // command kind, a, b
export const LOG_VIOLATION: i32 = 7; // code, a, b
export const LOG_MSG_SEND: i32 = 8; // from | to << 4 | kind << 8, a, term
export const LOG_MSG_RECV: i32 = 9;
export const LOG_MSG_DROP: i32 = 10;
/** Catch-up start: follower | leader << 4 | case << 8 | reason << 12 | (session & 0x7fff) << 16, LC, FL. */
export const LOG_CATCHUP: i32 = 11;
export const LOG_ELECTION: i32 = 12; // node, term, 0
export const LOG_CHECKPOINT: i32 = 13; // node, index, 0
export const LOG_SYNC_DONE: i32 = 14; // leader, end point, term
export const LOG_CONVERGED: i32 = 15; // replicas compared, blocks compared, highest committed index
export const LOG_CATCHUP_FROM: i32 = 16; // follower, its checkpoint FC, its applied prefix FA (right after LOG_CATCHUP)
export const LOG_PIECE_SENT: i32 = 17; // follower | leader << 4 | resent << 8, piece, pieces
export const LOG_PIECE_RECV: i32 = 18; // follower, piece, pieces
export const LOG_HOLE_FILL: i32 = 19; // follower | source << 4 (FILL_*), entries, blocks copied (data) or first index (log)
export const LOG_PRUNE: i32 = 20; // follower, old-term entries pruned, lowest index pruned
export const LOG_CATCHUP_DONE: i32 = 21; // follower | leader << 4 | case << 8, window end, µs taken
export const LOG_RECOVERED: i32 = 22; // node, the leader's commit index it reached, term (votes again after a lost disk)

// ---- catch-up (spec §1.4) ----
/** Case 1: streaming catch-up (data blocks in 128 KB pieces, then the log after LC). */
export const CATCHUP_STREAM: i32 = 1;
/** Case 2: fast catch-up (holes up to LC from the leader's data blocks, after LC from its log). */
export const CATCHUP_FAST: i32 = 2;
/** Case 3: fast catch-up after pruning the follower's uncommitted entries of older terms. */
export const CATCHUP_FAST_PRUNE: i32 = 3;
/** Why case 1: the leader's checkpoint is past the follower's known prefix (LC > FL). */
export const REASON_LC_PAST_FL: i32 = 0;
/** Why case 1: the leader's log no longer holds an entry the follower lacks (its range is unknown). */
export const REASON_PRUNED: i32 = 1;
export const FILL_DATA: i32 = 1;
export const FILL_LOG: i32 = 2;
/** A streaming piece: 32 blocks of 4 KB = 128 KB (spec §1.7). */
export const PIECE_BLOCKS: i32 = 32;
/** Pieces one streaming catch-up keeps in flight; each is its own task with its own resend timer. */
export const PIECE_WINDOW: i32 = 8;
/** Set in the FC word a follower reports when it holds uncommitted entries of older terms. */
export const STALE_FLAG: i32 = 1 << 30;
// Per-follower catch-up record for views (CU_FIELDS f64 each): the latest catch-up of that follower.
export const CU_LEADER: i32 = 0;
export const CU_CASE: i32 = 1;
export const CU_REASON: i32 = 2;
export const CU_LC: i32 = 3;
export const CU_FL: i32 = 4;
export const CU_FC: i32 = 5;
export const CU_FA: i32 = 6;
export const CU_START: i32 = 7;
/** When it finished; -1 while running, -2 when the leader gave it up. */
export const CU_DONE: i32 = 8;
export const CU_PIECES: i32 = 9;
export const CU_RECEIVED: i32 = 10;
export const CU_SENT: i32 = 11;
export const CU_DATA_ENTRIES: i32 = 12;
export const CU_DATA_BLOCKS: i32 = 13;
export const CU_LOG_ENTRIES: i32 = 14;
export const CU_PRUNED: i32 = 15;
export const CU_SESSION: i32 = 16;
export const CU_END: i32 = 17;
export const CU_FIELDS: i32 = 20;

// ---- log-strip codes for views (logstore.ts slotStatus, stripFill) ----
export const STRIP_HOLE: i32 = 0;
export const STRIP_LBA_KNOWN: i32 = 1;
export const STRIP_RECEIVED: i32 = 2;
export const STRIP_PERSISTED: i32 = 3;
export const STRIP_COMMITTED: i32 = 4;
/** Committed, waiting for an LBB conflict to apply. */
export const STRIP_PENDING_LBB: i32 = 5;
/** Committed, waiting for a gap of more than N entries to close. */
export const STRIP_PENDING_GAP: i32 = 6;
export const STRIP_APPLIED: i32 = 7;
export const STRIP_SKIP: i32 = 8;

// ---- the frame (frame(): FRAME_SIZE f64; per node FRAME_NODE_FIELDS from FRAME_NODE_BASE) ----
export const FRAME_SIZE: i32 = 128;
export const FR_NOW: i32 = 0;
export const FR_EVENTS: i32 = 1;
export const FR_MODE: i32 = 2;
export const FR_LEADER: i32 = 3;
export const FR_OK_WRITES: i32 = 4;
export const FR_OK_READS: i32 = 5;
export const FR_FAILED_OPS: i32 = 6;
export const FR_TIMED_OUT: i32 = 7;
export const FR_P50: i32 = 8;
export const FR_P99: i32 = 9;
export const FR_P999: i32 = 10;
export const FR_MSG_SENT: i32 = 11;
export const FR_MSG_DELIVERED: i32 = 12;
export const FR_MSG_DROPPED: i32 = 13;
export const FR_REJECTS: i32 = 14;
export const FR_RESENDS: i32 = 15;
export const FR_ELECTIONS: i32 = 16;
export const FR_COMMITS: i32 = 17;
export const FR_VIOLATION: i32 = 18;
export const FR_V_TIME: i32 = 19;
export const FR_V_A: i32 = 20;
export const FR_V_B: i32 = 21;
export const FR_V_C: i32 = 22;
export const FR_COMMITS_CHECKED: i32 = 23;
export const FR_APPLIES_CHECKED: i32 = 24;
export const FR_READS_CHECKED: i32 = 25;
export const FR_ACKS_CHECKED: i32 = 26;
export const FR_ELECTIONS_CHECKED: i32 = 27;
export const FR_UNVERIFIED: i32 = 28;
export const FR_HISTORY_TOTAL: i32 = 29;
export const FR_LOG_TOTAL: i32 = 30;
export const FR_SERIES_COUNT: i32 = 31;
export const FR_OVERFLOW: i32 = 32;
export const FR_HEAP_SIZE: i32 = 33;
export const FR_WRITES: i32 = 34;
export const FR_READ_VALUES_TOTAL: i32 = 35;
export const FR_IODEPTH: i32 = 36;
export const FR_BLOCKS: i32 = 37;
export const FR_MEASURED_OPS: i32 = 38;
export const FR_MEASURE_FROM: i32 = 39;
export const FR_SETTLE: i32 = 40;
export const FR_REPLICAS_CONVERGED: i32 = 41;
export const FR_LBBS_CHECKED: i32 = 42;
export const FR_SYNCS_CHECKED: i32 = 43;
export const FR_MAX_COMMITTED: i32 = 44;
export const FRAME_NODE_BASE: i32 = 64;
export const FRAME_NODE_FIELDS: i32 = 16;
// Per-node slots, from FRAME_NODE_BASE + node * FRAME_NODE_FIELDS.
export const FN_UP: i32 = 0;
export const FN_ROLE: i32 = 1;
export const FN_TERM: i32 = 2;
export const FN_VOTED_FOR: i32 = 3;
export const FN_LAST_INDEX: i32 = 4;
export const FN_COMMIT_INDEX: i32 = 5;
export const FN_APPLIED: i32 = 6;
export const FN_CHECKPOINT: i32 = 7;
export const FN_SYNC_TERM: i32 = 8;
export const FN_PENDING: i32 = 9;
export const FN_DISK_FACTOR: i32 = 10;
export const FN_LEADER_HINT: i32 = 11;
export const FN_MERGE_END: i32 = 12;
export const FN_CONTIG_KNOWN: i32 = 13;
export const FN_PERSISTED_PREFIX: i32 = 14;
export const FN_EPOCH: i32 = 15;

// ---- merge rules (LOG_MERGE b & 15) ----
export const MERGE_COMMITTED: i32 = 1;
export const MERGE_HIGHEST_TERM: i32 = 2;
export const MERGE_SKIP: i32 = 3;
export const MERGE_NOOP: i32 = 4;

// ---- violations (checker) ----
export const V_NONE: i32 = 0;
export const V_TWO_LEADERS: i32 = 1; // a term, b first leader, c second
export const V_TWO_LEADER_CANDIDATES: i32 = 2;
export const V_LEADER_OVERWROTE: i32 = 3; // a node, b index, c term
export const V_LOG_MATCHING: i32 = 4; // a node, b index, c term
export const V_POINTWISE_MATCHING: i32 = 5; // a node, b index, c term
export const V_LEADER_INCOMPLETE: i32 = 6; // a node (new leader), b index, c term of the committed entry
export const V_COMMITTED_CHANGED: i32 = 7; // a index, b old value, c new value
export const V_APPLY_MISMATCH: i32 = 8; // a node, b index, c value applied
export const V_APPLY_ORDER: i32 = 9; // a node, b index applied, c later index already applied on an overlapping block
export const V_ACK_WITHOUT_MAJORITY: i32 = 10; // a index, b term, c persisted mask
export const V_STALE_READ: i32 = 11; // a block, b value read, c acknowledged value it should have seen at least
export const V_APPLY_UNCOMMITTED: i32 = 12; // a node, b index, c value
export const V_LBB_WRONG: i32 = 13; // a node, b index, c LBB slot (0 = the entry just before)
export const V_DIVERGED: i32 = 14; // a node, b block, c write it holds (the serial replay holds another)
export const V_ACK_UNCOMMITTED: i32 = 16; // a write id, b log index it was acknowledged at, c 0
export const V_SYNC_INCOMPLETE: i32 = 15; // a node, b other node, c index where their old-term entries differ

// ---- limits ----
/** Log ring per node: indices live at slot index & LOG_MASK; bounds the window past a checkpoint. */
export const LOG_CAP: i32 = 1 << 15;
export const LOG_MASK: i32 = LOG_CAP - 1;
export const LBB_MAX: i32 = 4;
export const MAX_BLOCKS: i32 = 1 << 16;
export const MAX_OP_BLOCKS: i32 = 32;
export const MAX_PIECES: i32 = MAX_BLOCKS / 32;
export const SCRIPT_SLOTS: i32 = 64;
export const MAX_CLIENT_SLOTS: i32 = 4096;
export const EVENT_CAP: i32 = 1 << 17;
/** Entry records carried by messages in flight (a ring; overwritten records drop the message). */
export const ARENA_CAP: i32 = 1 << 17;
export const ARENA_MASK: i32 = ARENA_CAP - 1;
export const HISTORY_CAP: i32 = 1 << 16;
export const READ_VALUES_CAP: i32 = 1 << 18;
export const SERIES_CAP: i32 = 1 << 14;
export const BLOCK_BYTES: i32 = 4096;
export const MAX_CLIENTS: i32 = 16;
export const MAX_DEPTH: i32 = 256;

// ---- internal event kinds; message kinds are below EV_FIRST_LOCAL ----
export const EV_APPEND: i32 = 1;
export const EV_ACK: i32 = 2;
export const EV_RAFT_RESP: i32 = 3;
export const EV_VOTE_REQ: i32 = 4;
export const EV_VOTE_RESP: i32 = 5;
export const EV_MERGE_REQ: i32 = 6;
export const EV_MERGE_RESP: i32 = 7;
export const EV_SYNC: i32 = 8;
export const EV_SYNC_ACK: i32 = 9;
export const EV_HEARTBEAT: i32 = 10;
export const EV_HEARTBEAT_RESP: i32 = 11;
export const EV_INSTALL: i32 = 12;
export const EV_PIECE: i32 = 13;
export const EV_PIECE_ACK: i32 = 14;
export const EV_FIRST_LOCAL: i32 = 20;
export const EV_DISK_DONE: i32 = 20;
export const EV_CLIENT_REQ: i32 = 21;
export const EV_TICK: i32 = 22;
export const EV_ELECTION_TIMER: i32 = 23;

// ---- disk job kinds (EV_DISK_DONE d) ----
export const DISK_ENTRY: i32 = 0;
export const DISK_SYNC_WINDOW: i32 = 1;

// ---- client op kinds ----
export const OP_WRITE: i32 = 0;
export const OP_READ: i32 = 1;


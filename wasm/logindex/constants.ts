// Every number the LogIndex kernel shares with its host (src/kernels/logindex/protocol.ts):
// sizes, modes, options, config slots, commands, violation codes and the frame layout. Both
// compilers read this file as it is, so it holds only `export const NAME: i32 = <integer>`.

export const CONFIG_VERSION: i32 = 1;
/** Read-only replicas, at most (PolarDB: one RW and up to 15 RO). */
export const MAX_RO: i32 = 15;
/** Node ids: 0 is the first writer, 1..MAX_RO the replicas, STORAGE the shared storage. */
export const STORAGE: i32 = 16;
export const NODES: i32 = 17;
/** Pages in the database (a small key range, so hot pages collide as in sysbench). */
export const PAGES: i32 = 4096;
/** Buffer-pool frames per replica: a quarter of the pages, so readers miss and read storage. */
export const RO_POOL: i32 = 1024;
/** WAL records a run can hold; the reference keeps every version of every page. */
export const REC_CAP: i32 = 524288;
/** LogIndex memtable size (LOG_INDEX_MEM_TBL_SEG_NUM): one (page, LSN) entry per segment here. */
export const MEMTABLE_ENTRIES: i32 = 4096;
/** Memtables in each replica's ring (active plus inactive ones it may reuse). */
export const RO_MEMTABLES: i32 = 2;
/** Entries a run can hold: two pages per record at most. */
export const ENTRY_CAP: i32 = 1048576;
export const TABLE_CAP: i32 = 256;
/** Bloom filter per flushed table, in bytes (spec §2.4). */
export const BLOOM_BYTES: i32 = 4096;
/** Tables per file segment (spec §2.4). */
export const TABLES_PER_SEGMENT: i32 = 64;
/** Copy-buffer slots for hot pages. */
export const COPY_SLOTS: i32 = 64;
/** Page writes in flight to storage at once. */
export const WRITE_SLOTS: i32 = 128;
/** Pages to which one WAL record may apply (a B-tree split touches two). */
export const MAX_RECORD_PAGES: i32 = 2;
export const EVENT_CAP: i32 = 262144;
/** Lag samples a run keeps for the host's series (one per sample tick). */
export const SERIES_CAP: i32 = 4096;

// ---- modes ----
/** LogIndex: metadata shipped, pages applied lazily by readers. */
export const MODE_LAZY: i32 = 0;
/** Classic physical replication: every record shipped and applied on every replica. */
export const MODE_FULL: i32 = 1;

// ---- broken options (must-fail twins) ----
/** The writer flushes pages newer than the slowest replica's replay LSN (breaks L2). */
export const OPT_FLUSH_CONTROL_OFF: i32 = 1;
/** Replicas insert a multi-page record into its second page's list late, unlocked (breaks L5). */
export const OPT_MTR_LOCK_OFF: i32 = 2;
/** The writer truncates LogIndex tables up to its durable LSN (breaks L6). */
export const OPT_EAGER_TRUNCATION: i32 = 4;
/** Bloom filters leave out every page divisible by 5 (breaks L3). */
export const OPT_BLOOM_FALSE_NEGATIVE: i32 = 8;

/** Record every writer page change and replica read in the history ring (--history). */
export const OPT_HISTORY: i32 = 16;
/** History ring records; the host drains it at least every HISTORY_DRAIN_EVENTS events. */
export const HISTORY_CAP: i32 = 65536;
/** Events per advance call while the history is on: each adds at most 2 records, well under the ring. */
export const HISTORY_DRAIN_EVENTS: i32 = 8192;
export const HISTORY_WRITE: i32 = 0;
export const HISTORY_READ: i32 = 1;

// ---- config slots (f64 each) ----
export const CFG_VERSION: i32 = 0;
export const CFG_MODE: i32 = 1;
export const CFG_RO: i32 = 2;
export const CFG_OPTIONS: i32 = 3;
export const CFG_WRITE_TPS: i32 = 4;
export const CFG_READ_QPS: i32 = 5;
export const CFG_HOT_PAGES: i32 = 6;
export const CFG_HOT_PERMILLE: i32 = 7;
export const CFG_SPLIT_PERMILLE: i32 = 8;
export const CFG_NET_BASE_NS: i32 = 9;
export const CFG_NET_JITTER_NS: i32 = 10;
export const CFG_NET_NS_PER_KB: i32 = 11;
export const CFG_STORAGE_BASE_NS: i32 = 12;
export const CFG_STORAGE_JITTER_NS: i32 = 13;
export const CFG_STORAGE_NS_PER_KB: i32 = 14;
export const CFG_CPU_PARSE_NS: i32 = 15;
export const CFG_CPU_APPLY_NS: i32 = 16;
export const CFG_CPU_READ_NS: i32 = 17;
export const CFG_BGW_NS: i32 = 18;
export const CFG_TICK_NS: i32 = 19;
export const CFG_HOT_UPDATES: i32 = 20;
export const CFG_META_BYTES: i32 = 21;
export const CFG_PAYLOAD_BYTES: i32 = 22;
export const CFG_MTR_WINDOW_NS: i32 = 23;
export const CONFIG_SLOTS: i32 = 24;

// ---- commands (apply) ----
export const CMD_CRASH: i32 = 1;
export const CMD_RESTART: i32 = 2;
export const CMD_PROMOTE: i32 = 3;
/** Shared storage serves a/1000 times as slowly. */
export const CMD_SLOW_STORAGE: i32 = 4;
/** Extra one-way latency b ns on writer<->replica a (both ways). */
export const CMD_DELAY: i32 = 5;
/** Lose b permille of the messages writer<->replica a (both ways). */
export const CMD_LOSS: i32 = 6;
export const CMD_PARTITION: i32 = 7;
/** Restore replica a's links (a = -1: every link). */
export const CMD_HEAL: i32 = 8;
/** Replica a's CPU runs b/1000 times as slowly (a starved replica). */
export const CMD_STARVE: i32 = 9;

// ---- verdict and violations ----
export const VERDICT_VALID: i32 = 0;
export const VERDICT_INVALID: i32 = 1;
/** Something the checker needs was lost (a full record store): no claim either way. */
export const VERDICT_UNKNOWN: i32 = 2;
export const V_NONE: i32 = 0;
export const V_L1: i32 = 1;
export const V_L2: i32 = 2;
export const V_L3: i32 = 3;
export const V_L4: i32 = 4;
export const V_L5: i32 = 5;
export const V_L6: i32 = 6;
export const V_L7: i32 = 7;
export const V_L8: i32 = 8;
export const V_L9: i32 = 9;

// ---- frame (f64 slots) ----
export const FR_NOW: i32 = 0;
export const FR_EVENTS: i32 = 1;
export const FR_WRITES: i32 = 2;
export const FR_READS: i32 = 3;
export const FR_WRITE_LSN: i32 = 4;
export const FR_DURABLE_LSN: i32 = 5;
export const FR_CONSISTENT_LSN: i32 = 6;
export const FR_OLDEST_APPLY_LSN: i32 = 7;
export const FR_TRUNCATED_LSN: i32 = 8;
export const FR_BYTES_SHIPPED: i32 = 9;
export const FR_PAGES_REPLAYED: i32 = 10;
export const FR_LSN_LAG_P50: i32 = 11;
export const FR_LSN_LAG_P99: i32 = 12;
export const FR_TIME_LAG_P50: i32 = 13;
export const FR_TIME_LAG_P99: i32 = 14;
export const FR_VIS_LAG_P50: i32 = 15;
export const FR_VIS_LAG_P99: i32 = 16;
export const FR_VERDICT: i32 = 17;
export const FR_VIOLATION: i32 = 18;
export const FR_V_PAGE: i32 = 19;
export const FR_V_NODE: i32 = 20;
export const FR_V_LSN: i32 = 21;
export const FR_V_TIME: i32 = 22;
export const FR_READS_CHECKED: i32 = 23;
export const FR_TABLES_FLUSHED: i32 = 24;
export const FR_TABLES_TRUNCATED: i32 = 25;
export const FR_BLOOM_SKIPS: i32 = 26;
export const FR_COPY_BUFFERED: i32 = 27;
export const FR_PAGES_FLUSHED: i32 = 28;
export const FR_FLUSH_BLOCKED: i32 = 29;
export const FR_OVERFLOW: i32 = 30;
export const FR_WRITER: i32 = 31;
export const FR_STORAGE_READS: i32 = 32;
export const FR_TABLE_LOOKUPS: i32 = 33;
export const FR_PROMOTIONS_CHECKED: i32 = 34;
export const FR_MSG_DROPPED: i32 = 35;
export const FRAME_SIZE: i32 = 36;

// ---- inspection (wasm/logindex/inspect.ts; decoded by src/kernels/logindex/inspect.ts) ----
/** Per node, NODE_STRIDE f64 from nodesPtr(), at these offsets. */
export const NV_UP: i32 = 0;
export const NV_READY: i32 = 1;
export const NV_WRITER: i32 = 2;
export const NV_RECEIVED: i32 = 3;
export const NV_REPLAY: i32 = 4;
export const NV_MIN_USED: i32 = 5;
export const NV_LAG_BYTES: i32 = 6;
export const NV_POOL: i32 = 7;
export const NV_OUTDATED: i32 = 8;
export const NV_MEMTABLE: i32 = 9;
export const NV_CPU_PERMILLE: i32 = 10;
export const NV_DELAY_NS: i32 = 11;
export const NV_LOSS_PERMILLE: i32 = 12;
export const NV_PARTITIONED: i32 = 13;
export const NODE_STRIDE: i32 = 14;
/** The writer and storage, WRITER_FIELDS f64 from writerPtr(). */
export const WV_DIRTY: i32 = 0;
export const WV_FLUSHABLE: i32 = 1;
export const WV_BLOCKED: i32 = 2;
export const WV_COPY: i32 = 3;
export const WV_WRITES: i32 = 4;
export const WV_ACTIVE: i32 = 5;
export const WV_INACTIVE: i32 = 6;
export const WV_FLUSHED: i32 = 7;
export const WV_TRUNCATED: i32 = 8;
export const WV_SEGMENTS: i32 = 9;
export const WV_STORAGE_PERMILLE: i32 = 10;
export const WV_STORAGE_MAX_LSN: i32 = 11;
/** How many FLUSH_STRIDE records follow at flushPtr() (flush-list head, then the copy buffer). */
export const WV_FLUSH_COUNT: i32 = 12;
export const WRITER_FIELDS: i32 = 13;
export const FLUSH_SAMPLE: i32 = 48;
/** page, oldest LSN, newest LSN, flags (FLUSH_BLOCKED | FLUSH_COPY). */
export const FLUSH_STRIDE: i32 = 4;
export const FLUSH_BLOCKED: i32 = 1;
export const FLUSH_COPY: i32 = 2;
/** One page seen from one replica, PAGE_SCRATCH i64 from pagePtr(page, node). */
export const PI_WRITER_LSN: i32 = 0;
export const PI_WRITER_IMAGE: i32 = 1;
export const PI_STORAGE_LSN: i32 = 2;
export const PI_STORAGE_IMAGE: i32 = 3;
export const PI_RESIDENT: i32 = 4;
export const PI_RESIDENT_LSN: i32 = 5;
export const PI_RESIDENT_OUTDATED: i32 = 6;
export const PI_RESIDENT_IMAGE: i32 = 7;
export const PI_ENTRIES_TOTAL: i32 = 8;
export const PI_ENTRIES_SHOWN: i32 = 9;
export const PI_SKIPS_SHOWN: i32 = 10;
export const PI_LAST_READ: i32 = 11;
export const PI_LAST_PAGE: i32 = 12;
export const PI_LAST_REPLAY_LSN: i32 = 13;
export const PI_LAST_BASE_LSN: i32 = 14;
export const PI_LAST_FROM_STORAGE: i32 = 15;
export const PI_LAST_AT: i32 = 16;
export const PI_LAST_REPLAYED: i32 = 17;
/** Then PAGE_ENTRIES_MAX (lsn, table, table state) triples, PAGE_SKIPS_MAX tables, LAST_READ_MAX LSNs. */
export const PI_HEADER: i32 = 24;
export const PAGE_ENTRIES_MAX: i32 = 64;
export const PAGE_SKIPS_MAX: i32 = 64;
/** LSNs a replica remembers of its last read that replayed records. */
export const LAST_READ_MAX: i32 = 32;
export const PAGE_SCRATCH: i32 = 312;

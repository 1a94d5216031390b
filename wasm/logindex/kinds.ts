// Event kinds of the LogIndex kernel (below 64, as wasm/lib/cpu.ts asks). Kernel-only.
/** Writer -> replica: WAL metadata (full mode: whole records) for LSNs a..b. */
export const EV_META: i32 = 1;
/** Replica -> writer: a = received, b = replay LSN, c = min used LSN. */
export const EV_ACK: i32 = 2;
/** Writer: the next write transaction arrives. */
export const EV_TXN: i32 = 10;
/** Writer: the WAL payload of record a is durable on storage. */
export const EV_WAL_DONE: i32 = 11;
/** Writer: a background-writer pass over the flush list. */
export const EV_BGW: i32 = 12;
/** Storage: write slot a reached storage. */
export const EV_PAGE_WRITTEN: i32 = 13;
/** Storage: LogIndex table a is flushed. */
export const EV_TABLE_FLUSHED: i32 = 14;
/** Replica: a reader asks for a page. */
export const EV_READ: i32 = 15;
/** Replica: the startup process has parsed records a..b. */
export const EV_PARSED: i32 = 16;
/** Replica: mtr-lock-off only, the late insert of record a into page b's list. */
export const EV_MTR_TAIL: i32 = 17;
/** Replica: a background-replay pass. */
export const EV_REPLAY: i32 = 18;
/** Cluster: sampling, resending, truncation and the periodic checks. */
export const EV_TICK: i32 = 19;

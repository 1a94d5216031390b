// Every number the network kernel shares with its host (src/kernels/net/protocol.ts). Both
// compilers read this file as it is, so it holds only `export const NAME: i32 = <integer>`.

export const CONFIG_VERSION: i32 = 1;
/** Nodes (regions or zones) a network may hold. */
export const MAX_NODES: i32 = 256;
/** Links (full duplex: each direction has the link's whole capacity). */
export const MAX_LINKS: i32 = 2048;
/** Flows a run may hold. */
export const MAX_FLOWS: i32 = 20000;
/** Links one route may cross. */
export const MAX_HOPS: i32 = 32;

// ---- config slots (f64 each) ----
export const CFG_VERSION: i32 = 0;
export const CFG_NODES: i32 = 1;
export const CFG_LINKS: i32 = 2;
export const CFG_FLOWS: i32 = 3;
export const CFG_OPTIONS: i32 = 4;
export const CONFIG_SLOTS: i32 = 8;

/** Options: share a saturated link in proportion to 1/RTT (SimGrid's weighting) instead of equally. */
export const OPT_RTT_WEIGHTED: i32 = 1;

// ---- link input block: LINK_FIELDS f64 per link ----
export const LINK_FROM: i32 = 0;
export const LINK_TO: i32 = 1;
export const LINK_GBPS: i32 = 2;
/** One-way propagation delay, ns. */
export const LINK_DELAY_NS: i32 = 3;
/** Packet loss rate, 0..1. */
export const LINK_LOSS: i32 = 4;
export const LINK_FIELDS: i32 = 5;

// ---- flow input block: FLOW_FIELDS f64 per flow, sorted by start time ----
export const FLOW_FROM: i32 = 0;
export const FLOW_TO: i32 = 1;
export const FLOW_START_NS: i32 = 2;
export const FLOW_BYTES: i32 = 3;
/** TCP window (the socket buffer's max), bytes. */
export const FLOW_WINDOW: i32 = 4;
export const FLOW_FIELDS: i32 = 5;

// ---- flow output block: OUT_FIELDS f64 per flow ----
export const OUT_STATUS: i32 = 0;
/** Time the first byte reached the far end (start + one-way path delay), ns. */
export const OUT_ACTIVE_NS: i32 = 1;
/** Time the last byte arrived, ns (0 until then). */
export const OUT_END_NS: i32 = 2;
/** Current rate, Gb/s. */
export const OUT_RATE_GBPS: i32 = 3;
export const OUT_SENT_BITS: i32 = 4;
/** One-way delay of the current route, ns. */
export const OUT_PATH_NS: i32 = 5;
export const OUT_HOPS: i32 = 6;
/** TCP's own ceiling on the current route, min(window/RTT, Mathis), Gb/s. */
export const OUT_CAP_GBPS: i32 = 7;
/** Reroutes the flow took. */
export const OUT_REROUTES: i32 = 8;
export const OUT_FIELDS: i32 = 9;

// ---- flow status ----
export const ST_PENDING: i32 = 0;
/** Routed; its first byte is still crossing the path's propagation delay. */
export const ST_LATENT: i32 = 1;
export const ST_ACTIVE: i32 = 2;
/** No route to its destination: waits, at rate 0, for one to come back. */
export const ST_STALLED: i32 = 3;
export const ST_DONE: i32 = 4;
/** Its source or destination region went down. */
export const ST_FAILED: i32 = 5;

// ---- link output block: LOUT_FIELDS f64 per link ----
export const LOUT_UP: i32 = 0;
export const LOUT_GBPS: i32 = 1;
export const LOUT_LOSS: i32 = 2;
/** Bits carried from the link's `from` to its `to`, and back. */
export const LOUT_BITS_FWD: i32 = 3;
export const LOUT_BITS_BACK: i32 = 4;
/** Current load, Gb/s, each direction. */
export const LOUT_LOAD_FWD: i32 = 5;
export const LOUT_LOAD_BACK: i32 = 6;
export const LOUT_FIELDS: i32 = 7;

// ---- commands: apply(kind, target, value) ----
/** Cut link `target`. */
export const CMD_CUT: i32 = 1;
/** Bring link `target` back at its configured capacity. */
export const CMD_RESTORE: i32 = 2;
/** Region outage: node `target` and every link touching it go down. */
export const CMD_OUTAGE: i32 = 3;
/** Link `target` keeps `value` (0..1) of its configured capacity. */
export const CMD_CAPACITY: i32 = 4;
/** Link `target` loses packets at rate `value`. */
export const CMD_LOSS: i32 = 5;

// ---- frame (f64 slots) ----
export const FR_NOW: i32 = 0;
export const FR_EVENTS: i32 = 1;
export const FR_STARTED: i32 = 2;
export const FR_ENDED: i32 = 3;
export const FR_FAILED: i32 = 4;
export const FR_RESHARES: i32 = 5;
export const FR_ACTIVE: i32 = 6;
export const FR_STALLED: i32 = 7;
export const FR_REROUTES: i32 = 8;
/** Progressive-filling rounds summed over every re-share. */
export const FR_FILL_ROUNDS: i32 = 9;
export const FRAME_SIZE: i32 = 10;

/** TCP segment payload, bytes (Mathis's MSS; spec §2). */
export const MSS_BYTES: i32 = 1460;

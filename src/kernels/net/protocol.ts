// The numbers the host shares with the network kernel. Every value comes from
// wasm/net/constants.ts, the one source both compilers read.
import * as K from '../../../wasm/net/constants';

export const { CONFIG_VERSION, CONFIG_SLOTS, FRAME_SIZE, MAX_NODES, MAX_LINKS, MAX_FLOWS, MAX_HOPS, MSS_BYTES } = K;
export const { LINK_FIELDS, FLOW_FIELDS, OUT_FIELDS, LOUT_FIELDS, OPT_RTT_WEIGHTED } = K;

export const CFG = { version: K.CFG_VERSION, nodes: K.CFG_NODES, links: K.CFG_LINKS, flows: K.CFG_FLOWS, options: K.CFG_OPTIONS } as const;
export const LINK_IN = { from: K.LINK_FROM, to: K.LINK_TO, gbps: K.LINK_GBPS, delayNs: K.LINK_DELAY_NS, loss: K.LINK_LOSS } as const;
export const FLOW_IN = { from: K.FLOW_FROM, to: K.FLOW_TO, startNs: K.FLOW_START_NS, bytes: K.FLOW_BYTES, window: K.FLOW_WINDOW } as const;
export const OUT = {
  status: K.OUT_STATUS, activeNs: K.OUT_ACTIVE_NS, endNs: K.OUT_END_NS, rateGbps: K.OUT_RATE_GBPS, sentBits: K.OUT_SENT_BITS,
  pathNs: K.OUT_PATH_NS, hops: K.OUT_HOPS, capGbps: K.OUT_CAP_GBPS, reroutes: K.OUT_REROUTES,
} as const;
export const LOUT = {
  up: K.LOUT_UP, gbps: K.LOUT_GBPS, loss: K.LOUT_LOSS, bitsFwd: K.LOUT_BITS_FWD, bitsBack: K.LOUT_BITS_BACK,
  loadFwd: K.LOUT_LOAD_FWD, loadBack: K.LOUT_LOAD_BACK,
} as const;
export const CMD = { cut: K.CMD_CUT, restore: K.CMD_RESTORE, outage: K.CMD_OUTAGE, capacity: K.CMD_CAPACITY, loss: K.CMD_LOSS } as const;
export const FR = {
  now: K.FR_NOW, events: K.FR_EVENTS, started: K.FR_STARTED, ended: K.FR_ENDED, failed: K.FR_FAILED, reshares: K.FR_RESHARES,
  active: K.FR_ACTIVE, stalled: K.FR_STALLED, reroutes: K.FR_REROUTES, fillRounds: K.FR_FILL_ROUNDS,
} as const;

/** Flow status names, by the kernel's codes. */
export const STATUS_NAMES = ['pending', 'latent', 'active', 'stalled', 'done', 'failed'] as const;
export type FlowStatus = (typeof STATUS_NAMES)[number];
const _statusCodesMatch: [0, 1, 2, 3, 4, 5] = [K.ST_PENDING, K.ST_LATENT, K.ST_ACTIVE, K.ST_STALLED, K.ST_DONE, K.ST_FAILED] as [0, 1, 2, 3, 4, 5];
void _statusCodesMatch;

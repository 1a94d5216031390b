// Defaults and hardware presets for the raft kernel, and their encoding into the config
// block. Latency building blocks follow spec §1.6: ~5 µs eRDMA vs ~25 µs kernel TCP,
// 3D XPoint WAL ~10 µs vs NVMe tens of µs with a long completion tail.
import { CFG, CONFIG_SLOTS, CONFIG_VERSION, MODES, OPTIONS, MAX_CLIENTS, MAX_DEPTH, MAX_OP_BLOCKS } from './protocol';
import type { DiskPreset, ModelConstants, NetPreset, RaftConfig } from './types';

const US = 1_000;
const MS = 1_000_000;
/** The kernel's tick: client timeouts, heartbeats and elections are looked at this often. */
export const TICK_NS = 1_000_000;

export const NET_PRESETS: Record<NetPreset, Pick<ModelConstants, 'netBaseNs' | 'netJitterNs' | 'netSpreadPermille' | 'netNsPerKb' | 'cpuMsgNs' | 'cpuEntryNs' | 'clientNetNs'>> = {
  // User-space RDMA: ~5 µs one way, ~25 Gb/s; the chunk's one polling thread spends ~3 µs per
  // message and ~1.5 µs per entry carried (checksum and copy of the block data).
  rdma: { netBaseNs: 5 * US, netJitterNs: 3 * US, netSpreadPermille: 300, netNsPerKb: 330, cpuMsgNs: 3 * US, cpuEntryNs: 1500, clientNetNs: 5 * US },
  // Kernel TCP: ~25 µs one way, ~10 Gb/s, ~20,000 instructions of stack per I/O.
  tcp: { netBaseNs: 25 * US, netJitterNs: 15 * US, netSpreadPermille: 300, netNsPerKb: 820, cpuMsgNs: 8 * US, cpuEntryNs: 2500, clientNetNs: 25 * US },
};

export const DISK_PRESETS: Record<DiskPreset, Pick<ModelConstants, 'walBaseNs' | 'walJitterNs' | 'walChannels' | 'walNsPerKb'>> = {
  xpoint: { walBaseNs: 8 * US, walJitterNs: 3 * US, walChannels: 8, walNsPerKb: 400 },
  nvme: { walBaseNs: 20 * US, walJitterNs: 25 * US, walChannels: 4, walNsPerKb: 500 },
};

export function defaultConfig(overrides: Partial<RaftConfig> = {}): RaftConfig {
  return {
    mode: 'parallel',
    seed: 1,
    clients: 1,
    iodepth: 8,
    blocks: 2560,
    minBlocks: 1,
    maxBlocks: 1,
    readPct: 0,
    connections: 4,
    net: 'rdma',
    disk: 'xpoint',
    lbbN: 2,
    widegap: 'wait',
    initialLeader: 0,
    thinkNs: 0,
    checkpointNs: 100 * MS,
    electionMinNs: 150 * MS,
    electionMaxNs: 300 * MS,
    heartbeatNs: 50 * MS,
    clientTimeoutNs: 100 * MS,
    rtoNs: 2 * MS,
    sampleNs: 100 * MS,
    traceMessages: false,
    raftNoop: false,
    broken: {},
    ...overrides,
  };
}

export function modelConstants(config: RaftConfig): ModelConstants {
  return { ...NET_PRESETS[config.net], ...DISK_PRESETS[config.disk], ...config.model };
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

/** Validates a config with messages that say which field is wrong and why. */
export function validateConfig(c: RaftConfig): void {
  check(MODES.includes(c.mode), `mode must be one of ${MODES.join(', ')} (found "${c.mode}")`);
  check(Number.isInteger(c.seed) && c.seed >= 0, `seed must be a non-negative integer (found ${c.seed})`);
  check(Number.isInteger(c.clients) && c.clients >= 0 && c.clients <= MAX_CLIENTS, `clients must be 0..${MAX_CLIENTS} (found ${c.clients})`);
  check(Number.isInteger(c.iodepth) && c.iodepth >= 0 && c.iodepth <= MAX_DEPTH, `iodepth must be 0..${MAX_DEPTH} (found ${c.iodepth})`);
  check(Number.isInteger(c.blocks) && c.blocks >= MAX_OP_BLOCKS && c.blocks <= 65536, `blocks must be ${MAX_OP_BLOCKS}..65536 (found ${c.blocks})`);
  check(Number.isInteger(c.minBlocks) && c.minBlocks >= 1 && c.minBlocks <= MAX_OP_BLOCKS, `the smallest op must be 4 KB..128 KB`);
  check(Number.isInteger(c.maxBlocks) && c.maxBlocks >= c.minBlocks && c.maxBlocks <= MAX_OP_BLOCKS, `the largest op must be between the smallest and 128 KB`);
  check(c.readPct >= 0 && c.readPct <= 100, `read share must be 0..100 % (found ${c.readPct})`);
  check(Number.isInteger(c.connections) && c.connections >= 1 && c.connections <= 16, `connections must be 1..16 (found ${c.connections})`);
  check(Number.isInteger(c.lbbN) && c.lbbN >= 0 && c.lbbN <= 4, `the look-behind span N must be 0..4 (found ${c.lbbN})`);
  check(c.electionMinNs > 0 && c.electionMaxNs >= c.electionMinNs, 'election timeouts need 0 < min <= max');
}

export function encodeConfig(c: RaftConfig): Float64Array {
  validateConfig(c);
  const m = modelConstants(c);
  const f = new Float64Array(CONFIG_SLOTS);
  let options = 0;
  if (c.broken.commitOldTerms) options |= OPTIONS.commitOldTerms;
  if (c.broken.ignoreLbb) options |= OPTIONS.ignoreLbb;
  if (c.broken.voteTwice) options |= OPTIONS.voteTwice;
  if (c.broken.skipPrevCheck) options |= OPTIONS.skipPrevCheck;
  if (c.broken.staleLbb) options |= OPTIONS.staleLbb;
  if (c.broken.loseApply) options |= OPTIONS.loseApply;
  if (c.broken.dirtyRead) options |= OPTIONS.dirtyRead;
  if (c.broken.keepPastEnd) options |= OPTIONS.keepPastEnd;
  if (c.raftNoop) options |= OPTIONS.raftNoop;
  if (c.traceMessages) options |= OPTIONS.traceMessages;
  if (c.widegap === 'refuse-accept') options |= OPTIONS.widegapRefuse;
  f[CFG.version] = CONFIG_VERSION;
  f[CFG.mode] = MODES.indexOf(c.mode);
  f[CFG.clients] = c.clients;
  f[CFG.iodepth] = c.iodepth;
  f[CFG.blocks] = c.blocks;
  f[CFG.minBlocks] = c.minBlocks;
  f[CFG.maxBlocks] = c.maxBlocks;
  f[CFG.readPermille] = Math.round(c.readPct * 10);
  f[CFG.connections] = c.connections;
  f[CFG.netBaseNs] = m.netBaseNs;
  f[CFG.netJitterNs] = m.netJitterNs;
  f[CFG.netSpreadPermille] = m.netSpreadPermille;
  f[CFG.netNsPerKb] = m.netNsPerKb;
  f[CFG.cpuMsgNs] = m.cpuMsgNs;
  f[CFG.cpuEntryNs] = m.cpuEntryNs;
  f[CFG.walBaseNs] = m.walBaseNs;
  f[CFG.walJitterNs] = m.walJitterNs;
  f[CFG.walChannels] = m.walChannels;
  f[CFG.walNsPerKb] = m.walNsPerKb;
  f[CFG.clientNetNs] = m.clientNetNs;
  f[CFG.electionMinNs] = c.electionMinNs;
  f[CFG.electionMaxNs] = c.electionMaxNs;
  f[CFG.heartbeatNs] = c.heartbeatNs;
  f[CFG.tickNs] = TICK_NS;
  f[CFG.rtoNs] = c.rtoNs;
  f[CFG.clientTimeoutNs] = c.clientTimeoutNs;
  f[CFG.lbbN] = c.lbbN;
  f[CFG.options] = options;
  f[CFG.initialLeader] = c.initialLeader;
  f[CFG.sampleNs] = c.sampleNs;
  f[CFG.thinkNs] = c.thinkNs;
  f[CFG.checkpointNs] = c.checkpointNs;
  f[CFG.retryNs] = 1_000_000;
  return f;
}

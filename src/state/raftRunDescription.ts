// A ParallelRaft run in the form its share link and its saved session carry: the starting
// config (the mode, and side by side adds a raft column), the scenario's scripted commands,
// the commands given during the run, each stamped with the simulated time it applied at,
// the time reached, and the view choices that matter. Replaying this gives back the same
// run bit for bit, because the kernel is deterministic.
import { RAFT_SCENARIOS } from '../kernels/raft/grammar';
import type { RaftScenarioName } from '../commands/types';
import { BROKEN_KEYS } from '../kernels/raft/brokenOptions';
import { validateConfig } from '../kernels/raft/config';
import { MAX_CLIENTS, MAX_DEPTH, MAX_OP_BLOCKS, MODES, NODES } from '../kernels/raft/protocol';
import { formatCommand, parseSchedule, ScheduleError } from '../kernels/raft/schedule';
import type { ModelConstants, RaftCommand, RaftConfig, SimNs } from '../kernels/raft/types';
import {
  checkFields, FieldError, flag, integer, isRecord, numberIn, oneOf, onlyKeys, present, record, wholeNumber,
} from './fieldChecks';
import { scheduledCommand, stampedCommands } from './stampedCommands';
import type { Checked } from './fieldChecks';

/** Bump when the compact form changes meaning; links of another version get a clear refusal. */
export const RAFT_FORMAT_VERSION = 1;

/** A command and the simulated time it applied at (no source: a link is its own source). */
export interface RaftStamped {
  at: SimNs;
  command: RaftCommand;
}

export interface RaftRunDescription {
  v: typeof RAFT_FORMAT_VERSION;
  kernel: 'raft';
  /** The config the run started from; `mode` is the chosen mode. */
  config: RaftConfig;
  /** Two columns, raft and `config.mode` (parallel when that is raft), on one clock. */
  sideBySide: boolean;
  /** The scenario the run came from, for its label; its commands are in `schedule`. */
  scenario: RaftScenarioName | null;
  /** Scripted commands given at the start (a scenario's); they survive a seek back. */
  schedule: RaftStamped[];
  /** Commands given during the run (faults, client writes, iodepth), in the order they applied. */
  commands: RaftStamped[];
  /** The simulated time being viewed. */
  time: SimNs;
  /** Simulated nanoseconds per wall second, or as fast as the machine goes. */
  speed: number | 'max';
  /** The log index selected in the views, if any. */
  selected: number | null;
  /** Present when the workers did not check P9 (`raft p9 off`); links from before it check. */
  p9Off?: true;
}

// Compact form: short keys keep links short; the config keeps its own names (they are what
// a person reading the JSON needs). Field meanings:
//   v version · k kernel ('raft') · c config · b 1 side by side (left out when single)
//   n scenario name (left out when none) · s scripted commands · m commands given
//   (each [at ns, text in the fault grammar]) · t time ns · p speed · e selected index
//   q 0 when P9 is not checked (left out when it is)
export interface CompactRaftRun {
  v: number;
  k: 'raft';
  c: RaftConfig;
  b?: 1;
  n?: RaftScenarioName;
  s: [number, string][];
  m: [number, string][];
  t: number;
  p: number | 'max';
  e?: number;
  q?: 0;
}

const stampedTexts = (list: RaftStamped[]): [number, string][] => list.map((c) => [c.at, formatCommand(c.command)]);

export function raftToCompact(run: RaftRunDescription): CompactRaftRun {
  const { model, broken, ...rest } = run.config;
  return {
    v: run.v,
    k: run.kernel,
    c: { ...rest, broken: { ...broken }, ...(model === undefined ? {} : { model: { ...model } }) },
    ...(run.sideBySide ? { b: 1 as const } : {}),
    ...(run.scenario === null ? {} : { n: run.scenario }),
    s: stampedTexts(run.schedule),
    m: stampedTexts(run.commands),
    t: run.time,
    p: run.speed,
    ...(run.selected === null ? {} : { e: run.selected }),
    ...(run.p9Off === true ? { q: 0 as const } : {}),
  };
}

// ---- checks --------------------------------------------------------------------------

const MAX_NS = Number.MAX_SAFE_INTEGER;
const NS_FIELDS = ['thinkNs', 'checkpointNs', 'electionMinNs', 'electionMaxNs', 'heartbeatNs', 'clientTimeoutNs', 'rtoNs', 'sampleNs'] as const;
/** Every broken option a run can carry (`raft break`); links from before some existed simply lack them. */
const BROKEN_FLAGS = BROKEN_KEYS;
const MODEL_FIELDS: readonly (keyof ModelConstants)[] = [
  'netBaseNs', 'netJitterNs', 'netSpreadPermille', 'netNsPerKb', 'cpuMsgNs', 'cpuEntryNs', 'walBaseNs', 'walJitterNs', 'walChannels',
  'walNsPerKb', 'clientNetNs',
];
const CONFIG_FIELDS: readonly (keyof RaftConfig)[] = [
  'mode', 'seed', 'clients', 'iodepth', 'blocks', 'minBlocks', 'maxBlocks', 'readPct', 'connections', 'net', 'disk', 'lbbN', 'widegap',
  'initialLeader', ...NS_FIELDS, 'traceMessages', 'raftNoop', 'broken', 'model',
];

function config(value: unknown): RaftConfig {
  const c = record(value, 'config');
  onlyKeys(c, 'config', CONFIG_FIELDS);
  const brokenIn = record(c.broken, 'config.broken');
  onlyKeys(brokenIn, 'config.broken', BROKEN_FLAGS);
  const broken: RaftConfig['broken'] = {};
  for (const name of BROKEN_FLAGS) if (brokenIn[name] !== undefined) broken[name] = flag(brokenIn[name], `config.broken.${name}`);
  let model: Partial<ModelConstants> | undefined;
  if (c.model !== undefined) {
    const modelIn = record(c.model, 'config.model');
    onlyKeys(modelIn, 'config.model', MODEL_FIELDS);
    model = {};
    for (const name of MODEL_FIELDS) if (modelIn[name] !== undefined) model[name] = numberIn(modelIn[name], `config.model.${name}`, 0, MAX_NS);
  }
  const ns = Object.fromEntries(NS_FIELDS.map((name) => [name, wholeNumber(c[name], `config.${name}`)])) as Pick<RaftConfig, (typeof NS_FIELDS)[number]>;
  const parsed: RaftConfig = {
    mode: oneOf(c.mode, 'config.mode', MODES),
    seed: wholeNumber(c.seed, 'config.seed'),
    clients: integer(c.clients, 'config.clients', 0, MAX_CLIENTS),
    iodepth: integer(c.iodepth, 'config.iodepth', 0, MAX_DEPTH),
    blocks: integer(c.blocks, 'config.blocks', MAX_OP_BLOCKS, 65536),
    minBlocks: integer(c.minBlocks, 'config.minBlocks', 1, MAX_OP_BLOCKS),
    maxBlocks: integer(c.maxBlocks, 'config.maxBlocks', 1, MAX_OP_BLOCKS),
    readPct: numberIn(c.readPct, 'config.readPct', 0, 100),
    connections: integer(c.connections, 'config.connections', 1, 16),
    net: oneOf(c.net, 'config.net', ['rdma', 'tcp'] as const),
    disk: oneOf(c.disk, 'config.disk', ['xpoint', 'nvme'] as const),
    lbbN: integer(c.lbbN, 'config.lbbN', 0, 4),
    widegap: oneOf(c.widegap, 'config.widegap', ['wait', 'refuse-accept'] as const),
    initialLeader: integer(c.initialLeader, 'config.initialLeader', -1, NODES - 1),
    ...ns,
    traceMessages: flag(c.traceMessages, 'config.traceMessages'),
    raftNoop: flag(c.raftNoop, 'config.raftNoop'),
    broken,
    ...(model === undefined ? {} : { model }),
  };
  // What only holds between fields (the smallest op at most the largest, timeouts in order).
  try {
    validateConfig(parsed);
  } catch (error) {
    throw new FieldError('config', `is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parsed;
}

/** One command in the fault grammar, as `raft <text>` would take it; errors give the column in the text. */
const commandOf = (text: string, field: string): RaftCommand =>
  scheduledCommand(text, field, parseSchedule, (error): error is ScheduleError => error instanceof ScheduleError);

function stampedList(value: unknown, name: string): RaftStamped[] {
  return stampedCommands(value, name, commandOf);
}

function speed(value: unknown): number | 'max' {
  present(value, 'speed');
  if (value === 'max') return 'max';
  return integer(value, 'speed', 1, MAX_NS);
}

/** The compact form's keys, as CompactRaftRun declares them. */
const COMPACT_RAFT_KEYS: readonly (keyof CompactRaftRun)[] = ['v', 'k', 'c', 'b', 'n', 's', 'm', 't', 'p', 'e', 'q'];

export type RaftRunCheck = { ok: true; run: RaftRunDescription } | { ok: false; reason: string };

/** Checks a parsed compact object field by field; the reason names the first bad field. */
export function raftFromCompact(value: unknown): RaftRunCheck {
  if (!isRecord(value)) return { ok: false, reason: 'the data is not a raft run description (expected an object)' };
  const checked: Checked<RaftRunDescription> = checkFields(() => {
    onlyKeys(value, '', COMPACT_RAFT_KEYS);
    const version = wholeNumber(value.v, 'v');
    if (version !== RAFT_FORMAT_VERSION) throw new FieldError('v', `is invalid: format version ${version}, this app reads version ${RAFT_FORMAT_VERSION}`);
    const kernel = present(value.k, 'kernel');
    if (kernel !== 'raft') throw new FieldError('kernel', `is invalid: ${JSON.stringify(kernel)} is not the raft kernel (a GPU-pool run opens from a #run= link)`);
    if (value.b !== undefined && value.b !== 1) throw new FieldError('sideBySide', `is invalid: expected 1 or nothing, got ${JSON.stringify(value.b)}`);
    if (value.q !== undefined && value.q !== 0) throw new FieldError('p9', `is invalid: expected 0 (not checked) or nothing, got ${JSON.stringify(value.q)}`);
    return {
      v: RAFT_FORMAT_VERSION,
      kernel: 'raft',
      config: config(value.c),
      sideBySide: value.b === 1,
      scenario: value.n === undefined ? null : oneOf(value.n, 'scenario', RAFT_SCENARIOS),
      schedule: stampedList(value.s, 'schedule'),
      commands: stampedList(value.m, 'commands'),
      time: wholeNumber(value.t, 'time'),
      speed: speed(value.p),
      selected: value.e === undefined ? null : integer(value.e, 'selected', 1, 2 ** 31 - 1),
      ...(value.q === 0 ? { p9Off: true as const } : {}),
    };
  });
  return checked.ok ? { ok: true, run: checked.value } : checked;
}

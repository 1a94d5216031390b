// A LogIndex run in the form its share link and its saved session carry: the starting config
// in full and the seed, the write scale the tab shows, one column or lazy and full side by
// side, the scheduled commands, the commands given during the run (each at the simulated ns it
// applied at), the time reached, the speed, and the page and node being inspected. Replaying
// this gives back the same run bit for bit, because the kernel is deterministic.
import {
  checkFields, FieldError, integer, isRecord, list, numberIn, oneOf, onlyKeys, present, record, wholeNumber,
} from '../../state/fieldChecks';
import { scheduledCommand, stampedCommands } from '../../state/stampedCommands';
import type { Checked } from '../../state/fieldChecks';
import { MAX_WRITE_SCALE } from './config';
import { BROKEN_OPTIONS, MAX_RO, MODES, PAGES, type BrokenOption } from './protocol';
import { formatSchedule, parseSchedule, ScheduleError } from './schedule';
import type { LogIndexCommand, LogIndexConfig, SimNs, StampedLogIndexCommand } from './types';

/** Bump when the compact form changes meaning; links of another version get a clear refusal. */
export const LOGINDEX_FORMAT_VERSION = 1;

export interface LogIndexRunDescription {
  v: typeof LOGINDEX_FORMAT_VERSION;
  kernel: 'logindex';
  /** The config the run started from; with `sideBySide`, its mode is the column in front. */
  config: LogIndexConfig;
  seed: number;
  /** The write scale the tab shows: `config.writeTps` is already the scaled rate. */
  writeScale: number;
  /** Two columns on one clock, lazy and full, each `config` with its own mode. */
  sideBySide: boolean;
  /** Scripted commands given at the start (a scenario's); they survive a seek back. */
  schedule: StampedLogIndexCommand[];
  /** Commands given during the run, in the order they applied. */
  commands: StampedLogIndexCommand[];
  /** The simulated time being viewed. */
  time: SimNs;
  /** Simulated nanoseconds per wall second, or as fast as the machine goes. */
  speed: number | 'max';
  /** The page in the inspector, and the node it is looked at from, if any. */
  page: number | null;
  node: number | null;
}

// Compact form: short keys keep links short; the config keeps its own names (they are what a
// person reading the JSON needs). Field meanings:
//   v version · k kernel ('logindex') · c config · e seed · w write scale
//   b 1 side by side (left out when single) · s scheduled commands · m commands given (each
//   [at ns, text in the schedule grammar]) · t time ns · p speed · g page · n node (each left
//   out when none)
export interface CompactLogIndexRun {
  v: number;
  k: 'logindex';
  c: LogIndexConfig;
  e: number;
  w: number;
  b?: 1;
  s: [number, string][];
  m: [number, string][];
  t: number;
  p: number | 'max';
  g?: number;
  n?: number;
}

/** One command's text in the schedule grammar, without its time. */
export function formatCommand(command: LogIndexCommand): string {
  return formatSchedule([{ at: 0, command }]).replace(/^\S+ /, '');
}

const stampedTexts = (list: StampedLogIndexCommand[]): [number, string][] => list.map((c) => [c.at, formatCommand(c.command)]);

export function logIndexToCompact(run: LogIndexRunDescription): CompactLogIndexRun {
  return {
    v: run.v,
    k: run.kernel,
    c: { ...run.config, broken: [...run.config.broken] },
    e: run.seed,
    w: run.writeScale,
    ...(run.sideBySide ? { b: 1 as const } : {}),
    s: stampedTexts(run.schedule),
    m: stampedTexts(run.commands),
    t: run.time,
    p: run.speed,
    ...(run.page === null ? {} : { g: run.page }),
    ...(run.node === null ? {} : { n: run.node }),
  };
}

// ---- checks --------------------------------------------------------------------------

const SECOND_NS = 1e9;
/** The config's numbers: [field, least, most, whole number]. Bounds keep a run meaningful. */
const NUMBER_FIELDS: readonly [keyof LogIndexConfig, number, number, boolean][] = [
  ['writeTps', 0, 1e6, false],
  ['readQps', 0, 1e6, false],
  ['hotPages', 1, PAGES, true],
  ['hotPermille', 0, 1000, true],
  ['splitPermille', 0, 1000, true],
  ['netBaseNs', 0, SECOND_NS, true],
  ['netJitterNs', 0, SECOND_NS, true],
  ['netNsPerKb', 0, SECOND_NS, true],
  ['storageBaseNs', 0, SECOND_NS, true],
  ['storageJitterNs', 0, SECOND_NS, true],
  ['storageNsPerKb', 0, SECOND_NS, true],
  ['cpuParseNs', 0, SECOND_NS, true],
  ['cpuApplyNs', 0, SECOND_NS, true],
  ['cpuReadNs', 0, SECOND_NS, true],
  ['bgwNs', 1_000, 10 * SECOND_NS, true],
  ['tickNs', 10_000, 10 * SECOND_NS, true],
  ['hotUpdates', 1, 1 << 30, true],
  ['metaBytes', 1, 1 << 16, true],
  ['payloadBytes', 0, 1 << 16, true],
  ['mtrWindowNs', 0, SECOND_NS, true],
];
const CONFIG_FIELDS: readonly (keyof LogIndexConfig)[] = ['mode', 'ro', 'broken', ...NUMBER_FIELDS.map(([name]) => name)];
const BROKEN_NAMES = Object.keys(BROKEN_OPTIONS) as BrokenOption[];

function config(value: unknown): LogIndexConfig {
  const c = record(value, 'config');
  onlyKeys(c, 'config', CONFIG_FIELDS);
  const broken = list(c.broken, 'config.broken').map((name, i) => oneOf(name, `config.broken[${i}]`, BROKEN_NAMES));
  broken.forEach((name, i) => {
    if (broken.indexOf(name) !== i) throw new FieldError(`config.broken[${i}]`, `is invalid: ${name} is listed twice`);
  });
  const numbers = Object.fromEntries(NUMBER_FIELDS.map(([name, min, max, whole]) => {
    const field = `config.${name}`;
    return [name, whole ? integer(c[name], field, min, max) : numberIn(c[name], field, min, max)];
  })) as Omit<LogIndexConfig, 'mode' | 'ro' | 'broken'>;
  return { mode: oneOf(c.mode, 'config.mode', MODES), ro: integer(c.ro, 'config.ro', 1, MAX_RO), broken, ...numbers };
}

/** One command in the schedule grammar, naming only replicas the run has; errors give the column in the text. */
function commandOf(text: string, field: string, replicas: number): LogIndexCommand {
  const command = scheduledCommand(text, field, parseSchedule, (error): error is ScheduleError => error instanceof ScheduleError);
  if ('node' in command && command.node !== null && command.node > replicas) {
    throw new FieldError(field, `is invalid: ${JSON.stringify(text)} names ro${command.node}, but the run has ${replicas} replica${replicas === 1 ? '' : 's'}`);
  }
  return command;
}

function stampedList(value: unknown, name: string, replicas: number): StampedLogIndexCommand[] {
  return stampedCommands(value, name, (text, field) => commandOf(text, field, replicas));
}

function speed(value: unknown): number | 'max' {
  present(value, 'speed');
  if (value === 'max') return 'max';
  return integer(value, 'speed', 1, Number.MAX_SAFE_INTEGER);
}

/** The compact form's keys, as CompactLogIndexRun declares them. */
const COMPACT_KEYS: readonly (keyof CompactLogIndexRun)[] = ['v', 'k', 'c', 'e', 'w', 'b', 's', 'm', 't', 'p', 'g', 'n'];

/** Checks a parsed compact object field by field; the reason names the first bad field. */
export function logIndexFromCompact(value: unknown): Checked<LogIndexRunDescription> {
  if (!isRecord(value)) return { ok: false, reason: 'the data is not a logindex run description (expected an object)' };
  return checkFields(() => {
    onlyKeys(value, '', COMPACT_KEYS);
    const version = wholeNumber(value.v, 'v');
    if (version !== LOGINDEX_FORMAT_VERSION) throw new FieldError('v', `is invalid: format version ${version}, this app reads version ${LOGINDEX_FORMAT_VERSION}`);
    const kernel = present(value.k, 'kernel');
    if (kernel !== 'logindex') throw new FieldError('kernel', `is invalid: ${JSON.stringify(kernel)} is not the logindex kernel`);
    if (value.b !== undefined && value.b !== 1) throw new FieldError('sideBySide', `is invalid: expected 1 or nothing, got ${JSON.stringify(value.b)}`);
    const parsed = config(value.c);
    const writeScale = numberIn(value.w, 'writeScale', 0, MAX_WRITE_SCALE);
    return {
      v: LOGINDEX_FORMAT_VERSION,
      kernel: 'logindex' as const,
      config: parsed,
      seed: integer(value.e, 'seed', 0, 2 ** 31 - 1),
      writeScale,
      sideBySide: value.b === 1,
      schedule: stampedList(value.s, 'schedule', parsed.ro),
      commands: stampedList(value.m, 'commands', parsed.ro),
      time: wholeNumber(value.t, 'time'),
      speed: speed(value.p),
      page: value.g === undefined ? null : integer(value.g, 'page', 0, PAGES - 1),
      node: value.n === undefined ? null : integer(value.n, 'node', 0, parsed.ro),
    };
  });
}

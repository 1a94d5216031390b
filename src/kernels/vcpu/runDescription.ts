// A vCPU run in the form its share link and its saved session carry: the setup (the front
// column's config in full, the seed, side by side and the other column's profile, the preset
// and its scripted faults), the commands given during the run (each at the simulated ns it
// applied at), the time reached and the speed. Replaying this gives back the same run bit for
// bit, because the kernel is deterministic.
import {
  checkFields, FieldError, flag, integer, isRecord, list, oneOf, onlyKeys, present, record, wholeNumber,
} from '../../state/fieldChecks';
import type { Checked } from '../../state/fieldChecks';
import { scheduledCommand, stampedCommands } from '../../state/stampedCommands';
import type { VcpuPresetName } from './action';
import {
  BROKEN_OPTIONS, MAX_PCPUS, MAX_VCPUS, MAX_VMS, MITIGATIONS, PROFILES, SCHEDS, WORKLOADS,
  type BrokenOption, type Mitigation, type ProfileName,
} from './protocol';
import { formatSchedule, parseSchedule, ScheduleError } from './schedule';
import { configProblem, pcpusOfSetup, PRESET_NAMES, setupProblem, type VcpuSetup } from './setup';
import type { CostModel, HostSpec, SimNs, StampedVcpuCommand, VcpuCommand, VcpuConfig, VmSpec } from './types';

/** Bump when the compact form changes meaning; links of another version get a clear refusal. */
export const VCPU_FORMAT_VERSION = 1;

export interface VcpuRunDescription {
  v: typeof VCPU_FORMAT_VERSION;
  kernel: 'vcpu';
  /** The setup the run started from (setup.ts); its schedule survives a seek back. */
  setup: VcpuSetup;
  /** Commands given during the run, in the order they applied, VMs by index. */
  commands: StampedVcpuCommand[];
  /** The simulated time being viewed. */
  time: SimNs;
  /** Simulated nanoseconds per wall second, or as fast as the machine goes. */
  speed: number | 'max';
}

// Compact form: short keys keep links short; the config keeps its own names (they are what a
// person reading the JSON needs). Field meanings:
//   v version · k kernel ('vcpu') · c config · e seed · b 1 side by side (left out when
//   single) · o the other column's profile · r preset (left out for the default host) ·
//   s scheduled commands · m commands given (each [at ns, text in the schedule grammar, VMs
//   by name]) · t time ns · p speed
export interface CompactVcpuRun {
  v: number;
  k: 'vcpu';
  c: VcpuConfig;
  e: number;
  b?: 1;
  o: ProfileName;
  r?: VcpuPresetName;
  s: [number, string][];
  m: [number, string][];
  t: number;
  p: number | 'max';
}

/** One command's text in the schedule grammar, without its time; VMs by their names in `vms`. */
export function formatVcpuCommand(command: VcpuCommand, vms: readonly VmSpec[]): string {
  return formatSchedule([{ at: 0, command }], vms.map((vm) => vm.name)).replace(/^\S+ /, '');
}

const copyConfig = (c: VcpuConfig): VcpuConfig => ({
  ...c, host: { ...c.host }, vms: c.vms.map((vm) => ({ ...vm })), mitigations: [...c.mitigations], broken: [...c.broken], costs: { ...c.costs },
});

/** The description of a run from `setup`, at `time`, after `commands`. */
export function describeVcpuRun(setup: VcpuSetup, commands: readonly StampedVcpuCommand[], time: SimNs, speed: number | 'max'): VcpuRunDescription {
  return {
    v: VCPU_FORMAT_VERSION, kernel: 'vcpu',
    setup: { ...setup, config: copyConfig(setup.config), schedule: setup.schedule.map((c) => ({ ...c, command: { ...c.command } })) },
    commands: commands.map((c) => ({ ...c, command: { ...c.command } })), time, speed,
  };
}

export function vcpuToCompact(run: VcpuRunDescription): CompactVcpuRun {
  const { setup } = run;
  const texts = (cs: StampedVcpuCommand[]): [number, string][] => cs.map((c) => [c.at, formatVcpuCommand(c.command, setup.config.vms)]);
  return {
    v: run.v,
    k: run.kernel,
    c: copyConfig(setup.config),
    e: setup.seed,
    ...(setup.sideBySide ? { b: 1 as const } : {}),
    o: setup.other,
    ...(setup.preset === null ? {} : { r: setup.preset }),
    s: texts(setup.schedule),
    m: texts(run.commands),
    t: run.time,
    p: run.speed,
  };
}

// ---- checks --------------------------------------------------------------------------

const SECOND_NS = 1e9;
/** The longest burst period or length a VM may ask for: the most a run takes, one hour. */
const MAX_VM_NS = 3600 * SECOND_NS;
/** Cost fields: [field, least, most]. 0 switches a cost off; the bounds keep a run meaningful. */
const COST_FIELDS: readonly [keyof CostModel, number, number][] = [
  ['entryNs', 0, SECOND_NS],
  ['exitNs', 0, SECOND_NS],
  ['jitterPeriodNs', 0, SECOND_NS],
  ['jitterNs', 0, SECOND_NS],
  ['haltPollNs', 0, SECOND_NS],
  ['ioHostNs', 0, SECOND_NS],
  ['ioDeviceNs', 0, SECOND_NS],
  // The kernel clamps these to 1000..100000 (x1.0..x100); a link outside would run otherwise than it says.
  ['coldPermille', 1000, 100_000],
  ['coldNs', 0, SECOND_NS],
  ['remotePermille', 1000, 100_000],
  ['upgradeBaseNs', 0, 10 * SECOND_NS],
  ['upgradePerVcpuNs', 0, SECOND_NS],
];
const CONFIG_KEYS: readonly (keyof VcpuConfig)[] = ['host', 'vms', 'sched', 'profile', 'mitigations', 'linux615', 'broken', 'costs'];
const HOST_KEYS: readonly (keyof HostSpec)[] = ['sockets', 'coresPerSocket', 'smt'];
const VM_KEYS: readonly (keyof VmSpec)[] = ['name', 'vcpus', 'weight', 'cap', 'workload', 'pin', 'periodNs', 'runNs', 'dormant'];
const VM_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** A link names a preset other than the default host; the default host is no `r` at all. */
const LINK_PRESETS = PRESET_NAMES.filter((p) => p !== 'default');

/** Names from a table, each once. */
function names<T extends string>(value: unknown, field: string, table: readonly T[]): T[] {
  const out = list(value, field).map((name, i) => oneOf(name, `${field}[${i}]`, table));
  out.forEach((name, i) => {
    if (out.indexOf(name) !== i) throw new FieldError(`${field}[${i}]`, `is invalid: ${name} is listed twice`);
  });
  return out;
}

function host(value: unknown): HostSpec {
  const h = record(value, 'config.host');
  onlyKeys(h, 'config.host', HOST_KEYS);
  const spec = {
    sockets: integer(h.sockets, 'config.host.sockets', 1, 8),
    coresPerSocket: integer(h.coresPerSocket, 'config.host.coresPerSocket', 1, MAX_PCPUS),
    smt: integer(h.smt, 'config.host.smt', 1, 2),
  };
  const pcpus = spec.sockets * spec.coresPerSocket * spec.smt;
  if (pcpus > MAX_PCPUS) throw new FieldError('config.host', `is invalid: ${pcpus} pCPUs (sockets x coresPerSocket x smt), at most ${MAX_PCPUS}`);
  return spec;
}

function vms(value: unknown, pcpus: number): VmSpec[] {
  const items = list(value, 'config.vms');
  if (items.length < 1 || items.length > MAX_VMS) throw new FieldError('config.vms', `is invalid: ${items.length} VMs, expected 1..${MAX_VMS}`);
  let total = 0;
  const out: VmSpec[] = [];
  items.forEach((item, i) => {
    const field = `config.vms[${i}]`;
    const o = record(item, field);
    onlyKeys(o, field, VM_KEYS);
    const name = present(o.name, `${field}.name`);
    if (typeof name !== 'string' || !VM_NAME.test(name)) {
      throw new FieldError(`${field}.name`, `is invalid: expected 1..32 letters, digits, - or _ starting with a letter, got ${JSON.stringify(name)}`);
    }
    if (out.some((vm) => vm.name === name)) throw new FieldError(`${field}.name`, `is invalid: "${name}" is the name of an earlier VM`);
    const vcpus = integer(o.vcpus, `${field}.vcpus`, 1, 64);
    total += vcpus;
    if (total > MAX_VCPUS) throw new FieldError(`${field}.vcpus`, `is invalid: brings the vCPUs to ${total}, at most ${MAX_VCPUS}`);
    present(o.pin, `${field}.pin`);
    out.push({
      name,
      vcpus,
      weight: integer(o.weight, `${field}.weight`, 1, 65535),
      cap: integer(o.cap, `${field}.cap`, 0, 100 * vcpus),
      workload: oneOf(o.workload, `${field}.workload`, WORKLOADS),
      pin: o.pin === null ? null : integer(o.pin, `${field}.pin`, 0, pcpus - 1),
      periodNs: integer(o.periodNs, `${field}.periodNs`, 1000, MAX_VM_NS),
      runNs: integer(o.runNs, `${field}.runNs`, 100, MAX_VM_NS),
      dormant: flag(o.dormant, `${field}.dormant`),
    });
  });
  return out;
}

function costs(value: unknown): CostModel {
  const c = record(value, 'config.costs');
  onlyKeys(c, 'config.costs', COST_FIELDS.map(([name]) => name));
  return Object.fromEntries(COST_FIELDS.map(([name, min, max]) => [name, integer(c[name], `config.costs.${name}`, min, max)])) as unknown as CostModel;
}

function config(value: unknown): VcpuConfig {
  const c = record(value, 'config');
  onlyKeys(c, 'config', CONFIG_KEYS);
  const h = host(c.host);
  const parsed: VcpuConfig = {
    host: h,
    vms: vms(c.vms, h.sockets * h.coresPerSocket * h.smt),
    sched: oneOf(c.sched, 'config.sched', SCHEDS),
    profile: oneOf(c.profile, 'config.profile', PROFILES),
    mitigations: names(c.mitigations, 'config.mitigations', Object.keys(MITIGATIONS) as Mitigation[]),
    linux615: flag(c.linux615, 'config.linux615'),
    broken: names(c.broken, 'config.broken', Object.keys(BROKEN_OPTIONS) as BrokenOption[]),
    costs: costs(c.costs),
  };
  const problem = configProblem(parsed);
  if (problem !== null) throw new FieldError('config', `is invalid: ${problem}`);
  return parsed;
}

/** Stamped commands in the schedule grammar, naming only VMs and pCPUs the run has. */
function stampedList(value: unknown, name: string, setup: VcpuSetup): StampedVcpuCommand[] {
  const vmNames = setup.config.vms.map((vm) => vm.name);
  const pcpus = pcpusOfSetup(setup);
  const parse = (text: string, source: string) => parseSchedule(text, source, vmNames, pcpus);
  return stampedCommands(value, name, (text, field) => {
    const command = scheduledCommand(text, field, parse, (error): error is ScheduleError => error instanceof ScheduleError);
    if (command.kind === 'arrive' && !setup.config.vms[command.vm].dormant) {
      throw new FieldError(field, `is invalid: ${JSON.stringify(text)} brings in VM ${vmNames[command.vm]}, which is not dormant`);
    }
    return command;
  });
}

function speed(value: unknown): number | 'max' {
  present(value, 'speed');
  if (value === 'max') return 'max';
  return integer(value, 'speed', 1, Number.MAX_SAFE_INTEGER);
}

/** The compact form's keys, as CompactVcpuRun declares them. */
const COMPACT_KEYS: readonly (keyof CompactVcpuRun)[] = ['v', 'k', 'c', 'e', 'b', 'o', 'r', 's', 'm', 't', 'p'];

/** Checks a parsed compact object field by field; the reason names the first bad field. */
export function vcpuFromCompact(value: unknown): Checked<VcpuRunDescription> {
  if (!isRecord(value)) return { ok: false, reason: 'the data is not a vcpu run description (expected an object)' };
  return checkFields(() => {
    onlyKeys(value, '', COMPACT_KEYS);
    const version = wholeNumber(value.v, 'v');
    if (version !== VCPU_FORMAT_VERSION) throw new FieldError('v', `is invalid: format version ${version}, this app reads version ${VCPU_FORMAT_VERSION}`);
    const kernel = present(value.k, 'kernel');
    if (kernel !== 'vcpu') throw new FieldError('kernel', `is invalid: ${JSON.stringify(kernel)} is not the vcpu kernel`);
    if (value.b !== undefined && value.b !== 1) throw new FieldError('sideBySide', `is invalid: expected 1 or nothing, got ${JSON.stringify(value.b)}`);
    const parsed = config(value.c);
    const sideBySide = value.b === 1;
    const other = oneOf(value.o, 'other', PROFILES);
    const bare: VcpuSetup = {
      config: parsed,
      seed: integer(value.e, 'seed', 0, 2 ** 31 - 1),
      sideBySide,
      other,
      preset: value.r === undefined ? null : oneOf(value.r, 'preset', LINK_PRESETS),
      schedule: [],
    };
    // The other column's config must run too (e.g. pin fits bare metal, not kvm).
    const problem = setupProblem(bare);
    if (problem !== null) throw new FieldError('other', `is invalid: ${problem}`);
    const setup = { ...bare, schedule: stampedList(value.s, 'schedule', bare) };
    return {
      v: VCPU_FORMAT_VERSION,
      kernel: 'vcpu' as const,
      setup,
      commands: stampedList(value.m, 'commands', setup),
      time: wholeNumber(value.t, 'time'),
      speed: speed(value.p),
    };
  });
}

// The --scenario FILE reader: a JSON host and VM description (README "vCPU scheduling
// headless"). Every field is checked, and every refusal names the field's path, e.g.
// `vms[1].weight: must be a whole number 1..65535, found "heavy"`. Unknown keys are refused.
import { closestMatch } from '../../commands/editDistance';
import { durationTooLong, MAX_DURATION_TEXT, parseDuration } from '../raft/schedule';
import { MAX_PCPUS, MAX_VCPUS, MAX_VMS, MITIGATIONS, PROFILES, SCHEDS, WORKLOADS, type Mitigation, type ProfileName, type SchedName, type WorkloadName } from './protocol';
import { vm as vmDefaults } from './config';
import type { HostSpec, SimNs, VmSpec } from './types';

export class ScenarioFileError extends Error {}

export interface ScenarioFile {
  host: HostSpec;
  vms: VmSpec[];
  sched: SchedName | null;
  profile: ProfileName | null;
  durationNs: SimNs | null;
  seed: number | null;
  faults: string | null;
  mitigations: Mitigation[];
  linux615: boolean;
}

type Json = unknown;

const TOP_KEYS = ['host', 'vms', 'sched', 'profile', 'duration', 'seed', 'faults', 'mitigations', 'linux'];
const HOST_KEYS = ['sockets', 'coresPerSocket', 'smt'];
const VM_KEYS = ['name', 'vcpus', 'weight', 'cap', 'workload', 'pin', 'period', 'run', 'dormant'];

function fail(path: string, message: string): never {
  throw new ScenarioFileError(`${path}: ${message}`);
}

function shown(v: Json): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function object(v: Json, path: string, keys: readonly string[]): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, `must be an object, found ${shown(v)}`);
  const o = v as Record<string, Json>;
  for (const k of Object.keys(o)) {
    if (!keys.includes(k)) {
      const near = closestMatch(k, keys);
      fail(path === '' ? k : `${path}.${k}`, `unknown field${near ? `; did you mean ${near}?` : ''} (known: ${keys.join(', ')})`);
    }
  }
  return o;
}

function whole(v: Json, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(path, `must be a whole number ${min}..${max}, found ${shown(v)}`);
  return v as number;
}

function oneOf<T extends string>(v: Json, path: string, names: readonly T[]): T {
  if (typeof v !== 'string' || !(names as readonly string[]).includes(v)) {
    const near = typeof v === 'string' ? closestMatch(v, names) : null;
    fail(path, `must be one of ${names.join(', ')}, found ${shown(v)}${near ? `; did you mean ${near}?` : ''}`);
  }
  return v as T;
}

function duration(v: Json, path: string, minNs: number): SimNs {
  if (typeof v !== 'string') fail(path, `must be a duration string like "3s" or "100us", found ${shown(v)}`);
  const ns = parseDuration(v as string);
  if (ns === null && durationTooLong(v as string)) fail(path, `${shown(v)} is longer than ${MAX_DURATION_TEXT}`);
  if (ns === null) fail(path, `must be a duration like "3s" or "100us", found ${shown(v)}`);
  if (ns! < minNs) fail(path, `must be at least ${minNs} ns, found ${shown(v)}`);
  return ns!;
}

/** Reads the file's text; a refusal is a ScenarioFileError naming the field. */
export function readScenarioFile(text: string): ScenarioFile {
  let raw: Json;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScenarioFileError(`not JSON: ${(error as Error).message}`);
  }
  const top = object(raw, '', TOP_KEYS);
  if (!('host' in top)) fail('host', 'is missing (e.g. {"sockets":1,"coresPerSocket":4,"smt":2})');
  if (!('vms' in top)) fail('vms', 'is missing (a list of VMs)');
  const h = object(top.host, 'host', HOST_KEYS);
  for (const k of HOST_KEYS) if (!(k in h)) fail(`host.${k}`, 'is missing');
  const host: HostSpec = {
    sockets: whole(h.sockets, 'host.sockets', 1, 8),
    coresPerSocket: whole(h.coresPerSocket, 'host.coresPerSocket', 1, MAX_PCPUS),
    smt: whole(h.smt, 'host.smt', 1, 2),
  };
  const pcpus = host.sockets * host.coresPerSocket * host.smt;
  if (pcpus > MAX_PCPUS) fail('host', `holds ${pcpus} pCPUs (sockets × coresPerSocket × smt); at most ${MAX_PCPUS}`);
  if (!Array.isArray(top.vms)) fail('vms', `must be a list, found ${shown(top.vms)}`);
  const list = top.vms as Json[];
  if (list.length < 1 || list.length > MAX_VMS) fail('vms', `must hold 1..${MAX_VMS} VMs, found ${list.length}`);
  const vms: VmSpec[] = [];
  let vcpus = 0;
  list.forEach((item, i) => {
    const path = `vms[${i}]`;
    const o = object(item, path, VM_KEYS);
    if (typeof o.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(o.name)) {
      fail(`${path}.name`, `must be a name of 1..32 letters, digits, - or _ starting with a letter, found ${shown(o.name)}`);
    }
    const name = o.name as string;
    if (vms.some((v) => v.name === name)) fail(`${path}.name`, `"${name}" is the name of an earlier VM`);
    if (!('vcpus' in o)) fail(`${path}.vcpus`, 'is missing');
    if (!('workload' in o)) fail(`${path}.workload`, `is missing (one of ${WORKLOADS.join(', ')})`);
    const spec = vmDefaults({ name });
    spec.vcpus = whole(o.vcpus, `${path}.vcpus`, 1, 64);
    if ('weight' in o) spec.weight = whole(o.weight, `${path}.weight`, 1, 65535);
    if ('cap' in o) spec.cap = whole(o.cap, `${path}.cap`, 0, 100 * spec.vcpus);
    spec.workload = oneOf<WorkloadName>(o.workload, `${path}.workload`, WORKLOADS);
    if ('pin' in o) {
      spec.pin = whole(o.pin, `${path}.pin`, 0, pcpus - 1);
      if (spec.pin + spec.vcpus > pcpus) fail(`${path}.pin`, `pins vCPUs to p${spec.pin}..p${spec.pin + spec.vcpus - 1}, but the host has p0..p${pcpus - 1}`);
    }
    if ('period' in o) spec.periodNs = duration(o.period, `${path}.period`, 1000);
    if ('run' in o) spec.runNs = duration(o.run, `${path}.run`, 100);
    if ('dormant' in o) {
      if (typeof o.dormant !== 'boolean') fail(`${path}.dormant`, `must be true or false, found ${shown(o.dormant)}`);
      spec.dormant = o.dormant as boolean;
    }
    vcpus += spec.vcpus;
    if (vcpus > MAX_VCPUS) fail(`${path}.vcpus`, `brings the vCPUs to ${vcpus}; at most ${MAX_VCPUS}`);
    vms.push(spec);
  });
  const mitigations: Mitigation[] = [];
  if ('mitigations' in top) {
    if (!Array.isArray(top.mitigations)) fail('mitigations', `must be a list, found ${shown(top.mitigations)}`);
    (top.mitigations as Json[]).forEach((m, i) => {
      const name = oneOf<Mitigation>(m, `mitigations[${i}]`, Object.keys(MITIGATIONS) as Mitigation[]);
      if (mitigations.includes(name)) fail(`mitigations[${i}]`, `"${name}" is given twice`);
      mitigations.push(name);
    });
  }
  if ('faults' in top && typeof top.faults !== 'string') fail('faults', `must be a fault schedule string, found ${shown(top.faults)}`);
  return {
    host, vms,
    sched: 'sched' in top ? oneOf<SchedName>(top.sched, 'sched', SCHEDS) : null,
    profile: 'profile' in top ? oneOf<ProfileName>(top.profile, 'profile', PROFILES) : null,
    durationNs: 'duration' in top ? duration(top.duration, 'duration', 1) : null,
    seed: 'seed' in top ? whole(top.seed, 'seed', 0, 2 ** 31 - 1) : null,
    faults: 'faults' in top ? (top.faults as string) : null,
    mitigations,
    linux615: 'linux' in top ? oneOf(top.linux, 'linux', ['6.6', '6.15'] as const) === '6.15' : false,
  };
}

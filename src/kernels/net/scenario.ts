// The --scenario file: a JSON network, e.g.
//   {"links":[{"from":"A","to":"B","gbps":10,"rttMs":200,"loss":0}],
//    "flows":[{"from":"A","to":"B","at":"0s","bytes":"10GiB","window":"16MiB"}]}
// Every field is checked and a refusal names its JSON path ("flows[0].bytes"); a syntax error
// names the line and column. Unknown keys are refused at every level.
import { durationProblem, parseDuration } from '../raft/schedule';
import { MAX_FLOWS, MAX_LINKS, MAX_NODES } from './protocol';
import { jsonErrorOffset } from './jsonPosition';
import { BYTE_UNITS, parseBytes } from './units';
import type { NetFlow, NetLink, Network } from './types';

export class ScenarioError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ScenarioError';
  }
}

export interface NetScenario {
  network: Network;
  /** "max-min" (equal shares, the default) or "rtt-weighted" (SimGrid's 1/RTT shares). */
  sharing: 'max-min' | 'rtt-weighted';
}

/** The seed's sysctl ceiling, tcp_rmem/tcp_wmem max 16 MiB (spec §2): a flow's window when none is given. */
export const DEFAULT_WINDOW = 16 * 2 ** 20;
/** The largest capacity one link takes, Gb/s (1 Pb/s). */
export const MAX_GBPS = 1e6;
/** The longest RTT one link takes, ms (a geostationary hop is ~600 ms). */
export const MAX_RTT_MS = 10_000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

function object(v: Json, path: string, keys: readonly string[], required: readonly string[]): Record<string, Json> {
  if (!isObject(v)) throw new ScenarioError(path, `must be an object, found ${JSON.stringify(v) ?? typeof v}`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) throw new ScenarioError(`${path}.${k}`, `unknown key (known: ${keys.join(', ')})`);
  for (const k of required) if (!(k in v)) throw new ScenarioError(`${path}.${k}`, 'is missing');
  return v;
}

function array(v: Json, path: string, max: number): Json[] {
  if (!Array.isArray(v)) throw new ScenarioError(path, 'must be an array');
  if (v.length > max) throw new ScenarioError(path, `holds ${v.length} entries; at most ${max}`);
  return v;
}

function number(v: Json, path: string, min: number, max: number, open = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ScenarioError(path, `must be a number, found ${JSON.stringify(v)}`);
  if (v < min || v > max || (open && v === min)) throw new ScenarioError(path, `${v} is out of range ${open ? `(${min}` : `${min}`}..${max}`);
  return v;
}

function name(v: Json, path: string): string {
  if (typeof v !== 'string' || !NAME.test(v)) throw new ScenarioError(path, `must be a node name (a word of letters, digits, ".", "_", "-", at most 64), found ${JSON.stringify(v)}`);
  return v;
}

function bytes(v: Json, path: string): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2 ** 50) return v;
  const b = typeof v === 'string' ? parseBytes(v) : null;
  if (b === null) throw new ScenarioError(path, `must be a size 1 B..1 PiB like "10GiB" (units ${BYTE_UNITS.join(', ')}) or a whole number of bytes, found ${JSON.stringify(v)}`);
  return b;
}

function time(v: Json, path: string): number {
  const ns = typeof v === 'string' ? parseDuration(v) : null;
  if (ns === null) throw new ScenarioError(path, typeof v === 'string' ? durationProblem(v, 'the time') : `must be a time like "0s" or "150ms", found ${JSON.stringify(v)}`);
  return ns;
}

export function parseScenario(text: string): NetScenario {
  let root: Json;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorOffset(text);
    const where = at < 0 || at >= text.length ? 'at the end of the file' : lineColumn(text, at);
    throw new ScenarioError('$', `not JSON (${where}): ${(error as Error).message}`);
  }
  const top = object(root, '$', ['links', 'flows', 'sharing'], ['links', 'flows']);
  let sharing: NetScenario['sharing'] = 'max-min';
  if ('sharing' in top) {
    if (top.sharing !== 'max-min' && top.sharing !== 'rtt-weighted') throw new ScenarioError('$.sharing', `must be "max-min" or "rtt-weighted", found ${JSON.stringify(top.sharing)}`);
    sharing = top.sharing;
  }
  const nodes: string[] = [];
  const links: NetLink[] = array(top.links, '$.links', MAX_LINKS).map((raw, i) => {
    const p = `$.links[${i}]`;
    const l = object(raw, p, ['from', 'to', 'gbps', 'rttMs', 'loss'], ['from', 'to', 'gbps', 'rttMs']);
    const from = name(l.from, `${p}.from`);
    const to = name(l.to, `${p}.to`);
    if (from === to) throw new ScenarioError(`${p}.to`, `a link joins two nodes; both ends are "${from}"`);
    for (const n of [from, to]) if (!nodes.includes(n)) nodes.push(n);
    if (nodes.length > MAX_NODES) throw new ScenarioError(p, `names node ${nodes.length}; at most ${MAX_NODES} nodes`);
    const gbps = number(l.gbps, `${p}.gbps`, 0, MAX_GBPS, true);
    const rttMs = number(l.rttMs, `${p}.rttMs`, 0, MAX_RTT_MS);
    const loss = 'loss' in l ? number(l.loss, `${p}.loss`, 0, 0.999) : 0;
    return { from, to, gbps, delayNs: Math.round((rttMs * 1e6) / 2), loss };
  });
  if (links.length === 0) throw new ScenarioError('$.links', 'holds no link');
  const flows: NetFlow[] = array(top.flows, '$.flows', MAX_FLOWS).map((raw, i) => {
    const p = `$.flows[${i}]`;
    const f = object(raw, p, ['id', 'from', 'to', 'at', 'bytes', 'window'], ['from', 'to', 'bytes']);
    let id = `f${i}`;
    if ('id' in f) {
      if (typeof f.id !== 'string' || f.id.length === 0 || f.id.length > 64) throw new ScenarioError(`${p}.id`, `must be a string of 1..64 characters, found ${JSON.stringify(f.id)}`);
      id = f.id;
    }
    const from = name(f.from, `${p}.from`);
    const to = name(f.to, `${p}.to`);
    for (const [n, key] of [[from, 'from'], [to, 'to']] as const) {
      if (!nodes.includes(n)) throw new ScenarioError(`${p}.${key}`, `"${n}" is not a node any link touches (nodes: ${nodes.slice(0, 8).join(', ')}${nodes.length > 8 ? ', …' : ''})`);
    }
    if (from === to) throw new ScenarioError(`${p}.to`, `a flow crosses the network; from and to are both "${from}"`);
    return {
      id, from, to,
      atNs: 'at' in f ? time(f.at, `${p}.at`) : 0,
      bytes: bytes(f.bytes, `${p}.bytes`),
      windowBytes: 'window' in f ? bytes(f.window, `${p}.window`) : DEFAULT_WINDOW,
    };
  });
  const ids = new Set<string>();
  flows.forEach((f, i) => {
    if (ids.has(f.id)) throw new ScenarioError(`$.flows[${i}].id`, `"${f.id}" is given to two flows`);
    ids.add(f.id);
  });
  return { network: { nodes, links, flows }, sharing };
}

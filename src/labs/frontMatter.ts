// The YAML front matter: read with the `yaml` package (positions kept), then checked key by
// key so a typo says where it is and what was meant.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { closestMatch } from '../commands/editDistance';
import { MAX_SEED } from '../commands/registry';
import { POLICIES, RNG_KINDS, type Policy, type RngKind } from '../kernels/gpupool/types';
import { MAX_DEPTH, MODES } from '../kernels/raft/protocol';
import { RAFT_DISKS, RAFT_NETS, RAFT_SCENARIOS } from '../commands/raftCommand';
import { LAB_KERNELS, type AnyLabScenario, type LabKernel, type LabScenario, type RaftLabScenario, type VariableSpec } from './lab';
import type { LabError } from './source';

export interface FrontMatter {
  id: string;
  title: string;
  kernel: LabKernel;
  scenario: AnyLabScenario;
  seed: number;
  minutes: number;
  objectives: string[];
  locale: string;
  variables: Record<string, VariableSpec>;
}

const TOP_KEYS = ['id', 'title', 'kernel', 'scenario', 'seed', 'minutes', 'objectives', 'locale', 'variables'] as const;
const REQUIRED = ['id', 'title', 'kernel', 'scenario', 'seed', 'minutes', 'objectives'];
const SCENARIO_KEYS = ['workload', 'policy', 'rng', 'tune'] as const;
const RAFT_SCENARIO_KEYS = ['mode', 'iodepth', 'net', 'disk', 'scenario'] as const;

/** The 17 pod traces of openb (cluster-trace-gpu-v2023), by the name after openb_pod_list_. */
export const OPENB_TRACE = /^(default|cpu\d{3}|gpushare\d{3}|gpuspec\d{2}|multigpu\d{2})$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `text` is the YAML between the two "---" lines; `firstLine` is the file line it starts on.
 * Returns what could be read and every error found (an empty list means it is all good).
 */
export interface FrontMatterResult {
  value: FrontMatter | null;
  errors: LabError[];
  /** The variables that could be read, even when other keys are wrong (so commands still check). */
  variables: Record<string, VariableSpec>;
  /** The kernel when it could be read (checks name its metrics), else null. */
  kernel: LabKernel | null;
}

export function readFrontMatter(file: string, text: string, firstLine: number): FrontMatterResult {
  const errors: LabError[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line + firstLine - 1, column: p.col };
  };
  const error = (offset: number, message: string) => errors.push({ file, ...at(offset), message });
  const nodeError = (node: Node | null | undefined, fallback: number, message: string) => error(node?.range?.[0] ?? fallback, message);

  for (const e of doc.errors) error(e.pos[0], `front matter: ${e.message.split('\n')[0]}`);
  if (errors.length > 0) return { value: null, errors, variables: {}, kernel: null };
  const root = doc.contents;
  if (!isMap(root)) {
    error(0, 'front matter must be a YAML mapping of keys (id, title, kernel, ...)');
    return { value: null, errors, variables: {}, kernel: null };
  }

  const pairs = new Map<string, Pair>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const offset = (pair.key as Node | null)?.range?.[0] ?? 0;
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      const near = closestMatch(key, TOP_KEYS);
      error(offset, `unknown front matter key "${key}"${near ? `; did you mean "${near}"?` : ''} (keys: ${TOP_KEYS.join(', ')})`);
      continue;
    }
    if (pairs.has(key)) error(offset, `front matter key "${key}" appears twice`);
    pairs.set(key, pair);
  }
  for (const key of REQUIRED) if (!pairs.has(key)) error(0, `front matter is missing "${key}"`);
  const value = (key: string) => pairs.get(key)?.value as Node | null | undefined;

  const str = (key: string, node: Node | null | undefined, pattern?: RegExp, what?: string): string | null => {
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      if (node !== undefined) nodeError(node, 0, `"${key}" must be a non-empty string`);
      return null;
    }
    if (pattern && !pattern.test(node.value)) {
      nodeError(node, 0, `"${key}" ${what}, got "${node.value}"`);
      return null;
    }
    return node.value;
  };
  const num = (key: string, node: Node | null | undefined, check: (n: number) => boolean, what: string): number | null => {
    if (!isScalar(node) || typeof node.value !== 'number' || !check(node.value)) {
      if (node !== undefined) nodeError(node, 0, `"${key}" must be ${what}`);
      return null;
    }
    return node.value;
  };
  const oneOf = <T extends string>(key: string, node: Node | null | undefined, choices: readonly T[]): T | null => {
    if (!isScalar(node) || typeof node.value !== 'string') {
      if (node !== undefined) nodeError(node, 0, `"${key}" must be one of ${choices.join(', ')}`);
      return null;
    }
    const found = choices.find((c) => c.toLowerCase() === String(node.value).toLowerCase());
    if (found === undefined) {
      const near = closestMatch(String(node.value), choices);
      nodeError(node, 0, `"${key}": unknown value "${node.value}"${near ? `; did you mean ${near}?` : ''} (one of ${choices.join(', ')})`);
      return null;
    }
    return found;
  };

  const id = str('id', value('id'), /^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes');
  const title = str('title', value('title'));
  const kernel = oneOf('kernel', value('kernel'), LAB_KERNELS);
  const seed = num('seed', value('seed'), (n) => Number.isInteger(n) && n >= 0 && n <= MAX_SEED, 'a whole number from 0 to 2^53');
  const minutes = num('minutes', value('minutes'), (n) => n > 0 && n <= 600, 'a positive number of minutes');
  const locale = pairs.has('locale') ? str('locale', value('locale'), /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or pt-BR') : 'en';

  let objectives: string[] | null = null;
  const objectivesNode = value('objectives');
  if (objectivesNode !== undefined) {
    if (!isSeq(objectivesNode) || objectivesNode.items.length === 0) nodeError(objectivesNode, 0, '"objectives" must be a list of one or more strings');
    else {
      objectives = [];
      for (const item of objectivesNode.items as Node[]) {
        const s = str('objectives', item);
        if (s !== null) objectives.push(s);
      }
    }
  }

  // The scenario's keys depend on the kernel; with no valid kernel there is nothing to check them against.
  const scenario = kernel === 'raft' ? readRaftScenario(value('scenario'), nodeError, oneOf, num)
    : kernel === 'gpupool' ? readScenario(value('scenario'), nodeError, oneOf, num) : null;
  const variables = readVariables(value('variables'), nodeError);

  if (errors.length > 0 || !id || !title || !kernel || seed === null || minutes === null || !locale || !objectives || !scenario) {
    return { value: null, errors, variables, kernel };
  }
  return { value: { id, title, kernel, scenario, seed, minutes, objectives, locale, variables }, errors, variables, kernel };
}

type NodeError = (node: Node | null | undefined, fallback: number, message: string) => void;
type OneOf = <T extends string>(key: string, node: Node | null | undefined, choices: readonly T[]) => T | null;
type Num = (key: string, node: Node | null | undefined, check: (n: number) => boolean, what: string) => number | null;

/** The scenario block's pairs by key; unknown keys are reported with the closest known one. */
function scenarioValues(node: Node, keys: readonly string[], nodeError: NodeError): Map<string, Node | null> {
  const values = new Map<string, Node | null>();
  if (!isMap(node)) return values;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!keys.includes(key)) {
      const near = closestMatch(key, keys);
      nodeError(pair.key as Node, 0, `unknown scenario key "${key}"${near ? `; did you mean "${near}"?` : ''} (keys: ${keys.join(', ')})`);
      continue;
    }
    values.set(key, pair.value as Node | null);
  }
  return values;
}

/** kernel: raft. Defaults are the app's: iodepth 8, RDMA, 3D XPoint, no scripted scenario. */
function readRaftScenario(node: Node | null | undefined, nodeError: NodeError, oneOf: OneOf, num: Num): RaftLabScenario | null {
  if (node === undefined) return null;
  if (!isMap(node)) {
    nodeError(node, 0, '"scenario" must be a mapping with mode and optionally iodepth, net, disk, scenario');
    return null;
  }
  const values = scenarioValues(node, RAFT_SCENARIO_KEYS, nodeError);
  if (!values.has('mode')) nodeError(node, 0, 'scenario is missing "mode" (raft, parallel or parallel-ce)');
  const mode = values.has('mode') ? oneOf('mode', values.get('mode'), MODES) : null;
  const iodepth = values.has('iodepth') ? num('iodepth', values.get('iodepth'), (n) => Number.isInteger(n) && n >= 0 && n <= MAX_DEPTH, `a whole number of outstanding writes from 0 to ${MAX_DEPTH}`) : 8;
  const net = values.has('net') ? oneOf('net', values.get('net'), RAFT_NETS) : 'rdma';
  const disk = values.has('disk') ? oneOf('disk', values.get('disk'), RAFT_DISKS) : 'xpoint';
  const scenario = values.has('scenario') ? oneOf('scenario', values.get('scenario'), RAFT_SCENARIOS) : null;
  if (!mode || iodepth === null || !net || !disk || (values.has('scenario') && !scenario)) return null;
  if (scenario === 'figure8' && mode !== 'raft') {
    nodeError(values.get('mode'), 0, `scenario figure8 runs in mode raft (the app switches to it), so write mode: raft, not "${mode}"`);
    return null;
  }
  if (scenario === 'ghost' && mode === 'raft') {
    nodeError(values.get('mode'), 0, 'scenario ghost is about the merge stage, which raft mode does not have: write mode: parallel or parallel-ce');
    return null;
  }
  return { mode, iodepth, net, disk, scenario };
}

/** kernel: gpupool. */
function readScenario(node: Node | null | undefined, nodeError: NodeError, oneOf: OneOf, num: Num): LabScenario | null {
  if (node === undefined) return null;
  if (!isMap(node)) {
    nodeError(node, 0, '"scenario" must be a mapping with workload, policy, rng and tune');
    return null;
  }
  const values = scenarioValues(node, SCENARIO_KEYS, nodeError);
  let ok = true;
  const workloadNode = values.get('workload');
  let workload = 'synthetic';
  if (workloadNode !== undefined) {
    const text = isScalar(workloadNode) ? String(workloadNode.value) : '';
    if (text !== 'synthetic' && !OPENB_TRACE.test(text)) {
      nodeError(workloadNode, 0, `scenario workload must be synthetic or an openb pod trace name (default, gpushare100, multigpu50, gpuspec33, ...), got "${text}"`);
      ok = false;
    } else workload = text;
  }
  const policy: Policy | null = values.has('policy') ? oneOf('policy', values.get('policy'), POLICIES) : null;
  if (!values.has('policy')) {
    nodeError(node, 0, 'scenario is missing "policy"');
    ok = false;
  }
  const rng: RngKind | null = values.has('rng') ? oneOf('rng', values.get('rng'), RNG_KINDS) : 'xoshiro';
  const tune = values.has('tune') ? num('tune', values.get('tune'), (n) => n > 0 && n <= 100, 'a positive multiple of capacity such as 1.3') : 1.3;
  if (!ok || !policy || !rng || tune === null) return null;
  return { workload, policy, rng, tune };
}

function readVariables(node: Node | null | undefined, nodeError: NodeError): Record<string, VariableSpec> {
  const variables: Record<string, VariableSpec> = {};
  if (node === undefined || node === null) return variables;
  if (!isMap(node)) {
    nodeError(node, 0, '"variables" must map names to { int: [min, max] } or { choice: [a, b, ...] }');
    return variables;
  }
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyNode = pair.key as Node;
    if (!VARIABLE_NAME.test(name)) {
      nodeError(keyNode, 0, `variable name "${name}" must be letters, digits and _ (used as $${name})`);
      continue;
    }
    const spec = pair.value as Node | null;
    const shape = `variable "${name}" must be { int: [min, max] } or { choice: [a, b, ...] }`;
    if (!isMap(spec) || spec.items.length !== 1 || !isScalar(spec.items[0].key)) {
      nodeError(spec ?? keyNode, 0, shape);
      continue;
    }
    const kind = String((spec.items[0].key as { value: unknown }).value);
    const list = spec.items[0].value as Node | null;
    const items = isSeq(list) ? (list.items as Node[]).map((i) => (isScalar(i) ? i.value : undefined)) : null;
    if (kind === 'int') {
      if (!items || items.length !== 2 || !items.every((v) => typeof v === 'number' && Number.isInteger(v)) || (items[0] as number) > (items[1] as number)) {
        nodeError(list ?? spec, 0, `variable "${name}": int needs [min, max], two whole numbers with min <= max`);
        continue;
      }
      variables[name] = { kind: 'int', min: items[0] as number, max: items[1] as number };
    } else if (kind === 'choice') {
      const allStrings = items?.every((v) => typeof v === 'string');
      const allNumbers = items?.every((v) => typeof v === 'number');
      if (!items || items.length === 0 || !(allStrings || allNumbers)) {
        nodeError(list ?? spec, 0, `variable "${name}": choice needs a list of strings, or a list of numbers`);
        continue;
      }
      variables[name] = { kind: 'choice', choices: items as (string | number)[] };
    } else {
      nodeError(spec.items[0].key as Node, 0, shape);
    }
  }
  return variables;
}

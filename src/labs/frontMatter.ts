// The YAML front matter: read with the `yaml` package (positions kept), then checked key by
// key so a typo says where it is and what was meant.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { closestMatch } from '../commands/editDistance';
import { MAX_SEED } from '../commands/registry';
import { KERNEL_IDS, labKernel } from '../kernels/registry';
import type { AnyLabScenario, LabKernel, VariableSpec } from './lab';
import type { NodeError, OneOf, Num } from './labKernel';
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

/** Deepest nesting of [ ] and { } the front matter may have; a lab needs two or three. */
export const MAX_FRONT_MATTER_NESTING = 32;

/**
 * The offset where flow brackets first nest deeper than the limit, or -1. The yaml package
 * recurses per level and runs out of stack past a few thousand, so the text is measured first.
 * Quoted strings and comments are skipped.
 */
function tooDeepAt(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  // The last character that was not a blank: a quote opens a string only where a value starts
  // (an apostrophe inside "don't" does not).
  let previous = '\n';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if ((ch === '"' || ch === "'") && ':-[{,\n'.includes(previous)) quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    else if (ch === '[' || ch === '{') {
      if (++depth > MAX_FRONT_MATTER_NESTING) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
    if (ch === '\n' || (ch !== ' ' && ch !== '\t')) previous = ch;
  }
  return -1;
}

export function readFrontMatter(file: string, text: string, firstLine: number): FrontMatterResult {
  const errors: LabError[] = [];
  const lines = new LineCounter();
  const deep = tooDeepAt(text);
  const doc = parseDocument(deep === -1 ? text : '', { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const p = deep === -1 ? lines.linePos(offset) : linePosIn(text, offset);
    return { line: p.line + firstLine - 1, column: p.col };
  };
  const error = (offset: number, message: string) => errors.push({ file, ...at(offset), message });
  if (deep !== -1) {
    error(deep, `front matter nests more than ${MAX_FRONT_MATTER_NESTING} levels of [ ] or { }; write it flatter`);
    return { value: null, errors, variables: {}, kernel: null };
  }
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
  const kernel = oneOf('kernel', value('kernel'), KERNEL_IDS);
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
  const scenario = kernel === null ? null : readScenario(kernel, value('scenario'), nodeError, oneOf, num);
  const variables = readVariables(value('variables'), nodeError);

  if (errors.length > 0 || !id || !title || !kernel || seed === null || minutes === null || !locale || !objectives || !scenario) {
    return { value: null, errors, variables, kernel };
  }
  return { value: { id, title, kernel, scenario, seed, minutes, objectives, locale, variables }, errors, variables, kernel };
}

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

/** The `scenario:` mapping, read by the lab's kernel (its keys are the kernel's own). */
function readScenario(kernel: LabKernel, node: Node | null | undefined, nodeError: NodeError, oneOf: OneOf, num: Num): AnyLabScenario | null {
  if (node === undefined) return null;
  const definition = labKernel(kernel);
  if (!isMap(node)) {
    nodeError(node, 0, `"scenario" must be a mapping with the keys of kernel ${kernel} (${definition.scenarioKeys.join(', ')})`);
    return null;
  }
  const values = scenarioValues(node, definition.scenarioKeys, nodeError);
  return definition.readScenario({ node, values, nodeError, oneOf, num }) as AnyLabScenario | null;
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

/** 1-based line and column of an offset (for text the yaml package never read). */
function linePosIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

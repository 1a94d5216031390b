// Parsing the openb (cluster-trace-gpu-v2023) CSV files. A malformed file is reported with
// its name, line and column and why; nothing is half-loaded.
import type { NodeRow, PodRow } from './types';
import { priorityFromQos } from './ack';

export class TraceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'TraceError';
  }
}

export const NODE_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'] as const;
export const POD_COLUMNS = ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli'] as const;
/**
 * Optional pod columns: gpu_spec is used; phase and timestamps are ignored (spec §2); qos,
 * priority, gang, tolerations and rdma are read only by the ACK policy.
 */
const POD_OPTIONAL = ['gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time',
  'priority', 'gang', 'tolerations', 'rdma'];
/** Optional node columns, read only by the ACK policy (openb has none). */
const NODE_OPTIONAL = ['rdma', 'numa_gpus', 'taints'];

export type TraceKind = 'nodes' | 'pods';

/** Tells a node file from a pod file by its header line. */
export function detectTraceKind(text: string): TraceKind | null {
  const header = text.slice(0, text.indexOf('\n') >>> 0 || text.length).trim().replace(/^\uFEFF/, '');
  if (header.startsWith('sn,')) return 'nodes';
  if (header.startsWith('name,')) return 'pods';
  return null;
}

interface Cell {
  text: string;
  column: number;
}

/** Splits one CSV line into cells with their 1-based columns (quotes allowed). */
function splitLine(file: string, lineNo: number, line: string): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  while (i <= line.length) {
    const start = i;
    let text = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new TraceError(file, lineNo, start + 1, 'unterminated quoted field');
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += line[i++];
      }
      if (i < line.length && line[i] !== ',') {
        throw new TraceError(file, lineNo, i + 1, `unexpected character "${line[i]}" after a quoted field`);
      }
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      text = line.slice(i, end);
      i = end;
    }
    cells.push({ text, column: start + 1 });
    i++;
  }
  return cells;
}

function readRows(
  file: string,
  text: string,
  required: readonly string[],
  optional: readonly string[],
  onRow: (cells: Cell[], index: Map<string, number>, lineNo: number) => void,
  progress?: (done: number, total: number) => void,
): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length === 0 || lines[0].trim() === '') throw new TraceError(file, 1, 1, 'the file is empty');
  const header = splitLine(file, 1, lines[0]);
  const index = new Map<string, number>();
  for (const [i, cell] of header.entries()) {
    const name = cell.text.trim();
    // With two columns of one name, one of them would be silently ignored.
    if (index.has(name)) throw new TraceError(file, 1, cell.column, `column "${name}" appears twice in the header (also column ${header[index.get(name)!].column})`);
    index.set(name, i);
  }
  for (const name of required) {
    if (!index.has(name)) {
      throw new TraceError(file, 1, 1, `missing column "${name}" (header must include ${required.join(', ')})`);
    }
  }
  for (const cell of header) {
    const name = cell.text.trim();
    if (!required.includes(name) && !optional.includes(name)) {
      throw new TraceError(file, 1, cell.column, `unknown column "${name}"`);
    }
  }
  const total = lines.length;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const cells = splitLine(file, i + 1, line);
    if (cells.length !== header.length) {
      const column = cells.length > header.length ? cells[header.length].column : line.length + 1;
      throw new TraceError(file, i + 1, column, `expected ${header.length} fields, found ${cells.length}`);
    }
    onRow(cells, index, i + 1);
    if (progress && i % 2000 === 0) progress(i, total);
  }
  progress?.(total, total);
}

function integerCell(file: string, lineNo: number, cells: Cell[], index: Map<string, number>, name: string, max: number): number {
  const cell = cells[index.get(name)!];
  const text = cell.text.trim();
  if (!/^-?\d+$/.test(text)) {
    throw new TraceError(file, lineNo, cell.column, `${name} must be an integer, found "${text}"`);
  }
  // "-0" is refused with the other negatives: a count is written without a sign.
  if (text.startsWith('-')) throw new TraceError(file, lineNo, cell.column, `${name} must not be negative, found ${text}`);
  const value = Number(text);
  if (value > max) throw new TraceError(file, lineNo, cell.column, `${name} ${value} is larger than ${max}`);
  return value;
}

const I32_MAX = 2_147_483_647;

function booleanCell(file: string, lineNo: number, cells: Cell[], index: Map<string, number>, name: string): boolean {
  const cell = cells[index.get(name)!];
  const text = cell.text.trim().toLowerCase();
  if (text === '1' || text === 'true' || text === 'yes') return true;
  if (text === '0' || text === 'false' || text === 'no' || text === '') return false;
  throw new TraceError(file, lineNo, cell.column, `${name} must be true or false (or 1/0), found "${cell.text.trim()}"`);
}

function filled(cells: Cell[], index: Map<string, number>, name: string): boolean {
  const at = index.get(name);
  return at !== undefined && cells[at].text.trim() !== '';
}

/** A "|"-separated list, empty pieces dropped. */
function listCell(cells: Cell[], index: Map<string, number>, name: string): string[] {
  return cells[index.get(name)!].text.split('|').map((s) => s.trim()).filter((s) => s !== '');
}

export function parseNodeCsv(file: string, text: string, progress?: (done: number, total: number) => void): NodeRow[] {
  const nodes: NodeRow[] = [];
  const names = new Set<string>();
  readRows(file, text, NODE_COLUMNS, NODE_OPTIONAL, (cells, index, lineNo) => {
    const nameCell = cells[index.get('sn')!];
    const name = nameCell.text.trim();
    if (name === '') throw new TraceError(file, lineNo, nameCell.column, 'sn (node name) is empty');
    if (names.has(name)) throw new TraceError(file, lineNo, nameCell.column, `duplicate node name "${name}"`);
    names.add(name);
    const node: NodeRow = {
      name,
      cpu: integerCell(file, lineNo, cells, index, 'cpu_milli', I32_MAX),
      memory: integerCell(file, lineNo, cells, index, 'memory_mib', I32_MAX),
      gpus: integerCell(file, lineNo, cells, index, 'gpu', 8),
      model: cells[index.get('model')!].text.trim(),
    };
    // Empty ACK cells keep the documented defaults.
    if (filled(cells, index, 'rdma')) node.rdma = booleanCell(file, lineNo, cells, index, 'rdma');
    if (filled(cells, index, 'numa_gpus')) node.numaGpus = Math.max(1, integerCell(file, lineNo, cells, index, 'numa_gpus', 8));
    if (filled(cells, index, 'taints')) node.taints = listCell(cells, index, 'taints');
    nodes.push(node);
  }, progress);
  if (nodes.length === 0) throw new TraceError(file, 2, 1, 'no nodes in the file');
  return nodes;
}

export function parsePodCsv(file: string, text: string, progress?: (done: number, total: number) => void): PodRow[] {
  const pods: PodRow[] = [];
  readRows(file, text, POD_COLUMNS, POD_OPTIONAL, (cells, index, lineNo) => {
    const name = cells[index.get('name')!].text.trim();
    const numGpu = integerCell(file, lineNo, cells, index, 'num_gpu', 8);
    // Spec §2: per-GPU milli is clamped to 0..1000 and is 0 for CPU-only pods.
    let gpuMilli = Math.min(integerCell(file, lineNo, cells, index, 'gpu_milli', I32_MAX), 1000);
    if (numGpu === 0) gpuMilli = 0;
    const specAt = index.get('gpu_spec');
    const pod: PodRow = {
      name,
      cpu: integerCell(file, lineNo, cells, index, 'cpu_milli', I32_MAX),
      memory: integerCell(file, lineNo, cells, index, 'memory_mib', I32_MAX),
      numGpu: gpuMilli === 0 ? 0 : numGpu,
      gpuMilli,
      gpuSpec: specAt === undefined || gpuMilli === 0 ? '' : cells[specAt].text.trim(),
    };
    if (filled(cells, index, 'creation_time')) pod.created = integerCell(file, lineNo, cells, index, 'creation_time', I32_MAX);
    if (filled(cells, index, 'deletion_time')) pod.deleted = integerCell(file, lineNo, cells, index, 'deletion_time', I32_MAX);
    if (filled(cells, index, 'priority')) pod.priority = integerCell(file, lineNo, cells, index, 'priority', 1_000_000);
    else if (index.has('qos')) pod.priority = priorityFromQos(cells[index.get('qos')!].text);
    if (filled(cells, index, 'gang')) pod.gang = cells[index.get('gang')!].text.trim();
    if (filled(cells, index, 'tolerations')) pod.tolerations = listCell(cells, index, 'tolerations');
    if (filled(cells, index, 'rdma')) pod.rdma = booleanCell(file, lineNo, cells, index, 'rdma');
    pods.push(pod);
  }, progress);
  if (pods.length === 0) throw new TraceError(file, 2, 1, 'no pods in the file');
  return pods;
}

/** Plain string order, as the artifact sorts by name. */
export function byName<T extends { name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

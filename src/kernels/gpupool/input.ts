// Encodes a workload into the kernel's input block (layout: wasm/gpupool/workload.ts).
import type { Workload } from './workload';
import { TraceError } from './trace';
import { ackNodeWords, ackPodWords, TaintTable } from './ack';
import * as K from '../../../wasm/gpupool/constants';

/** Bit 31 of a spec mask: "accepts no model of this cluster" (K.EMPTY_MODEL marks an empty model). */
const NO_MODEL_HERE = 1 << 31;
/** The FGD score cache holds nodes x shapes entries; past this it is off (slower, same result). */
const MAX_CACHE_ENTRIES = 8_000_000;

export interface EncodedInput {
  bytes: Uint8Array;
  models: string[];
  /** Model id per node. */
  nodeModels: number[];
}

export function modelTable(workload: Workload): string[] {
  const models = [...new Set(workload.nodes.map((n) => n.model).filter((m) => m !== ''))].sort();
  if (models.length > K.EMPTY_MODEL) {
    const ref = workload.nodesRef?.name ?? 'nodes';
    throw new TraceError(ref, 1, 1, `${models.length} GPU models; the kernel supports at most ${K.EMPTY_MODEL}`);
  }
  return models;
}

export function specMask(spec: string, models: string[]): number {
  const names = spec.split('|').filter((s) => s !== '');
  if (names.length === 0) return 0;
  let mask = 0;
  for (const name of names) {
    const id = models.indexOf(name);
    if (id >= 0) mask |= 1 << id;
  }
  return mask === 0 ? NO_MODEL_HERE : mask;
}

export function encodeInput(workload: Workload): EncodedInput {
  const models = modelTable(workload);
  const synthetic = workload.source === 'synthetic';
  const rows = synthetic ? workload.shapes.length : workload.pods.length;
  const shapeIds = new Map<string, number>();
  const podWords: number[] = [];
  const taints = new TaintTable();
  const gangs = new Map<string, number>();
  const pushPod = (pod: { cpu: number; memory: number; numGpu: number; gpuMilli: number; created?: number; deleted?: number }, mask: number, ack: { priority: number; gang: number; flags: number }) => {
    const key = `${pod.cpu}|${pod.gpuMilli}|${pod.numGpu}|${mask}`;
    let shape = shapeIds.get(key);
    if (shape === undefined) {
      shape = shapeIds.size;
      shapeIds.set(key, shape);
    }
    podWords.push(pod.cpu, pod.memory, pod.numGpu, pod.gpuMilli, mask, shape, ack.priority, ack.gang, ack.flags, pod.created ?? 0, pod.deleted ?? 0);
  };
  // Node taints first, so pods' tolerations name the same bits.
  const nodeAck = workload.nodes.map((n) => ackNodeWords(n, taints));
  if (synthetic) for (const s of workload.shapes) pushPod(s, 0, ackPodWords(s, taints, gangs));
  else for (const p of workload.pods) pushPod(p, specMask(p.gpuSpec, models), ackPodWords(p, taints, gangs));
  const shapes = workload.nodes.length * shapeIds.size <= MAX_CACHE_ENTRIES ? shapeIds.size : 0;

  const nodeModels = workload.nodes.map((n) => (n.model === '' ? K.EMPTY_MODEL : models.indexOf(n.model)));
  const words: number[] = new Array<number>(K.HEADER_WORDS).fill(0);
  words[K.HDR_VERSION] = K.INPUT_VERSION;
  words[K.HDR_NODES] = workload.nodes.length;
  words[K.HDR_ROWS] = rows;
  words[K.HDR_TYPICAL] = workload.typical.length;
  words[K.HDR_SHAPES] = shapes;
  words[K.HDR_FLAGS] = synthetic ? K.FLAG_SYNTHETIC : 0;
  words[K.HDR_PODS] = workload.podCount;
  workload.nodes.forEach((n, i) => words.push(n.cpu, n.memory, n.gpus, nodeModels[i], nodeAck[i].rdma, nodeAck[i].numa, nodeAck[i].taints));
  for (const w of podWords) words.push(w);
  if (synthetic) for (const s of workload.shapes) words.push(s.count);
  for (const t of workload.typical) words.push(t.cpu, t.gpuMilli, t.numGpu, specMask(t.gpuSpec, models));
  while (words.length % 2 !== 0) words.push(0);
  const weightsAt = words.length * 4;
  const buffer = new ArrayBuffer(weightsAt + workload.typical.length * 8);
  new Int32Array(buffer, 0, words.length).set(words);
  new Float64Array(buffer, weightsAt, workload.typical.length).set(workload.typical.map((t) => t.weight));
  return { bytes: new Uint8Array(buffer), models, nodeModels };
}

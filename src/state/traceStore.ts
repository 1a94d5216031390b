// Keeps the text of trace files the user loaded, keyed by the hash of their bytes, so a
// share link or a reload that names a trace can find it again without asking for the file.
// The storage itself sits behind `TraceBackend`: IndexedDB in the browser, a Map where
// IndexedDB is missing (Node, some private windows).
import type { TraceFileRef } from '../kernels/gpupool/types';
import { FNV64_HEX, fnv1a64Hex } from './hash';

export interface StoredTrace {
  ref: TraceFileRef;
  text: string;
}

/** Raw storage; records come back as `unknown` because storage can hold anything. */
export interface TraceBackend {
  put(record: StoredTrace): Promise<void>;
  get(hash: string): Promise<unknown>;
  /** The refs of every stored trace, without their (possibly large) texts. */
  listRefs(): Promise<unknown[]>;
}

export interface TraceListing {
  refs: TraceFileRef[];
  /** Descriptions of stored entries that were unreadable and left out. */
  damaged: string[];
}

/** The ref of a file's bytes, as share links and the store name it. */
export function traceRefOf(name: string, bytes: Uint8Array): TraceFileRef {
  return { name, bytes: bytes.length, hash: fnv1a64Hex(bytes) };
}

/** Why `value` is not a usable TraceFileRef, or null if it is. */
export function traceRefProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'is not a file description';
  const ref = value as Record<string, unknown>;
  if (typeof ref.name !== 'string' || ref.name === '') return 'has no file name';
  if (typeof ref.bytes !== 'number' || !Number.isInteger(ref.bytes) || ref.bytes < 0) return `"${ref.name}" has an invalid byte count`;
  if (typeof ref.hash !== 'string' || !FNV64_HEX.test(ref.hash)) return `"${ref.name}" has hash ${JSON.stringify(ref.hash)}, not 16 hex digits`;
  return null;
}

export class TraceStore {
  constructor(private readonly backend: TraceBackend) {}

  /** Stores a trace; rejects a malformed ref rather than store something unfindable. */
  async putTrace(ref: TraceFileRef, text: string): Promise<void> {
    const problem = traceRefProblem(ref);
    if (problem !== null) throw new Error(`cannot store trace: its description ${problem}`);
    await this.backend.put({ ref: { name: ref.name, bytes: ref.bytes, hash: ref.hash }, text });
  }

  /** The stored trace with this hash, or null if none. Throws if the entry is damaged. */
  async getTrace(hash: string): Promise<StoredTrace | null> {
    if (!FNV64_HEX.test(hash)) throw new Error(`trace hash ${JSON.stringify(hash)} is not 16 hex digits`);
    const record: unknown = await this.backend.get(hash);
    if (record === undefined || record === null) return null;
    const { ref, text } = record as Partial<Record<keyof StoredTrace, unknown>>;
    const problem = traceRefProblem(ref);
    if (problem !== null) throw new Error(`stored trace ${hash} is damaged: its description ${problem}`);
    if (typeof text !== 'string') throw new Error(`stored trace ${hash} is damaged: its text is missing`);
    const checked = ref as TraceFileRef;
    if (checked.hash !== hash) throw new Error(`stored trace ${hash} is damaged: it is filed under another hash (${checked.hash})`);
    return { ref: checked, text };
  }

  /** Every stored trace's ref, sorted by name; unreadable entries are listed separately. */
  async listTraces(): Promise<TraceListing> {
    const refs: TraceFileRef[] = [];
    const damaged: string[] = [];
    for (const [i, value] of (await this.backend.listRefs()).entries()) {
      const problem = traceRefProblem(value);
      if (problem === null) refs.push(value as TraceFileRef);
      else damaged.push(`entry ${i} ${problem}`);
    }
    refs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.hash < b.hash ? -1 : 1));
    return { refs, damaged };
  }
}

/** A backend that lives as long as the page: the fallback when IndexedDB is unavailable. */
export function memoryTraceBackend(): TraceBackend {
  const records = new Map<string, StoredTrace>();
  return {
    async put(record) {
      records.set(record.ref.hash, record);
    },
    async get(hash) {
      return records.get(hash);
    },
    async listRefs() {
      return [...records.values()].map((r) => r.ref);
    },
  };
}

export const TRACE_DB_NAME = 'hyperscale-lab-traces';
const TRACE_DB_VERSION = 1;
// Refs and texts live in separate stores so listing traces never loads their texts.
const REFS = 'refs';
const TEXTS = 'texts';

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
}

/** Opens (creating if needed) the trace database. Browser only. */
export async function openIndexedDbTraceBackend(factory: IDBFactory = indexedDB, name = TRACE_DB_NAME): Promise<TraceBackend> {
  const open = factory.open(name, TRACE_DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(REFS)) db.createObjectStore(REFS);
    if (!db.objectStoreNames.contains(TEXTS)) db.createObjectStore(TEXTS);
  };
  const db = await requestResult(open);
  return {
    async put(record) {
      const transaction = db.transaction([REFS, TEXTS], 'readwrite');
      transaction.objectStore(REFS).put(record.ref, record.ref.hash);
      transaction.objectStore(TEXTS).put(record.text, record.ref.hash);
      await transactionDone(transaction);
    },
    async get(hash) {
      const transaction = db.transaction([REFS, TEXTS], 'readonly');
      const [ref, text] = await Promise.all([
        requestResult(transaction.objectStore(REFS).get(hash)),
        requestResult(transaction.objectStore(TEXTS).get(hash)),
      ]);
      return ref === undefined && text === undefined ? undefined : { ref, text };
    },
    async listRefs() {
      return requestResult(db.transaction(REFS, 'readonly').objectStore(REFS).getAll());
    },
  };
}

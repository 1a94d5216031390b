// Keeps each learner's lab progress in the browser, keyed by lab id, so a reload or a killed
// tab resumes where they were. Every change is written at once (one small IndexedDB
// transaction), never batched on a timer that a closed tab would lose. Nothing leaves the
// browser. Where IndexedDB is missing (Node, some private windows) a Map stands in.
import { isProgressFor, PROGRESS_FORMAT, type LabProgress } from '../labs/progress';

/** What is stored for one lab: the engine's progress and when it was saved (for the list). */
export interface SavedLabProgress {
  labId: string;
  progress: LabProgress;
  /** Wall-clock milliseconds; the UI's own record, never part of a run. */
  savedAt: number;
}

export interface LabProgressBackend {
  put(record: SavedLabProgress): Promise<void>;
  get(labId: string): Promise<unknown>;
  getAll(): Promise<unknown[]>;
  delete(labId: string): Promise<void>;
}

/** Why a stored or imported value is not usable progress, or null when it is. */
export function progressProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'it is not a JSON object';
  const p = value as Partial<LabProgress>;
  if (p.format !== PROGRESS_FORMAT) return `its format is ${JSON.stringify(p.format ?? null)}, expected "${PROGRESS_FORMAT}"`;
  if (typeof p.labId !== 'string' || p.labId === '') return 'it names no lab (labId)';
  if (!Array.isArray(p.steps)) return 'it has no steps';
  if (!isProgressFor(value, p.labId, p.steps.length)) return 'its steps, log, current step or learner seed are missing or malformed';
  if (p.current! < 0 || p.current! > p.steps.length || !Number.isInteger(p.current)) return `its current step ${p.current} is outside 0..${p.steps.length}`;
  return null;
}

export class LabProgressStore {
  constructor(private readonly backend: LabProgressBackend, private readonly now: () => number = () => Date.now()) {}

  async save(progress: LabProgress): Promise<void> {
    await this.backend.put({ labId: progress.labId, progress, savedAt: this.now() });
  }

  /** The saved progress of a lab, or null when there is none or it is unreadable. */
  async load(labId: string): Promise<SavedLabProgress | null> {
    return readRecord(await this.backend.get(labId), labId);
  }

  /** Every readable saved record (the lab list shows how far each lab went). */
  async all(): Promise<SavedLabProgress[]> {
    return (await this.backend.getAll()).flatMap((r) => {
      const labId = typeof r === 'object' && r !== null ? (r as { labId?: unknown }).labId : undefined;
      const record = typeof labId === 'string' ? readRecord(r, labId) : null;
      return record ? [record] : [];
    });
  }

  async remove(labId: string): Promise<void> {
    await this.backend.delete(labId);
  }
}

function readRecord(value: unknown, labId: string): SavedLabProgress | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<SavedLabProgress>;
  if (r.labId !== labId || progressProblem(r.progress) !== null || r.progress!.labId !== labId) return null;
  return { labId, progress: r.progress!, savedAt: typeof r.savedAt === 'number' ? r.savedAt : 0 };
}

export function memoryLabProgressBackend(): LabProgressBackend {
  const records = new Map<string, string>();
  return {
    // Stored as JSON text, like IndexedDB's structured clone: no sharing with the caller.
    async put(record) {
      records.set(record.labId, JSON.stringify(record));
    },
    async get(labId) {
      const text = records.get(labId);
      return text === undefined ? undefined : JSON.parse(text);
    },
    async getAll() {
      return [...records.values()].map((t) => JSON.parse(t) as unknown);
    },
    async delete(labId) {
      records.delete(labId);
    },
  };
}

export const LAB_PROGRESS_DB_NAME = 'hyperscale-lab-progress';
const STORE = 'progress';

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function written(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
}

/** Opens (creating if needed) the progress database. Browser only. */
export async function openIndexedDbLabProgressBackend(factory: IDBFactory = indexedDB, name = LAB_PROGRESS_DB_NAME): Promise<LabProgressBackend> {
  const open = factory.open(name, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE, { keyPath: 'labId' });
  };
  const db = await requestResult(open);
  return {
    async put(record) {
      const transaction = db.transaction(STORE, 'readwrite', { durability: 'strict' });
      transaction.objectStore(STORE).put(record);
      await written(transaction);
    },
    get: (labId) => requestResult(db.transaction(STORE, 'readonly').objectStore(STORE).get(labId)),
    getAll: () => requestResult(db.transaction(STORE, 'readonly').objectStore(STORE).getAll()),
    async delete(labId) {
      const transaction = db.transaction(STORE, 'readwrite');
      transaction.objectStore(STORE).delete(labId);
      await written(transaction);
    },
  };
}

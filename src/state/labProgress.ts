// Keeps each learner's lab progress in the browser, keyed by lab id, so a reload or a killed
// tab resumes where they were. Every change is written at once (one small IndexedDB
// transaction), never batched on a timer that a closed tab would lose. Nothing leaves the
// browser. Where IndexedDB is missing (Node, some private windows) a Map stands in.
import type { LabProgress } from '../labs/progress';
import { progressProblem } from '../labs/progressCheck';

export { progressProblem };

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

/** A lab's saved progress as read: usable, or damaged and moved aside under another key. */
export interface LoadedLabProgress {
  saved: SavedLabProgress | null;
  /** The key a damaged record now sits under (never read as progress), and what is wrong. */
  keptAside: { key: string; problem: string } | null;
}

/** Where a damaged record of a lab goes: a key no lab id can be, so nothing reads it again. */
const ASIDE_PREFIX = 'damaged:';

export class LabProgressStore {
  constructor(private readonly backend: LabProgressBackend, private readonly now: () => number = () => Date.now()) {}

  async save(progress: LabProgress): Promise<void> {
    await this.backend.put({ labId: progress.labId, progress, savedAt: this.now() });
  }

  /** The saved progress of a lab, or null when there is none or it is unreadable. */
  async load(labId: string): Promise<SavedLabProgress | null> {
    return readRecord(await this.backend.get(labId), labId, null);
  }

  /**
   * The saved progress of a lab with `steps` steps. A damaged record (or one of another
   * version of the lab) is copied aside first and then removed, so the fresh start saved
   * next never overwrites the only copy.
   */
  async loadKeepingDamaged(labId: string, steps: number): Promise<LoadedLabProgress> {
    const raw = await this.backend.get(labId);
    if (raw === undefined || raw === null) return { saved: null, keptAside: null };
    const problem = recordProblem(raw, labId, steps);
    if (problem === null) return { saved: readRecord(raw, labId, steps), keptAside: null };
    const key = `${ASIDE_PREFIX}${labId}:${this.now()}`;
    await this.backend.put({ ...(raw as object), labId: key } as SavedLabProgress);
    await this.backend.delete(labId);
    return { saved: null, keptAside: { key, problem } };
  }

  /** Every readable saved record (the lab list shows how far each lab went). */
  async all(): Promise<SavedLabProgress[]> {
    return (await this.backend.getAll()).flatMap((r) => {
      const labId = typeof r === 'object' && r !== null ? (r as { labId?: unknown }).labId : undefined;
      const record = typeof labId === 'string' ? readRecord(r, labId, null) : null;
      return record ? [record] : [];
    });
  }

  async remove(labId: string): Promise<void> {
    await this.backend.delete(labId);
  }
}

/** What is wrong with a stored record of `labId` (with `steps` steps, when known), or null. */
function recordProblem(value: unknown, labId: string, steps: number | null): string | null {
  if (typeof value !== 'object' || value === null) return 'the record is not an object';
  const r = value as Partial<SavedLabProgress>;
  if (r.labId !== labId) return `the record is filed under ${JSON.stringify(r.labId)}, not ${JSON.stringify(labId)}`;
  const problem = progressProblem(r.progress);
  if (problem !== null) return problem;
  if (r.progress!.labId !== labId) return `field labId is ${JSON.stringify(r.progress!.labId)}, not ${JSON.stringify(labId)}`;
  if (steps !== null && r.progress!.steps.length !== steps) return `field steps has ${r.progress!.steps.length} steps; this lab has ${steps}`;
  return null;
}

function readRecord(value: unknown, labId: string, steps: number | null): SavedLabProgress | null {
  if (recordProblem(value, labId, steps) !== null) return null;
  const r = value as SavedLabProgress;
  return { labId, progress: r.progress, savedAt: typeof r.savedAt === 'number' && Number.isFinite(r.savedAt) ? r.savedAt : 0 };
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

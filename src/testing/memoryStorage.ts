// Web Storage in a Map, for tests of what the app saves and restores (Node has no localStorage).
import type { SessionStorageLike } from '../state/session';

export class MemoryStorage implements SessionStorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** Storage whose every read and write throws (storage disabled, or the quota exceeded). */
export const failingStorage: SessionStorageLike = {
  getItem: () => {
    throw new Error('SecurityError: storage disabled');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

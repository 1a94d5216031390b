import { describe, expect, it } from 'vitest';
import { CommandHistory } from './history';
import type { KeyValueStorage } from './history';

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

function historyWith(lines: string[], storage: KeyValueStorage | null = null, limit?: number): CommandHistory {
  const history = new CommandHistory({ storage, limit });
  for (const line of lines) history.push(line);
  return history;
}

describe('CommandHistory', () => {
  it('walks back and forward and returns the half-typed line at the bottom', () => {
    const history = historyWith(['seed 1', 'run', 'pause']);
    expect(history.up('pol')).toBe('pause');
    expect(history.up('pause')).toBe('run');
    expect(history.up('run')).toBe('seed 1');
    expect(history.up('seed 1')).toBeNull();
    expect(history.down('seed 1')).toBe('run');
    expect(history.down('run')).toBe('pause');
    expect(history.down('pause')).toBe('pol');
    expect(history.down('pol')).toBeNull();
  });

  it('keeps edits to recalled lines until a line is submitted', () => {
    const history = historyWith(['step 5', 'run']);
    history.up('');
    expect(history.up('run!')).toBe('step 5');
    expect(history.down('step 5')).toBe('run!');
    history.push('run!');
    expect(history.entries()).toEqual(['step 5', 'run', 'run!']);
    expect(history.up('')).toBe('run!');
    expect(history.up('run!')).toBe('run');
  });

  it('skips blanks and immediate repeats, and drops the oldest beyond the limit', () => {
    const history = historyWith(['a', 'a', '  ', 'b', 'c', 'd'], null, 3);
    expect(history.entries()).toEqual(['b', 'c', 'd']);
  });

  it('persists through the storage and restores on construction', () => {
    const storage = new MemoryStorage();
    historyWith(['seed 7', 'run'], storage);
    const again = new CommandHistory({ storage });
    expect(again.entries()).toEqual(['seed 7', 'run']);
    expect(again.up('')).toBe('run');
    expect(again.problem).toBeNull();
  });

  it('ignores damaged saved history and says why', () => {
    const storage = new MemoryStorage();
    storage.setItem('hyperscale-lab:history', '{"not":"a list"');
    const history = new CommandHistory({ storage });
    expect(history.entries()).toEqual([]);
    expect(history.problem).toMatch(/damaged and was ignored/);
    storage.setItem('hyperscale-lab:history', '["ok", 3]');
    expect(new CommandHistory({ storage }).problem).toMatch(/entry 1 is not text/);
  });

  it('keeps working in memory when the storage refuses to save', () => {
    const storage: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const history = historyWith(['run'], storage);
    expect(history.entries()).toEqual(['run']);
    expect(history.problem).toMatch(/could not be saved.*QuotaExceededError/);
  });
});

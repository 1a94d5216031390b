import { describe, expect, test } from 'vitest';
import { failingStorage, MemoryStorage } from '../testing/memoryStorage';
import { SESSION_KEY } from '../state/session';
import { rememberView, startView, VIEW_KEY } from './startView';

describe('startView', () => {
  test('a newcomer with no link and nothing saved sees the home', () => {
    expect(startView('', new MemoryStorage())).toBe('home');
    expect(startView('', null)).toBe('home');
  });

  test('a link opens its tab whatever was remembered', () => {
    const storage = new MemoryStorage();
    rememberView(storage, 'home');
    expect(startView('#run=v1.abc', storage)).toBe('gpupool');
    expect(startView('#raft=v1.abc', storage)).toBe('raft');
    expect(startView('#lab=fragmentation-refuses-a-pod&step=1', storage)).toBe('gpupool');
  });

  test('a returning user lands where they left', () => {
    const storage = new MemoryStorage();
    rememberView(storage, 'raft');
    expect(startView('', storage)).toBe('raft');
    rememberView(storage, 'home');
    expect(startView('', storage)).toBe('home');
  });

  test('a saved GPU run from before views were remembered opens the GPU tab; a strange value is ignored', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, '{}');
    expect(startView('', storage)).toBe('gpupool');
    storage.setItem(VIEW_KEY, 'nowhere');
    expect(startView('', storage)).toBe('gpupool');
  });

  test('a view remembered by an earlier version still opens', () => {
    const storage = new MemoryStorage();
    storage.setItem(VIEW_KEY, 'gpu');
    expect(startView('', storage)).toBe('gpupool');
  });
});

test('storage that throws gives the home and remembers nothing, without an error', () => {
  expect(startView('', failingStorage)).toBe('home');
  expect(() => rememberView(failingStorage, 'gpupool')).not.toThrow();
});

// The raft tab's catalogues: every locale has every key with the same placeholders, none of
// them is also a shell key (one place for each message), and t() finds them once added.
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n';
import { zhCN } from '../../../i18n/zh-CN';
import { raftEn } from './en';
import { raftZhCN } from './zh-CN';
import { t, translator } from './index';

const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('raft messages', () => {
  it('has every key in Chinese with the same placeholders', () => {
    for (const key of Object.keys(raftEn) as (keyof typeof raftEn)[]) {
      expect(raftZhCN[key], key).toBeTypeOf('string');
      expect(names(raftZhCN[key]), key).toEqual(names(raftEn[key]));
    }
  });

  it('shares no key with the shell catalogue', () => {
    expect(Object.keys(raftEn).filter((k) => Object.hasOwn(en, k))).toEqual([]);
  });

  it('translates raft keys and shell keys alike, in either language', () => {
    expect(t('raft.mode')).toBe(raftEn['raft.mode']);
    expect(translator('zh-CN')('raft.mode')).toBe(raftZhCN['raft.mode']);
    expect(translator('zh-CN')('raft.tabGpuPool')).toBe(zhCN['raft.tabGpuPool']);
    expect(t('app.title')).toBe('Hyperscale Lab');
  });
});

// The LogIndex tab's catalogues: every locale has every key with the same placeholders, none
// of them is also a shell key, and t() finds them once added.
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n';
import { logindexEn } from './en';
import { logindexZhCN } from './zh-CN';
import { t, translator } from './index';

const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('logindex messages', () => {
  it('has every key in Chinese with the same placeholders', () => {
    for (const key of Object.keys(logindexEn) as (keyof typeof logindexEn)[]) {
      expect(logindexZhCN[key], key).toBeTypeOf('string');
      expect(names(logindexZhCN[key]), key).toEqual(names(logindexEn[key]));
    }
  });

  it('shares no key with the shell catalogue', () => {
    expect(Object.keys(logindexEn).filter((k) => Object.hasOwn(en, k))).toEqual([]);
  });

  it('translates its keys in either language', () => {
    expect(t('logindex.mode')).toBe(logindexEn['logindex.mode']);
    expect(translator('zh-CN')('logindex.mode')).toBe(logindexZhCN['logindex.mode']);
  });
});

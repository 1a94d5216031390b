// The GPU pool tab's catalogues: every locale has every key with the same placeholders, none
// of them is also a shell key (one place for each message), and t() finds them once added.
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n';
import { gpupoolEn } from './en';
import { gpupoolZhCN } from './zh-CN';
import { t, translator } from './index';

const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('GPU pool messages', () => {
  it('has every key in Chinese with the same placeholders', () => {
    for (const key of Object.keys(gpupoolEn) as (keyof typeof gpupoolEn)[]) {
      expect(gpupoolZhCN[key], key).toBeTypeOf('string');
      expect(names(gpupoolZhCN[key]), key).toEqual(names(gpupoolEn[key]));
    }
  });

  it('shares no key with the shell catalogue', () => {
    expect(Object.keys(gpupoolEn).filter((k) => Object.hasOwn(en, k))).toEqual([]);
  });

  it('translates GPU pool keys and shell keys alike, in either language', async () => {
    expect(t('controls.run')).toBe(gpupoolEn['controls.run']);
    const { loadGpuPoolMessages } = await import('./index');
    await loadGpuPoolMessages('zh-CN');
    expect(translator('zh-CN')('controls.run')).toBe(gpupoolZhCN['controls.run']);
    expect(t('app.title')).toBe('Hyperscale Lab');
  });
});

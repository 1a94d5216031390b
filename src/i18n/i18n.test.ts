import { describe, expect, it } from 'vitest';
import { en, format, matchLocale, pickLocale, splitPlaceholders, translator } from './index';
import { zhCN } from './zh-CN';

describe('i18n', () => {
  it('picks ?lang= first, then the browser languages, else English', () => {
    expect(pickLocale('?lang=zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLocale('?lang=fr', ['zh-Hans-CN', 'en'])).toBe('zh-CN');
    expect(pickLocale('', ['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale('', ['de-DE'])).toBe('en');
    expect(matchLocale('zh-TW')).toBeNull();
    expect(matchLocale('ZH-cn')).toBe('zh-CN');
  });

  it('fills parameters and keeps an unfilled placeholder visible', () => {
    expect(format('Step {n} of {total}', { n: 2, total: 6 })).toBe('Step 2 of 6');
    expect(format('Step {n} of {total}', { n: 2 })).toBe('Step 2 of {total}');
    expect(translator('zh-CN')('lab.stepOf', { n: 2, total: 6 })).toBe('第 2 步，共 6 步');
    expect(translator('en')('lab.stepOf', { n: 2, total: 6 })).toBe('Step 2 of 6');
  });

  it('splits a message around its placeholders for markup', () => {
    expect(splitPlaceholders('Type {help} for commands')).toEqual(['Type ', 'help', ' for commands']);
    expect(splitPlaceholders('{a} and {b}')).toEqual(['', 'a', ' and ', 'b', '']);
    expect(splitPlaceholders('no placeholder')).toEqual(['no placeholder']);
  });

  it('every locale has every key, with the same placeholders', () => {
    for (const catalogue of [en, zhCN]) {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(catalogue[key], key).toBeTypeOf('string');
        const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(catalogue[key]), key).toEqual(names(en[key]));
      }
    }
  });
});

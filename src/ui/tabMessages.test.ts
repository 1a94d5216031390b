// Every kernel tab's catalogues: each locale has every key with the same placeholders, no key
// is also a shell key or another tab's (one place for each message), and the tab's t() finds
// its keys and the shell's once added.
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n';
import { zhCN } from '../i18n/zh-CN';
import { raftEn } from './raft/messages/en';
import { raftZhCN } from './raft/messages/zh-CN';
import * as raft from './raft/messages';
import { logindexEn } from './logindex/messages/en';
import { logindexZhCN } from './logindex/messages/zh-CN';
import * as logindex from './logindex/messages';
import { vcpuEn } from './vcpu/messages/en';
import { vcpuZhCN } from './vcpu/messages/zh-CN';
import * as vcpu from './vcpu/messages';

const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

interface TabCatalogues {
  en: Readonly<Record<string, string>>;
  zhCN: Readonly<Record<string, string>>;
  t: (key: never) => string;
  translator: (locale: 'en' | 'zh-CN') => (key: never) => string;
  sample: string;
  /** Loads the tab's catalogue of a locale, as the page does before the tab speaks it. */
  load: (locale: 'zh-CN') => Promise<void>;
}

const TABS: Record<string, TabCatalogues> = {
  raft: { en: raftEn, zhCN: raftZhCN, t: raft.t, translator: raft.translator, sample: 'raft.mode', load: raft.loadRaftMessages },
  logindex: { en: logindexEn, zhCN: logindexZhCN, t: logindex.t, translator: logindex.translator, sample: 'logindex.mode', load: logindex.loadLogIndexMessages },
  vcpu: { en: vcpuEn, zhCN: vcpuZhCN, t: vcpu.t, translator: vcpu.translator, sample: 'vcpu.profile', load: vcpu.loadVcpuMessages },
};

describe.each(Object.entries(TABS))('%s messages', (id, tab) => {
  beforeAll(() => tab.load('zh-CN'));

  it('has every key in Chinese with the same placeholders', () => {
    for (const key of Object.keys(tab.en)) {
      expect(tab.zhCN[key], key).toBeTypeOf('string');
      expect(names(tab.zhCN[key]), key).toEqual(names(tab.en[key]));
    }
    expect(Object.keys(tab.zhCN).filter((k) => !Object.hasOwn(tab.en, k))).toEqual([]);
  });

  it('shares no key with the shell catalogue or another tab', () => {
    expect(Object.keys(tab.en).filter((k) => Object.hasOwn(en, k))).toEqual([]);
    for (const [other, o] of Object.entries(TABS)) if (other !== id) expect(Object.keys(tab.en).filter((k) => Object.hasOwn(o.en, k))).toEqual([]);
  });

  it('translates its keys and the shell keys alike, in either language', () => {
    const key = tab.sample as never;
    expect(tab.t(key)).toBe(tab.en[tab.sample]);
    expect(tab.translator('zh-CN')(key)).toBe(tab.zhCN[tab.sample]);
    expect(tab.translator('zh-CN')('raft.tabGpuPool' as never)).toBe(zhCN['raft.tabGpuPool']);
    expect(tab.t('app.title' as never)).toBe('Hyperscale Lab');
  });
});

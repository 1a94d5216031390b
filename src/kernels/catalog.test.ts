import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { CATALOG, DEFAULT_KERNEL, type CatalogKernel } from './catalog';
import { KERNEL_IDS } from './registry';

const kernels: readonly CatalogKernel[] = CATALOG;

describe('the first-load catalog of kernels', () => {
  it('lists the registry kernels, in its order, the default first', () => {
    expect(kernels.map((k) => k.id)).toEqual(KERNEL_IDS);
    expect(DEFAULT_KERNEL).toBe(KERNEL_IDS[0]);
  });

  it('gives every other kernel a front tab, and each its own link prefix', () => {
    for (const kernel of kernels.slice(1)) expect(kernel.tab, kernel.id).toBeTypeOf('function');
    expect(kernels[0].tab).toBeUndefined();
    const prefixes = kernels.map((k) => k.linkPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^#[a-z]+=$/);
  });

  it('names only messages that English and Chinese both have', () => {
    for (const kernel of kernels) {
      const { tab, hint, card } = kernel.texts;
      for (const key of [tab, hint, card.title, card.picture, ...card.lines]) {
        expect(en[key], key).toBeTruthy();
        expect(zhCN[key], key).toBeTruthy();
      }
    }
  });

  // (Tabs and pictures are Svelte modules: the app's build and e2e load them.)
  it('loads the grammar of each kernel word it points at', async () => {
    for (const kernel of kernels) if (kernel.grammar) expect((await kernel.grammar()).word).toBe(kernel.id);
  });
});

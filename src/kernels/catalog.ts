// The kernels as the first page load knows them: an id each, the words its tab and home card
// show, and where its parts load from. Nothing here pulls a kernel's code into the first
// load; each part comes behind import(). The first entry is the default kernel, whose tab is
// the shell's own (the GPU pool). The lab engine's and the CLI's list is
// src/kernels/registry.ts, which loads with them.
import type { Component } from 'svelte';
import type { KernelGrammar } from '../commands/kernelGrammar';
import type { MessageKey } from '../i18n/en';
import type { FrontTabFactory } from '../ui/frontTab';

export interface CatalogKernel {
  /** The lab front matter's `kernel:`, the command word, the view and the folder name. */
  readonly id: string;
  /**
   * The grammar of the kernel's own command word, when it has one outside the first load
   * (the default kernel's commands are the shell's own vocabulary).
   */
  readonly grammar?: () => Promise<KernelGrammar>;
  /** The fragment its share links start with; a link so made opens this tab. */
  readonly linkPrefix: string;
  /** The tab's label and hint, and the home card's title, lines and picture description. */
  readonly texts: {
    readonly tab: MessageKey;
    readonly hint: MessageKey;
    readonly card: { readonly title: MessageKey; readonly lines: readonly MessageKey[]; readonly picture: MessageKey };
  };
  /** The home card's picture (SVG, no kernel code). */
  readonly picture: () => Promise<Component<{ label: string }>>;
  /** The tab shown in front of the default kernel's (absent for the default kernel). */
  readonly tab?: () => Promise<FrontTabFactory>;
}

export const CATALOG = [
  {
    id: 'gpupool',
    linkPrefix: '#run=',
    texts: {
      tab: 'raft.tabGpuPool', hint: 'shell.tabGpuHint',
      card: { title: 'home.gpu.title', lines: ['home.gpu.teaches1', 'home.gpu.teaches2'], picture: 'home.gpu.picture' },
    },
    picture: async () => (await import('../ui/gpupool/CardPicture.svelte')).default,
  },
  {
    id: 'raft',
    grammar: async () => (await import('./raft/grammar')).raftGrammar,
    linkPrefix: '#raft=',
    texts: {
      tab: 'raft.tabRaft', hint: 'shell.tabRaftHint',
      card: { title: 'home.raft.title', lines: ['home.raft.teaches1', 'home.raft.teaches2'], picture: 'home.raft.picture' },
    },
    picture: async () => (await import('../ui/raft/CardPicture.svelte')).default,
    tab: async () => (await import('../ui/raft/raftTab.svelte')).raftTabFor,
  },
  {
    id: 'logindex',
    grammar: async () => (await import('./logindex/grammar')).logindexGrammar,
    linkPrefix: '#logindex=',
    texts: {
      tab: 'shell.tabLogIndex', hint: 'shell.tabLogIndexHint',
      card: { title: 'home.logindex.title', lines: ['home.logindex.teaches1', 'home.logindex.teaches2'], picture: 'home.logindex.picture' },
    },
    picture: async () => (await import('../ui/logindex/CardPicture.svelte')).default,
    tab: async () => (await import('../ui/logindex/logindexTab.svelte')).logindexTabFor,
  },
  {
    id: 'vcpu',
    grammar: async () => (await import('./vcpu/grammar')).vcpuGrammar,
    linkPrefix: '#vcpu=',
    texts: {
      tab: 'shell.tabVcpu', hint: 'shell.tabVcpuHint',
      card: { title: 'home.vcpu.title', lines: ['home.vcpu.teaches1', 'home.vcpu.teaches2'], picture: 'home.vcpu.picture' },
    },
    picture: async () => (await import('../ui/vcpu/CardPicture.svelte')).default,
    tab: async () => (await import('../ui/vcpu/vcpuTab.svelte')).vcpuTabFor,
  },
] as const satisfies readonly CatalogKernel[];

export type KernelId = (typeof CATALOG)[number]['id'];

/** The kernel whose tab is the shell's own: in front when no other tab is. */
export const DEFAULT_KERNEL: KernelId = CATALOG[0].id;

export function catalogKernel(id: string): CatalogKernel | undefined {
  return (CATALOG as readonly CatalogKernel[]).find((k) => k.id === id);
}

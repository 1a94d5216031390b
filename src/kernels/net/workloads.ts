// The named workloads on a preset map: each a network (the preset's regions and links plus
// flows) and the faults it brings. Seeded: the same seed gives the same flows.
import { DEFAULT_WINDOW } from './scenario';
import { seeded } from './seeded';
import type { Preset } from './presets';
import type { NetFlow, Network, SimNs, StampedNetCommand } from './types';

const GiB = 2 ** 30;

export interface Workload {
  name: string;
  summary: string;
  build(preset: Preset, seed: number, durationNs: SimNs, flowCount: number): { network: Network; faults: StampedNetCommand[] };
}

const mapOf = (preset: Preset, flows: NetFlow[]): Network => ({ nodes: preset.regions.map((r) => r.id), links: preset.links, flows });

export const WORKLOADS: readonly Workload[] = [
  {
    name: 'one-flow',
    summary: 'one TCP flow (16 MiB window, 10 GiB) across the long-haul link: window/RTT, not the link, sets its rate',
    build: (preset) => {
      const [from, to] = preset.longHaul;
      return { network: mapOf(preset, [{ id: 'f0', from, to, atNs: 0, bytes: 10 * GiB, windowBytes: DEFAULT_WINDOW }]), faults: [] };
    },
  },
  {
    name: 'parallel',
    summary: 'N flows (--flows, default 64) of 1 GiB on the long-haul pair, started within 10 ms: their sum grows with N until the link fills',
    build: (preset, seed, _d, count) => {
      const [from, to] = preset.longHaul;
      const rand = seeded(seed);
      const flows = Array.from({ length: count }, (_, i) => ({
        id: `f${i}`, from, to, atNs: Math.floor(rand() * 10e6), bytes: GiB, windowBytes: DEFAULT_WINDOW,
      }));
      return { network: mapOf(preset, flows), faults: [] };
    },
  },
  {
    name: 'link-cut',
    summary: 'flows between every pair of regions; the long-haul link fails at half the duration and its flows re-route',
    build: (preset, seed, durationNs, count) => {
      const rand = seeded(seed);
      const ids = preset.regions.map((r) => r.id);
      const pairs = ids.flatMap((a, i) => ids.filter((_, j) => j !== i).map((b) => [a, b] as const));
      const flows: NetFlow[] = Array.from({ length: count }, (_, i) => {
        // the long-haul pair first, so the cut always has flows to move
        const [from, to] = i === 0 ? preset.longHaul : pairs[Math.floor(rand() * pairs.length)];
        return { id: `f${i}`, from, to, atNs: Math.floor(rand() * 1e9), bytes: Math.round((1 + rand() * 9) * GiB), windowBytes: DEFAULT_WINDOW };
      });
      const link = preset.links.findIndex((l) => (l.from === preset.longHaul[0] && l.to === preset.longHaul[1]) || (l.from === preset.longHaul[1] && l.to === preset.longHaul[0]));
      const at = Math.floor(durationNs / 2);
      return { network: mapOf(preset, flows), faults: [{ at, command: { kind: 'cut', link }, text: `${at / 1e9}s cut ${preset.longHaul.join(' ')}` }] };
    },
  },
];

export const WORKLOAD_NAMES = WORKLOADS.map((w) => w.name);

// The two built-in maps. `seed`: the six regions of issue 15 and links of 3-10 Tbps; `alibaba`:
// Alibaba Cloud's published regions with their cities and zone counts (spec §3). Coordinates are
// each city's centre (public gazetteer figures, rounded to 0.01°). Every capacity here is our
// choice (NOT FOUND: no operator publishes its backbone's link capacities); delays are
// measured RTTs where the spec has one (cloudping.co, spec §2), else great-circle fibre.
import { fibreDelayNs, type LatLon } from './geo';
import type { Gbps, NetLink, SimNs } from './types';

/**
 * Route stretch: fibre runs this many times the great-circle distance. NOT FOUND as a published
 * figure for these routes; our choice, fitted by eye to the spec's cloudping RTTs from Hong Kong
 * (Singapore 34.0 ms is 1.3x the great-circle fibre RTT, Tokyo 52.6 ms 1.8x, Frankfurt 198.5 ms
 * 2.2x): CROSS_CHECK below prints each against the model.
 */
export const ROUTE_STRETCH = 1.8;

export interface Region extends LatLon {
  id: string;
  city: string;
  /** Availability zones, as published (spec §3); null for the seed's continental regions. */
  zones: number | null;
}

export interface Preset {
  name: string;
  summary: string;
  regions: Region[];
  links: NetLink[];
  /** The endpoints of the preset's long intercontinental path, for the named workloads. */
  longHaul: [string, string];
}

const Tbps = (t: number): Gbps => t * 1000;
const rtt = (ms: number): SimNs => (ms * 1e6) / 2;

function linkBy(regions: Region[], from: string, to: string, gbps: Gbps, measuredRttMs?: number): NetLink {
  const at = (id: string): Region => regions.find((r) => r.id === id) ?? fail(id);
  const fail = (id: string): never => {
    throw new Error(`preset link names unknown region ${id}`);
  };
  const delayNs = measuredRttMs === undefined ? fibreDelayNs(at(from), at(to), ROUTE_STRETCH) : rtt(measuredRttMs);
  return { from, to, gbps, delayNs, loss: 0 };
}

// ---- seed: one city stands for each continent (our choice: the cities cloudping measures) ----
const SEED_REGIONS: Region[] = [
  { id: 'AsiaPacific', city: 'Hong Kong', zones: null, lat: 22.32, lon: 114.17 },
  { id: 'Europe', city: 'Frankfurt', zones: null, lat: 50.11, lon: 8.68 },
  { id: 'NorthAmerica', city: 'Virginia (Ashburn)', zones: null, lat: 39.04, lon: -77.49 },
  { id: 'MiddleEast', city: 'Dubai', zones: null, lat: 25.2, lon: 55.27 },
  { id: 'Africa', city: 'Cape Town', zones: null, lat: -33.92, lon: 18.42 },
  { id: 'SouthAmerica', city: 'São Paulo', zones: null, lat: -23.55, lon: -46.63 },
];

const seedLink = (a: string, b: string, tbps: number, measuredRttMs?: number): NetLink => linkBy(SEED_REGIONS, a, b, Tbps(tbps), measuredRttMs);

const SEED: Preset = {
  name: 'seed',
  summary: "the seed's six regions; links 3-10 Tbps (capacities our choice within the seed's range)",
  regions: SEED_REGIONS,
  links: [
    seedLink('AsiaPacific', 'Europe', 10, 198.5), // cloudping ap-east-1 -> Frankfurt [V]
    seedLink('AsiaPacific', 'NorthAmerica', 10, 202.5), // ap-east-1 -> Virginia [V]
    seedLink('Europe', 'NorthAmerica', 10),
    seedLink('AsiaPacific', 'MiddleEast', 5, 120.5), // ap-east-1 -> UAE [V]
    seedLink('MiddleEast', 'Europe', 5),
    seedLink('Africa', 'Europe', 3, 155.4), // Cape Town -> Frankfurt [V]
    seedLink('AsiaPacific', 'Africa', 3, 238.7), // ap-east-1 -> Cape Town [V]
    seedLink('SouthAmerica', 'NorthAmerica', 5),
    seedLink('SouthAmerica', 'Africa', 3),
  ],
  longHaul: ['AsiaPacific', 'Europe'],
};

// ---- alibaba: regions and zone counts from alibabacloud.com/help/ja/doc-detail/188196.htm (spec §3) ----
const ALIBABA_REGIONS: Region[] = [
  { id: 'cn-qingdao', city: 'Qingdao', zones: 2, lat: 36.07, lon: 120.38 },
  { id: 'cn-beijing', city: 'Beijing', zones: 8, lat: 39.9, lon: 116.41 }, // 12 in a 2024 EGS doc
  { id: 'cn-zhangjiakou', city: 'Zhangjiakou', zones: 3, lat: 40.77, lon: 114.88 },
  { id: 'cn-huhehaote', city: 'Hohhot', zones: 2, lat: 40.84, lon: 111.75 },
  { id: 'cn-wulanchabu', city: 'Ulanqab', zones: 2, lat: 41.03, lon: 113.13 },
  { id: 'cn-hangzhou', city: 'Hangzhou', zones: 8, lat: 30.27, lon: 120.16 },
  { id: 'cn-shanghai', city: 'Shanghai', zones: 7, lat: 31.23, lon: 121.47 },
  { id: 'cn-shenzhen', city: 'Shenzhen', zones: 5, lat: 22.54, lon: 114.06 },
  { id: 'cn-heyuan', city: 'Heyuan', zones: 2, lat: 23.74, lon: 114.7 },
  { id: 'cn-guangzhou', city: 'Guangzhou', zones: 2, lat: 23.13, lon: 113.26 },
  { id: 'cn-chengdu', city: 'Chengdu', zones: 2, lat: 30.57, lon: 104.07 },
  { id: 'cn-hongkong', city: 'Hong Kong', zones: 2, lat: 22.32, lon: 114.17 },
  { id: 'ap-southeast-1', city: 'Singapore', zones: 3, lat: 1.35, lon: 103.82 },
  { id: 'ap-southeast-2', city: 'Sydney', zones: 2, lat: -33.87, lon: 151.21 }, // since closed (spec §3)
  { id: 'ap-southeast-3', city: 'Kuala Lumpur', zones: 2, lat: 3.14, lon: 101.69 },
  { id: 'ap-southeast-5', city: 'Jakarta', zones: 2, lat: -6.21, lon: 106.85 },
  { id: 'ap-south-1', city: 'Mumbai', zones: 2, lat: 19.08, lon: 72.88 },
  { id: 'ap-northeast-1', city: 'Tokyo', zones: 2, lat: 35.68, lon: 139.69 },
  { id: 'us-west-1', city: 'Silicon Valley', zones: 2, lat: 37.39, lon: -122.08 },
  { id: 'us-east-1', city: 'Virginia', zones: 2, lat: 39.04, lon: -77.49 },
  { id: 'eu-central-1', city: 'Frankfurt', zones: 2, lat: 50.11, lon: 8.68 },
  { id: 'eu-west-1', city: 'London', zones: 2, lat: 51.51, lon: -0.13 },
  { id: 'me-east-1', city: 'Dubai', zones: 1, lat: 25.2, lon: 55.27 },
];

/**
 * The topology is our choice (CEN's backbone is not published): every region to its three
 * nearest at 4 Tbps, and a mesh of 10 Tbps trunks between one hub per area.
 */
const HUBS = ['cn-shanghai', 'cn-hongkong', 'ap-southeast-1', 'ap-northeast-1', 'ap-south-1', 'ap-southeast-2',
  'us-west-1', 'us-east-1', 'eu-central-1', 'eu-west-1', 'me-east-1'];

function alibabaLinks(): NetLink[] {
  const seen = new Set<string>();
  const links: NetLink[] = [];
  const add = (a: string, b: string, tbps: number): void => {
    const key = [a, b].sort().join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    links.push(linkBy(ALIBABA_REGIONS, a, b, Tbps(tbps)));
  };
  for (const r of ALIBABA_REGIONS) {
    const nearest = ALIBABA_REGIONS.filter((o) => o !== r)
      .map((o) => ({ o, d: fibreDelayNs(r, o, 1) }))
      .sort((x, y) => x.d - y.d || (x.o.id < y.o.id ? -1 : 1))
      .slice(0, 3);
    for (const { o } of nearest) add(r.id, o.id, 4);
  }
  for (let i = 0; i < HUBS.length; i++) for (let j = i + 1; j < HUBS.length; j++) add(HUBS[i], HUBS[j], 10);
  return links;
}

const ALIBABA: Preset = {
  name: 'alibaba',
  summary: `Alibaba Cloud's ${ALIBABA_REGIONS.length} published regions (spec §3 list); delays great-circle fibre x${ROUTE_STRETCH}; topology and capacities our choice`,
  regions: ALIBABA_REGIONS,
  links: alibabaLinks(),
  longHaul: ['cn-hongkong', 'eu-central-1'],
};

export const PRESETS: ReadonlyMap<string, Preset> = new Map([SEED, ALIBABA].map((p) => [p.name, p]));
export const PRESET_NAMES = [...PRESETS.keys()];

/** The spec's cloudping RTTs (§2, AWS regions standing in for these cities), against the fibre model. */
export const CROSS_CHECK: readonly { from: string; to: string; measuredMs: number }[] = [
  { from: 'cn-hongkong', to: 'eu-central-1', measuredMs: 198.5 },
  { from: 'cn-hongkong', to: 'us-east-1', measuredMs: 202.5 },
  { from: 'cn-hongkong', to: 'ap-southeast-1', measuredMs: 34.0 },
  { from: 'cn-hongkong', to: 'me-east-1', measuredMs: 120.5 },
  { from: 'cn-hongkong', to: 'ap-northeast-1', measuredMs: 52.6 },
];

/** Modelled RTT between two regions of the alibaba preset, ms (straight fibre, stretched). */
export function modelledRttMs(from: string, to: string): number {
  const at = (id: string): Region => ALIBABA_REGIONS.find((r) => r.id === id)!;
  return (2 * fibreDelayNs(at(from), at(to), ROUTE_STRETCH)) / 1e6;
}

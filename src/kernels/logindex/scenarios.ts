// The named scenarios LI-1 … LI-9: LI-n is the seeded run (config, fault schedule, duration)
// that presses property Ln of spec §2.7 hardest. The spec names them without a list, so these
// are our choice [U]; each says in one line what it shows, and names the counters of the run
// that prove it exercised that (a Bloom-filter scenario whose filters never skipped a table
// shows nothing). Each broken option has a twin here that it must turn red.
import { defaultConfig } from './config';
import { BREAKS, type BrokenOption } from './protocol';
import type { LogIndexConfig, LogIndexSummary } from './types';

export interface LogIndexScenario {
  name: string;
  /** The property of spec §2.7 it presses (L1..L9). */
  property: string;
  summary: string;
  /** Overrides of the default config (the replica count included). */
  config: Partial<Omit<LogIndexConfig, 'broken' | 'writeTps'>>;
  /** The default write rate times this (the CLI's --write-scale). */
  writeScale: number;
  seed: number;
  /** Fault schedule text (the CLI's --faults). */
  faults: string;
  durationNs: number;
  /** Counters that must be above zero after the run, or it did not show what it says. */
  exercises: readonly (keyof LogIndexSummary)[];
}

const MS = 1e6;

const LIST: readonly LogIndexScenario[] = [
  {
    name: 'LI-1', property: 'L1',
    summary: 'every read on 15 replicas is checked against the reference while 16 hot pages take 90% of 32 k writes/s',
    config: { ro: 15, hotPages: 16, hotPermille: 900 }, writeScale: 8, seed: 1, faults: '', durationNs: 1000 * MS,
    exercises: ['readsChecked', 'pagesReplayed', 'copyBuffered'],
  },
  {
    name: 'LI-2', property: 'L2',
    summary: 'two replicas lag behind network delay; flush control holds pages back so storage never runs ahead of them',
    config: { ro: 4 }, writeScale: 1, seed: 1, faults: '100ms delay ro1 2ms; 300ms delay ro2 5ms', durationNs: 1000 * MS,
    exercises: ['flushBlocked', 'pagesFlushed'],
  },
  {
    name: 'LI-3', property: 'L3',
    summary: 'a replica restarts from the meta file over 30+ flushed tables: cold reads consult Bloom filters, which skip tables',
    config: { ro: 3, hotPermille: 100 }, writeScale: 16, seed: 1, faults: '500ms crash ro1; 800ms restart ro1', durationNs: 2000 * MS,
    exercises: ['bloomSkips', 'tableLookups', 'tablesFlushed'],
  },
  {
    name: 'LI-4', property: 'L4',
    summary: '4 hot pages take 95% of 64 k writes/s: per-page LSN lists grow long and must strictly increase',
    config: { ro: 3, hotPages: 4, hotPermille: 950 }, writeScale: 16, seed: 1, faults: '', durationNs: 1000 * MS,
    exercises: ['pagesReplayed', 'copyBuffered'],
  },
  {
    name: 'LI-5', property: 'L5',
    summary: 'six in ten records are B-tree splits over two pages, and reads take both pages under one snapshot',
    config: { ro: 3, splitPermille: 600 }, writeScale: 4, seed: 1, faults: '', durationNs: 1000 * MS,
    exercises: ['readsChecked', 'pagesReplayed'],
  },
  {
    name: 'LI-6', property: 'L6',
    summary: 'a CPU-starved replica holds truncation back at its min used LSN while the others let tables go',
    config: { ro: 3 }, writeScale: 16, seed: 1, faults: '200ms starve ro2 50x', durationNs: 2000 * MS,
    exercises: ['tablesTruncated', 'tablesFlushed', 'flushBlocked'],
  },
  {
    name: 'LI-7', property: 'L7',
    summary: 'shared storage slows tenfold for 400 ms: the consistent LSN stalls but never goes back, and recovers',
    config: { ro: 3 }, writeScale: 4, seed: 1, faults: '200ms slow-storage 10x; 600ms slow-storage 1x', durationNs: 2000 * MS,
    exercises: ['pagesFlushed', 'consistentLsn', 'tablesTruncated'],
  },
  {
    name: 'LI-8', property: 'L8',
    summary: 'two replicas crash and recover lazily from the meta file, replay LSN and apply LSNs restarting from there',
    config: { ro: 3 }, writeScale: 4, seed: 1, faults: '300ms crash ro2; 600ms restart ro2; 900ms crash ro3; 1000ms restart ro3', durationNs: 1500 * MS,
    exercises: ['storageReads', 'pagesReplayed', 'readsChecked'],
  },
  {
    name: 'LI-9', property: 'L9',
    summary: 'the writer crashes and ro1 is promoted: every page it rebuilds from storage and WAL equals the last committed one',
    config: { ro: 3 }, writeScale: 4, seed: 1, faults: '800ms crash rw; 850ms promote ro1', durationNs: 1500 * MS,
    exercises: ['promotionsChecked', 'pagesFlushed'],
  },
];

export const SCENARIOS: ReadonlyMap<string, LogIndexScenario> = new Map(LIST.map((s) => [s.name, s]));
export const SCENARIO_NAMES: readonly string[] = LIST.map((s) => s.name);

/** The scenario each broken option must turn red: the one pressing the property it breaks. */
export function twinOf(option: BrokenOption): LogIndexScenario {
  return LIST.find((s) => s.property === BREAKS[option])!;
}

/** The scenario's full config, with broken options on top (none for the green run). */
export function scenarioConfig(s: LogIndexScenario, broken: readonly BrokenOption[] = []): LogIndexConfig {
  const base = defaultConfig();
  return { ...base, ...s.config, broken: [...broken], writeTps: base.writeTps * s.writeScale };
}

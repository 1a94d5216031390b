// The LogIndex kernel's fuzz entry points: its fault schedules (the CLI's --faults), its
// command word (`logindex ...`), its share link (#logindex=) and its saved session. An
// accepted schedule or line must read back from its canonical text; an accepted link must
// encode and decode to the same run.
import { commandLineVerdict } from '../../commands/fuzzTargets';
import { linkVerdict, type LinkCodec } from '../../fuzz/links';
import { TRICKY_NUMBERS } from '../../fuzz/mutate';
import { sameValue } from '../../fuzz/same';
import type { FuzzRng, FuzzTarget, FuzzVerdict } from '../../fuzz/types';
import { mapStorage, sessionVerdict } from '../../state/fuzzTargets';
import { defaultConfig } from './config';
import { LOGINDEX_BREAK_WORDS, LOGINDEX_WORDS } from './grammar';
import { decodeLogIndexShareFragment, encodeLogIndexShareFragment, LOGINDEX_LINK } from './link';
import { LOGINDEX_FORMAT_VERSION, logIndexToCompact, type LogIndexRunDescription } from './runDescription';
import { LOGINDEX_SESSION_KEY, restoreLogIndexSession, saveLogIndexSession } from './savedSession';
import { formatSchedule, parseSchedule, ScheduleError } from './schedule';

const SCHEDULES = [
  '500ms crash ro2; 1200ms restart ro2; 1800ms crash rw; 2000ms promote ro1',
  '300ms partition ro2; 500ms heal; 700ms loss ro3 20%; 900ms heal ro3; 1s delay ro1 3ms; 1300ms heal',
  '200ms slow-storage 20x; 600ms slow-storage 1x; 800ms starve ro3 30x; 1400ms starve ro3 1x',
  '# a comment\n1s crash ro1\n1.5s restart ro1; 2s loss ro15 0.3%',
];
const WORDS = ['crash', 'restart', 'promote', 'slow-storage', 'starve', 'delay', 'loss', 'partition', 'heal'];
const NODES = ['rw', 'ro1', 'ro3', 'ro15', 'ro16', 'ro0', 'ro01', 'r1'];
const DURATIONS = ['0ns', '5ms', '1.5ms', '250us', '3600s', '3601s', '2s', '2.5s', '99999999999999999999s', '-1ms'];

function generate(rng: FuzzRng): string {
  const parts: string[] = [];
  for (let i = 0, n = 1 + rng.int(5); i < n; i++) {
    const args = [rng.pick(DURATIONS), rng.pick(WORDS)];
    for (let k = 0, m = rng.int(3); k < m; k++) {
      args.push(rng.pick([() => rng.pick(NODES), () => rng.pick(DURATIONS), () => `${rng.pick(TRICKY_NUMBERS)}${rng.pick(['%', 'x', ''])}`])());
    }
    parts.push(args.join(' '));
  }
  return parts.join(rng.chance(0.5) ? '; ' : '\n');
}

function run(input: string): FuzzVerdict {
  let parsed;
  try {
    parsed = parseSchedule(input);
  } catch (error) {
    if (error instanceof ScheduleError) return { accepted: false, message: error.message };
    throw error;
  }
  const canonical = formatSchedule(parsed);
  let again;
  try {
    again = parseSchedule(canonical);
  } catch (error) {
    return { accepted: true, problem: `formatted as ${JSON.stringify(canonical)}, which is refused: ${error instanceof Error ? error.message : String(error)}` };
  }
  return sameValue(again, parsed) ? { accepted: true } : { accepted: true, problem: `formatted as ${JSON.stringify(canonical)}, which reads back differently` };
}

const LOGINDEX_RUN_LINK: LinkCodec<LogIndexRunDescription> = {
  kind: LOGINDEX_LINK,
  decode: async (fragment) => {
    const r = await decodeLogIndexShareFragment(fragment);
    return r.ok ? { ok: true, value: r.run } : r;
  },
  encode: encodeLogIndexShareFragment,
};

function runs(): LogIndexRunDescription[] {
  const base: LogIndexRunDescription = {
    v: LOGINDEX_FORMAT_VERSION, kernel: 'logindex', config: defaultConfig(), seed: 1, writeScale: 1, sideBySide: false,
    schedule: [], commands: [], time: 0, speed: 'max', page: null, node: null,
  };
  return [
    base,
    {
      ...base, config: { ...defaultConfig(), ro: 15, mode: 'full', broken: ['flush-control-off', 'mtr-lock-off'], writeTps: 10_000 }, seed: 77,
      writeScale: 2.5, sideBySide: true, schedule: parseSchedule(SCHEDULES[0]), commands: parseSchedule(SCHEDULES[2]), time: 1_500_000_000,
      speed: 250_000, page: 4095, node: 15,
    },
  ];
}

function savedSessionSeed(): string {
  const storage = mapStorage();
  saveLogIndexSession(storage, { open: true, run: runs()[1] });
  return storage.items.get(LOGINDEX_SESSION_KEY)!;
}

const JSON_WORDS = ['null', '-1', '1e400', '"', '[]', '{}', '[null]', 'true', '9007199254740993', '"x"', ',', ':', '"max"'];

const LINES = [
  'logindex', 'logindex side-by-side', 'logindex single', 'logindex mode full', 'logindex ro 15', 'logindex write-scale 4',
  'logindex write-scale 0.5', 'logindex seed 7', 'logindex break flush-control-off', 'logindex break none',
  'logindex break mtr-lock-off,eager-truncation', 'logindex scenario LI-2', 'logindex scenario none', 'logindex reset',
  'logindex run', 'logindex run 250ms', 'logindex step 100ms', 'logindex step', 'logindex seek 0', 'logindex seek 1500us',
  'logindex speed max', 'logindex speed 10ms', 'logindex pause', 'logindex status', 'logindex hash', 'logindex inspect 17',
  'logindex inspect 4095 ro15', 'logindex crash ro2', 'logindex restart rw', 'logindex promote ro1', 'logindex slow-storage 4x',
  'logindex starve ro1 10x', 'logindex delay ro1 2ms', 'logindex loss ro1 5%', 'logindex partition ro3', 'logindex heal',
  'logindex heal ro3', 'step 5ms', 'run', 'seek 0',
];

/** A `logindex` line: an action and values from its words, nodes, durations and odd numbers. */
function generateLine(rng: FuzzRng): string {
  const words = ['logindex', rng.pick(LOGINDEX_WORDS)];
  for (let k = 0, m = rng.int(3); k < m; k++) {
    words.push(rng.pick([
      () => rng.pick(NODES), () => rng.pick(DURATIONS), () => rng.pick(LOGINDEX_BREAK_WORDS), () => rng.pick(['lazy', 'full', 'max', 'LI-3', 'none']),
      () => `${rng.pick(TRICKY_NUMBERS)}${rng.pick(['%', 'x', ''])}`,
    ])());
  }
  return words.join(' ');
}

export const fuzzTargets: readonly FuzzTarget[] = [
  { name: 'fault schedule (logindex)', seeds: () => SCHEDULES, words: [...WORDS, ...NODES, ...DURATIONS], generate, run },
  {
    name: '#logindex= link',
    seeds: () => runs().map((r) => JSON.stringify(logIndexToCompact(r))),
    words: [...JSON_WORDS, '"v"', '"k"', '"c"', '"e"', '"w"', '"logindex"', '"lazy"', '"full"', '"crash ro2"', '"loss ro1 1e400%"', '"flush-control-off"'],
    run: (input) => linkVerdict(input, LOGINDEX_RUN_LINK),
  },
  {
    name: 'saved session (logindex)',
    seeds: () => [savedSessionSeed()],
    words: [...JSON_WORDS, '"open"', '"run"'],
    run: (input) => sessionVerdict(LOGINDEX_SESSION_KEY, input, (s) => ({ problem: restoreLogIndexSession(s).problem })),
  },
  {
    name: 'logindex command line',
    seeds: () => LINES,
    words: [...LOGINDEX_WORDS, ...LOGINDEX_BREAK_WORDS, ...NODES, ...DURATIONS, 'lazy', 'full', 'max', 'LI-1', 'LI-9'],
    generate: generateLine,
    run: (line) => commandLineVerdict(line, { front: 'logindex' }),
  },
];

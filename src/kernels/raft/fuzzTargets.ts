// The raft kernel's fuzz entry points: its commands (`raft ...`), its share link (#raft=),
// fault schedules (the CLI's --faults, scenarios, labs) and client history lines (--check-history).
import { commandLineVerdict } from '../../commands/fuzzTargets';
import { TRICKY_NUMBERS } from '../../fuzz/mutate';
import { linkVerdict, type LinkCodec } from '../../fuzz/links';
import { sameValue } from '../../fuzz/same';
import type { FuzzRng, FuzzTarget, FuzzVerdict } from '../../fuzz/types';
import { RAFT_FORMAT_VERSION, raftToCompact, type RaftRunDescription } from '../../state/raftRunDescription';
import { decodeRaftShareFragment, encodeRaftShareFragment, RAFT_LINK } from '../../state/raftShareLink';
import { defaultConfig } from './config';
import { RAFT_WORDS } from './grammar';
import { formatHistoryLine, parseHistoryLine } from './historyLines';
import { SCENARIOS } from './scenarios';
import { formatCommand, formatDuration, parseSchedule, ScheduleError } from './schedule';

const RAFT_LINES = [
  'raft', 'raft side-by-side', 'raft single', 'raft iodepth 32', 'raft partition 0 1', 'raft loss 0>1 20%', 'raft crash 0 wipe',
  'raft mode parallel-ce', 'raft scenario ghost', 'raft step 5ms', 'raft step', 'raft seek 0', 'raft seek 1500us', 'raft speed 200us',
  'raft speed max', 'raft break dirty-read', 'raft break none', 'raft read-share 50', 'raft blocks 32', 'raft p9 off', 'raft seed 7',
  'raft select 3', 'raft limp 0 10x', 'raft limp 0 off', 'raft delay 0 1 3ms', 'raft dup 2>1 5%', 'raft reorder 0 2 1.5%',
  'raft heal', 'raft heal 0 1', 'raft restart 2', 'raft elect 1', 'raft write 7 3', 'raft read 7', 'raft checkpoint', 'raft settle',
  'raft fault oneway 0 2', 'raft net tcp', 'raft disk nvme', 'raft hash', 'raft status',
];

const SCHEDULES = [
  ...Object.values(SCENARIOS).map((s) => s.faults),
  '2s crash 0; 3s restart 0',
  '300ms crash 1; 500ms partition 0 2; 700ms heal',
  '67ms crash 1; 471ms limp 0 27x; 741ms delay 0>2 3668us; 809ms restart 1; 1543ms heal; 1543ms limp 0 off',
  '# a comment\n1s loss 0 1 12.5%\n1.5s dup 0>2 10%; 2s reorder 2 1 30%\n2500000ns iodepth 64\n3s checkpoint 1; 3s settle',
];

const UNITS = ['ns', 'us', 'µs', 'ms', 's'];
const DURATIONS = ['0ns', '5ms', '1.5ms', '250us', '3600s', '3601s', '99999999999999999999s', '0.0000001s', '1e3ms', '-1ms', '1h'];

/** A fault-grammar command with arguments drawn from its words and odd numbers. */
function faultWords(rng: FuzzRng): string[] {
  const word = rng.pick(['crash', 'restart', 'partition', 'oneway', 'heal', 'delay', 'loss', 'dup', 'reorder', 'limp', 'elect', 'write', 'read', 'iodepth', 'checkpoint', 'settle']);
  const args: string[] = [];
  const count = rng.int(4);
  for (let i = 0; i < count; i++) {
    args.push(rng.pick([
      () => String(rng.int(4)), () => `${rng.int(4)}>${rng.int(4)}`, () => rng.pick(TRICKY_NUMBERS), () => rng.pick(DURATIONS),
      () => `${rng.pick(TRICKY_NUMBERS)}${rng.pick(['%', 'x', rng.pick(UNITS)])}`, () => rng.pick(['wipe', 'off', 'on']),
    ])());
  }
  return [word, ...args];
}

function generateRaftLine(rng: FuzzRng): string {
  if (rng.chance(0.5)) return ['raft', ...faultWords(rng)].join(' ');
  const action = rng.pick(RAFT_WORDS);
  const value = rng.pick([() => rng.pick(TRICKY_NUMBERS), () => rng.pick(DURATIONS), () => rng.pick(['max', 'none', 'on', 'off', 'parallel', 'ghost', 'dirty-read,stale-lbb'])])();
  return rng.chance(0.2) ? `raft ${action}` : `raft ${action} ${value}`;
}

function generateSchedule(rng: FuzzRng): string {
  const lines: string[] = [];
  const count = 1 + rng.int(5);
  for (let i = 0; i < count; i++) lines.push([rng.pick(DURATIONS), ...faultWords(rng)].join(' '));
  return lines.join(rng.chance(0.5) ? '; ' : '\n');
}

/** A schedule accepted must read back from its canonical text: each command at its time. */
function scheduleVerdict(text: string): FuzzVerdict {
  let parsed;
  try {
    parsed = parseSchedule(text, 'fuzz');
  } catch (error) {
    if (error instanceof ScheduleError) return { accepted: false, message: error.message };
    throw error;
  }
  const canonical = parsed.map((c) => `${formatDuration(c.at)} ${formatCommand(c.command)}`).join('\n');
  let again;
  try {
    again = parseSchedule(canonical, 'fuzz');
  } catch (error) {
    return { accepted: true, problem: `formatted as ${JSON.stringify(canonical)}, which is refused: ${error instanceof Error ? error.message : String(error)}` };
  }
  const strip = (list: typeof parsed) => list.map((c) => ({ at: c.at, command: c.command }));
  return sameValue(strip(again), strip(parsed)) ? { accepted: true } : { accepted: true, problem: `formatted as ${JSON.stringify(canonical)}, which reads back differently` };
}

function historyVerdict(line: string): FuzzVerdict {
  const parsed = parseHistoryLine(line);
  if (!('record' in parsed)) return { accepted: false, message: `column ${parsed.column}: ${parsed.message}` };
  const again = parseHistoryLine(formatHistoryLine(parsed.record));
  if (!('record' in again)) return { accepted: true, problem: `its formatted line is refused: ${again.message}` };
  return sameValue(again.record, parsed.record) ? { accepted: true } : { accepted: true, problem: 'its formatted line reads back differently' };
}

const HISTORY_LINES = [
  '{"client":0,"op":"write","block":7,"value":1,"invoke":1000,"complete":25000,"ok":true}',
  '{"client":3,"op":"read","block":7,"value":1,"invoke":30000,"complete":41000,"ok":true}',
  '{"client":1,"op":"write","block":0,"value":2,"invoke":5,"complete":null,"ok":false}',
  '{ "ok": false, "complete": 12, "invoke": 10, "value": 0, "block": 65535, "op": "read", "client": 2147483647 }',
];

const RAFT_RUN_LINK: LinkCodec<RaftRunDescription> = {
  kind: RAFT_LINK,
  decode: async (fragment) => {
    const r = await decodeRaftShareFragment(fragment);
    return r.ok ? { ok: true, value: r.run } : r;
  },
  encode: encodeRaftShareFragment,
};

function raftRuns(): RaftRunDescription[] {
  const ghost = SCENARIOS.ghost;
  const base: RaftRunDescription = {
    v: RAFT_FORMAT_VERSION, kernel: 'raft', config: defaultConfig({ traceMessages: true }), sideBySide: false, scenario: null,
    schedule: [], commands: [], time: 0, speed: 500_000, selected: null,
  };
  return [
    base,
    {
      ...base, config: defaultConfig({ ...ghost.config, broken: { staleLbb: true } }), sideBySide: true, scenario: 'ghost',
      schedule: parseSchedule(ghost.faults, 'ghost').map((c) => ({ at: c.at, command: c.command })),
      commands: parseSchedule('1ms crash 1; 2ms loss 0>1 12.5%; 3ms limp 2 2.5x; 4ms write 7 3', 'm').map((c) => ({ at: c.at, command: c.command })),
      time: 5_000_000, speed: 'max', selected: 4, p9Off: true,
    },
  ];
}

export const fuzzTargets: FuzzTarget[] = [
  {
    name: 'raft command line',
    seeds: () => RAFT_LINES,
    words: [...RAFT_WORDS, ...DURATIONS, '0>1', 'wipe', 'off', 'max', 'none'],
    generate: generateRaftLine,
    run: (line) => commandLineVerdict(line, { front: 'raft' }),
  },
  {
    name: '#raft= link',
    seeds: () => raftRuns().map((r) => JSON.stringify(raftToCompact(r))),
    words: ['"v"', '"k"', '"c"', '"zz"', '"raft"', 'null', 'true', '[]', '{}', '"max"', '"crash 0"', '"limp 0 1e400x"', '9007199254740993'],
    run: (input) => linkVerdict(input, RAFT_RUN_LINK),
  },
  {
    name: 'fault schedule',
    seeds: () => SCHEDULES,
    words: [...DURATIONS, 'crash', 'restart', 'partition', 'heal', 'delay', 'loss', 'limp', 'wipe', 'off', '0>1', '#'],
    generate: generateSchedule,
    run: scheduleVerdict,
  },
  {
    name: 'history line',
    seeds: () => HISTORY_LINES,
    words: ['"client"', '"op"', '"block"', '"value"', '"invoke"', '"complete"', '"ok"', '"write"', '"read"', 'null', 'true', 'false', '1e400', '-0', '1.5'],
    run: historyVerdict,
  },
];

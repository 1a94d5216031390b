// `hlab logindex`: one headless PolarDB LogIndex run (lazy or full replay) as JSON or a short
// summary, or a sweep over the number of replicas. Runs the same logindex.wasm the app will
// run. Node only; the CLI finds it as this kernel's cli.ts (src/cli/kernelCommands.ts).
import { decimalFlag, flagHelp, parseFlags, parseSeeds, UsageError, wholeFlag, type FlagSpec, type ParsedFlags } from '../../cli/args';
import type { CliCommand } from '../../cli/cliCommand';
import { closeSync, writeSync } from 'node:fs';
import { openForWriting, readFlagFile } from '../../cli/files';
import { formatHistoryLine } from './historyLines';
import type { HistoryRecord } from './kernel';
import { loadKernelModule } from '../../cli/runtime';
import { closestMatch } from '../../commands/editDistance';
import { durationTooLong, MAX_DURATION_TEXT, parseDuration } from '../raft/schedule';
import { defaultConfig, MAX_WRITE_SCALE } from './config';
import { BROKEN_OPTIONS, MAX_RO, MODES, type BrokenOption, type LogIndexMode } from './protocol';
import { runLogIndex, type RunResult } from './run';
import { COMMAND_HELP, parseSchedule, ScheduleError } from './schedule';
import { findingJson, findingText, fuzz, summaryText } from './fuzz';
import { SCENARIO_NAMES, SCENARIOS, scenarioConfig, type LogIndexScenario } from './scenarios';
import type { LogIndexConfig, StampedLogIndexCommand } from './types';
import { runGridSweep, shardFlag } from '../../cli/sweep/gridSweep';
import { logIndexGridSweep } from './gridSweep';


const FLAGS: FlagSpec[] = [
  { name: 'mode', takesValue: true, help: `${MODES.join('|')}: LogIndex with metadata shipping, or ship and apply every record (default lazy)` },
  { name: 'ro', takesValue: true, help: `read-only replicas, 1..${MAX_RO} (default 3)` },
  { name: 'seed', takesValue: true, help: 'seed (default 1); same seed + config = same run' },
  { name: 'duration', takesValue: true, help: 'simulated time, e.g. 10s, 500ms (default 1s)' },
  { name: 'write-scale', takesValue: true, help: `the workload's write rate times K, reads unchanged (default 1, at most ${MAX_WRITE_SCALE})` },
  { name: 'faults', takesValue: true, help: 'fault schedule, e.g. "500ms crash ro2; 1200ms restart ro2" (or @file)' },
  { name: 'broken', takesValue: true, help: `deliberately broken option(s), comma-separated: ${Object.keys(BROKEN_OPTIONS).join(', ')}` },
  { name: 'sweep', takesValue: true, help: `ro=1,2,4,8,15: one run per replica count (1..${MAX_RO})` },
  { name: 'scenario', takesValue: true, help: `a named scenario, ${SCENARIO_NAMES[0]} … ${SCENARIO_NAMES[SCENARIO_NAMES.length - 1]} (list: print them); --seed, --duration, --broken apply on top` },
  { name: 'fuzz', takesValue: true, help: 'run N seeded random fault schedules under the checker; each failure shrunk to a one-line reproducer (--seed picks the fuzz run)' },
  { name: 'history', takesValue: true, help: 'write every writer page change and replica read as JSON Lines to this file' },
  { name: 'json', takesValue: false, help: 'print one JSON line per run' },
  { name: 'out', takesValue: true, help: 'with --sweep: write one CSV row per mode x ro x seed here (--mode and --seed may be lists)' },
  { name: 'shard', takesValue: true, help: 'with --sweep --out: run shard k/n of the grid (auto/n: k from JOB_COMPLETION_INDEX)' },
];

const USAGE = `  hlab logindex [--mode lazy|full] [--ro 3] [--seed 1] [--duration 10s] [--write-scale 1] [--faults "<schedule>"] [--broken NAME] [--json]
  hlab logindex --sweep ro=1,2,4,8,15 [--mode lazy|full] [--duration 2s] [--json]
  hlab logindex --sweep ro=1,4,15 --mode lazy,full --seed 1..10 --out logindex.csv [--shard k/n]
  hlab logindex --history run.jsonl [--faults "<schedule>"]
  hlab logindex --scenario LI-3 [--broken NAME] [--json]     (--scenario list: what each shows)
  hlab logindex --fuzz 300 [--seed 1] [--mode lazy|full] [--broken NAME] [--json]

--history writes one JSON line per writer page change, {"t":ns,"node":"rw","op":"write",
"page":P,"lsn":L,"image":"hex"} (the image after that record; every page's initial image first,
at lsn 0; after a promotion the new writer's lines carry its own name and its LSNs continue
from the durable end of the WAL), and one per replica read, {"t":ns,"node":"ro1","op":"read",
"page":P,"replayLsn":L,"image":"hex"}: L1 holds when each read's image is the page's image
after its last write with lsn <= replayLsn.

The run's verdict is valid, invalid (a property of spec §2.7 broke: its name, the page, the
node and the LSN are printed) or unknown (the record store filled up). An invalid verdict
exits 3. Lags are the spec's: lsn_lag in bytes of WAL, time_lag and visibility_lag in us.

logindex options:
${flagHelp(FLAGS)}

fault commands (each after a simulated time, separated by ";"):
${COMMAND_HELP.map((l) => `  ${l}`).join('\n')}`;

function uniqueList<T>(flag: string, items: T[]): T[] {
  if (new Set(items).size < items.length) throw new UsageError(`--${flag}: a value is given twice`);
  return items;
}

function parseMode(text: string): LogIndexMode {
  if ((MODES as string[]).includes(text)) return text as LogIndexMode;
  const near = closestMatch(text, MODES);
  throw new UsageError(`--mode: unknown mode "${text}"${near ? `; did you mean ${near}?` : ''} (one of ${MODES.join(', ')})`);
}

function parseBroken(text: string): BrokenOption[] {
  const names = Object.keys(BROKEN_OPTIONS);
  const out: BrokenOption[] = [];
  for (const name of text.split(',')) {
    if (!Object.hasOwn(BROKEN_OPTIONS, name)) {
      const near = closestMatch(name, names);
      throw new UsageError(`--broken: unknown option "${name}"${near ? `; did you mean ${near}?` : ''} (one of ${names.join(', ')})`);
    }
    if (out.includes(name as BrokenOption)) throw new UsageError(`--broken: "${name}" is given twice`);
    out.push(name as BrokenOption);
  }
  return out;
}

function parseDurationFlag(text: string): number {
  const ns = parseDuration(text);
  if (ns === null && durationTooLong(text)) throw new UsageError(`--duration ${text} is longer than the most a run takes, ${MAX_DURATION_TEXT}`);
  if (ns === null) throw new UsageError(`--duration must be a duration like 10s, 500ms or 200us, found "${text}"`);
  if (ns === 0) throw new UsageError('--duration must be longer than 0');
  return ns;
}

function parseSweep(text: string): number[] {
  const m = /^ro=(.+)$/.exec(text);
  if (!m) throw new UsageError(`--sweep must look like ro=1,2,4,8,15, found "${text}"`);
  const counts = parseSeeds(m[1], 'sweep');
  if (counts.length > MAX_RO) throw new UsageError(`--sweep lists ${counts.length} replica counts; at most ${MAX_RO}`);
  for (const n of counts) if (n < 1 || n > MAX_RO) throw new UsageError(`--sweep: ${n} replicas is out of range 1..${MAX_RO}`);
  return counts;
}

function scheduleFrom(text: string | undefined): StampedLogIndexCommand[] {
  if (text === undefined) return [];
  try {
    if (text.startsWith('@')) return parseSchedule(readFlagFile('faults', text.slice(1)).text, text.slice(1));
    return parseSchedule(text, '--faults');
  } catch (error) {
    if (error instanceof ScheduleError) throw new UsageError(error.message);
    throw error;
  }
}

export interface RunReport {
  mode: LogIndexMode;
  ro: number;
  seed: number;
  writeScale: number;
  durationS: number;
  rwTps: number;
  roQps: number;
  lsnLagP50: number;
  lsnLagP99: number;
  timeLagP50Us: number;
  timeLagP99Us: number;
  visibilityLagP50Us: number;
  visibilityLagP99Us: number;
  bytesShipped: number;
  pagesReplayed: number;
  events: number;
  verdict: string;
  violation: RunResult['summary']['violation'];
  refused: string[];
  stateHash: string;
  wallSeconds: number;
  eventsPerSecond: number;
}

const us = (ns: number): number => Math.round(ns / 10) / 100;

export function report(config: LogIndexConfig, seed: number, writeScale: number, durationNs: number, result: RunResult, wallSeconds: number): RunReport {
  const s = result.summary;
  const seconds = durationNs / 1e9;
  return {
    mode: config.mode, ro: config.ro, seed, writeScale, durationS: seconds,
    rwTps: Math.round(s.writes / seconds), roQps: Math.round(s.reads / seconds / config.ro),
    lsnLagP50: s.lsnLagP50, lsnLagP99: s.lsnLagP99,
    timeLagP50Us: us(s.timeLagP50Ns), timeLagP99Us: us(s.timeLagP99Ns),
    visibilityLagP50Us: us(s.visibilityLagP50Ns), visibilityLagP99Us: us(s.visibilityLagP99Ns),
    bytesShipped: s.bytesShipped, pagesReplayed: s.pagesReplayed, events: s.events,
    verdict: s.verdict, violation: s.violation,
    refused: result.refused.map((r) => `${r.at}ns ${r.command.kind}`),
    stateHash: result.stateHash(),
    wallSeconds: Math.round(wallSeconds * 1000) / 1000,
    eventsPerSecond: wallSeconds > 0 ? Math.round(s.events / wallSeconds) : 0,
  };
}

function humanLine(r: RunReport): string {
  const v = r.violation;
  const verdict = v ? `invalid: ${v.property} on ${v.page === null ? 'no page' : `page ${v.page}`} at ${v.node}, LSN ${v.lsn}, t=${us(v.atNs)}us` : r.verdict;
  return `logindex ${r.mode} ro=${r.ro} seed=${r.seed} x${r.writeScale}: ${r.rwTps} tps, ${r.roQps} qps/RO, ` +
    `lsn_lag p50/p99 ${r.lsnLagP50}/${r.lsnLagP99} B, time_lag p99 ${r.timeLagP99Us} us, visibility p99 ${r.visibilityLagP99Us} us, ` +
    `${r.bytesShipped} B shipped, ${r.pagesReplayed} pages replayed, ${r.events} events: ${verdict}` +
    (r.refused.length ? ` (refused: ${r.refused.join(', ')})` : '');
}

/** Flags --fuzz takes; every other setting each case draws itself. */
const FUZZ_FLAGS = ['fuzz', 'seed', 'mode', 'broken', 'json'];

/** `--fuzz N`: one block (or JSON line) per shrunk failure, then the summary; exit 3 on any failure. */
function fuzzCommand(flags: ParsedFlags, value: (name: string) => string | undefined): number {
  const extra = [...flags.keys()].filter((f) => !FUZZ_FLAGS.includes(f));
  if (extra.length) throw new UsageError(`--fuzz draws each case's replicas, write scale, duration and faults itself: drop --${extra.join(', --')}`);
  const count = wholeFlag('fuzz', value('fuzz')!, 1, 100_000);
  const fuzzSeed = value('seed') ? wholeFlag('seed', value('seed')!, 0, 2 ** 32 - 1) : 1;
  const modes = value('mode') ? [parseMode(value('mode')!)] : MODES;
  const broken = value('broken') ? parseBroken(value('broken')!) : [];
  const json = flags.has('json');
  const started = performance.now();
  if (!json) console.log(`# logindex fuzz: ${count} runs of fuzz seed ${fuzzSeed} (${modes.join(', ')})${broken.length ? `, broken ${broken.join(',')}` : ''}`);
  const summary = fuzz(loadKernelModule('logindex'), {
    count, fuzzSeed, modes, broken,
    onCase: (_c, _o, done) => {
      if (done % 50 === 0) console.error(`# ${done}/${count} runs, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    },
    onFinding: (f) => console.log(json ? JSON.stringify(findingJson(f)) : findingText(f)),
  });
  const wall = (performance.now() - started) / 1000;
  if (json) {
    console.log(JSON.stringify({ runs: summary.cases, passed: summary.passed, failed: summary.findings.length, unknownPassed: summary.unknownPassed, wallSeconds: Number(wall.toFixed(1)) }));
  } else console.log(summaryText(summary, wall));
  return summary.findings.length ? 3 : 0;
}

/** Flags a scenario sets itself, so they cannot come with --scenario. */
const SCENARIO_SETS = ['ro', 'write-scale', 'faults', 'sweep'];

/** The scenario --scenario names; null after `--scenario list` printed the list. */
function scenarioFrom(name: string, flags: ParsedFlags): LogIndexScenario | null {
  if (name === 'list') {
    for (const s of SCENARIOS.values()) console.log(`${s.name}  ${s.property}  ${s.summary}`);
    return null;
  }
  const scenario = SCENARIOS.get(name);
  if (!scenario) {
    const near = closestMatch(name, SCENARIO_NAMES);
    throw new UsageError(`--scenario: unknown scenario "${name}"${near ? `; did you mean ${near}?` : ''} (one of ${SCENARIO_NAMES.join(', ')}, or list)`);
  }
  const clash = SCENARIO_SETS.filter((f) => flags.has(f));
  if (clash.length) throw new UsageError(`--scenario ${name} sets its own replicas, write scale and faults: drop --${clash.join(', --')}`);
  return scenario;
}

async function logindex(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const value = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  if (value('fuzz') !== undefined) return fuzzCommand(flags, value);
  const scenario = value('scenario') === undefined ? undefined : scenarioFrom(value('scenario')!, flags);
  if (scenario === null) return 0;
  const base = scenario ? scenarioConfig(scenario) : defaultConfig();
  const gridOut = value('sweep') !== undefined && value('out') !== undefined;
  if (!value('sweep') || !value('out')) {
    const sweepOnly = ['out', 'shard'].filter((f) => flags.has(f));
    if (sweepOnly.length) throw new UsageError(`--${sweepOnly.join(' and --')} only go with --sweep ro=... --out <csv>`);
  }
  const modes = gridOut && value('mode') ? uniqueList('mode', value('mode')!.split(',').map(parseMode)) : null;
  const seeds = gridOut && value('seed') ? parseSeeds(value('seed')!) : null;
  for (const s of seeds ?? []) if (s > 2 ** 31 - 1) throw new UsageError(`--seed ${s} is out of range 0..${2 ** 31 - 1}`);
  const mode = modes ? modes[0] : value('mode') ? parseMode(value('mode')!) : base.mode;
  const seed = seeds ? seeds[0] : value('seed') ? wholeFlag('seed', value('seed')!, 0, 2 ** 31 - 1) : scenario?.seed ?? 1;
  const durationNs = value('duration') ? parseDurationFlag(value('duration')!) : scenario?.durationNs ?? 1e9;
  const writeScale = value('write-scale') ? decimalFlag('write-scale', value('write-scale')!, 0, MAX_WRITE_SCALE) : scenario?.writeScale ?? 1;
  const broken = value('broken') ? parseBroken(value('broken')!) : [];
  const schedule = scenario ? parseSchedule(scenario.faults, `scenario ${scenario.name}`) : scheduleFrom(value('faults'));
  if (value('sweep') && value('ro')) throw new UsageError('--sweep sets the replica count of each run: drop --ro');
  const counts = value('sweep') ? parseSweep(value('sweep')!) : [value('ro') ? wholeFlag('ro', value('ro')!, 1, MAX_RO) : base.ro];
  for (const step of schedule) {
    const c = step.command;
    if ('node' in c && c.node !== null && c.node > Math.min(...counts)) {
      throw new UsageError(`--faults: ${c.kind} names ro${c.node}, but the run has ${Math.min(...counts)} replica(s)`);
    }
  }
  if (value('history') && value('sweep')) throw new UsageError('--history writes one run: drop --sweep');
  const module = loadKernelModule('logindex');
  if (gridOut) {
    const shard = shardFlag(value('shard'), value('out'));
    const fixed = { base, broken, writeScale, durationNs, schedule };
    const sweep = logIndexGridSweep(modes ?? [mode], counts, seeds ?? [seed], fixed, (m, ro, s) => {
      const config: LogIndexConfig = { ...base, mode: m, ro, broken, writeTps: defaultConfig().writeTps * writeScale };
      const result = runLogIndex(module, config, s, durationNs, schedule);
      return report(config, s, writeScale, durationNs, result, result.wallSeconds);
    });
    const rows = await runGridSweep(sweep, shard, value('out'));
    console.error(`wrote ${rows.length} runs${shard ? ` (shard ${shard.k}/${shard.n})` : ''} to ${value('out')}`);
    return sweep.invalid() ? 3 : 0;
  }
  const fd = value('history') ? openForWriting('history', value('history')!) : null;
  let invalid = false;
  for (const ro of counts) {
    const config: LogIndexConfig = { ...base, mode, ro, broken, writeTps: defaultConfig().writeTps * writeScale };
    let lines: string[] = [];
    const sink = fd === null ? undefined : (r: HistoryRecord) => {
      lines.push(formatHistoryLine(r));
      if (lines.length >= 4096) {
        writeSync(fd, lines.join('\n') + '\n');
        lines = [];
      }
    };
    const result = runLogIndex(module, config, seed, durationNs, schedule, sink);
    if (fd !== null) {
      if (lines.length) writeSync(fd, lines.join('\n') + '\n');
      closeSync(fd);
    }
    const r = report(config, seed, writeScale, durationNs, result, result.wallSeconds);
    if (r.verdict === 'invalid') invalid = true;
    if (scenario && !flags.has('json')) console.log(`${scenario.name} (${scenario.property}): ${scenario.summary}`);
    console.log(flags.has('json') ? JSON.stringify(scenario ? { scenario: scenario.name, ...r } : r) : humanLine(r));
  }
  return invalid ? 3 : 0;
}

export const cliCommand: CliCommand = {
  name: 'logindex',
  summary: 'PolarDB LogIndex: one RW, up to 15 ROs on shared storage, lazy vs full replay',
  usage: USAGE,
  run: logindex,
};

// `hlab raft`: one headless Raft / ParallelRaft run as JSON, a scripted scenario, or the
// Fig. 9-style iodepth sweep for both modes. Runs the same raft.wasm the app runs. Node only;
// the CLI finds it as this kernel's cli.ts (src/cli/main.ts).
import { closeSync, writeSync } from 'node:fs';
import { flagHelp, parseFlags, parseSeeds, UsageError, wholeFlag, type FlagSpec, type ParsedFlags } from '../../cli/args';
import { openForWriting, readFlagFile, requireReadable } from '../../cli/files';
import type { CliCommand } from '../../cli/cliCommand';
import { loadKernelModule } from '../../cli/runtime';
import { defaultConfig } from './config';
import { MODES, type RaftMode } from './protocol';
import { runRaft, type RunResult } from './run';
import { SCENARIOS } from './scenarios';
import { COMMAND_HELP, durationTooLong, MAX_DURATION_TEXT, parseDuration, parseSchedule, ScheduleError } from './schedule';
import type { HistoryRecord, RaftConfig, StampedRaftCommand } from './types';
import { formatHistoryLine } from './historyLines';
import type { LinearizabilityViolation } from './linearizability';
import { RunHistoryChecker, type RunHistoryVerdict } from './runHistoryCheck';
import { closestMatch } from '../../commands/editDistance';
import { checkHistoryFile } from './historyFile';
import { BROKEN_OPTIONS } from './brokenOptions';
import { catchUpLine } from './catchUpReport';
import { fuzz, findingJson, findingText, summaryText } from './fuzz';
import { runGridSweep, shardFlag } from '../../cli/sweep/gridSweep';
import { raftGridSweep } from './gridSweep';

/** Deliberately broken kernel options (one table with the raft tab's `raft break`). */
const BROKEN: Readonly<Record<string, keyof RaftConfig['broken']>> = BROKEN_OPTIONS;

const RAFT_FLAGS: FlagSpec[] = [
  { name: 'mode', takesValue: true, help: `${MODES.join('|')} (default parallel)` },
  { name: 'seed', takesValue: true, help: 'seed (default 1); same seed + config = same run' },
  { name: 'iodepth', takesValue: true, help: 'outstanding ops per client (default 8)' },
  { name: 'clients', takesValue: true, help: 'FIO-style jobs (default 1)' },
  { name: 'duration', takesValue: true, help: 'simulated time, e.g. 10s, 500ms (default 1s)' },
  { name: 'warmup', takesValue: true, help: 'measure IOPS/latency after this (default 10% of the run, at most 1s)' },
  { name: 'bs', takesValue: true, help: 'op size: 4k, 64k, or a range 4k-128k (4 KB steps; default 4k)' },
  { name: 'blocks', takesValue: true, help: 'LBA range the clients use, in 4 KB blocks (default 2560 = 10 MB)' },
  { name: 'read', takesValue: true, help: 'share of reads, percent (default 0)' },
  { name: 'net', takesValue: true, help: 'rdma (~5 us) or tcp (~25 us) (default rdma)' },
  { name: 'disk', takesValue: true, help: 'xpoint (~10 us WAL) or nvme (default xpoint)' },
  { name: 'connections', takesValue: true, help: 'connections per leader-follower pair (default 4)' },
  { name: 'lbb', takesValue: true, help: 'look-behind span N (default 2)' },
  { name: 'widegap', takesValue: true, help: 'wait or refuse-accept: holes wider than N (default wait)' },
  { name: 'think', takesValue: true, help: 'client think time between ops, e.g. 100us (default 0)' },
  { name: 'faults', takesValue: true, help: 'fault schedule, e.g. "2s crash 0; 3s restart 0" (or @file)' },
  { name: 'scenario', takesValue: true, help: `scripted case: ${Object.keys(SCENARIOS).join(', ')}` },
  { name: 'broken', takesValue: true, help: `deliberately broken option(s), comma-separated: ${Object.keys(BROKEN).join(', ')}` },
  { name: 'settle', takesValue: true, help: 'after the run: stop clients, heal, restart nodes; wait up to this long for catch-up, then compare replicas (P6)' },
  { name: 'history', takesValue: true, help: 'write the client history as JSON Lines to this file and check it is linearizable per block' },
  { name: 'check-history', takesValue: true, help: 'check a JSON Lines history file per block (no run); exit 3 if not linearizable' },
  { name: 'sweep', takesValue: true, help: 'iodepth=1,2,4,8,16,32: Fig. 9 table for raft and parallel' },
  { name: 'out', takesValue: true, help: 'with --sweep: write one CSV row per mode x iodepth x seed here (--mode and --seed may be lists)' },
  { name: 'shard', takesValue: true, help: 'with --sweep --out: run shard k/n of the grid (auto/n: k from JOB_COMPLETION_INDEX)' },
  { name: 'trace', takesValue: false, help: 'record every message in the event log' },
  { name: 'json', takesValue: false, help: 'print one JSON line per run' },
  { name: 'fuzz', takesValue: true, help: 'run this many seeded random fault schedules (settle 3s, history checked); a shrunk reproducer per failure' },
  { name: 'fuzz-seed', takesValue: true, help: 'which fuzz run --fuzz draws (default 1): same seed, same cases' },
];

const USAGE = `  hlab raft [--mode parallel] [--seed 1] [--iodepth 32] [--duration 10s] [--faults "<schedule>"] [--history <file>] [--json]
  hlab raft --scenario ghost --mode parallel|parallel-ce [--json]
  hlab raft --sweep iodepth=1,2,4,8,16,32 [--duration 2s]
  hlab raft --sweep iodepth=1,8,32 --mode raft,parallel --seed 1..10 --out raft.csv [--shard k/n]
  hlab raft --check-history <file> [--json]
  hlab raft --fuzz 300 [--fuzz-seed 1] [--mode raft|parallel|parallel-ce] [--json]

--history also checks the history as it is written (spec P9: each 4 KB block a linearizable
register; ops still in flight at the end are added as never-returned) and adds "linearizable"
and "linearizability" to the JSON; a violation exits 3, like an invalid verdict.

Every catch-up of the run (spec §1.4, settling included) is printed on its own line, and in the
JSON as "catchUps", one object each: follower, leader, case (1 streaming, 2 fast, 3 prune then
fast), reason (lc-past-fl or pruned for case 1, fl-reaches-lc, stale-older-terms), lc, fl, fc,
fa (the leader's checkpoint after any it took first, the follower's known prefix, checkpoint
and applied prefix), pieces, piecesSent, piecesResent, piecesReceived (128 KB pieces, case 1),
dataEntries, dataBlocks (filled from the leader's data), logEntries (from its log), pruned,
startNs, endNs, tookUs (null when unfinished) and outcome (done, replaced, abandoned, running).
"catchUpRecordsLost" > 0 means the event ring lapped between reads and some may be missing.

raft options:
${flagHelp(RAFT_FLAGS)}

fault commands (each after a simulated time, separated by ";"):
${COMMAND_HELP.map((l) => `  ${l}`).join('\n')}`;

const loadRaftModule = (): WebAssembly.Module => loadKernelModule('raft');

function int(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  return text === undefined ? fallback : wholeFlag(name, text, min, max);
}

function duration(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ns = parseDuration(text);
  if (ns === null && durationTooLong(text)) throw new UsageError(`--${name} ${text} is longer than the most a run takes, ${MAX_DURATION_TEXT}`);
  if (ns === null) throw new UsageError(`--${name} must be a duration like 10s, 500ms or 200us, found "${text}"`);
  return ns;
}

function parseMode(text: string): RaftMode {
  if ((MODES as readonly string[]).includes(text)) return text as RaftMode;
  const near = closestMatch(text, [...MODES]);
  throw new UsageError(`unknown mode "${text}"${near ? `; did you mean ${near}?` : ''} (one of ${MODES.join(', ')})`);
}

/** "4k" -> 1 block; "4k-128k" -> [1, 32]. */
function parseBs(text: string): [number, number] {
  const size = (t: string) => {
    const m = /^(\d+)k$/i.exec(t);
    const kb = m ? Number(m[1]) : NaN;
    if (!(kb >= 4 && kb <= 128 && kb % 4 === 0)) throw new UsageError(`--bs sizes are 4k..128k in 4k steps, found "${t}"`);
    return kb / 4;
  };
  const [lo, hi] = text.split('-');
  const a = size(lo);
  const b = hi === undefined ? a : size(hi);
  if (b < a) throw new UsageError(`--bs range ${text} runs backwards`);
  return [a, b];
}

function scheduleFrom(text: string | undefined): StampedRaftCommand[] {
  if (!text) return [];
  if (text.startsWith('@')) {
    const path = text.slice(1);
    return parseSchedule(readFlagFile('faults', path).text, path);
  }
  return parseSchedule(text, '--faults');
}

function resultJson(r: RunResult, history?: RunHistoryVerdict): string {
  return JSON.stringify({
    mode: r.mode, seed: r.seed, iodepth: r.iodepth, duration: r.durationNs / 1e9, end: r.endNs / 1e9,
    iops: r.iops, p50Us: r.p50Us, p99Us: r.p99Us, p999Us: r.p999Us, events: r.events,
    verdict: r.verdict, reason: r.reason, violations: r.violations, settle: r.settle,
    elections: r.elections, commits: r.commits, msgSent: r.msgSent, msgDropped: r.msgDropped, rejects: r.rejects,
    resends: r.resends, failedOps: r.failedOps, timedOut: r.timedOut,
    wallSeconds: r.wallSeconds, eventsPerSecond: r.eventsPerSecond,
    ...(history ? { linearizable: history.linearizable, linearizability: history.reason } : {}),
    catchUps: r.catchUps, catchUpRecordsLost: r.catchUpRecordsLost,
  });
}

async function raft(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, RAFT_FLAGS);
  const value = (name: string) => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  if (value('check-history')) {
    const runFlags = [...flags.keys()].filter((f) => f !== 'check-history' && f !== 'json');
    if (runFlags.length) throw new UsageError(`--check-history checks a file and runs nothing: drop --${runFlags.join(', --')}`);
    return checkHistoryCommand(value('check-history')!, flags.has('json'));
  }
  if (value('fuzz') || value('fuzz-seed')) {
    const runFlags = [...flags.keys()].filter((f) => !['fuzz', 'fuzz-seed', 'mode', 'json'].includes(f));
    if (!value('fuzz')) throw new UsageError('--fuzz-seed needs --fuzz <count>');
    if (runFlags.length) throw new UsageError(`--fuzz draws each case's settings and faults itself: drop --${runFlags.join(', --')}`);
    const modes = value('mode') ? [parseMode(value('mode')!)] : MODES;
    return fuzzCommand(int('fuzz', value('fuzz'), 1, 1, 1_000_000), int('fuzz-seed', value('fuzz-seed'), 1, 0, 2 ** 32 - 1), modes, flags.has('json'));
  }
  // Object.hasOwn: "constructor" is not a scenario.
  const scenario = value('scenario') && Object.hasOwn(SCENARIOS, value('scenario')!) ? SCENARIOS[value('scenario')!] : undefined;
  if (value('scenario') && !scenario) {
    throw new UsageError(`unknown scenario "${value('scenario')}" (one of ${Object.keys(SCENARIOS).join(', ')})`);
  }
  const [minBlocks, maxBlocks] = value('bs') ? parseBs(value('bs')!) : [1, 1];
  const broken: RaftConfig['broken'] = {};
  for (const b of (value('broken') ?? '').split(',').filter(Boolean)) {
    const key = Object.hasOwn(BROKEN, b) ? BROKEN[b] : undefined;
    if (!key) throw new UsageError(`unknown --broken option "${b}" (${Object.keys(BROKEN).join(', ')})`);
    broken[key] = true;
  }
  const net = value('net') ?? 'rdma';
  if (net !== 'rdma' && net !== 'tcp') throw new UsageError(`--net must be rdma or tcp, found "${net}"`);
  const disk = value('disk') ?? 'xpoint';
  if (disk !== 'xpoint' && disk !== 'nvme') throw new UsageError(`--disk must be xpoint or nvme, found "${disk}"`);
  const widegap = value('widegap') ?? 'wait';
  if (widegap !== 'wait' && widegap !== 'refuse-accept') throw new UsageError(`--widegap must be wait or refuse-accept, found "${widegap}"`);
  const base = defaultConfig(scenario?.config ?? {});
  const grid = sweepLists(flags, value);
  const config: RaftConfig = {
    ...base,
    mode: grid.modes?.[0] ?? base.mode,
    seed: grid.seeds?.[0] ?? base.seed,
    iodepth: int('iodepth', value('iodepth'), base.iodepth, 0, 256),
    clients: int('clients', value('clients'), base.clients, 0, 16),
    blocks: int('blocks', value('blocks'), base.blocks, 32, 65536),
    readPct: int('read', value('read'), base.readPct, 0, 100),
    connections: int('connections', value('connections'), base.connections, 1, 16),
    lbbN: int('lbb', value('lbb'), base.lbbN, 0, 4),
    minBlocks: value('bs') ? minBlocks : base.minBlocks,
    maxBlocks: value('bs') ? maxBlocks : base.maxBlocks,
    thinkNs: duration('think', value('think'), base.thinkNs),
    net, disk, widegap, broken,
    traceMessages: flags.has('trace'),
  };
  const durationNs = duration('duration', value('duration'), scenario?.durationNs ?? 1e9);
  const settleNs = value('settle') ? duration('settle', value('settle'), 0) : undefined;
  const warmupNs = value('warmup') ? duration('warmup', value('warmup'), 0) : scenario ? 0 : undefined;
  let schedule: StampedRaftCommand[];
  try {
    schedule = [...(scenario ? parseSchedule(scenario.faults, `scenario ${scenario.name}`) : []), ...scheduleFrom(value('faults'))];
  } catch (error) {
    if (error instanceof ScheduleError) throw new UsageError(error.message);
    throw error;
  }
  const module = loadRaftModule();

  if (value('sweep')) {
    const m = /^iodepth=([\d,]+)$/.exec(value('sweep')!);
    if (!m) throw new UsageError(`--sweep takes iodepth=1,2,4,..., found "${value('sweep')}"`);
    const depths = m[1].split(',').filter(Boolean).map((d) => int('sweep', d, 1, 1, 256));
    if (depths.length === 0) throw new UsageError(`--sweep takes iodepth=1,2,4,..., found "${value('sweep')}"`);
    const modes: RaftMode[] = grid.modes ?? ['raft', 'parallel'];
    if (value('out')) {
      const shard = shardFlag(value('shard'), value('out'));
      const sweep = raftGridSweep(module, { modes, depths, seeds: grid.seeds ?? [config.seed], config, durationNs, warmupNs, schedule, settleNs });
      const rows = await runGridSweep(sweep, shard, value('out'));
      console.error(`wrote ${rows.length} runs${shard ? ` (shard ${shard.k}/${shard.n})` : ''} to ${value('out')}`);
      return sweep.invalid() ? 3 : 0;
    }
    const rows: RunResult[] = [];
    for (const depth of depths) {
      for (const mode of modes) {
        const r = runRaft(module, { config: { ...config, mode, iodepth: depth }, durationNs, warmupNs, schedule, settleNs });
        rows.push(r);
        if (flags.has('json')) console.log(resultJson(r));
      }
    }
    if (!flags.has('json')) printSweep(rows, modes, depths);
    return rows.some((r) => r.verdict === 'invalid') ? 3 : 0;
  }

  let out = -1;
  if (value('history')) out = openForWriting('history', value('history')!);
  // The history is checked as it is written: no second pass over the file.
  const checker = out >= 0 ? new RunHistoryChecker() : null;
  const write = (records: HistoryRecord[]) => {
    writeSync(out, records.map(formatHistoryLine).join('\n') + '\n');
  };
  const onHistory = checker
    ? (records: HistoryRecord[]) => {
      write(records);
      checker.add(records);
    }
    : undefined;
  let result: RunResult;
  let history: RunHistoryVerdict | undefined;
  try {
    const run = runRaft(module, { config, durationNs, warmupNs, schedule, onHistory, settleNs });
    result = run;
    history = checker?.finish(module, run.kernel, write);
  } finally {
    if (out >= 0) closeSync(out);
  }
  if (flags.has('json')) console.log(resultJson(result, history));
  else {
    console.log(`${result.mode}, seed ${result.seed}, iodepth ${result.iodepth}: ${result.iops} IOPS, p50 ${result.p50Us} us, p99 ${result.p99Us} us, p99.9 ${result.p999Us} us`);
    console.log(`${result.events} events in ${result.wallSeconds} s (${(result.eventsPerSecond / 1e6).toFixed(2)} M/s); ${result.elections} elections, ${result.msgDropped}/${result.msgSent} messages dropped`);
    console.log(`verdict: ${result.verdict} — ${result.reason}`);
    if (history) console.log(`history: ${history.reason}`);
    for (const c of result.catchUps) console.log(catchUpLine(c));
    if (result.catchUpRecordsLost) console.log(`(the event ring lapped: ${result.catchUpRecordsLost} records were lost, so catch-ups may be missing)`);
  }
  return result.verdict === 'invalid' || history?.linearizable === false ? 3 : 0;
}

/** --mode and --seed as lists (only a --sweep --out takes more than one), checked before any run. */
function sweepLists(flags: ParsedFlags, value: (name: string) => string | undefined): { modes?: RaftMode[]; seeds?: number[] } {
  if (!flags.has('sweep')) {
    const sweepOnly = ['out', 'shard'].filter((f) => flags.has(f));
    if (sweepOnly.length) throw new UsageError(`--${sweepOnly.join(' and --')} only go with --sweep`);
  }
  shardFlag(value('shard'), value('out'));
  const modes = value('mode')?.split(',').map(parseMode);
  const seedText = value('seed');
  // One seed keeps the one-run message; a list or range is the sweep's.
  const seeds = seedText === undefined ? undefined : /[,.]/.test(seedText) ? parseSeeds(seedText) : [int('seed', seedText, 0, 0, 2 ** 31 - 1)];
  for (const seed of seeds ?? []) if (seed > 2 ** 31 - 1) throw new UsageError(`--seed ${seed} is out of range 0..${2 ** 31 - 1}`);
  if (modes && new Set(modes).size < modes.length) throw new UsageError(`--mode: a mode is given twice in "${value('mode')}"`);
  if ((seeds?.length ?? 0) > 1 && !flags.has('out')) throw new UsageError('several seeds need --sweep ... --out <csv>');
  if ((modes?.length ?? 0) > 1 && !flags.has('sweep')) throw new UsageError('several modes need --sweep');
  return { modes, seeds };
}

/** `--fuzz <count>`: one block per shrunk failure, progress every 50 cases on stderr; exit 3 on any failure. */
function fuzzCommand(count: number, fuzzSeed: number, modes: readonly RaftMode[], json: boolean): number {
  const started = performance.now();
  if (!json) console.log(`# raft fuzz: ${count} cases of fuzz seed ${fuzzSeed} (${modes.join(', ')}); each settles for up to 3 s, history checked per block`);
  const summary = fuzz(loadRaftModule(), {
    count, fuzzSeed, modes,
    onCase: (_c, _o, done) => {
      if (done % 50 === 0) console.error(`# ${done}/${count} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    },
    onFinding: (f) => console.log(json ? JSON.stringify(findingJson(f)) : findingText(f)),
  });
  const wall = (performance.now() - started) / 1000;
  if (json) console.log(JSON.stringify({ cases: summary.cases, passed: summary.passed, failed: summary.findings.length, unknownPassed: summary.unknownPassed, wallSeconds: Number(wall.toFixed(1)) }));
  else console.log(summaryText(summary, wall));
  return summary.findings.length ? 3 : 0;
}

/** `--check-history <file>`: exit 0 linearizable, 3 not, 2 when lines were malformed. */
function checkHistoryCommand(path: string, json: boolean): number {
  requireReadable('check-history', path);
  const check = checkHistoryFile(path);
  const r = check.result;
  for (const e of check.malformed) console.error(`${path}:${e.line}:${e.column}: ${e.message}`);
  if (check.malformedCount > check.malformed.length) console.error(`${path}: ... and ${check.malformedCount - check.malformed.length} more malformed lines`);
  if (json) {
    console.log(JSON.stringify({
      file: path, lines: check.lines, records: check.records, malformed: check.malformedCount,
      linearizable: r.ok, linearizability: r.reason, blocks: r.blocksChecked, ops: r.opsChecked, ignored: r.opsIgnored,
      truncated: r.truncated, assumedWrites: r.assumedWrites, violationCount: r.violationCount, violations: r.violations,
    }));
  } else {
    const scope = `${r.opsChecked} ops on ${r.blocksChecked} blocks`;
    console.log(`${path}: ${check.records} records; ${r.ok ? r.reason : `NOT linearizable: ${r.violationCount} violation${r.violationCount === 1 ? '' : 's'} in ${scope}`}`);
    if (check.malformedCount) console.log(`${check.malformedCount} malformed line${check.malformedCount === 1 ? '' : 's'} left out, so the rest was checked as a truncated history (${r.assumedWrites} write${r.assumedWrites === 1 ? '' : 's'} assumed)`);
    for (const v of r.violations) console.log(violationText(v));
    if (r.violationCount > r.violations.length) console.log(`... and ${r.violationCount - r.violations.length} more violations`);
  }
  if (!r.ok) return 3;
  return check.malformedCount ? 2 : 0;
}

function violationText(v: LinearizabilityViolation): string {
  const ops = v.ops.map((o) => `    client ${o.client} ${o.op} ${o.value}: invoke ${o.invoke} ns, complete ${o.complete === null ? 'never' : `${o.complete} ns`}${o.ok ? '' : ' (not ok)'}`);
  return [`  ${v.kind}: ${v.reason}`, ...ops].join('\n');
}

function printSweep(rows: RunResult[], modes: RaftMode[], depths: number[]): void {
  const cell = (mode: RaftMode, depth: number) => rows.find((r) => r.mode === mode && r.iodepth === depth)!;
  const head = ['iodepth', ...modes.flatMap((m) => [`${m} IOPS`, `${m} p50 us`, `${m} p99 us`])];
  if (modes.length === 2) head.push('IOPS ratio', 'latency ratio');
  console.log(head.join('\t'));
  for (const d of depths) {
    const line = [String(d)];
    for (const m of modes) {
      const r = cell(m, d);
      line.push(String(r.iops), String(r.p50Us), String(r.p99Us));
    }
    if (modes.length === 2) {
      const [a, b] = [cell(modes[0], d), cell(modes[1], d)];
      line.push((a.iops / Math.max(1, b.iops)).toFixed(2), (a.p50Us / Math.max(0.1, b.p50Us)).toFixed(2));
    }
    console.log(line.join('\t'));
  }
  const bad = rows.filter((r) => r.verdict !== 'valid');
  for (const r of bad) console.log(`# ${r.mode} iodepth ${r.iodepth}: ${r.verdict} — ${r.reason}`);
}

export const cliCommand: CliCommand = {
  name: 'raft',
  summary: 'run Raft or ParallelRaft (PolarFS) headless with faults and a live checker, or the Fig. 9 sweep',
  usage: USAGE,
  run: raft,
};

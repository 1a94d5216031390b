// `hlab net`: one headless run of the flow-level network (a preset map and a named workload,
// or a --scenario JSON network), or --rdma-bench, the in-zone eRDMA/TCP table. Runs the same
// net.wasm the app will run. Node only; the CLI finds it as this kernel's cli.ts.
import { flagHelp, parseFlags, UsageError, wholeFlag, type FlagSpec } from '../../cli/args';
import type { CliCommand } from '../../cli/cliCommand';
import { readFlagFile } from '../../cli/files';
import { loadKernelModule } from '../../cli/runtime';
import { closestMatch } from '../../commands/editDistance';
import { durationTooLong, MAX_DURATION_TEXT, parseDuration } from '../raft/schedule';
import { MAX_FLOWS } from './protocol';
import { PRESET_NAMES, PRESETS, type Preset } from './presets';
import { bandwidthRow, formatRow, latencyRow, PERFTEST_HEADER, RDMA_PARAMS, SIZES } from './rdma';
import { flowReport, linkReport, percentile, runNet } from './run';
import { DEFAULT_WINDOW, parseScenario, ScenarioError } from './scenario';
import { COMMAND_HELP, parseSchedule, ScheduleError } from './schedule';
import type { Network, StampedNetCommand } from './types';
import { WORKLOAD_NAMES, WORKLOADS } from './workloads';

const SHARINGS = ['max-min', 'rtt-weighted'] as const;

const FLAGS: FlagSpec[] = [
  { name: 'preset', takesValue: true, help: `${PRESET_NAMES.join('|')}: the map (default seed)` },
  { name: 'workload', takesValue: true, help: `${WORKLOAD_NAMES.join('|')} (default one-flow)` },
  { name: 'flows', takesValue: true, help: `flows for parallel and link-cut, 1..${MAX_FLOWS} (default 64)` },
  { name: 'scenario', takesValue: true, help: 'a JSON network file instead of a preset (format in the README)' },
  { name: 'seed', takesValue: true, help: 'seed (default 1); same seed + inputs = same run' },
  { name: 'duration', takesValue: true, help: 'simulated time, e.g. 60s (default 60s)' },
  { name: 'faults', takesValue: true, help: 'fault schedule, e.g. "20s cut AsiaPacific Europe" (or @file)' },
  { name: 'sharing', takesValue: true, help: `${SHARINGS.join('|')}: equal shares (default) or SimGrid's 1/RTT shares` },
  { name: 'rdma-bench', takesValue: false, help: 'the in-zone eRDMA vs TCP latency table (perftest columns) and bandwidth run' },
  { name: 'iterations', takesValue: true, help: 'iterations per message size for --rdma-bench, 10..1000000 (default 1000)' },
  { name: 'json', takesValue: false, help: 'print one JSON line' },
];

const USAGE = `  hlab net [--preset seed|alibaba] [--workload one-flow|parallel|link-cut] [--flows 64] [--seed 1] [--duration 60s] [--faults "<schedule>"] [--json]
  hlab net --scenario FILE [--faults "<schedule>"] [--duration 60s] [--json]
  hlab net --rdma-bench [--seed 1] [--iterations 1000] [--json]

Flows, not packets: each flow pays its route's one-way delay once, then shares bandwidth by
max-min fairness (progressive filling) with every flow on the links it crosses, capped by TCP's
own ceiling min(window/RTT, Mathis MSS/RTT·1.22/sqrt(p)). Routes: least delay, then fewest hops.

net options:
${flagHelp(FLAGS)}

workloads:
${WORKLOADS.map((w) => `  ${w.name.padEnd(10)} ${w.summary}`).join('\n')}

fault commands (each after a simulated time, separated by ";"; a link is named by its two ends):
${COMMAND_HELP.map((l) => `  ${l}`).join('\n')}`;

function choose<T extends string>(flag: string, text: string, names: readonly T[]): T {
  if ((names as readonly string[]).includes(text)) return text as T;
  const near = closestMatch(text, [...names]);
  throw new UsageError(`--${flag}: unknown ${flag} "${text}"${near ? `; did you mean ${near}?` : ''} (one of ${names.join(', ')})`);
}

function durationFlag(text: string): number {
  const ns = parseDuration(text);
  if (ns === null && durationTooLong(text)) throw new UsageError(`--duration ${text} is longer than the most a run takes, ${MAX_DURATION_TEXT}`);
  if (ns === null) throw new UsageError(`--duration must be a duration like 60s or 500ms, found "${text}"`);
  if (ns === 0) throw new UsageError('--duration must be longer than 0');
  return ns;
}

function scheduleFrom(text: string | undefined, network: Network): StampedNetCommand[] {
  if (text === undefined) return [];
  try {
    if (text.startsWith('@')) return parseSchedule(readFlagFile('faults', text.slice(1)).text, network, text.slice(1));
    return parseSchedule(text, network, '--faults');
  } catch (error) {
    if (error instanceof ScheduleError) throw new UsageError(error.message);
    throw error;
  }
}

const round = (x: number | null, digits = 6): number | null => (x === null ? null : Number(x.toPrecision(digits)));

/** Why one flow cannot fill the long-haul link: its BDP against the 16 MiB window, and how many flows it takes. */
function longHaulFigures(preset: Preset): Record<string, number | string> {
  const [a, b] = preset.longHaul;
  const link = preset.links.find((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a))!;
  const rttNs = 2 * link.delayNs;
  const perFlowGbps = (DEFAULT_WINDOW * 8) / rttNs;
  return {
    link: `${a}-${b}`, gbps: link.gbps, rttMs: rttNs / 1e6, bdpBytes: Math.round((link.gbps * rttNs) / 8),
    windowBytes: DEFAULT_WINDOW, perFlowCeilingGbps: round(perFlowGbps)!, flowsToFill: Math.ceil(link.gbps / perFlowGbps),
  };
}

function rdmaBench(seed: number, iterations: number, json: boolean): number {
  const module = loadKernelModule('net');
  const latency = (['erdma', 'tcp'] as const).map((t) => ({ transport: t, rows: SIZES.map((b) => latencyRow(t, b, iterations, seed)) }));
  const bandwidth = [1, 2, 4].flatMap((n) => [bandwidthRow(module, 'erdma', n), bandwidthRow(module, 'tcp', n)]);
  if (json) {
    console.log(JSON.stringify({ seed, iterations, latency, bandwidth, parameters: Object.values(RDMA_PARAMS) }));
    return 0;
  }
  console.log('# a seeded model, not a measurement; parameters and where each comes from:');
  for (const p of Object.values(RDMA_PARAMS)) console.log(`#   ${p.name}: ${p.value}${p.unit ? ` ${p.unit}` : ''} (${p.provenance})`);
  for (const { transport, rows } of latency) {
    console.log(`\n ${transport === 'erdma' ? 'eRDMA write latency (one way, half the round trip)' : 'TCP over the VPC, same zone (one way)'}`);
    console.log(PERFTEST_HEADER);
    for (const r of rows) console.log(formatRow(r));
  }
  console.log('\n bandwidth, 1 GiB per stream, through the flow kernel (a TCP stream\'s CPU ceiling is not modelled)');
  console.log(' transport  streams  BW average[Gb/sec]');
  for (const b of bandwidth) console.log(` ${b.transport.padEnd(9)}  ${String(b.streams).padStart(7)}  ${b.gbps.toFixed(2).padStart(18)}`);
  return 0;
}

async function net(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const value = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const seed = value('seed') ? wholeFlag('seed', value('seed')!, 0, 2 ** 32 - 1) : 1;
  if (flags.has('rdma-bench')) {
    const extra = [...flags.keys()].filter((f) => !['rdma-bench', 'seed', 'iterations', 'json'].includes(f));
    if (extra.length) throw new UsageError(`--rdma-bench takes only --seed, --iterations and --json: drop --${extra.join(', --')}`);
    return rdmaBench(seed, value('iterations') ? wholeFlag('iterations', value('iterations')!, 10, 1_000_000) : 1000, flags.has('json'));
  }
  if (value('iterations')) throw new UsageError('--iterations is for --rdma-bench');
  const durationNs = value('duration') ? durationFlag(value('duration')!) : 60e9;
  const sharing = value('sharing') ? choose('sharing', value('sharing')!, SHARINGS) : undefined;
  let network: Network;
  let faults: StampedNetCommand[] = [];
  let source: Record<string, unknown>;
  let rttWeighted = sharing === 'rtt-weighted';
  if (value('scenario') !== undefined) {
    const clash = ['preset', 'workload', 'flows'].filter((f) => flags.has(f));
    if (clash.length) throw new UsageError(`--scenario holds its own network and flows: drop --${clash.join(', --')}`);
    const file = readFlagFile('scenario', value('scenario')!);
    try {
      const scenario = parseScenario(file.text);
      network = scenario.network;
      if (sharing === undefined) rttWeighted = scenario.sharing === 'rtt-weighted';
    } catch (error) {
      if (error instanceof ScenarioError) throw new UsageError(`--scenario ${value('scenario')}: ${error.message}`);
      throw error;
    }
    source = { scenario: value('scenario') };
  } else {
    const preset = PRESETS.get(value('preset') ? choose('preset', value('preset')!, PRESET_NAMES) : 'seed')!;
    const workloadName = value('workload') ? choose('workload', value('workload')!, WORKLOAD_NAMES) : 'one-flow';
    const workload = WORKLOADS.find((w) => w.name === workloadName)!;
    if (value('flows') && workloadName === 'one-flow') throw new UsageError('--flows is for the parallel and link-cut workloads');
    const count = value('flows') ? wholeFlag('flows', value('flows')!, 1, MAX_FLOWS) : 64;
    const built = workload.build(preset, seed, durationNs, count);
    network = built.network;
    faults = built.faults;
    source = { preset: preset.name, workload: workloadName, longHaul: longHaulFigures(preset) };
  }
  faults = [...faults, ...scheduleFrom(value('faults'), network)];
  const module = loadKernelModule('net');
  const result = runNet(module, network, faults, durationNs, { rttWeighted });
  const flows = flowReport(network, result);
  const rates = flows.filter((f) => f.status !== 'pending' && f.status !== 'failed').map((f) => f.meanGbps).sort((a, b) => a - b);
  const fcts = flows.flatMap((f) => (f.fctS === null ? [] : [f.fctS])).sort((a, b) => a - b);
  const s = result.summary;
  const count = (status: string): number => flows.filter((f) => f.status === status).length;
  const report = {
    ...source, seed, durationS: durationNs / 1e9, sharing: rttWeighted ? 'rtt-weighted' : 'max-min',
    nodes: network.nodes.length, linkCount: network.links.length,
    flowCount: flows.length, done: count('done'), failed: count('failed'), stalled: count('stalled'),
    unfinished: flows.length - count('done') - count('failed'),
    meanGbps: { p50: percentile(rates, 0.5), p99: percentile(rates, 0.99), min: rates[0] ?? null, max: rates.at(-1) ?? null },
    fctS: { p50: percentile(fcts, 0.5), p99: percentile(fcts, 0.99) },
    aggregateGbpsAtEnd: round(flows.reduce((sum, f) => sum + f.rateGbps, 0)),
    flows,
    links: linkReport(network, result),
    faults: faults.map((f) => f.text),
    refused: result.refused.map((f) => f.text),
    events: s.events, started: s.started, ended: s.ended, reshares: s.reshares, reroutes: s.reroutes, fillRounds: s.fillRounds,
    stateHash: result.stateHash(),
    wallSeconds: Math.round(result.wallSeconds * 1000) / 1000,
  };
  if (flags.has('json')) {
    console.log(JSON.stringify(report));
    return 0;
  }
  console.log(`net ${'preset' in source ? `${source.preset} ${source.workload}` : `scenario ${source.scenario}`} seed=${seed} ${report.durationS}s ${report.sharing}: ` +
    `${report.flowCount} flows, ${report.done} done, ${report.failed} failed, ${report.stalled} stalled; ` +
    `mean rate p50/p99 ${report.meanGbps.p50}/${report.meanGbps.p99} Gb/s, FCT p50/p99 ${report.fctS.p50}/${report.fctS.p99} s; ` +
    `${report.events} events, ${report.reshares} re-shares, ${report.reroutes} re-routes` + (report.refused.length ? ` (refused: ${report.refused.join(', ')})` : ''));
  if ('longHaul' in source) {
    const h = source.longHaul as ReturnType<typeof longHaulFigures>;
    console.log(`  long haul ${h.link}: ${h.gbps} Gb/s x ${h.rttMs} ms RTT = BDP ${h.bdpBytes} B against a ${h.windowBytes} B window: ` +
      `one flow gets at most ${h.perFlowCeilingGbps} Gb/s; filling the link takes ${h.flowsToFill} flows`);
  }
  for (const f of flows.slice(0, 12)) {
    console.log(`  ${f.id} ${f.from}->${f.to} ${f.status}: ${f.meanGbps} Gb/s mean, cap ${f.capGbps ?? 'none'} Gb/s, ${f.hops} hops, ${f.latencyMs} ms one way, FCT ${f.fctS ?? '-'} s`);
  }
  if (flows.length > 12) console.log(`  … ${flows.length - 12} more (--json lists every flow)`);
  const busiest = [...report.links].sort((a, b) => b.utilisation - a.utilisation).slice(0, 5);
  for (const l of busiest) console.log(`  link ${l.from}-${l.to} ${l.gbps} Gb/s${l.up ? '' : ' (down)'}: ${(l.utilisation * 100).toPrecision(3)} % used`);
  return 0;
}

export const cliCommand: CliCommand = {
  name: 'net',
  summary: 'the network between regions: flows, max-min sharing, TCP on long links, faults; --rdma-bench',
  usage: USAGE,
  run: net,
};

// `hlab vcpu`: one headless vCPU-scheduling run (a host, its VMs, a scheduler and a host
// profile) as JSON or a short summary; a sweep over schedulers or profiles; a named scenario
// HV-n or a JSON scenario file; a trace of every state change. Runs the same vcpu.wasm the
// app will run. Node only; the CLI finds it as this kernel's cli.ts (src/cli/kernelCommands.ts).
import { closeSync, writeSync } from 'node:fs';
import { flagHelp, parseFlags, parseSeeds, UsageError, wholeFlag, type FlagSpec, type ParsedFlags } from '../../cli/args';
import type { CliCommand } from '../../cli/cliCommand';
import { openForWriting, readFlagFile } from '../../cli/files';
import { loadKernelModule } from '../../cli/runtime';
import { closestMatch } from '../../commands/editDistance';
import { durationTooLong, MAX_DURATION_TEXT, parseDuration } from '../raft/schedule';
import { defaultConfig, profileCosts } from './config';
import type { TraceRecord } from './kernel';
import { BROKEN_OPTIONS, MITIGATIONS, PROFILES, SCHEDS, type BrokenOption, type Mitigation, type ProfileName, type SchedName } from './protocol';
import { humanLine, report } from './report';
import { runVcpu } from './run';
import { readScenarioFile, ScenarioFileError } from './scenarioFile';
import { SCENARIO_NAMES, SCENARIOS, variantConfig, type VcpuScenario } from './scenarios';
import { COMMAND_HELP, parseSchedule, ScheduleError } from './schedule';
import { fuzzCommand } from './fuzzCli';
import { configProblem, pcpusOf } from './setup';
import type { StampedVcpuCommand, VcpuConfig } from './types';
import { runGridSweep, shardFlag } from '../../cli/sweep/gridSweep';
import { vcpuGridSweep } from './gridSweep';

const FLAGS: FlagSpec[] = [
  { name: 'profile', takesValue: true, help: `${PROFILES.join('|')}: where virtualization work runs (default kvm)` },
  { name: 'sched', takesValue: true, help: `${SCHEDS.join('|')}: the vCPU scheduler (default credit; bare-metal has none)` },
  { name: 'seed', takesValue: true, help: 'seed (default 1); same seed + config = same run' },
  { name: 'duration', takesValue: true, help: 'simulated time, e.g. 1s, 500ms (default 1s)' },
  { name: 'faults', takesValue: true, help: 'fault schedule, e.g. "300ms arrive noisy; 500ms storm p2 50ms" (or @file)' },
  { name: 'broken', takesValue: true, help: `deliberately broken option(s), comma-separated: ${Object.keys(BROKEN_OPTIONS).join(', ')}` },
  { name: 'mitigations', takesValue: true, help: `comma-separated: ${Object.keys(MITIGATIONS).join(', ')}` },
  { name: 'linux', takesValue: true, help: '6.6|6.15: the EEVDF base slice, 0.75 ms or 0.70 ms x (1 + ilog2(min(n, 8))) (default 6.6)' },
  { name: 'sweep', takesValue: true, help: `sched=credit,cfs,eevdf or profile=kvm,offload,bare-metal: one run each` },
  { name: 'scenario', takesValue: true, help: `a named scenario ${SCENARIO_NAMES[0]} … ${SCENARIO_NAMES[SCENARIO_NAMES.length - 1]} (list: print them), or a JSON scenario FILE` },
  { name: 'trace', takesValue: true, help: 'write every vCPU state and pCPU phase change as JSON Lines to this file' },
  { name: 'fuzz', takesValue: true, help: 'run N seeded random fault schedules under the checker; each failure shrunk to a reproducer (--seed picks the fuzz run)' },
  { name: 'json', takesValue: false, help: 'print one JSON line per run' },
  { name: 'out', takesValue: true, help: 'with --sweep: one CSV row per profile x sched x seed here (--profile, --sched, --seed may be lists)' },
  { name: 'shard', takesValue: true, help: 'with --sweep --out: run shard k/n of the grid (auto/n: k from JOB_COMPLETION_INDEX)' },
];

const USAGE = `  hlab vcpu [--profile kvm|offload|bare-metal] [--sched credit|cfs|eevdf|pin] [--seed 1] [--duration 1s] [--faults "<schedule>"] [--broken NAME] [--json]
  hlab vcpu --sweep sched=credit,cfs,eevdf [--profile kvm] [--json]
  hlab vcpu --sweep sched=credit,cfs,eevdf --profile kvm,offload --seed 1..10 --out vcpu.csv [--shard k/n]
  hlab vcpu --scenario HV-3 [--broken NAME] [--json]          (--scenario list: what each shows)
  hlab vcpu --scenario host.json [--trace run.jsonl] [--json]
  hlab vcpu --fuzz 100 [--seed 1] [--broken NAME] [--json]

Without --scenario the host is 1 socket x 4 cores x 2 threads with VMs web (4 vCPUs,
latency: 100 us every 1 ms), db (2, io), batch (4, cpu) and noisy (2, dormant until
"arrive noisy"). The verdict is valid, invalid (a property S1-S8 of spec §3.6 broke: its
name, the vCPU, the pCPU and the time are printed) or unknown (the event pool filled up).
An invalid verdict exits 3. The README's "vCPU scheduling headless" section defines every
figure and the --scenario and --trace formats.

vcpu options:
${flagHelp(FLAGS)}

fault commands (each after a simulated time, separated by ";"):
${COMMAND_HELP.map((l) => `  ${l}`).join('\n')}`;

function pick<T extends string>(flag: string, text: string, names: readonly T[]): T {
  if ((names as readonly string[]).includes(text)) return text as T;
  const near = closestMatch(text, names);
  throw new UsageError(`--${flag}: unknown value "${text}"${near ? `; did you mean ${near}?` : ''} (one of ${names.join(', ')})`);
}

function list<T extends string>(flag: string, text: string, names: readonly T[]): T[] {
  const out: T[] = [];
  for (const item of text.split(',')) {
    const name = pick(flag, item, names);
    if (out.includes(name)) throw new UsageError(`--${flag}: "${name}" is given twice`);
    out.push(name);
  }
  return out;
}

export const parseBroken = (text: string): BrokenOption[] => list('broken', text, Object.keys(BROKEN_OPTIONS) as BrokenOption[]);

function parseDurationFlag(text: string): number {
  const ns = parseDuration(text);
  if (ns === null && durationTooLong(text)) throw new UsageError(`--duration ${text} is longer than the most a run takes, ${MAX_DURATION_TEXT}`);
  if (ns === null) throw new UsageError(`--duration must be a duration like 1s, 500ms or 200us, found "${text}"`);
  if (ns === 0) throw new UsageError('--duration must be longer than 0');
  return ns;
}

type Sweep = { key: 'sched'; values: SchedName[] } | { key: 'profile'; values: ProfileName[] };

function parseSweep(text: string): Sweep {
  const m = /^(sched|profile)=(.+)$/.exec(text);
  if (!m) throw new UsageError(`--sweep must look like sched=credit,cfs,eevdf or profile=kvm,offload,bare-metal, found "${text}"`);
  return m[1] === 'sched' ? { key: 'sched', values: list('sweep', m[2], SCHEDS) } : { key: 'profile', values: list('sweep', m[2], PROFILES) };
}

/** What the kernel would silently reshape, refused up front with the flag that caused it (setup.ts decides). */
export function checkConfig(config: VcpuConfig, where: string): void {
  const problem = configProblem(config);
  if (problem !== null) throw new UsageError(`${where}: ${problem}`);
}

function scheduleFor(config: VcpuConfig, text: string | null, source: string): StampedVcpuCommand[] {
  if (text === null) return [];
  const names = config.vms.map((vm) => vm.name);
  try {
    if (source === '--faults' && text.startsWith('@')) return parseSchedule(readFlagFile('faults', text.slice(1)).text, text.slice(1), names, pcpusOf(config));
    return parseSchedule(text, source, names, pcpusOf(config));
  } catch (error) {
    if (error instanceof ScheduleError) throw new UsageError(error.message);
    throw error;
  }
}

/** A named scenario (null after `list` printed them all), or undefined when the value is a file. */
function namedScenario(name: string, flags: ParsedFlags): VcpuScenario | null | undefined {
  if (name === 'list') {
    for (const s of SCENARIOS.values()) console.log(`${s.name}  ${s.summary}  (${s.variants.map((v) => v.label).join(' | ')})`);
    return null;
  }
  if (!/^HV-/i.test(name)) return undefined;
  const scenario = SCENARIOS.get(name);
  if (!scenario) {
    const near = closestMatch(name, SCENARIO_NAMES);
    throw new UsageError(`--scenario: unknown scenario "${name}"${near ? `; did you mean ${near}?` : ''} (one of ${SCENARIO_NAMES.join(', ')}, or list, or a file)`);
  }
  const clash = ['profile', 'sched', 'faults', 'sweep', 'mitigations', 'trace'].filter((f) => flags.has(f));
  if (clash.length) throw new UsageError(`--scenario ${name} sets its own host, VMs, schedulers, profiles and faults: drop --${clash.join(', --')}`);
  return scenario;
}

interface PlannedRun {
  label: string | null;
  config: VcpuConfig;
  schedule: StampedVcpuCommand[];
}

async function vcpu(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const value = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  if (value('fuzz') !== undefined) return fuzzCommand(flags, value);
  const broken = value('broken') ? parseBroken(value('broken')!) : [];
  const named = value('scenario') === undefined ? undefined : namedScenario(value('scenario')!, flags);
  if (named === null) return 0;
  const gridOut = value('sweep') !== undefined && value('out') !== undefined && !named;
  if (!gridOut && (flags.has('out') || flags.has('shard'))) throw new UsageError('--out and --shard only go with --sweep (and no named scenario)');
  let seed = gridOut ? 1 : value('seed') ? wholeFlag('seed', value('seed')!, 0, 2 ** 31 - 1) : 1;
  let durationNs = value('duration') ? parseDurationFlag(value('duration')!) : 1e9;
  const runs: PlannedRun[] = [];
  if (named) {
    if (!value('seed')) seed = named.seed;
    if (!value('duration')) durationNs = named.durationNs;
    named.variants.forEach((v, i) => {
      const config = variantConfig(named, i, broken);
      checkConfig(config, `scenario ${named.name}`);
      runs.push({ label: v.label, config, schedule: scheduleFor(config, named.faults || null, `scenario ${named.name}`) });
    });
  } else {
    let base = defaultConfig();
    let faults: string | null = value('faults') ?? null;
    let faultSource = '--faults';
    if (value('scenario') !== undefined) {
      const path = value('scenario')!;
      let file;
      try {
        file = readScenarioFile(readFlagFile('scenario', path).text);
      } catch (error) {
        if (error instanceof ScenarioFileError) throw new UsageError(`--scenario ${path}: ${error.message}`);
        throw error;
      }
      base = { ...base, host: file.host, vms: file.vms, mitigations: file.mitigations, linux615: file.linux615 };
      if (file.sched) base.sched = file.sched;
      if (file.profile) base.profile = file.profile;
      if (file.durationNs !== null && !value('duration')) durationNs = file.durationNs;
      if (file.seed !== null && !value('seed')) seed = file.seed;
      if (file.faults !== null) {
        if (faults !== null) throw new UsageError(`--faults: the scenario file ${path} has its own faults; give them in one place`);
        faults = file.faults;
        faultSource = `${path}: faults`;
      }
    }
    if (gridOut) return vcpuGrid(flags, value, { ...base, broken, mitigations: value('mitigations') ? list<Mitigation>('mitigations', value('mitigations')!, Object.keys(MITIGATIONS) as Mitigation[]) : base.mitigations, linux615: value('linux') ? value('linux') === '6.15' : base.linux615 }, seed, durationNs, faults, faultSource);
    if (value('profile')) base.profile = pick('profile', value('profile')!, PROFILES);
    if (value('sched')) base.sched = pick('sched', value('sched')!, SCHEDS);
    if (value('mitigations')) base.mitigations = list<Mitigation>('mitigations', value('mitigations')!, Object.keys(MITIGATIONS) as Mitigation[]);
    if (value('linux')) base.linux615 = pick('linux', value('linux')!, ['6.6', '6.15'] as const) === '6.15';
    base.broken = broken;
    const sweep = value('sweep') ? parseSweep(value('sweep')!) : null;
    if (sweep && flags.has(sweep.key)) throw new UsageError(`--sweep sets the ${sweep.key} of each run: drop --${sweep.key}`);
    const configs: VcpuConfig[] = sweep === null ? [base]
      : sweep.key === 'sched' ? sweep.values.map((sched) => ({ ...base, sched }))
        : sweep.values.map((profile) => ({ ...base, profile }));
    for (const config of configs) {
      config.costs = profileCosts(config.profile);
      checkConfig(config, value('scenario') ? `--scenario ${value('scenario')}` : config === base ? '--sched' : '--sweep');
      runs.push({ label: null, config, schedule: scheduleFor(config, faults, faultSource) });
    }
  }
  if (value('trace') && runs.length > 1) throw new UsageError('--trace writes one run: drop --sweep');
  const module = loadKernelModule('vcpu');
  let invalid = false;
  for (const run of runs) {
    const fd = value('trace') ? openForWriting('trace', value('trace')!) : null;
    let lines: string[] = [];
    const flush = () => {
      if (fd !== null && lines.length) writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    };
    if (fd !== null) lines.push(traceHeader(run.config, durationNs));
    const sink = fd === null ? undefined : (r: TraceRecord) => {
      lines.push(JSON.stringify(r));
      if (lines.length >= 4096) flush();
    };
    const result = runVcpu(module, run.config, seed, durationNs, run.schedule, sink);
    const r = report(run.config, seed, durationNs, result);
    if (fd !== null) {
      lines.push(JSON.stringify({ end: durationNs, steal: result.summary.accounts.map((a) => a.stealNs) }));
      flush();
      closeSync(fd);
    }
    if (r.verdict === 'invalid') invalid = true;
    const tagged = named ? { scenario: named.name, variant: run.label, ...r } : r;
    if (flags.has('json')) console.log(JSON.stringify(tagged));
    else console.log(`${named ? `${named.name} ${run.label}: ` : ''}${humanLine(r)}`);
  }
  return invalid ? 3 : 0;
}

/** `--sweep ... --out`: the profiles x schedulers x seeds grid as CSV (gridSweep.ts), every config checked first. */
async function vcpuGrid(flags: ParsedFlags, value: (name: string) => string | undefined, base: VcpuConfig, fallbackSeed: number,
  durationNs: number, faults: string | null, faultSource: string): Promise<number> {
  if (value('linux')) pick('linux', value('linux')!, ['6.6', '6.15'] as const);
  const sweep = parseSweep(value('sweep')!);
  if (flags.has(sweep.key)) throw new UsageError(`--sweep sets the ${sweep.key} of each run: drop --${sweep.key}`);
  const profiles = sweep.key === 'profile' ? sweep.values : value('profile') ? list('profile', value('profile')!, PROFILES) : [base.profile];
  const scheds = sweep.key === 'sched' ? sweep.values : value('sched') ? list('sched', value('sched')!, SCHEDS) : [base.sched];
  const seeds = value('seed') ? parseSeeds(value('seed')!) : [fallbackSeed];
  for (const s of seeds) if (s > 2 ** 31 - 1) throw new UsageError(`--seed ${s} is out of range 0..${2 ** 31 - 1}`);
  const configs = new Map<string, { config: VcpuConfig; schedule: StampedVcpuCommand[] }>();
  for (const profile of profiles) for (const sched of scheds) {
    const config: VcpuConfig = { ...base, profile, sched, costs: profileCosts(profile) };
    checkConfig(config, '--sweep');
    configs.set(`${profile}/${sched}`, { config, schedule: scheduleFor(config, faults, faultSource) });
  }
  const shard = shardFlag(value('shard'), value('out'));
  const module = loadKernelModule('vcpu');
  const grid = vcpuGridSweep(profiles, scheds, seeds, { base, durationNs, faults }, (profile, sched, seed) => {
    const { config, schedule } = configs.get(`${profile}/${sched}`)!;
    return report(config, seed, durationNs, runVcpu(module, config, seed, durationNs, schedule));
  });
  const rows = await runGridSweep(grid, shard, value('out'));
  console.error(`wrote ${rows.length} runs${shard ? ` (shard ${shard.k}/${shard.n})` : ''} to ${value('out')}`);
  return grid.invalid() ? 3 : 0;
}

/** The trace's first line: who is who, so a reader can check affinity (S3) without the kernel. */
function traceHeader(config: VcpuConfig, durationNs: number): string {
  const pcpus = pcpusOf(config);
  let v = 0;
  const vcpus = config.vms.flatMap((vm) => Array.from({ length: vm.vcpus }, (_, k) => ({
    vcpu: v++, vm: vm.name,
    pin: config.profile === 'bare-metal' || config.sched === 'pin' ? v - 1 : vm.pin === null ? null : vm.pin + k,
  })));
  return JSON.stringify({ trace: 'vcpu', version: 1, profile: config.profile, sched: config.sched, pcpus, durationNs, vcpus });
}

export const cliCommand: CliCommand = {
  name: 'vcpu',
  summary: 'vCPU scheduling on one host: credit1, CFS, EEVDF, pinning; kvm vs X-Dragon offload vs bare metal',
  usage: USAGE,
  run: vcpu,
};

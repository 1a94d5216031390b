// Seeded random fault schedules for the vCPU kernel: `hlab vcpu --fuzz N`. Each case draws a
// scheduler, a profile, a seed, a duration and 2..10 faults from the whole palette of
// schedule.ts (arrive, storm, offline, online, upgrade) on the default host, and runs exactly
// as `hlab vcpu` runs its reproducer (the same --faults text) under the live checker. A
// failure (an invalid verdict or a kernel trap) is shrunk by dropping faults while it fails
// the same way; the generator and the drop-one loop are shared in ../fuzzCases.ts.
import { caseSeed, FuzzRng, shrinkByDropping } from '../fuzzCases';
import { formatDuration } from '../raft/schedule';
import { defaultConfig } from './config';
import type { BrokenOption, ProfileName, SchedName } from './protocol';
import { runVcpu } from './run';
import { formatSchedule, parseSchedule } from './schedule';
import type { SimNs, StampedVcpuCommand, VcpuConfig } from './types';

const MS = 1_000_000;
const SCHEDS: readonly SchedName[] = ['credit', 'cfs', 'eevdf'];
const FUZZ_PROFILES: readonly ProfileName[] = ['kvm', 'kvm', 'offload', 'bare-metal'];

export interface FuzzCase {
  index: number;
  sched: SchedName;
  profile: ProfileName;
  seed: number;
  durationNs: SimNs;
  faults: StampedVcpuCommand[];
  broken: BrokenOption[];
}

export interface Finding {
  original: FuzzCase;
  shrunk: FuzzCase;
  /** The property that broke, or the trap's message. */
  failure: string;
  command: string;
}

function configOf(c: FuzzCase): VcpuConfig {
  return { ...defaultConfig(c.profile), sched: c.sched, broken: c.broken };
}

const names = (): string[] => defaultConfig().vms.map((vm) => vm.name);

export function drawCase(fuzzSeed: number, index: number, broken: BrokenOption[]): FuzzCase {
  const rng = new FuzzRng(caseSeed(fuzzSeed, index));
  const sched = rng.pick(SCHEDS);
  const profile = rng.pick(FUZZ_PROFILES);
  const durationNs = rng.range(2, 6) * 100 * MS;
  const pcpus = profile === 'bare-metal' ? 12 : 8;
  const faults: StampedVcpuCommand[] = [];
  const count = rng.range(2, 10);
  for (let i = 0; i < count; i++) {
    const at = rng.range(1, durationNs / MS - 1) * MS;
    const kind = rng.range(0, 4);
    const p = rng.range(0, pcpus - 1);
    if (kind === 0) faults.push({ at, command: { kind: 'arrive', vm: 3 } });
    else if (kind === 1) faults.push({ at, command: { kind: 'storm', pcpu: p, ns: rng.range(1, 50) * MS } });
    else if (kind === 2) faults.push({ at, command: { kind: 'offline', pcpu: p } });
    else if (kind === 3) faults.push({ at, command: { kind: 'online', pcpu: p } });
    else faults.push({ at, command: { kind: 'upgrade' } });
  }
  faults.sort((a, b) => a.at - b.at);
  return { index, sched, profile, seed: rng.range(1, 1_000_000), durationNs, faults, broken };
}

export function reproducer(c: FuzzCase): string {
  const faults = formatSchedule(c.faults, names());
  return `npx hlab vcpu --profile ${c.profile} --sched ${c.sched} --seed ${c.seed} --duration ${formatDuration(c.durationNs)}` +
    (faults ? ` --faults "${faults}"` : '') + (c.broken.length ? ` --broken ${c.broken.join(',')}` : '');
}

/** Runs a case as its reproducer would: the faults go through the same text. Null: it passed. */
export function failureOf(module: WebAssembly.Module, c: FuzzCase): string | null {
  const config = configOf(c);
  const schedule = parseSchedule(formatSchedule(c.faults, names()), '--faults', names(), c.profile === 'bare-metal' ? 12 : 8);
  try {
    const r = runVcpu(module, config, c.seed, c.durationNs, schedule);
    return r.summary.violation ? r.summary.violation.property : null;
  } catch (error) {
    return `trap: ${(error as Error).message}`;
  }
}

export interface FuzzSummary {
  cases: number;
  passed: number;
  findings: Finding[];
}

export function fuzz(module: WebAssembly.Module, options: { count: number; fuzzSeed: number; broken: BrokenOption[]; onFinding?: (f: Finding) => void }): FuzzSummary {
  const findings: Finding[] = [];
  let passed = 0;
  for (let i = 0; i < options.count; i++) {
    const c = drawCase(options.fuzzSeed, i, options.broken);
    const failure = failureOf(module, c);
    if (failure === null) {
      passed++;
      continue;
    }
    const shrunk = shrinkByDropping(c, (x) => x.faults.length, (x, k) => ({ ...x, faults: x.faults.filter((_, j) => j !== k) }),
      (x) => failureOf(module, x) === failure, { runs: 0, maxRuns: 60 });
    const finding = { original: c, shrunk, failure, command: reproducer(shrunk) };
    findings.push(finding);
    options.onFinding?.(finding);
  }
  return { cases: options.count, passed, findings };
}

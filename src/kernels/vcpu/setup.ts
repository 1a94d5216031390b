// What a vCPU run is set up from, and the meaning of every command that sets it up again:
// profile, scheduler, side by side, a preset (the default host, Dragonfly, a scenario HV-n),
// mitigations, broken options, seed, each starting a new run at 0 ms; and what a fault typed
// during the run means for this run's VMs and pCPUs. Written once for the vCPU tab, the labs
// and the CLI, so they can never disagree. Pure: no kernel, no UI.
import type { VcpuAction, VcpuFault, VcpuPresetName } from './action';
import { defaultConfig, dragonflyVms, DRAGONFLY, profileCosts } from './config';
import { PROFILES, type BrokenOption, type Mitigation, type ProfileName, type SchedName } from './protocol';
import { formatSchedule, MAX_STORM_NS, parseSchedule } from './schedule';
import { SCENARIO_NAMES, SCENARIOS, variantConfig } from './scenarios';
import type { SimNs, StampedVcpuCommand, VcpuCommand, VcpuConfig } from './types';

export interface VcpuSetup {
  /** The config of the front column (its costs are its profile's, or a link's own). */
  config: VcpuConfig;
  seed: number;
  /** Two host profiles on one seed in two columns, one clock. */
  sideBySide: boolean;
  /** The second column's profile (kept while single, for the next side-by-side). */
  other: ProfileName;
  /** Where the host, VMs and faults came from; null = the default host. */
  preset: VcpuPresetName | null;
  /** The preset's scripted faults (a scenario's; empty otherwise). */
  schedule: StampedVcpuCommand[];
}

export interface VcpuSetupChoice {
  profile?: ProfileName;
  sched?: SchedName;
  seed?: number;
  sideBySide?: boolean;
  other?: ProfileName;
  mitigations?: Mitigation[];
  broken?: BrokenOption[];
  preset?: VcpuPresetName;
}

/** Every preset name, in the order help and completion list them. */
export const PRESET_NAMES: readonly VcpuPresetName[] = ['default', 'dragonfly', ...(SCENARIO_NAMES as readonly VcpuPresetName[])];

export const isPresetName = (name: string): name is VcpuPresetName => (PRESET_NAMES as readonly string[]).includes(name);

/** The profile after `profile` in PROFILES order (what `side-by-side` alone puts beside it). */
export function nextProfile(profile: ProfileName): ProfileName {
  return PROFILES[(PROFILES.indexOf(profile) + 1) % PROFILES.length];
}

/** pCPUs a config's host has (bare metal: one compute-board pCPU per vCPU, as the kernel builds it). */
export function pcpusOf(config: VcpuConfig): number {
  if (config.profile === 'bare-metal') return config.vms.reduce((n, vm) => n + vm.vcpus, 0);
  return config.host.sockets * config.host.coresPerSocket * config.host.smt;
}

/**
 * What the kernel would silently reshape, as a sentence, or null when the config runs as
 * written. The CLI (cli.ts checkConfig) and the tab both ask this one function.
 */
export function configProblem(config: VcpuConfig): string | null {
  const vcpus = config.vms.reduce((n, vm) => n + vm.vcpus, 0);
  const pcpus = pcpusOf(config);
  if (config.sched === 'pin' && config.profile !== 'bare-metal' && vcpus > pcpus) {
    return `pin gives each vCPU its own hyperthread, but ${vcpus} vCPUs do not fit ${pcpus} pCPUs`;
  }
  for (const vm of config.vms) {
    if (vm.pin !== null && vm.pin + vm.vcpus > pcpus && config.profile !== 'bare-metal') {
      return `VM ${vm.name} is pinned to p${vm.pin}..p${vm.pin + vm.vcpus - 1}, but the host has p0..p${pcpus - 1}`;
    }
    if (vm.cap > 0 && config.sched !== 'credit') return `VM ${vm.name} has a cap, which only credit enforces (sched credit)`;
  }
  return null;
}

const copyConfig = (c: VcpuConfig): VcpuConfig => ({
  ...c, host: { ...c.host }, vms: c.vms.map((vm) => ({ ...vm })), mitigations: [...c.mitigations], broken: [...c.broken], costs: { ...c.costs },
});

/** The profiles of the columns: the front one, and with side by side the other. */
export function columnProfiles(setup: VcpuSetup): ProfileName[] {
  return setup.sideBySide ? [setup.config.profile, setup.other] : [setup.config.profile];
}

/**
 * The config one column runs: the setup's with that profile and its costs. The scheduler is
 * kept as set: on bare metal the kernel runs each vCPU on its own board pCPU and ignores it,
 * as the CLI does (its report says sched "none").
 */
export function columnConfig(setup: VcpuSetup, profile: ProfileName): VcpuConfig {
  const c = copyConfig(setup.config);
  return profile === setup.config.profile ? c : { ...c, profile, costs: profileCosts(profile) };
}

/** The least pCPU count over the columns: a fault must name a pCPU every column has. */
export function pcpusOfSetup(setup: VcpuSetup): number {
  return Math.min(...columnProfiles(setup).map((p) => pcpusOf(columnConfig(setup, p))));
}

/** Why the setup cannot run as written (naming the column's profile when side by side), or null. */
export function setupProblem(setup: VcpuSetup): string | null {
  if (setup.sideBySide && setup.other === setup.config.profile) return `side by side needs two profiles, but both columns are ${setup.other}`;
  for (const profile of columnProfiles(setup)) {
    const problem = configProblem(columnConfig(setup, profile));
    if (problem !== null) return setup.sideBySide ? `${profile} column: ${problem}` : problem;
  }
  const pcpus = pcpusOfSetup(setup);
  for (const { at, command } of setup.schedule) {
    if ('pcpu' in command && command.pcpu >= pcpus) return `the fault at ${formatAt(at)} names p${command.pcpu}, but the run has p0..p${pcpus - 1}`;
    if (command.kind === 'arrive' && setup.config.vms[command.vm]?.dormant !== true) return `the fault at ${formatAt(at)} brings in VM #${command.vm}, which is not a dormant VM`;
  }
  return null;
}

const formatAt = (ns: SimNs) => `${(ns / 1e6).toFixed(3)} ms`;

/** The config of a preset, keeping the setup's broken options and EEVDF slice choice. */
function presetConfig(preset: VcpuPresetName, broken: readonly BrokenOption[], linux615: boolean): VcpuConfig {
  if (preset === 'default') return { ...defaultConfig(), broken: [...broken], linux615 };
  if (preset === 'dragonfly') {
    return { ...defaultConfig(DRAGONFLY.profile), vms: dragonflyVms(), sched: DRAGONFLY.sched, broken: [...broken], linux615 };
  }
  const s = SCENARIOS.get(preset);
  if (s === undefined) throw new Error(`no preset "${preset}"`);
  return { ...variantConfig(s, 0, [...broken]), linux615 };
}

/**
 * A preset brings its host, VMs, scheduler, profile, seed and faults; the broken options stay
 * (a broken option on its twin scenario is the must-fail run). A scenario whose first two
 * variants differ in profile runs them side by side; otherwise side by side stays as it was.
 */
export function withPreset(setup: VcpuSetup, preset: VcpuPresetName): VcpuSetup {
  const config = presetConfig(preset, setup.config.broken, setup.config.linux615);
  const s = SCENARIOS.get(preset);
  if (s === undefined) {
    const other = setup.other === config.profile ? nextProfile(config.profile) : setup.other;
    return { ...setup, config, seed: 1, other, preset: preset === 'default' ? null : preset, schedule: [] };
  }
  const second = s.variants[1] === undefined ? null : s.variants[1].profile ?? s.profile;
  const differ = second !== null && second !== config.profile;
  return {
    config,
    seed: s.seed,
    sideBySide: differ ? true : setup.sideBySide,
    other: differ ? second : setup.other === config.profile ? nextProfile(config.profile) : setup.other,
    preset,
    schedule: parseSchedule(s.faults, `scenario ${s.name}`, config.vms.map((vm) => vm.name), pcpusOf(config)),
  };
}

export function initialSetup(choice: VcpuSetupChoice = {}): VcpuSetup {
  let config = defaultConfig(choice.profile ?? 'kvm');
  config = { ...config, broken: [...(choice.broken ?? [])] };
  let setup: VcpuSetup = { config, seed: 1, sideBySide: false, other: nextProfile(config.profile), preset: null, schedule: [] };
  if (choice.preset !== undefined) setup = withPreset(setup, choice.preset);
  const profile = choice.profile ?? setup.config.profile;
  setup = {
    ...setup,
    config: {
      ...setup.config, profile, costs: profile === setup.config.profile ? setup.config.costs : profileCosts(profile),
      sched: choice.sched ?? setup.config.sched, mitigations: [...(choice.mitigations ?? setup.config.mitigations)],
    },
    seed: choice.seed ?? setup.seed,
    sideBySide: choice.sideBySide ?? setup.sideBySide,
  };
  const other = choice.other ?? (setup.other === profile ? nextProfile(profile) : setup.other);
  return { ...setup, other };
}

/** The end of a scenario's scripted time, or null for the default host and Dragonfly. */
export function scenarioEndNs(setup: VcpuSetup): SimNs | null {
  return setup.preset === null ? null : SCENARIOS.get(setup.preset)?.durationNs ?? null;
}

export interface ReshapedRun {
  setup: VcpuSetup;
  lines: string[];
  /**
   * Set when the asked-for setup cannot run (e.g. pin with more vCPUs than threads): `setup`
   * is the old one, `lines` holds this reason, and the caller does not start a new run.
   */
  refused?: string;
}

const hostText = (c: VcpuConfig) => `${c.host.sockets}x${c.host.coresPerSocket}x${c.host.smt} host (${pcpusOf(c)} pCPUs)`;
const vmsText = (c: VcpuConfig) => c.vms.map((vm) => `${vm.name}(${vm.vcpus}${vm.dormant ? ', dormant' : ''})`).join(' ');
const schedText = (c: VcpuConfig) => (c.profile === 'bare-metal' ? 'no vCPU scheduler on bare metal' : `${c.sched} on ${c.profile}`);

function presetLines(next: VcpuSetup, preset: VcpuPresetName, fresh: string): string[] {
  const c = next.config;
  const side = next.sideBySide ? `; side by side with ${next.other}` : '';
  if (preset === 'default') return [`preset default: ${hostText(c)}, VMs ${vmsText(c)}, ${schedText(c)}, seed ${next.seed}${side}: ${fresh}`];
  if (preset === 'dragonfly') {
    return [`preset dragonfly: ${DRAGONFLY.profile} profile, each vCPU pinned to its own hyperthread, VMs ${vmsText(c)}${side}: ${fresh}`,
      `targets: P99 scheduling latency <= ${DRAGONFLY.targetP99Us} us, virtualization overhead ~${DRAGONFLY.targetOverheadPct} % (${DRAGONFLY.note})`];
  }
  const s = SCENARIOS.get(preset)!;
  const last = next.schedule[next.schedule.length - 1]?.at;
  const faults = next.schedule.length === 0 ? 'no scripted faults'
    : `${next.schedule.length} scripted fault${next.schedule.length === 1 ? '' : 's'} up to ${formatAt(last!)} (${formatSchedule(next.schedule, c.vms.map((vm) => vm.name))})`;
  return [`preset ${s.name}: ${s.summary}`,
    `${hostText(c)}, VMs ${vmsText(c)}, ${schedText(c)}${side}, seed ${next.seed}, ${faults}; run plays ${formatAt(s.durationNs)}`];
}

/**
 * The setup `action` asks for and what to say about it, or null when the action does not set
 * the run up again (time, faults, status...). The caller starts the new run unless `refused`.
 */
export function reshapeRun(setup: VcpuSetup, action: VcpuAction): ReshapedRun | null {
  const fresh = 'new run at 0 ms';
  const checked = (next: VcpuSetup, lines: string[]): ReshapedRun => {
    const problem = setupProblem(next);
    return problem === null ? { setup: next, lines } : { setup, lines: [`refused: ${problem}`], refused: problem };
  };
  const withConfig = (change: Partial<VcpuConfig>): VcpuSetup => ({ ...setup, config: { ...copyConfig(setup.config), ...change } });
  switch (action.action) {
    case 'profile': {
      const next = withConfig({ profile: action.profile, costs: profileCosts(action.profile) });
      // The second column keeps its own profile unless it would now be the same as the first.
      if (next.other === action.profile) next.other = setup.config.profile === action.profile ? nextProfile(action.profile) : setup.config.profile;
      return checked(next, [`profile ${action.profile}${next.sideBySide ? ` beside ${next.other}` : ''}: ${fresh}`]);
    }
    case 'sched': {
      const note = setup.config.profile === 'bare-metal' && !setup.sideBySide ? ' (bare metal runs without one; it applies on kvm and offload)' : '';
      return checked(withConfig({ sched: action.sched }), [`sched ${action.sched}${note}: ${fresh}`]);
    }
    case 'side-by-side': {
      const other = action.other ?? (setup.other === setup.config.profile ? nextProfile(setup.config.profile) : setup.other);
      const next = { ...setup, sideBySide: true, other };
      return checked(next, [`side by side: ${setup.config.profile} and ${other} on seed ${setup.seed}, one clock: ${fresh}`]);
    }
    case 'single':
      return checked({ ...setup, sideBySide: false }, [`single run: ${setup.config.profile}: ${fresh}`]);
    case 'preset': {
      const next = withPreset(setup, action.preset);
      return checked(next, presetLines(next, action.preset, fresh));
    }
    case 'mitigate':
      return checked(withConfig({ mitigations: [...action.mitigations] }),
        [action.mitigations.length === 0 ? `no mitigations: ${fresh}` : `mitigations ${action.mitigations.join(', ')}: ${fresh}`]);
    case 'break':
      return checked(withConfig({ broken: [...action.broken] }),
        [action.broken.length === 0 ? `nothing broken on purpose: ${fresh}` : `broken on purpose: ${action.broken.join(', ')}: ${fresh}`]);
    case 'seed':
      return checked({ ...setup, seed: action.seed }, [`seed ${action.seed}: ${fresh}`]);
    case 'reset':
      return { setup, lines: [`${fresh}${setup.preset === null ? '' : ` (preset ${setup.preset})`}`] };
    default:
      return null;
  }
}

export type ResolvedFault = { ok: true; command: VcpuCommand } | { ok: false; reason: string };

/**
 * A typed fault as this run's kernel command: the VM by its index, a pCPU every column has,
 * `arrive` only for a dormant VM that has not arrived by `nowNs` (through the setup's schedule
 * or the `given` commands already applied during the run).
 */
export function resolveFault(setup: VcpuSetup, fault: VcpuFault, nowNs: SimNs, given: readonly StampedVcpuCommand[] = []): ResolvedFault {
  if (fault.kind === 'arrive') {
    const names = setup.config.vms.map((vm) => vm.name);
    const vm = names.indexOf(fault.vm);
    if (vm < 0) return { ok: false, reason: `"${fault.vm}" is not a VM of this run (${names.join(', ')})` };
    if (!setup.config.vms[vm].dormant) return { ok: false, reason: `VM ${fault.vm} is not dormant: it runs from the start, and only a dormant VM arrives` };
    const before = [...setup.schedule, ...given].find((c) => c.at <= nowNs && c.command.kind === 'arrive' && c.command.vm === vm);
    if (before !== undefined) return { ok: false, reason: `VM ${fault.vm} already arrived at ${formatAt(before.at)}` };
    return { ok: true, command: { kind: 'arrive', vm } };
  }
  if ('pcpu' in fault) {
    const pcpus = pcpusOfSetup(setup);
    if (!Number.isInteger(fault.pcpu) || fault.pcpu < 0 || fault.pcpu >= pcpus) {
      return { ok: false, reason: `p${fault.pcpu} is not a pCPU of this run (p0..p${pcpus - 1}${setup.sideBySide ? ', in both columns' : ''})` };
    }
  }
  if (fault.kind === 'storm' && !(fault.ns > 0 && fault.ns <= MAX_STORM_NS)) return { ok: false, reason: `a storm lasts above 0 up to 60s, not ${fault.ns} ns` };
  return { ok: true, command: { ...fault } };
}

// vCPU scheduling as the lab engine sees it (kernel: vcpu): its scenario keys, the metrics of
// spec §3.3, and which `vcpu ...` commands move its time, inject a fault or set a run up.
import { COMMAND_NAMES } from '../../commands/registry';
import type { Command } from '../../commands/types';
import type { LabKernelDefinition, ScenarioReading } from '../../labs/labKernel';
import type { VcpuPresetName } from './action';
import { VCPU_METRICS } from './labMetrics';
import { MITIGATIONS, PROFILES, SCHEDS, VERDICTS, type Mitigation, type ProfileName, type SchedName } from './protocol';
import { PRESET_NAMES } from './setup';

/** The vCPU run a lab starts from; the seed is the lab's. */
export interface VcpuLabScenario {
  /** The preset the host, VMs and faults come from (default: the default host). */
  preset: VcpuPresetName;
  /** Overrides of the preset's profile and scheduler; null keeps the preset's. */
  profile: ProfileName | null;
  sched: SchedName | null;
  mitigations: Mitigation[];
  /** Named as the front matter writes it: the second column's profile, or null for one column. */
  'side-by-side': ProfileName | null;
}

const FORWARD_ACTIONS: readonly string[] = ['step', 'seek', 'run'];
const CONFIGURATION_ACTIONS: readonly string[] = ['profile', 'sched', 'side-by-side', 'single', 'preset', 'mitigate', 'break', 'seed', 'reset'];
const FAULT_WORDS = ['arrive', 'storm', 'offline', 'online', 'upgrade'] as const;
/** none, each mitigation alone, or both. */
const MITIGATION_CHOICES = ['none', ...Object.keys(MITIGATIONS), Object.keys(MITIGATIONS).join(',')];

/** Defaults are the tab's: the default host, its profile and scheduler, no mitigation, one column. */
function readScenario({ values, oneOf }: ScenarioReading): VcpuLabScenario | null {
  const preset = values.has('preset') ? oneOf('preset', values.get('preset'), PRESET_NAMES) : 'default';
  const profile = values.has('profile') ? oneOf('profile', values.get('profile'), PROFILES) : null;
  const sched = values.has('sched') ? oneOf('sched', values.get('sched'), SCHEDS) : null;
  const side = values.has('side-by-side') ? oneOf('side-by-side', values.get('side-by-side'), ['off', ...PROFILES]) : 'off';
  const mitigation = values.has('mitigations') ? oneOf('mitigations', values.get('mitigations'), MITIGATION_CHOICES) : 'none';
  if (!preset || (values.has('profile') && !profile) || (values.has('sched') && !sched) || !side || !mitigation) return null;
  return { preset, profile, sched, mitigations: mitigation === 'none' ? [] : (mitigation.split(',') as Mitigation[]), 'side-by-side': side === 'off' ? null : side };
}

const isVcpu = (command: Command): command is Extract<Command, { name: 'vcpu' }> => command.name === 'vcpu';

export const vcpuLab: LabKernelDefinition<VcpuLabScenario> = {
  id: 'vcpu',
  scenarioKeys: ['preset', 'profile', 'sched', 'mitigations', 'side-by-side'],
  readScenario,
  tryRun: {
    seed: 1,
    scenario: { preset: 'default', profile: null, sched: null, mitigations: [], 'side-by-side': null },
    flags: [{ key: 'preset', choices: PRESET_NAMES, help: `vcpu: the preset the run starts from, ${PRESET_NAMES.join(', ')} (default default)` }],
    usage: '[--seed N] [--preset default|dragonfly|HV-1..HV-7] "vcpu step 1s" "vcpu status"',
    note: '(then "vcpu ..." commands; starts on the default host, kvm, credit, seed --seed or 1)',
  },
  metrics: VCPU_METRICS,
  // A vCPU lab has no pods: count(...) counts commands only (count(vcpu) = vcpu commands run).
  eventKinds: COMMAND_NAMES,
  nodeFacts: false,
  literals: {
    profile: { what: 'profile', values: PROFILES },
    sched: { what: 'scheduler', values: [...SCHEDS, 'none'] },
    preset: { what: 'preset', values: PRESET_NAMES },
    verdict: { what: 'verdict', values: VERDICTS },
    kvmVerdict: { what: 'verdict', values: [...VERDICTS, 'none'] },
    offloadVerdict: { what: 'verdict', values: [...VERDICTS, 'none'] },
    bareMetalVerdict: { what: 'verdict', values: [...VERDICTS, 'none'] },
  },
  isForward: (command) => isVcpu(command) && FORWARD_ACTIONS.includes(command.action),
  isLookAheadFault: (command) => isVcpu(command) && command.action === 'fault',
  seekTarget: (command) => (isVcpu(command) && command.action === 'seek' ? command.ns : null),
  runsToEnd: (command) => isVcpu(command) && command.action === 'run',
  configures: (command) => isVcpu(command) && CONFIGURATION_ACTIONS.includes(command.action),
  forwardText: `move time ahead (vcpu ${FORWARD_ACTIONS.join(', vcpu ')}) or inject a fault into the look-ahead's scratch copy (vcpu ${FAULT_WORDS.join(', ')})`,
  noun: 'the vCPU kernel',
  owns: isVcpu,
  commandHint: 'use "vcpu ..." (vcpu step 1s, vcpu seek 0, vcpu preset HV-1, vcpu mitigate ple, ...)',
  loadHeadless: async () => {
    const { HeadlessVcpu } = await import('./headless');
    return (env) => new HeadlessVcpu(env.module('vcpu'));
  },
};

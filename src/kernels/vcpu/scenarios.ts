// The named scenarios HV-1 … HV-7. The spec names none, so these are our choice [U]: each is
// one lesson of the issue (overhead, fairness, pinning, LHP, caps, a noisy neighbour, faults)
// as seeded runs side by side (its variants), and each broken option has a twin here that it
// must turn red.
import { profileCosts, vm } from './config';
import type { BrokenOption, Mitigation, ProfileName, SchedName } from './protocol';
import type { HostSpec, SimNs, VcpuConfig, VmSpec } from './types';

const US = 1_000;
const MS = 1_000_000;

export interface ScenarioVariant {
  label: string;
  sched?: SchedName;
  profile?: ProfileName;
  mitigations?: Mitigation[];
  vms?: VmSpec[];
}

export interface VcpuScenario {
  name: string;
  summary: string;
  host: HostSpec;
  vms: VmSpec[];
  sched: SchedName;
  profile: ProfileName;
  seed: number;
  durationNs: SimNs;
  faults: string;
  variants: ScenarioVariant[];
}

const web = (vcpus: number) => vm({ name: 'web', vcpus, workload: 'latency', periodNs: 1 * MS, runNs: 100 * US });
const batch = (vcpus: number, pin: number | null = null) => vm({ name: 'batch', vcpus, workload: 'cpu', pin });

const LIST: readonly VcpuScenario[] = [
  {
    name: 'HV-1', summary: 'where the overhead goes: one web + I/O workload on kvm, offload and bare metal',
    host: { sockets: 1, coresPerSocket: 4, smt: 2 }, vms: [web(4), vm({ name: 'db', vcpus: 4, workload: 'io', runNs: 50 * US })],
    sched: 'credit', profile: 'kvm', seed: 1, durationNs: 1000 * MS, faults: '',
    variants: [{ label: 'kvm', profile: 'kvm' }, { label: 'offload', profile: 'offload' }, { label: 'bare-metal', profile: 'bare-metal' }],
  },
  {
    name: 'HV-2', summary: 'proportional share: two CPU-bound VMs, weights 512:256, on one pCPU for 3 s (S5)',
    host: { sockets: 1, coresPerSocket: 1, smt: 1 },
    vms: [vm({ name: 'a', weight: 512 }), vm({ name: 'b', weight: 256 })],
    sched: 'credit', profile: 'kvm', seed: 1, durationNs: 3000 * MS, faults: '',
    variants: [{ label: 'credit', sched: 'credit' }, { label: 'cfs', sched: 'cfs' }, { label: 'eevdf', sched: 'eevdf' }],
  },
  {
    name: 'HV-3', summary: 'pinning wins latency, sharing wins utilisation: who meets the 10 us P99 target [U]',
    host: { sockets: 1, coresPerSocket: 4, smt: 2 }, vms: [web(4), batch(4)],
    sched: 'pin', profile: 'offload', seed: 1, durationNs: 1000 * MS, faults: '',
    variants: [
      { label: 'dedicated (Dragonfly preset: offload, pinned)', sched: 'pin', profile: 'offload' },
      { label: 'shared credit on kvm, 12 vCPUs', sched: 'credit', profile: 'kvm', vms: [web(4), batch(8)] },
      { label: 'shared eevdf on kvm, 12 vCPUs', sched: 'eevdf', profile: 'kvm', vms: [web(4), batch(8)] },
    ],
  },
  {
    name: 'HV-4', summary: 'lock-holder preemption under 3x overcommit, and what PLE and PV spinlocks do to it',
    host: { sockets: 1, coresPerSocket: 2, smt: 1 },
    vms: [vm({ name: 'locky', vcpus: 4, workload: 'spin', periodNs: 50 * US, runNs: 20 * US }), batch(2)],
    sched: 'credit', profile: 'kvm', seed: 1, durationNs: 1000 * MS, faults: '',
    variants: [{ label: 'no mitigation' }, { label: 'PLE + directed yield', mitigations: ['ple'] }, { label: 'PV spinlocks', mitigations: ['pv-spinlock'] }],
  },
  {
    name: 'HV-5', summary: 'a credit1 cap of 50 % parks a CPU-bound VM alone on its pCPU: idle by design (S4)',
    host: { sockets: 1, coresPerSocket: 1, smt: 1 }, vms: [vm({ name: 'capped', cap: 50 })],
    sched: 'credit', profile: 'kvm', seed: 1, durationNs: 1000 * MS, faults: '',
    variants: [{ label: 'credit, cap 50' }],
  },
  {
    name: 'HV-6', summary: 'a noisy neighbour arrives at 500 ms: its I/O lands on host cores under kvm, on the card under offload',
    host: { sockets: 1, coresPerSocket: 4, smt: 2 },
    vms: [web(4), vm({ name: 'noisy', vcpus: 4, workload: 'noisy', periodNs: 100 * US, runNs: 40 * US, dormant: true })],
    sched: 'credit', profile: 'kvm', seed: 1, durationNs: 1000 * MS, faults: '500ms arrive noisy',
    variants: [{ label: 'kvm', profile: 'kvm' }, { label: 'offload', profile: 'offload' }],
  },
  {
    name: 'HV-7', summary: 'faults on a 2-socket host, two VMs pinned to p6-p7: an interrupt storm, a core offlined and back, a live upgrade (blackout)',
    host: { sockets: 2, coresPerSocket: 2, smt: 2 },
    vms: [web(4), vm({ name: 'db', vcpus: 2, workload: 'io', runNs: 50 * US }), batch(2, 6), vm({ name: 'etl', vcpus: 2, pin: 6 }), vm({ name: 'calc', vcpus: 4 })],
    sched: 'eevdf', profile: 'kvm', seed: 1, durationNs: 1000 * MS,
    faults: '200ms storm p1 100ms; 400ms offline p3; 600ms online p3; 800ms upgrade',
    variants: [{ label: 'eevdf', sched: 'eevdf' }, { label: 'credit', sched: 'credit' }, { label: 'cfs', sched: 'cfs' }],
  },
];

export const SCENARIOS: ReadonlyMap<string, VcpuScenario> = new Map(LIST.map((s) => [s.name, s]));
export const SCENARIO_NAMES: readonly string[] = LIST.map((s) => s.name);

/** The config of variant i of a scenario. */
export function variantConfig(s: VcpuScenario, i: number, broken: BrokenOption[] = []): VcpuConfig {
  const v = s.variants[i];
  const profile = v.profile ?? s.profile;
  return {
    host: { ...s.host }, vms: (v.vms ?? s.vms).map((m) => ({ ...m })), sched: v.sched ?? s.sched, profile,
    mitigations: v.mitigations ?? [], linux615: false, broken, costs: profileCosts(profile),
  };
}

/** Each broken option's twin: the scenario and variant it must turn red. */
export const TWINS: Readonly<Record<BrokenOption, { scenario: string; variant: number }>> = {
  'cap-ignored': { scenario: 'HV-5', variant: 0 },
  'over-before-under': { scenario: 'HV-2', variant: 0 },
  'steal-misreported': { scenario: 'HV-1', variant: 0 },
  'ratelimit-ignored': { scenario: 'HV-3', variant: 1 },
  'affinity-ignored': { scenario: 'HV-7', variant: 0 },
  'no-idle-pull': { scenario: 'HV-7', variant: 0 },
  'eevdf-ineligible-pick': { scenario: 'HV-2', variant: 2 },
  'eevdf-lag-inflated': { scenario: 'HV-7', variant: 0 },
};

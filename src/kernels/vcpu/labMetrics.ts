// The vCPU metrics a lab's check may name (spec §3.3): wake-up latency and its split, steal,
// fairness, overhead against bare metal and where it goes, LHP waste, migrations. Data only,
// so the lab engine, the headless runner and the tab share one list.
import type { ValueType } from '../../labs/expr/vocabulary';
import type { ProfileName } from './protocol';

type MetricTable = Record<string, { type: ValueType; description: string }>;

/** Metrics that also exist per column (`kvm…`, `offload…`, `bareMetal…`) side by side. */
export const COLUMN_METRICS = {
  verdict: { type: 'string', description: "the live checker's verdict: valid, invalid or unknown" },
  wakeP99Us: { type: 'number', description: 'P99 wake-up latency, runnable to the first guest instruction, µs' },
  wakeP999Us: { type: 'number', description: 'P99.9 wake-up latency, µs' },
  stealPct: { type: 'number', description: 'steal (runnable but not running) ÷ lifetime, mean over the vCPUs, percent' },
  overheadPct: { type: 'number', description: 'virtualization overhead: pCPU time consumed per unit of useful guest work, minus one, percent (0 on bare metal)' },
  overheadPollPct: { type: 'number', description: 'the part of the overhead spent halt polling, percent of useful work' },
  overheadHostPct: { type: 'number', description: 'the part of the overhead spent on host work on the cores (I/O, vSwitch, housekeeping), percent of useful work' },
  usefulMs: { type: 'number', description: 'useful guest work done since the run began, ms' },
} as const satisfies MetricTable;

export type ColumnMetric = keyof typeof COLUMN_METRICS;
export const COLUMN_METRIC_NAMES = Object.keys(COLUMN_METRICS) as ColumnMetric[];

/** The prefix of a profile's column metrics: `bare-metal` is `bareMetal`. */
export const COLUMN_PREFIX: Readonly<Record<ProfileName, string>> = { kvm: 'kvm', offload: 'offload', 'bare-metal': 'bareMetal' };

/** `offloadWakeP99Us` for column `offload` and metric `wakeP99Us`. */
export function columnMetricName(profile: ProfileName, metric: ColumnMetric): string {
  return `${COLUMN_PREFIX[profile]}${metric[0].toUpperCase()}${metric.slice(1)}`;
}

const BASE_METRICS = {
  profile: { type: 'string', description: 'the profile the metrics describe: kvm, offload or bare-metal' },
  sched: { type: 'string', description: 'the vCPU scheduler: credit, cfs, eevdf or pin ("none" on bare metal)' },
  preset: { type: 'string', description: 'the preset the run came from: dragonfly, HV-1 … HV-7, or "default"' },
  mitigations: { type: 'string', description: 'the mitigations on, joined by commas (ple, pv-spinlock), or "none"' },
  sideBySide: { type: 'bool', description: 'two profiles side by side on one seed and one clock' },
  timeMs: { type: 'number', description: 'simulated time of the run, ms' },
  seed: { type: 'number', description: "the run's seed" },
  pcpus: { type: 'number', description: 'pCPUs (hyperthreads; on bare metal one compute-board CPU per vCPU)' },
  vcpus: { type: 'number', description: 'vCPUs of every VM, dormant ones included' },
  ...COLUMN_METRICS,
  wakeP50Us: { type: 'number', description: 'median wake-up latency, µs' },
  queueP99Us: { type: 'number', description: 'P99 of the queueing part of wake-up latency (waiting behind other vCPUs), µs' },
  preemptP99Us: { type: 'number', description: 'P99 of the preemption part (the running vCPU kept its pCPU, rate limit included), µs' },
  entryP99Us: { type: 'number', description: 'P99 of the VM-entry part, µs' },
  wakeups: { type: 'number', description: 'wake-ups measured' },
  meetsTarget: { type: 'bool', description: "P99 wake-up latency at or under the project's 10 µs target (a design goal, not an Alibaba measurement)" },
  targetP99Us: { type: 'number', description: "the project's P99 target, µs" },
  maxStealPct: { type: 'number', description: 'the largest steal of any vCPU, percent' },
  utilisationPct: { type: 'number', description: 'pCPU time given to vCPUs ÷ all pCPU time, percent' },
  overheadEntryExitPct: { type: 'number', description: 'the part of the overhead spent in VM entries and exits, percent of useful work' },
  overheadGuestPct: { type: 'number', description: 'the part of the overhead spent in the guest without useful work (cold caches, remote memory, spinning), percent of useful work' },
  jainMean: { type: 'number', description: "mean of Jain's fairness index over windows (1 is fair), -1 when none was measured" },
  serviceErrorMaxMs: { type: 'number', description: 'the largest per-interval service error against the weights, ms' },
  lhpWastePct: { type: 'number', description: 'vCPU time spinning on a lock whose holder is descheduled ÷ vCPU time, percent' },
  spinPct: { type: 'number', description: 'vCPU time spinning on a guest lock ÷ vCPU time, percent' },
  locks: { type: 'number', description: 'guest lock acquisitions' },
  pleExits: { type: 'number', description: 'pause-loop exits' },
  pvKicks: { type: 'number', description: 'PV spinlock kicks (a releaser woke a halted waiter)' },
  migrationsPerS: { type: 'number', description: 'vCPU migrations per simulated second' },
  crossNumaPerS: { type: 'number', description: 'cross-socket migrations per simulated second' },
  preemptions: { type: 'number', description: 'preemptions' },
} as const satisfies MetricTable;

const COLUMN_ONLY: MetricTable = {};
for (const profile of Object.keys(COLUMN_PREFIX) as ProfileName[]) {
  for (const name of COLUMN_METRIC_NAMES) {
    const m = COLUMN_METRICS[name];
    COLUMN_ONLY[columnMetricName(profile, name)] = {
      type: m.type,
      description: `${m.description}, in the ${profile} column (${m.type === 'number' ? '-1' : '"none"'} when no ${profile} run is going)`,
    };
  }
}

export const VCPU_METRICS: Readonly<MetricTable> = { ...BASE_METRICS, ...COLUMN_ONLY };
export const VCPU_METRIC_NAMES = Object.keys(VCPU_METRICS);

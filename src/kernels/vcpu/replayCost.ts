// What replaying a vCPU run costs, in kernel events: its simulated time times the events a
// simulated second of its config runs, once per column. The rate is an estimate from each
// VM's workload (wake-ups, bursts, I/O, lock rounds) and the host's timers, not a fit.
import type { ReplayAsk } from '../replayBudget';
import type { SimNs, VcpuConfig } from './types';

export { timeToReplay } from '../raft/replayCost';

const S = 1e9;
/** Events a state change of a vCPU costs, about: the wake or timer, the entry, the exit, the poll. */
const EVENTS_PER_BURST = 4;
/** A CPU-bound vCPU's slice ends, ticks and preemptions per simulated second. */
const EVENTS_PER_CPU_VCPU = 400;

/** The kernel events one simulated second of `config` runs, about. */
export function eventsPerSimSecond(config: Pick<VcpuConfig, 'vms' | 'host' | 'costs'>): number {
  let events = 200 + 100; // credit ticks and fairness windows
  for (const vm of config.vms) {
    const period = Math.max(1_000, vm.periodNs);
    const run = Math.max(100, vm.runNs);
    switch (vm.workload) {
      case 'latency': events += vm.vcpus * (S / period) * EVENTS_PER_BURST; break;
      case 'io': events += vm.vcpus * (S / (run + Math.max(1, config.costs.ioDeviceNs))) * EVENTS_PER_BURST; break;
      case 'spin': events += vm.vcpus * (S / (period + run)) * 2; break;
      case 'noisy': events += (S / period) * 2 + vm.vcpus * EVENTS_PER_CPU_VCPU; break;
      default: events += vm.vcpus * EVENTS_PER_CPU_VCPU;
    }
  }
  const pcpus = config.host.sockets * config.host.coresPerSocket * config.host.smt;
  if (config.costs.jitterPeriodNs > 0) events += pcpus * (S / config.costs.jitterPeriodNs) * 2;
  return events;
}

/** Events that open without asking: about 1.5 s in a worker, the trace ring drained as it runs. */
export const VCPU_REPLAY_BUDGET = 4e6;

/** What opening a run of `config` to `ns` asks, with `columns` kernels (1, or 2 side by side). */
export function vcpuReplayAsk(config: Pick<VcpuConfig, 'vms' | 'host' | 'costs'>, ns: SimNs, columns: number): ReplayAsk {
  return { work: (ns / S) * eventsPerSimSecond(config) * columns, budget: VCPU_REPLAY_BUDGET };
}

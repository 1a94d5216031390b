// Named metrics of the current state, for `query <metric>` and lab checks. Percentages are
// the paper's: allocation = allocated / capacity, fragment ratio = fragment / idle GPU.
import type { GpuPoolKernel } from './kernel';

const KERNEL_QUERY = {
  step: 0, pods: 1, placed: 2, failed: 3, arrived: 4, used: 5, fragment: 6, nodes: 8, gpus: 9,
  evicted: 10, rescheduled: 11, lost: 12, failedGpus: 13, departed: 14, time: 15,
} as const;

export function queryMetric(kernel: GpuPoolKernel, name: string): number | string {
  const s = kernel.summary();
  const capacity = s.gpus * 1000;
  switch (name) {
    case 'step': case 'pods': case 'placed': case 'failed': case 'arrived': case 'used': case 'nodes': case 'gpus':
    case 'evicted': case 'rescheduled': case 'lost': case 'failedGpus': case 'departed': case 'time':
      return kernel.query(KERNEL_QUERY[name]);
    case 'fragAmount':
      return s.fragment;
    case 'allocRatio':
      return (100 * s.used) / capacity;
    case 'fragRatio':
      return capacity > s.used ? (100 * s.fragment) / (capacity - s.used) : 0;
    case 'arrivedRatio':
      return (100 * s.arrived) / capacity;
    case 'policy':
      return s.policy;
    case 'seed':
      return kernel.config.seed;
  }
  throw new Error(`unknown metric "${name}"`);
}

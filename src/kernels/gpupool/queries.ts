// Named metrics of the current state, for `query <metric>` and lab checks. Percentages are
// the paper's: allocation = allocated / capacity, fragment ratio = fragment / idle GPU.
import type { GpuPoolKernel } from './kernel';
import * as K from '../../../wasm/gpupool/constants';

const KERNEL_QUERY = {
  step: K.Q_STEP, pods: K.Q_PODS, placed: K.Q_PLACED, failed: K.Q_FAILED, arrived: K.Q_ARRIVED, used: K.Q_USED,
  fragment: K.Q_FRAGMENT, nodes: K.Q_NODES, gpus: K.Q_GPUS, evicted: K.Q_EVICTED, rescheduled: K.Q_RESCHEDULED,
  lost: K.Q_LOST, failedGpus: K.Q_FAILED_GPUS, departed: K.Q_DEPARTED, time: K.Q_TIME,
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

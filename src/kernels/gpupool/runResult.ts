// One whole GPU-pool run and its result record (what `hlab gpupool --json` prints, what each
// sweep job returns, in Node worker threads and in browser workers alike).
import { GpuPoolKernel } from './kernel';
import { allocationCurve, curveObject, fragmentAmountCurve, fragmentRatioCurve, type Curve } from './metrics';
import type { Workload } from './workload';
import type { RunConfig } from './types';

export interface RunResult {
  workload: string;
  policy: string;
  seed: number;
  rng: string;
  tune: number;
  gpus: number;
  pods: number;
  placed: number;
  failed: number;
  alloc: Curve;
  fragRatio: Curve;
  fragAmount: Curve;
  seconds: number;
}

export function runOnce(module: WebAssembly.Module, workload: Workload, config: RunConfig): RunResult {
  const started = performance.now();
  const kernel = new GpuPoolKernel(module, workload, config);
  kernel.advance(kernel.podCount);
  const summary = kernel.summary();
  const series = { ...kernel.events(), count: summary.step };
  return {
    workload: workload.label,
    policy: config.policy,
    seed: config.seed,
    rng: config.rng,
    tune: config.tune,
    gpus: summary.gpus,
    pods: summary.pods,
    placed: summary.placed,
    failed: summary.failed,
    alloc: allocationCurve(series, summary.gpus),
    fragRatio: fragmentRatioCurve(series, summary.gpus),
    fragAmount: fragmentAmountCurve(series, summary.gpus),
    seconds: (performance.now() - started) / 1000,
  };
}

export function resultJson(result: RunResult): string {
  return JSON.stringify({
    ...result,
    alloc: curveObject(result.alloc),
    fragRatio: curveObject(result.fragRatio),
    fragAmount: curveObject(result.fragAmount),
    seconds: Number(result.seconds.toFixed(4)),
  });
}

/** A row in the artifact's analysis_allo_discrete.csv layout. */
export function allocCsvRow(result: RunResult): string {
  const cells = result.alloc.map((v) => (v === null ? '' : String(v)));
  return [result.workload, result.policy, String(result.tune), String(result.seed), String(result.gpus), ...cells].join(',');
}

export function allocCsvHeader(): string {
  return ['workload', 'sc_policy', 'tune', 'seed', 'total_gpus', ...Array.from({ length: 131 }, (_, x) => String(x))].join(',');
}

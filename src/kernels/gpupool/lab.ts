// The GPU pool as the lab engine sees it (kernel: gpupool): its scenario keys, the metrics a
// check may name (exactly what `query` answers), pod events, node facts, and which commands
// move its time (step, seek, run) or inject a fault into a look-ahead (fail node|gpu).
import { isScalar } from 'yaml';
import { COMMAND_NAMES, QUERY_METRIC_NAMES } from '../../commands/registry';
import type { Command } from '../../commands/types';
import type { LabKernelDefinition, ScenarioReading } from '../../labs/labKernel';
import type { ValueType } from '../../labs/expr/vocabulary';
import { POLICIES, RNG_KINDS, type Policy, type RngKind } from './types';

/** The GPU-pool configuration a lab starts from. */
export interface LabScenario {
  /** "synthetic" (embedded), or an openb pod trace name such as default or gpushare100. */
  workload: string;
  policy: Policy;
  rng: RngKind;
  /** Target GPU demand as a multiple of capacity (the paper's 1.3). */
  tune: number;
}

/** The 17 pod traces of openb (cluster-trace-gpu-v2023), by the name after openb_pod_list_. */
export const OPENB_TRACE = /^(default|cpu\d{3}|gpushare\d{3}|gpuspec\d{2}|multigpu\d{2})$/;

/** GPU-pool metrics whose value is text; every other one is a number. */
const STRING_METRICS: ReadonlySet<string> = new Set(['policy']);

const METRICS: Record<string, { type: ValueType; description: string }> = Object.fromEntries(
  QUERY_METRIC_NAMES.map((name) => [name, { type: STRING_METRICS.has(name) ? 'string' : 'number', description: `query ${name}` }]),
);

/** What happened to each submitted pod; count(...) also counts every command the learner ran. */
export const POD_EVENTS = ['submitted', 'placed', 'failed'] as const;

const FORWARD: readonly Command['name'][] = ['step', 'seek', 'run'];
const CONFIGURATION: readonly Command['name'][] = ['load', 'policy', 'seed', 'rng', 'time-aware', 'reset', 'ack'];
/** Commands that drive the GPU pool only; a lab on another kernel could never run them. */
const GPUPOOL_ONLY: readonly Command['name'][] = ['load', 'policy', 'seed', 'rng', 'time-aware', 'reset', 'fail', 'ack', 'run', 'step', 'seek', 'query', 'node', 'why', 'ab', 'sweep', 'stats'];

function readScenario({ node, values, nodeError, oneOf, num }: ScenarioReading): LabScenario | null {
  let ok = true;
  const workloadNode = values.get('workload');
  let workload = 'synthetic';
  if (workloadNode !== undefined) {
    const text = isScalar(workloadNode) ? String(workloadNode.value) : '';
    if (text !== 'synthetic' && !OPENB_TRACE.test(text)) {
      nodeError(workloadNode, 0, `scenario workload must be synthetic or an openb pod trace name (default, gpushare100, multigpu50, gpuspec33, ...), got "${text}"`);
      ok = false;
    } else workload = text;
  }
  const policy: Policy | null = values.has('policy') ? oneOf('policy', values.get('policy'), POLICIES) : null;
  if (!values.has('policy')) {
    nodeError(node, 0, 'scenario is missing "policy"');
    ok = false;
  }
  const rng: RngKind | null = values.has('rng') ? oneOf('rng', values.get('rng'), RNG_KINDS) : 'xoshiro';
  const tune = values.has('tune') ? num('tune', values.get('tune'), (n) => n > 0 && n <= 100, 'a positive multiple of capacity such as 1.3') : 1.3;
  if (!ok || !policy || !rng || tune === null) return null;
  return { workload, policy, rng, tune };
}

export const gpupoolLab: LabKernelDefinition<LabScenario> = {
  id: 'gpupool',
  scenarioKeys: ['workload', 'policy', 'rng', 'tune'],
  readScenario,
  tryRun: {
    seed: 42,
    scenario: { workload: 'synthetic', policy: 'FGD', rng: 'xoshiro', tune: 1.3 },
    flags: [
      { key: 'policy', choices: POLICIES, help: 'try: starting policy (default FGD)' },
      { key: 'rng', choices: RNG_KINDS, help: 'try: xoshiro (default) or go' },
    ],
    usage: '[--policy P --seed N --rng R] "<command>" ...',
    note: '',
  },
  metrics: METRICS,
  eventKinds: [...POD_EVENTS, ...COMMAND_NAMES],
  nodeFacts: true,
  literals: { policy: { what: 'policy', values: POLICIES } },
  isForward: (command) => FORWARD.includes(command.name),
  seekTarget: (command) => (command.name === 'seek' && command.target.kind === 'absolute' ? command.target.step : null),
  runsToEnd: (command) => command.name === 'run',
  isLookAheadFault: (command) => command.name === 'fail',
  configures: (command) => CONFIGURATION.includes(command.name),
  forwardText: `move time ahead (${FORWARD.join(', ')}) or inject a fault into the look-ahead's scratch copy (fail node, fail gpu)`,
  noun: 'the GPU pool',
  owns: (command) => GPUPOOL_ONLY.includes(command.name),
  commandHint: 'use its own commands (step 100, seek 8000, policy FGD, query fragRatio, ...)',
  loadHeadless: async () => {
    const { HeadlessGpuPool } = await import('./headless');
    return (env) => new HeadlessGpuPool(env.module('gpupool'), env.locateTrace);
  },
};

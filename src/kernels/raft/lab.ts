// Raft / ParallelRaft as the lab engine sees it (kernel: raft): its scenario keys, the metrics
// `raft status` reports, and which `raft ...` commands move its time or inject a fault.
import { RAFT_DISKS, RAFT_FAULT_WORDS, RAFT_NETS, RAFT_SCENARIOS } from './grammar';
import { COMMAND_NAMES } from '../../commands/registry';
import type { Command } from '../../commands/types';
import { RAFT_METRICS, VERDICTS } from './labMetrics';
import type { LabKernelDefinition, ScenarioReading } from '../../labs/labKernel';
import { MAX_DEPTH, MODES, type RaftMode } from './protocol';
import type { DiskPreset, NetPreset } from './types';
import type { RaftScenarioName } from '../../commands/types';

/** The Raft / ParallelRaft run a lab starts from; the seed is the lab's. */
export interface RaftLabScenario {
  mode: RaftMode;
  /** Outstanding writes per client. */
  iodepth: number;
  net: NetPreset;
  disk: DiskPreset;
  /** A scripted case (its config and fault schedule replace the keys above but mode). */
  scenario: RaftScenarioName | null;
}

const FORWARD_ACTIONS: readonly string[] = ['step', 'seek', 'run'];
const CONFIGURATION_ACTIONS: readonly string[] = ['mode', 'net', 'disk', 'seed', 'scenario', 'reset', 'side-by-side', 'single'];

/** Defaults are the app's: iodepth 8, RDMA, 3D XPoint, no scripted scenario. */
function readScenario({ node, values, nodeError, oneOf, num }: ScenarioReading): RaftLabScenario | null {
  if (!values.has('mode')) nodeError(node, 0, 'scenario is missing "mode" (raft, parallel or parallel-ce)');
  const mode = values.has('mode') ? oneOf('mode', values.get('mode'), MODES) : null;
  const iodepth = values.has('iodepth') ? num('iodepth', values.get('iodepth'), (n) => Number.isInteger(n) && n >= 0 && n <= MAX_DEPTH, `a whole number of outstanding writes from 0 to ${MAX_DEPTH}`) : 8;
  const net = values.has('net') ? oneOf('net', values.get('net'), RAFT_NETS) : 'rdma';
  const disk = values.has('disk') ? oneOf('disk', values.get('disk'), RAFT_DISKS) : 'xpoint';
  const scenario = values.has('scenario') ? oneOf('scenario', values.get('scenario'), RAFT_SCENARIOS) : null;
  if (!mode || iodepth === null || !net || !disk || (values.has('scenario') && !scenario)) return null;
  if (scenario === 'figure8' && mode !== 'raft') {
    nodeError(values.get('mode'), 0, `scenario figure8 runs in mode raft (the app switches to it), so write mode: raft, not "${mode}"`);
    return null;
  }
  if (scenario === 'ghost' && mode === 'raft') {
    nodeError(values.get('mode'), 0, 'scenario ghost is about the merge stage, which raft mode does not have: write mode: parallel or parallel-ce');
    return null;
  }
  return { mode, iodepth, net, disk, scenario };
}

const isRaft = (command: Command): command is Extract<Command, { name: 'raft' }> => command.name === 'raft';
const faultWords = RAFT_FAULT_WORDS.filter((w) => w !== 'duplicate').join(', ');

export const raftLab: LabKernelDefinition<RaftLabScenario> = {
  id: 'raft',
  scenarioKeys: ['mode', 'iodepth', 'net', 'disk', 'scenario'],
  readScenario,
  tryRun: {
    seed: 1,
    scenario: { mode: 'raft', iodepth: 8, net: 'rdma', disk: 'xpoint', scenario: null },
    flags: [],
    usage: '[--seed N] "raft iodepth 32" "raft step 300ms" "raft status"',
    note: '(then "raft ..." commands; starts in mode raft, iodepth 8, seed --seed or 1)',
  },
  metrics: RAFT_METRICS,
  // A raft lab has no pods: count(...) counts commands only (count(raft) = raft commands run).
  eventKinds: COMMAND_NAMES,
  nodeFacts: false,
  literals: {
    mode: { what: 'mode', values: MODES },
    verdict: { what: 'verdict', values: VERDICTS },
    scenario: { what: 'scenario', values: [...RAFT_SCENARIOS, 'none'] },
  },
  isForward: (command) => isRaft(command) && FORWARD_ACTIONS.includes(command.action),
  isLookAheadFault: (command) => isRaft(command) && command.action === 'fault',
  seekTarget: (command) => (isRaft(command) && command.action === 'seek' ? command.ns : null),
  runsToEnd: (command) => isRaft(command) && command.action === 'run',
  configures: (command) => isRaft(command) && CONFIGURATION_ACTIONS.includes(command.action),
  forwardText: `move time ahead (raft ${FORWARD_ACTIONS.join(', raft ')}) or inject a fault into the look-ahead's scratch copy (raft ${faultWords})`,
  noun: 'Raft and ParallelRaft',
  owns: isRaft,
  commandHint: 'use "raft ..." (raft step 5ms, raft seek 0, raft iodepth 32, ...)',
  loadHeadless: async () => {
    const { HeadlessRaft } = await import('./headless');
    return (env) => new HeadlessRaft(env.module('raft'));
  },
};

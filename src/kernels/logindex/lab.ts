// PolarDB LogIndex as the lab engine sees it (kernel: logindex): its scenario keys, the metrics
// `logindex status` reports, and which `logindex ...` commands move its time or inject a fault.
import { COMMAND_NAMES } from '../../commands/registry';
import type { Command } from '../../commands/types';
import type { LabKernelDefinition, ScenarioReading } from '../../labs/labKernel';
import { MAX_WRITE_SCALE } from './config';
import { BROKEN_NAMES, LOGINDEX_FAULT_WORDS, LOGINDEX_SCENARIO_WORDS } from './grammar';
import { LOGINDEX_METRICS } from './labMetrics';
import { MAX_RO, MODES, VERDICTS, type BrokenOption, type LogIndexMode } from './protocol';

/** The LogIndex run a lab starts from; the seed is the lab's. */
export interface LogIndexLabScenario {
  mode: LogIndexMode;
  ro: number;
  // Named as the front matter writes them (a `hlab lab try` flag sets a key by its name).
  'write-scale': number;
  'side-by-side': boolean;
  broken: BrokenOption[];
  /** A named scenario LI-1..LI-9: its replicas, write scale, seed and faults replace the keys above. */
  scenario: string | null;
}

const FORWARD_ACTIONS: readonly string[] = ['step', 'seek', 'run'];
const CONFIGURATION_ACTIONS: readonly string[] = ['mode', 'ro', 'write-scale', 'seed', 'break', 'scenario', 'reset', 'side-by-side', 'single'];
const ON_OFF = ['on', 'off'] as const;

/** Defaults are the app's: 3 replicas, writes x1, one column, nothing broken, no scenario. */
function readScenario({ node, values, nodeError, oneOf, num }: ScenarioReading): LogIndexLabScenario | null {
  if (!values.has('mode')) nodeError(node, 0, 'scenario is missing "mode" (lazy or full)');
  const mode = values.has('mode') ? oneOf('mode', values.get('mode'), MODES) : null;
  const ro = values.has('ro') ? num('ro', values.get('ro'), (n) => Number.isInteger(n) && n >= 1 && n <= MAX_RO, `a whole number of replicas from 1 to ${MAX_RO}`) : 3;
  const writeScale = values.has('write-scale')
    ? num('write-scale', values.get('write-scale'), (n) => n > 0 && n <= MAX_WRITE_SCALE, `a write scale above 0 and at most ${MAX_WRITE_SCALE}`)
    : 1;
  const sideBySide = values.has('side-by-side') ? oneOf('side-by-side', values.get('side-by-side'), ON_OFF) : 'off';
  const broken = values.has('broken') ? oneOf('broken', values.get('broken'), ['none', ...BROKEN_NAMES]) : 'none';
  const scenario = values.has('scenario') ? oneOf('scenario', values.get('scenario'), LOGINDEX_SCENARIO_WORDS) : 'none';
  if (!mode || ro === null || writeScale === null || !sideBySide || !broken || !scenario) return null;
  return {
    mode, ro, 'write-scale': writeScale, 'side-by-side': sideBySide === 'on',
    broken: broken === 'none' ? [] : [broken as BrokenOption],
    scenario: scenario === 'none' ? null : scenario,
  };
}

const isLogIndex = (command: Command): command is Extract<Command, { name: 'logindex' }> => command.name === 'logindex';

export const logindexLab: LabKernelDefinition<LogIndexLabScenario> = {
  id: 'logindex',
  scenarioKeys: ['mode', 'ro', 'write-scale', 'side-by-side', 'broken', 'scenario'],
  readScenario,
  tryRun: {
    seed: 1,
    scenario: { mode: 'lazy', ro: 3, 'write-scale': 1, 'side-by-side': false, broken: [], scenario: null },
    flags: [{ key: 'mode', choices: MODES, help: `logindex: the mode the run starts in, ${MODES.join(' or ')} (default lazy)` }],
    usage: '[--seed N] [--mode lazy|full] "logindex step 100ms" "logindex status"',
    note: '(then "logindex ..." commands; starts with 3 replicas, seed --seed or 1)',
  },
  metrics: LOGINDEX_METRICS,
  // A LogIndex lab has no pods: count(...) counts commands only (count(logindex) = logindex commands run).
  eventKinds: COMMAND_NAMES,
  nodeFacts: false,
  literals: {
    mode: { what: 'mode', values: MODES },
    verdict: { what: 'verdict', values: VERDICTS },
    lazyVerdict: { what: 'verdict', values: [...VERDICTS, 'none'] },
    fullVerdict: { what: 'verdict', values: [...VERDICTS, 'none'] },
    violation: { what: 'property', values: ['none', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9'] },
    violationNode: { what: 'node', values: ['none', 'rw', 'storage', ...Array.from({ length: MAX_RO }, (_, i) => `ro${i + 1}`)] },
    scenario: { what: 'scenario', values: LOGINDEX_SCENARIO_WORDS },
  },
  isForward: (command) => isLogIndex(command) && FORWARD_ACTIONS.includes(command.action),
  isLookAheadFault: (command) => isLogIndex(command) && command.action === 'fault',
  seekTarget: (command) => (isLogIndex(command) && command.action === 'seek' ? command.ns : null),
  runsToEnd: (command) => isLogIndex(command) && command.action === 'run',
  configures: (command) => isLogIndex(command) && CONFIGURATION_ACTIONS.includes(command.action),
  forwardText: `move time ahead (logindex ${FORWARD_ACTIONS.join(', logindex ')}) or inject a fault into the look-ahead's scratch copy (logindex ${LOGINDEX_FAULT_WORDS.join(', ')})`,
  noun: 'the LogIndex kernel',
  owns: isLogIndex,
  commandHint: 'use "logindex ..." (logindex step 100ms, logindex seek 0, logindex write-scale 4, ...)',
  loadHeadless: async () => {
    const { HeadlessLogIndex } = await import('./headless');
    return (env) => new HeadlessLogIndex(env.module('logindex'));
  },
};

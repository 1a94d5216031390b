// The table of commands: what each is called, how its arguments are written, what it does,
// and which words can complete each argument. The parser, the completer and `help` all read
// this one table, so a command documented here is a command the terminal understands.
import { POLICIES, RNG_KINDS } from '../kernels/gpupool/types';
import { grammarOf } from './kernelGrammar';
import type { CommandName } from './types';

/** Metrics `query` can ask the kernel for, each with the line `help query` shows. */
export const QUERY_METRICS = [
  { name: 'pods', description: 'pods in the workload after tuning' },
  { name: 'step', description: 'pods submitted so far (the simulated time)' },
  { name: 'placed', description: 'pods placed on a node so far' },
  { name: 'failed', description: 'pods that found no node so far' },
  { name: 'arrived', description: 'cumulative GPU demand submitted, milli-GPU' },
  { name: 'used', description: 'GPU allocated now, milli-GPU' },
  { name: 'allocRatio', description: 'allocated GPU as % of cluster capacity (Fig. 9a)' },
  { name: 'fragAmount', description: 'cluster fragment amount now, milli-GPU (spec §6.1)' },
  { name: 'fragRatio', description: 'fragment amount as % of the idle GPU (Fig. 7b)' },
  { name: 'arrivedRatio', description: 'GPU demand submitted so far, % of capacity (the x axis)' },
  { name: 'policy', description: 'the scheduling policy in force now' },
  { name: 'seed', description: 'the seed of the current run' },
  { name: 'nodes', description: 'nodes in the cluster' },
  { name: 'gpus', description: 'GPUs in the cluster' },
  { name: 'evicted', description: 'pods taken off failed GPUs or nodes' },
  { name: 'rescheduled', description: 'evicted pods placed again' },
  { name: 'lost', description: 'evicted pods that fit nowhere' },
  { name: 'failedGpus', description: 'GPUs out of service' },
] as const;
export type QueryMetric = (typeof QUERY_METRICS)[number]['name'];
export const QUERY_METRIC_NAMES: readonly QueryMetric[] = QUERY_METRICS.map((m) => m.name);

export const LOAD_SOURCES = ['synthetic', 'file', 'url'] as const;
export const SEEK_KEYWORDS = ['start', 'end'] as const;
export const DEBUG_ACTIONS = ['trap', 'hash'] as const;
export const FAIL_TARGETS = ['node', 'gpu'] as const;
export const RENDERER_CHOICES = ['auto', 'webgl2', 'webgpu'] as const;
export const VIEW_ACTIONS = ['renderer', '3d', 'reset'] as const;
export const ON_OFF = ['on', 'off'] as const;
export const LAB_ACTIONS = ['list', 'open', 'check', 'hint', 'next', 'reset-step', 'export', 'close'] as const;
/** What `ack` sets: the score weights, the batch size, or one of its filters. */
export const ACK_SETTINGS = ['weights', 'batch', 'rdma', 'numa', 'taints'] as const;
/** Largest synthetic scale the workload accepts (x64 of the openb-like cluster). */
export const MAX_SYNTHETIC_SCALE = 64;
/** Seeds a browser sweep may run per workload and policy. */
export const MAX_SWEEP_SEEDS = 100;

/** Largest seed: every integer up to 2^53 is exact in a JavaScript number. */
export const MAX_SEED = 2 ** 53;

export interface ArgSpec {
  /** Shown in syntax and errors, e.g. "policy". */
  name: string;
  optional?: boolean;
  /** Words that fit this argument, given the arguments typed before it. */
  completer?: (previous: readonly string[]) => readonly string[];
}

export interface CommandSpec {
  name: CommandName;
  /** The argument syntax as shown to users, e.g. "step [count=1]". */
  syntax: string;
  summary: string;
  /** Longer help, including examples, one terminal line per entry. */
  help: readonly string[];
  args: readonly ArgSpec[];
}

const fixed = (words: readonly string[]) => (): readonly string[] => words;

// A Record keyed by CommandName makes the compiler reject a command without a spec.
const SPECS: Record<CommandName, Omit<CommandSpec, 'name'>> = {
  help: {
    syntax: 'help [command]',
    summary: 'list the commands, or explain one',
    help: ['With no argument, lists every command. With one, shows its syntax and examples.', 'Examples:', '  help', '  help seek'],
    args: [{ name: 'command', optional: true, completer: () => COMMAND_NAMES }],
  },
  load: {
    syntax: 'load synthetic [scale] | load file | load url <nodes-csv-url> <pods-csv-url>',
    summary: 'choose the workload: the built-in openb-like one, local CSV files, or CSVs on the web',
    help: [
      'synthetic  the embedded openb-like cluster and pods (the default); a scale 2..64 multiplies',
      '           the cluster and the pods (17 gives 105,604 GPUs, for big-cluster views)',
      'file       opens a file picker for the node CSV and the pod CSV',
      'url        fetches the two CSVs; the server must allow cross-origin reads',
      'Examples:',
      '  load synthetic',
      '  load synthetic 17',
      '  load url https://example.org/openb_node_list_gpu_node.csv https://example.org/openb_pod_list_default.csv',
    ],
    args: [
      { name: 'source', completer: fixed(LOAD_SOURCES) },
      { name: 'nodes-csv-url|scale', optional: true },
      { name: 'pods-csv-url', optional: true },
    ],
  },
  policy: {
    syntax: `policy <${POLICIES.join('|')}>`,
    summary: 'switch the scheduling policy from the current step on',
    help: ['The change is stamped with the current step, so a share link replays it at the same point.', 'Case does not matter when typing.', 'Examples:', '  policy FGD', '  policy bestfit'],
    args: [{ name: 'policy', completer: fixed(POLICIES) }],
  },
  seed: {
    syntax: `seed <integer 0..2^53>`,
    summary: 'set the seed of the random generator and restart the run',
    help: ['The same seed, generator and policy always give the same run.', 'Examples:', '  seed 42'],
    args: [{ name: 'seed' }],
  },
  'time-aware': {
    syntax: 'time-aware on|off',
    summary: "pods arrive by the trace's creation time and leave at its deletion time (restarts the run)",
    help: [
      'Off by default: the paper ignores the trace times, submits every pod and lets none leave.',
      'On: the trace as it is (no shuffle, no tuning), in creation-time order; each placed pod leaves',
      'at its deletion time, so the chart shows allocation falling as well as rising. Needs a trace',
      'with creation_time and deletion_time columns (the synthetic workload has none).',
      'Examples:', '  time-aware on', '  time-aware off',
    ],
    args: [{ name: 'switch', completer: fixed(ON_OFF) }],
  },
  rng: {
    syntax: `rng <${RNG_KINDS.join('|')}>`,
    summary: 'choose the random generator and restart the run',
    help: ['xoshiro  the default generator', "go       reproduces the artifact's Go math/rand stream", 'Examples:', '  rng go'],
    args: [{ name: 'generator', completer: fixed(RNG_KINDS) }],
  },
  run: { syntax: 'run', summary: 'submit pods continuously at the current speed', help: ['Examples:', '  run'], args: [] },
  pause: { syntax: 'pause', summary: 'stop submitting pods', help: ['Examples:', '  pause'], args: [] },
  step: {
    syntax: 'step [count=1]',
    summary: 'submit the next pod, or the next <count> pods',
    help: ['Examples:', '  step', '  step 100'],
    args: [{ name: 'count', optional: true }],
  },
  speed: {
    syntax: 'speed <pods-per-second|max>',
    summary: 'set how fast `run` submits pods',
    help: ['A positive number of pods per second, or max for as fast as the machine allows.', 'Examples:', '  speed 50', '  speed 0.5', '  speed max'],
    args: [{ name: 'speed', completer: fixed(['max']) }],
  },
  seek: {
    syntax: 'seek <step|+n|-n|end|start>',
    summary: 'jump to any step, forwards or backwards',
    help: ['A plain number is an absolute step; +n and -n move relative to now; start is step 0.', 'Examples:', '  seek 5000', '  seek -100', '  seek +1', '  seek end', '  seek start'],
    args: [{ name: 'target', completer: fixed(SEEK_KEYWORDS) }],
  },
  reset: { syntax: 'reset', summary: 'restart the run at step 0 with the current settings', help: ['Examples:', '  reset'], args: [] },
  ack: {
    syntax: 'ack weights <b> <a> <t> <u> <i> | ack batch <n> | ack rdma|numa|taints on|off',
    summary: "tune ACK's intelligent scheduler (policy ACK) from now on",
    help: [
      'weights: resource balance, affinity, topology, utilization, interference (default 0.25 0.2 0.15 0.15 0.1).',
      'batch: pods scheduled together in priority order (default 16); gangs are never split.',
      'rdma / numa / taints: switch a filter. openb has no RDMA or NUMA labels: the defaults are documented',
      '  in src/kernels/gpupool/ack.ts (RDMA on G2, G3, V100M32; 8-GPU nodes 2 x 4 NUMA, 4-GPU nodes 2 x 2).',
      'Each is a command stamped with the current step, replayed by seek and share links.',
      'Examples:', '  ack weights 0.25 0.2 0.15 0.15 0.1', '  ack batch 32', '  ack numa off',
    ],
    args: [
      { name: 'setting', completer: fixed(ACK_SETTINGS) },
      { name: 'value', completer: (previous) => (['rdma', 'numa', 'taints'].includes(previous[0]?.toLowerCase() ?? '') ? ON_OFF : []) },
    ],
  },
  fail: {
    syntax: 'fail node <id> | fail gpu <node> <gpu>',
    summary: 'fail a node or one GPU now: its pods are evicted and rescheduled or lost',
    help: [
      'The failure is a command stamped with the current step, so seeking and share links replay it.',
      'Evicted pods go back through the scheduler at once, in submission order; a pod that fits nowhere is lost.',
      'Examples:', '  fail node 12', '  fail gpu 12 3',
    ],
    args: [{ name: 'target', completer: fixed(FAIL_TARGETS) }, { name: 'node' }, { name: 'gpu', optional: true }],
  },
  node: {
    syntax: 'node <id|name>',
    summary: 'inspect one node: its GPUs, pods and fragment',
    help: ['A bare number is a node id (0-based, in name order); anything else, or a quoted number, is a node name.', 'Examples:', '  node 12', '  node openb-node-0227', '  node "1234"'],
    args: [{ name: 'node' }],
  },
  query: {
    syntax: 'query <metric>',
    summary: 'print one metric of the current state',
    help: ['Metrics:', ...QUERY_METRICS.map((m) => `  ${m.name.padEnd(13)} ${m.description}`), 'Examples:', '  query fragRatio'],
    args: [{ name: 'metric', completer: () => QUERY_METRIC_NAMES }],
  },
  share: {
    syntax: 'share',
    summary: 'make a link that replays this run',
    help: [
      'On the GPU pool: a #run= link; a trace loaded from files is named in the link, never embedded.',
      'On the ParallelRaft tab: a #raft= link of its run (config, commands at their times, the time reached).',
      'Examples:', '  share',
    ],
    args: [],
  },
  clear: { syntax: 'clear', summary: 'clear the terminal', help: ['Examples:', '  clear'], args: [] },
  history: { syntax: 'history', summary: 'list the commands typed so far', help: ['Examples:', '  history'], args: [] },
  stats: {
    syntax: 'stats',
    summary: 'show memory and checkpoint use, and the 3D view: backend, draw calls, triangles, instances, frame time',
    help: ['Examples:', '  stats'],
    args: [],
  },
  view: {
    syntax: 'view renderer <auto|webgl2|webgpu> | view 3d <on|off> | view reset',
    summary: 'choose the 3D view\'s renderer, show and hide the 3D view, or bring its camera back',
    help: [
      'auto uses WebGPU where the browser offers an adapter, else WebGL2.',
      'view reset frames the whole cluster again (also 0 or Home in the 3D view).',
      'Examples:', '  view renderer webgl2', '  view renderer auto', '  view 3d off', '  view reset',
    ],
    args: [
      { name: 'what', completer: fixed(VIEW_ACTIONS) },
      { name: 'value', completer: (previous) => (previous[0]?.toLowerCase() === '3d' ? ON_OFF : previous[0]?.toLowerCase() === 'reset' ? [] : RENDERER_CHOICES) },
    ],
  },
  why: {
    syntax: 'why',
    summary: 'why this node: every feasible node\'s score under every policy for the next pod',
    help: ['Opens the panel and prints each policy\'s winner; the panel follows the run while it is paused or stepped.', 'Examples:', '  why'],
    args: [],
  },
  ab: {
    syntax: 'ab <policy-a> <policy-b> | ab off',
    summary: 'run two policies side by side on the same workload and seed, with one clock',
    help: [
      'run, pause, step, seek and reset then drive both runs to the same step; ab off goes back.',
      'Examples:', '  ab FGD BestFit', '  ab off',
    ],
    args: [
      { name: 'policy-a', completer: () => [...POLICIES, 'off'] },
      { name: 'policy-b', optional: true, completer: fixed(POLICIES) },
    ],
  },
  sweep: {
    syntax: 'sweep <policy,policy,...> [seeds=3] | sweep | sweep cancel',
    summary: "the paper's sweep in the browser: workloads x policies x seeds, Fig. 9a and Fig. 7",
    help: [
      'Runs every workload ticked in the sweep panel (the synthetic one, or a node file with pod files)',
      'under each policy for seeds 1..n, on a pool of workers. With no argument, opens the panel.',
      'Examples:', '  sweep FGD,BestFit 2', '  sweep', '  sweep cancel',
    ],
    args: [{ name: 'policies', completer: () => [...POLICIES, 'cancel'] }, { name: 'seeds', optional: true }],
  },
  lab: {
    syntax: 'lab list | lab open <id> | lab check | lab hint | lab next | lab reset-step | lab export | lab close',
    summary: 'guided labs: open one, check the step, take a hint, go on, restart the step, export a report',
    help: [
      'The lab pane shows the step; these do what its buttons do. export downloads the HTML report.',
      'Examples:', '  lab list', '  lab open fragmentation-refuses-a-pod', '  lab check', '  lab next',
    ],
    args: [{ name: 'action', completer: fixed(LAB_ACTIONS) }, { name: 'id', optional: true }],
  },
  presenter: {
    syntax: 'presenter on|off',
    summary: 'presenter mode: large type, clicker keys (PageDown/PageUp, ., space, arrows), R restarts the step, T hides the terminal',
    help: ['Examples:', '  presenter on', '  presenter off'],
    args: [{ name: 'switch', completer: fixed(ON_OFF) }],
  },
  raft: {
    syntax: 'raft <command>',
    summary: 'the ParallelRaft tab: modes, presets, faults, side by side, the live checker',
    help: ['(The details load with the ParallelRaft tab.)'],
    args: [],
  },
  logindex: {
    syntax: 'logindex <command>',
    summary: 'the PolarDB LogIndex tab: lazy or full replay, replicas, write scale, faults, the live checker',
    help: ['(The details load with the LogIndex tab.)'],
    args: [],
  },
  vcpu: {
    syntax: 'vcpu <command>',
    summary: 'the vCPU scheduling tab: kvm, X-Dragon offload or bare metal; credit, CFS, EEVDF, pinning; faults, the live checker',
    help: ['(The details load with the vCPU tab.)'],
    args: [],
  },
  debug: {
    syntax: 'debug trap|hash',
    summary: 'trap the kernel on purpose, or print the state hash',
    help: [
      'debug trap: the kernel traps on purpose and is restored to its last good state.',
      'debug hash: a hash of the kernel state; the same run gives the same hash anywhere.',
      'Examples:', '  debug trap', '  debug hash',
    ],
    args: [{ name: 'action', completer: fixed(DEBUG_ACTIONS) }],
  },
};

export const COMMAND_SPECS: readonly CommandSpec[] = (Object.keys(SPECS) as CommandName[]).map((name) => ({ name, ...SPECS[name] }));
export const COMMAND_NAMES: readonly CommandName[] = COMMAND_SPECS.map((s) => s.name);

/** The spec of a command name typed in any case, or undefined. */
export function findCommandSpec(name: string): CommandSpec | undefined {
  const lower = name.toLowerCase();
  return grammarOf(lower)?.spec ?? COMMAND_SPECS.find((s) => s.name === lower);
}

/** A command's first-load entry (a kernel's grammar builds its full entry on it). */
export function commandStub(name: CommandName): CommandSpec {
  const stub = COMMAND_SPECS.find((s) => s.name === name);
  if (stub === undefined) throw new Error(`no command "${name}" in the table`);
  return stub;
}

/** `help` in another language: its heading, its refusal (`{topic}`) and a summary per command. */
export interface HelpTexts {
  readonly heading: string;
  readonly noCommand: string;
  /** The word that starts a command's examples (they stay as typed). */
  readonly examples: string;
  readonly summaries: { readonly [K in CommandName]?: string };
  /** The lines of `help <command>` before its examples; a command left out keeps its own. */
  readonly details: { readonly [K in CommandName]?: readonly string[] };
}

const EXAMPLES = 'Examples:';

/** A command's help lines in `texts`' language: its details there, then its own examples. */
function detailLines(spec: CommandSpec, texts: HelpTexts | null): readonly string[] {
  if (texts === null) return spec.help;
  const at = spec.help.indexOf(EXAMPLES);
  const examples = at < 0 ? [] : [texts.examples, ...spec.help.slice(at + 1)];
  return [...(texts.details[spec.name] ?? (at < 0 ? spec.help : spec.help.slice(0, at))), ...examples];
}

/** What `help` prints: the command list, or one command's syntax, summary and details. */
export function helpLines(topic: string | null, texts: HelpTexts | null = null): string[] {
  const summary = (spec: CommandSpec): string => texts?.summaries[spec.name] ?? spec.summary;
  if (topic === null) {
    const width = Math.max(...COMMAND_SPECS.map((s) => s.name.length));
    return [texts?.heading ?? 'Commands (type help <command> for details):', ...COMMAND_SPECS.map((s) => `  ${s.name.padEnd(width)}  ${summary(s)}`)];
  }
  const spec = findCommandSpec(topic);
  if (spec === undefined) return [texts ? texts.noCommand.replace('{topic}', topic) : `help: no command called "${topic}"; type help for the list`];
  return [`${spec.syntax}`, `  ${summary(spec)}`, ...detailLines(spec, texts).map((l) => `  ${l}`)];
}

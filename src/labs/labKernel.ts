// What the lab engine needs to know about a kernel: how its front matter's scenario reads,
// which names a check may use, and which commands move time, inject faults or belong to it.
// Each kernel defines one of these in its own folder (src/kernels/<kernel>/lab.ts); the lab
// engine finds it through the kernel registry by the lab's `kernel:` and never names a kernel.
import type { Node } from 'yaml';
import type { Command } from '../commands/types';
import type { LabSimulation } from './simulation';
import type { ValueType } from './expr/vocabulary';

export type NodeError = (node: Node | null | undefined, fallback: number, message: string) => void;
export type OneOf = <T extends string>(key: string, node: Node | null | undefined, choices: readonly T[]) => T | null;
export type Num = (key: string, node: Node | null | undefined, check: (n: number) => boolean, what: string) => number | null;

/** The front matter's `scenario:` mapping, its keys already checked against the kernel's. */
export interface ScenarioReading {
  /** The scenario mapping itself (for errors about a missing key). */
  node: Node;
  values: Map<string, Node | null>;
  nodeError: NodeError;
  oneOf: OneOf;
  num: Num;
}

/** A text metric with a fixed set of values, so a misspelt literal in a check is caught. */
export interface LiteralSet {
  what: string;
  values: readonly string[];
}

export interface TraceFiles {
  nodes: { name: string; text: string };
  pods: { name: string; text: string };
}

/** Finds a named trace (an openb pod list such as "gpushare100"), or null when it is not here. */
export type TraceLocator = (name: string) => TraceFiles | null;

/** What the headless lab runner gives a kernel's simulation (the CLI fills it). */
export interface HeadlessLabEnv {
  /** The compiled kernel `<id>.wasm`, read on first use. */
  module(kernel: string): WebAssembly.Module;
  /** A named trace's files (GPU pool), or null for the synthetic fallback. */
  locateTrace: TraceLocator;
}

export type HeadlessLabFactory = (env: HeadlessLabEnv) => LabSimulation;

/** A `hlab lab try` flag that sets one key of the kernel's starting scenario to one of its choices. */
export interface LabTryFlag {
  /** The flag's name and the scenario key it sets (`--policy` sets `policy`). */
  readonly key: string;
  readonly choices: readonly string[];
  readonly help: string;
}

/** How `hlab lab try` runs this kernel, and how its usage describes that. */
export interface LabTryDefinition<Scenario extends object> {
  /** The seed when --seed is not given. */
  readonly seed: number;
  /** The scenario the commands start from, before its flags. */
  readonly scenario: Scenario;
  readonly flags: readonly LabTryFlag[];
  /** The arguments of the usage line after `hlab lab try [--kernel <id>]`. */
  readonly usage: string;
  /** What --kernel's help says about this kernel after its id ("" for nothing). */
  readonly note: string;
}

export interface LabKernelDefinition<Scenario extends object = object> {
  /** The front matter's `kernel:` value. */
  readonly id: string;
  /** The keys its `scenario:` mapping may have. */
  readonly scenarioKeys: readonly string[];
  /** Reads `scenario:`; reports problems through the reading's callbacks and returns null then. */
  readScenario(reading: ScenarioReading): Scenario | null;
  /** `hlab lab try` on this kernel. */
  readonly tryRun: LabTryDefinition<Scenario>;
  /** The metrics a check may name, with their types. */
  readonly metrics: Readonly<Record<string, { type: ValueType; description: string }>>;
  /** The kinds `count(...)` accepts. */
  readonly eventKinds: readonly string[];
  /** Whether the node facts (nodeGpus(n), ...) apply. */
  readonly nodeFacts: boolean;
  readonly literals: Readonly<Record<string, LiteralSet>>;
  /** A command that only moves this kernel's time forward. */
  isForward(command: Command): boolean;
  /**
   * Where an absolute seek of this kernel goes, in the units its query('step') reports (a
   * GPU-pool step, simulated ns of a raft run); null for every other command.
   */
  seekTarget(command: Command): number | null;
  /** A command that plays until the run ends (`run`): a replay jumps to where it ends. */
  runsToEnd(command: Command): boolean;
  /** A fault a predict may inject into its look-ahead's scratch copy. */
  isLookAheadFault(command: Command): boolean;
  /** A command that sets up or reshapes a run rather than happens in it. */
  configures(command: Command): boolean;
  /** What a predict's "forward" may hold, in words. */
  readonly forwardText: string;
  /** What messages call the kernel ("the GPU pool"). */
  readonly noun: string;
  /** Whether `command` drives this kernel (shared commands such as help or lab drive none). */
  owns(command: Command): boolean;
  /** What to write instead, for a lab that used another kernel's command. */
  readonly commandHint: string;
  /** The headless simulation (CLI and tests); its host code loads only when asked for. */
  loadHeadless(): Promise<HeadlessLabFactory>;
}

/** The word a message calls a command by (`raft step`, `policy`): a kernel word and its action. */
export function commandWord(command: Command): string {
  return 'action' in command && typeof command.action === 'string' ? `${command.name} ${command.action}` : command.name;
}

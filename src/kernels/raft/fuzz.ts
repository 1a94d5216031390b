// Seeded random fault schedules for the raft kernel (issue 6, spec §1.9): `hlab raft --fuzz`.
// Each case is a config and a fault schedule drawn by a seeded generator from the whole fault
// palette of schedule.ts, ending with every link healed and every node back. A case runs the
// way `hlab raft --settle 3s --history` runs it (same parse of the same schedule text, same
// defaults), so the one-line reproducer printed for a failure replays it exactly. A failing
// schedule is shrunk greedily (drop one command at a time while it fails the same way).
//
// The fault model (what Raft promises to survive): one disk at most is lost. So a case wipes
// at most one disk, only while the other nodes are up, and crashes no other node after it
// (the generator cannot know when the wiped node has caught up, so it never risks it).
import { caseSeed, FuzzRng, shrinkByDropping } from '../fuzzCases';
import { defaultConfig } from './config';
import { brokenNamesOf } from './brokenOptions';
import { MODES, NODES, VIOLATION, VIOLATION_PROPERTY, type RaftMode } from './protocol';
import type { RaftKernel } from './kernel';
import { runRaft } from './run';
import { RunHistoryChecker } from './runHistoryCheck';
import { formatCommand, formatDuration, parseSchedule } from './schedule';
import type { NodeState, RaftCommand, RaftConfig, SimNs, StampedRaftCommand } from './types';

const MS = 1_000_000;
/** How long a case may take to catch up after `settle` (runRaft's settleNs; the CLI's --settle 3s). */
export const FUZZ_SETTLE_NS: SimNs = 3000 * MS;
/** Fault commands drawn per case (the closing heal and restarts come on top). */
export const MIN_FAULTS = 4;
export const MAX_FAULTS = 14;

export { FuzzRng, caseSeed };

export interface FuzzCase {
  /** The case's place in its fuzz run (with the fuzz seed, it names the case). */
  index: number;
  mode: RaftMode;
  seed: number;
  iodepth: number;
  readPct: number;
  /** LBA range the clients use, in 4 KB blocks (small ranges make conflicting writes common). */
  blocks: number;
  /** Op size range in 4 KB blocks (1..1 is the CLI's default 4k). */
  minBlocks: number;
  maxBlocks: number;
  durationNs: SimNs;
  /** The drawn fault commands in time order: what the shrinker drops from. */
  faults: StampedRaftCommand[];
  /** When the closing heal, limp off and restarts come (after every drawn command). */
  endAt: SimNs;
  /** Deliberately broken options (only for must-fail checks of the fuzzer itself). */
  broken?: RaftConfig['broken'];
}

const BLOCK_RANGES = [32, 64, 128, 256, 1024, 2560] as const;

/** Draws case `index` of the fuzz run with seed `fuzzSeed`, in one of `modes`. */
export function generateCase(fuzzSeed: number, index: number, modes: readonly RaftMode[] = MODES): FuzzCase {
  const rng = new FuzzRng(caseSeed(fuzzSeed, index));
  const mode = rng.pick(modes);
  const seed = rng.range(1, 999_999);
  const iodepth = rng.range(1, 32);
  const readPct = rng.chance(0.3) ? 0 : rng.range(1, 50);
  const blocks = rng.pick(BLOCK_RANGES);
  const sizes = rng.pick([[1, 1], [1, 1], [1, 1], [1, 8], [1, 32], [4, 16]] as const);
  const durationNs = rng.range(1000, 2000) * MS;
  // The drawn faults fall between 20 ms and the closing commands, 50..200 ms before the end.
  const endAt = durationNs - rng.range(50, 200) * MS;
  const count = rng.range(MIN_FAULTS, MAX_FAULTS);
  const times = Array.from({ length: count }, () => rng.range(20, endAt / MS - 1) * MS).sort((a, b) => a - b);
  const model = new FaultModel();
  const faults: StampedRaftCommand[] = [];
  for (const at of times) {
    let command = drawCommand(rng, model);
    // A command outside the fault model is drawn again (only crashes can be refused).
    for (let tries = 0; model.refusal(command) !== null && tries < 20; tries++) command = drawCommand(rng, model);
    if (model.refusal(command) !== null) command = { kind: 'checkpoint', node: null };
    model.apply(command);
    faults.push({ at, command });
  }
  return { index, mode, seed, iodepth, readPct, blocks, minBlocks: sizes[0], maxBlocks: sizes[1], durationNs, faults, endAt };
}

/** One fault command from the palette, weighted towards the ones that move leadership and logs. */
function drawCommand(rng: FuzzRng, model: FaultModel): RaftCommand {
  const node = () => rng.range(0, NODES - 1);
  const pair = (): [number, number] => {
    const a = node();
    return [a, (a + rng.range(1, NODES - 1)) % NODES];
  };
  const roll = rng.range(1, 100);
  if (roll <= 16) return { kind: 'crash', node: node(), wipe: rng.chance(0.2) };
  if (roll <= 26) {
    const down = model.downNodes();
    return { kind: 'restart', node: down.length && rng.chance(0.8) ? rng.pick(down) : node() };
  }
  if (roll <= 34) {
    const [a, b] = pair();
    return { kind: 'partition', a, b: rng.chance(0.5) ? null : b };
  }
  if (roll <= 39) {
    const [from, to] = pair();
    return { kind: 'oneway', from, to };
  }
  if (roll <= 47) {
    if (rng.chance(0.6)) return { kind: 'heal', a: null, b: null };
    const [a, b] = pair();
    return { kind: 'heal', a, b: rng.chance(0.3) ? null : b };
  }
  if (roll <= 52) {
    const [from, to] = pair();
    return { kind: 'delay', from, to, ns: rng.range(10, 5000) * 1000, both: rng.chance(0.5) };
  }
  if (roll <= 68) {
    const [from, to] = pair();
    const kind = rng.pick(['loss', 'duplicate', 'reorder'] as const);
    const percent = kind === 'loss' ? rng.range(1, 40) : kind === 'duplicate' ? rng.range(1, 30) : rng.range(1, 50);
    return { kind, from, to, percent, both: rng.chance(0.5) };
  }
  if (roll <= 73) return { kind: 'limp', node: node(), factor: rng.chance(0.3) ? 1 : rng.range(2, 100) };
  if (roll <= 83) return { kind: 'elect', node: node() };
  if (roll <= 90) return { kind: 'checkpoint', node: rng.chance(0.3) ? null : node() };
  return { kind: 'iodepth', depth: rng.chance(0.1) ? 0 : rng.range(1, 32) };
}

/**
 * Follows a schedule's crashes and restarts to tell whether a command stays within the fault
 * model: at most one lost disk, lost while the other nodes are up, and no other node crashed
 * after it (it may not have caught up yet, and then a second crash loses committed entries).
 */
export class FaultModel {
  private readonly up = Array.from({ length: NODES }, () => true);
  private wiped = -1;

  downNodes(): number[] {
    return this.up.flatMap((up, n) => (up ? [] : [n]));
  }

  /** Why `command` would leave the fault model now, or null. */
  refusal(command: RaftCommand): string | null {
    if (command.kind !== 'crash') return null;
    if (command.wipe) {
      if (this.wiped >= 0) return `a second disk is lost (node ${command.node}, after node ${this.wiped})`;
      const down = this.downNodes().filter((n) => n !== command.node);
      if (down.length) return `node ${command.node} loses its disk while node ${down[0]} is down`;
    } else if (this.wiped >= 0 && command.node !== this.wiped) {
      return `node ${command.node} crashes after node ${this.wiped} lost its disk (it may not have caught up)`;
    }
    return null;
  }

  apply(command: RaftCommand): void {
    if (command.kind === 'crash') {
      this.up[command.node] = false;
      if (command.wipe) this.wiped = command.node;
    } else if (command.kind === 'restart') this.up[command.node] = true;
    else if (command.kind === 'settle') this.up.fill(true);
  }
}

/** Where a schedule first leaves the fault model ("<time> <command>: why"), or null. */
export function faultModelBreach(schedule: readonly StampedRaftCommand[]): string | null {
  const model = new FaultModel();
  for (const c of schedule) {
    const why = model.refusal(c.command);
    if (why !== null) return `${formatDuration(c.at)} ${formatCommand(c.command)}: ${why}`;
    model.apply(c.command);
  }
  return null;
}

/** The closing commands: heal every link, end every limp, restart every node. */
export function closingCommands(c: FuzzCase): RaftCommand[] {
  const limping = new Set<number>();
  for (const f of c.faults) {
    if (f.command.kind !== 'limp') continue;
    if (f.command.factor === 1) limping.delete(f.command.node);
    else limping.add(f.command.node);
  }
  return [
    { kind: 'heal', a: null, b: null },
    ...[...limping].sort().map((node): RaftCommand => ({ kind: 'limp', node, factor: 1 })),
    ...Array.from({ length: NODES }, (_, node): RaftCommand => ({ kind: 'restart', node })),
  ];
}

/** The case's whole schedule as `--faults` text: the drawn commands, then the closing ones. */
export function faultsText(c: FuzzCase): string {
  const line = (at: SimNs, command: RaftCommand) => `${formatDuration(at)} ${formatCommand(command)}`;
  return [...c.faults.map((f) => line(f.at, f.command)), ...closingCommands(c).map((command) => line(c.endAt, command))].join('; ');
}

export function caseConfig(c: FuzzCase): RaftConfig {
  return defaultConfig({
    mode: c.mode, seed: c.seed, iodepth: c.iodepth, readPct: c.readPct, blocks: c.blocks,
    minBlocks: c.minBlocks, maxBlocks: c.maxBlocks, broken: c.broken ?? {},
  });
}

export type FailureKind = 'invalid' | 'unconverged' | 'not-linearizable' | 'overflow' | 'trap';

export interface FuzzFailure {
  kind: FailureKind;
  /** What went wrong, in one sentence (the checker's). */
  sentence: string;
  /** Failures with the same signature are taken for the same bug (the shrinker keeps it). */
  signature: string;
}

export interface CaseOutcome {
  failure: FuzzFailure | null;
  verdict: 'valid' | 'unknown' | 'invalid';
  settle: 'running' | 'settling' | 'compared';
  linearizable: boolean | null;
  events: number;
  /** Simulated time the run reached. */
  endNs: SimNs;
}

/**
 * The checker keeps committed entries in a shadow ring of 2^17 indices (SHADOW_CAP in
 * wasm/raft/checker.ts): an index that far below the highest committed one has been
 * overwritten there, and the checker cannot tell it from one never committed.
 */
export const CHECKER_SHADOW_INDICES = 1 << 17;
/** How long an unconverged case is run on to tell a slow catch-up from a stuck one. */
export const STUCK_AFTER_NS: SimNs = 30_000 * MS;

/** Runs one case as `hlab raft ... --settle 3s --history` would, and says whether it failed. */
export function runCase(module: WebAssembly.Module, c: FuzzCase): CaseOutcome {
  // Parse the very text the reproducer prints, so the run and the reproducer cannot drift.
  const schedule = parseSchedule(faultsText(c), '--faults');
  const checker = new RunHistoryChecker();
  let run: ReturnType<typeof runRaft>;
  try {
    run = runRaft(module, { config: caseConfig(c), durationNs: c.durationNs, schedule, settleNs: FUZZ_SETTLE_NS, onHistory: checker.add });
  } catch (error) {
    const sentence = error instanceof Error ? error.message : String(error);
    return { failure: { kind: 'trap', sentence, signature: `trap: ${sentence.replace(/\d+/g, 'N')}` }, verdict: 'unknown', settle: 'running', linearizable: null, events: 0, endNs: 0 };
  }
  const history = checker.finish(module, run.kernel);
  const base = { verdict: run.verdict, settle: run.settle, linearizable: history.linearizable, events: run.events, endNs: run.endNs };
  const summary = run.kernel.summary();
  let failure: FuzzFailure | null = null;
  if (run.verdict === 'invalid') {
    const v = run.violations[0];
    const property = v ? (VIOLATION_PROPERTY[v.code] ?? `violation ${v.code}`) : run.reason;
    // Known checker blind spot: see CHECKER_SHADOW_INDICES.
    const window = v?.code === VIOLATION.applyUncommitted && v.b + CHECKER_SHADOW_INDICES <= summary.maxCommitted
      ? ` [index ${v.b} is more than ${CHECKER_SHADOW_INDICES} below the highest committed, ${summary.maxCommitted}: outside the checker's shadow]` : '';
    failure = { kind: 'invalid', sentence: run.reason + window, signature: `invalid: ${property}${window ? ' (outside the shadow window)' : ''}` };
  } else if (summary.overflow) {
    failure = { kind: 'overflow', sentence: run.reason, signature: 'overflow' };
  } else if (run.settle !== 'compared') {
    const behind = unconvergedSentence(run.kernel.nodes(), summary.maxCommitted);
    const later = runOn(run.kernel, STUCK_AFTER_NS);
    failure = { kind: 'unconverged', sentence: `${behind}; ${later.sentence}`, signature: `unconverged: ${later.outcome}` };
  } else if (!history.linearizable) {
    const first = history.result.violations[0];
    failure = { kind: 'not-linearizable', sentence: first ? `block ${first.block}: ${first.reason}` : history.reason, signature: `not-linearizable: ${first?.kind ?? 'refused'}` };
  }
  return { ...base, failure };
}

/** Which replicas were still behind when the settle window closed, and where each stood. */
function unconvergedSentence(nodes: NodeState[], maxCommitted: number): string {
  const behind = nodes.filter((n) => !n.up || n.appliedPrefix < maxCommitted)
    .map((n) => `node ${n.id} ${n.up ? n.role : 'down'} term ${n.term}, applied ${n.appliedPrefix}, commit ${n.commitIndex}, last ${n.lastIndex}, checkpoint ${n.checkpoint}`);
  return `the replicas had not caught up ${FUZZ_SETTLE_NS / 1e9} s after settling (${maxCommitted} entries committed): ${behind.join('; ') || 'no node behind, but P6 never compared'}`;
}

/**
 * Runs a settling kernel on (10 ms steps) until P6 compares, a violation, or `limitNs` of
 * settling in all: says whether the catch-up was slow (and how slow) or stuck.
 */
function runOn(kernel: RaftKernel, limitNs: SimNs): { outcome: 'slow' | 'stuck' | 'then invalid'; sentence: string } {
  const from = kernel.now;
  const settledAt = from - FUZZ_SETTLE_NS;
  while (!kernel.stopped() && kernel.summary().settle !== 'compared' && kernel.now < settledAt + limitNs) {
    kernel.runSchedule(Math.min(settledAt + limitNs, kernel.now + 10 * MS), [], undefined, 1 << 16);
  }
  const v = kernel.verdict();
  const tookS = ((kernel.now - settledAt) / 1e9).toFixed(2);
  if (v.verdict === 'invalid') return { outcome: 'then invalid', sentence: `running on, it failed ${tookS} s after settling: ${v.reason}` };
  if (kernel.summary().settle === 'compared') return { outcome: 'slow', sentence: `slow, not stuck: they converged ${tookS} s after settling` };
  return { outcome: 'stuck', sentence: `stuck: still behind ${limitNs / 1e9} s after settling (${kernel.nodes().map((n) => `node ${n.id} applied ${n.appliedPrefix}`).join(', ')})` };
}

export interface ShrinkResult {
  case: FuzzCase;
  outcome: CaseOutcome;
  /** Runs the shrinker spent. */
  runs: number;
}

/**
 * Drops drawn fault commands one at a time, latest first, keeping each drop after which the
 * case still fails with the same signature (and stays within the fault model); repeats until a
 * pass drops nothing or `maxRuns` runs were spent.
 */
export function shrinkCase(module: WebAssembly.Module, failing: FuzzCase, outcome: CaseOutcome, maxRuns = 80): ShrinkResult {
  const signature = outcome.failure?.signature;
  if (!signature) return { case: failing, outcome, runs: 0 };
  let bestOutcome = outcome;
  const budget = { runs: 0, maxRuns };
  const best = shrinkByDropping(failing, (c) => c.faults.length, (c, i): FuzzCase => ({ ...c, faults: c.faults.filter((_, k) => k !== i) }),
    (candidate) => {
      if (faultModelBreach(parseSchedule(faultsText(candidate), 'shrink')) !== null) return null;
      const o = runCase(module, candidate);
      if (o.failure?.signature !== signature) return false;
      bestOutcome = o;
      return true;
    }, budget);
  return { case: best, outcome: bestOutcome, runs: budget.runs };
}

/** The `hlab raft` command line that replays a case (quoted for a POSIX shell). */
export function reproducer(c: FuzzCase, withHistory = false): string {
  const parts = [
    'node bin/hlab.mjs raft', `--mode ${c.mode}`, `--seed ${c.seed}`, `--iodepth ${c.iodepth}`, `--read ${c.readPct}`,
    `--blocks ${c.blocks}`,
  ];
  if (c.minBlocks !== 1 || c.maxBlocks !== 1) parts.push(`--bs ${c.minBlocks * 4}k-${c.maxBlocks * 4}k`);
  parts.push(`--duration ${formatDuration(c.durationNs)}`, `--settle ${formatDuration(FUZZ_SETTLE_NS)}`, `--faults "${faultsText(c)}"`);
  const broken = brokenNamesOf(c.broken ?? {});
  if (broken.length) parts.push(`--broken ${broken.join(',')}`);
  if (withHistory) parts.push('--history /tmp/hlab-fuzz-history.jsonl');
  return parts.join(' ');
}

export interface FuzzFinding {
  /** The case as drawn. */
  original: FuzzCase;
  /** After shrinking (the same case when shrinking was off or dropped nothing). */
  shrunk: FuzzCase;
  failure: FuzzFailure;
  /** The shrunk case's command line. */
  command: string;
  shrinkRuns: number;
  /** Shrunk cases that lose a disk: whether they still fail with the wipe made a plain crash (null: no wipe). */
  failsWithoutWipe: boolean | null;
}

export interface FuzzOptions {
  count: number;
  fuzzSeed: number;
  modes?: readonly RaftMode[];
  /** Shrink failing cases (default true). */
  shrink?: boolean;
  /** Applies to every case: for checking that the fuzzer catches a broken kernel. */
  broken?: RaftConfig['broken'];
  onCase?: (c: FuzzCase, outcome: CaseOutcome, done: number) => void;
  onFinding?: (finding: FuzzFinding) => void;
}

export interface FuzzSummary {
  cases: number;
  passed: number;
  findings: FuzzFinding[];
  /** Cases that passed with an "unknown" verdict (observations the checker could not verify, or nothing committed). */
  unknownPassed: number;
  events: number;
}

/** Runs `count` cases of the fuzz run `fuzzSeed`; shrinks and reports each failure. */
export function fuzz(module: WebAssembly.Module, options: FuzzOptions): FuzzSummary {
  const summary: FuzzSummary = { cases: 0, passed: 0, findings: [], unknownPassed: 0, events: 0 };
  for (let i = 0; i < options.count; i++) {
    const c: FuzzCase = { ...generateCase(options.fuzzSeed, i, options.modes), ...(options.broken ? { broken: options.broken } : {}) };
    const outcome = runCase(module, c);
    summary.cases++;
    summary.events += outcome.events;
    options.onCase?.(c, outcome, i + 1);
    if (!outcome.failure) {
      summary.passed++;
      if (outcome.verdict === 'unknown') summary.unknownPassed++;
      continue;
    }
    const shrunk = options.shrink === false ? { case: c, outcome, runs: 0 } : shrinkCase(module, c, outcome);
    const failure = shrunk.outcome.failure ?? outcome.failure;
    const finding: FuzzFinding = {
      original: c, shrunk: shrunk.case, failure, shrinkRuns: shrunk.runs,
      command: reproducer(shrunk.case, failure.kind === 'not-linearizable'),
      failsWithoutWipe: failsWithoutWipe(module, shrunk.case, failure.signature),
    };
    summary.findings.push(finding);
    options.onFinding?.(finding);
  }
  return summary;
}

/** For a case that loses a disk: does it still fail the same way when the crash keeps the disk? */
function failsWithoutWipe(module: WebAssembly.Module, c: FuzzCase, signature: string): boolean | null {
  if (!c.faults.some((f) => f.command.kind === 'crash' && f.command.wipe)) return null;
  const kept: FuzzCase = {
    ...c,
    faults: c.faults.map((f) => (f.command.kind === 'crash' ? { ...f, command: { ...f.command, wipe: false } } : f)),
  };
  return runCase(module, kept).failure?.signature === signature;
}

/** A finding for people: the failure, how far it shrank, and the command that replays it. */
export function findingText(f: FuzzFinding): string {
  const wipe = f.failsWithoutWipe === null ? '' : f.failsWithoutWipe ? '; fails the same way with the disk kept' : '; fails only with the lost disk';
  return [
    `FAIL case ${f.original.index} (${f.shrunk.mode}, ${f.failure.kind}): ${f.failure.sentence}`,
    `  shrunk from ${f.original.faults.length} to ${f.shrunk.faults.length} fault commands in ${f.shrinkRuns} runs${wipe}`,
    `  ${f.command}`,
  ].join('\n');
}

/** The closing line: cases, throughput, and the failures grouped by signature. */
export function summaryText(s: FuzzSummary, wallSeconds: number): string {
  const rate = `${(s.cases / Math.max(wallSeconds, 1e-9)).toFixed(2)} cases/s, ${(s.events / Math.max(wallSeconds, 1e-9) / 1e6).toFixed(2)} M events/s`;
  const groups = new Map<string, number>();
  for (const f of s.findings) {
    // Failures that need the lost disk are kept apart: Raft assumes votes and logs survive.
    const key = `${f.shrunk.mode} ${f.failure.signature}${f.failsWithoutWipe === false ? ' [only with the lost disk]' : ''}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const distinct = [...groups].map(([sig, n]) => `${n}x ${sig}`).join('; ');
  return `# ${s.cases} cases in ${wallSeconds.toFixed(1)} s (${rate}): ${s.passed} passed (${s.unknownPassed} with an unknown verdict), ${s.findings.length} failed${distinct ? ` — ${distinct}` : ''}`;
}

/** A finding as one JSON object (for --json). */
export function findingJson(f: FuzzFinding): Record<string, unknown> {
  return {
    case: f.original.index, mode: f.shrunk.mode, kind: f.failure.kind, signature: f.failure.signature, sentence: f.failure.sentence,
    faultsDrawn: f.original.faults.length, faultsShrunk: f.shrunk.faults.length, shrinkRuns: f.shrinkRuns,
    failsWithoutWipe: f.failsWithoutWipe, command: f.command, originalCommand: reproducer(f.original, f.failure.kind === 'not-linearizable'),
  };
}

// Seeded random fault schedules for the LogIndex kernel: `hlab logindex --fuzz N`. Each case
// draws a mode, a replica count, a write scale, a seed, a duration and a fault schedule from
// the whole palette of schedule.ts (crash, restart, promote, slow storage, starve, delay, loss,
// partition, heal). A case runs exactly as `hlab logindex` runs its reproducer (the same parse
// of the same --faults text, the same config), under the live checker. A failure (an invalid
// verdict or a kernel trap) is shrunk greedily: fewer commands, a run that ends just after the
// violation, fewer replicas, write scale 1, while it fails the same way (same property, or the
// same trap). The generic parts (generator, case seeds, the drop-one loop) are shared with
// raft's fuzzer in ../fuzzCases.ts.
import { caseSeed, FuzzRng, shrinkByDropping, type ShrinkBudget } from '../fuzzCases';
import { formatDuration } from '../raft/schedule';
import { defaultConfig } from './config';
import { MODES, type BrokenOption, type LogIndexMode } from './protocol';
import { runLogIndex } from './run';
import { formatSchedule, parseSchedule } from './schedule';
import type { LogIndexCommand, LogIndexConfig, LogIndexSummary, SimNs, StampedLogIndexCommand } from './types';

const MS = 1_000_000;
export const MIN_FAULTS = 2;
export const MAX_FAULTS = 10;
const RO_COUNTS = [1, 2, 3, 3, 4, 6, 8, 15] as const;
const WRITE_SCALES = [1, 1, 2, 4, 8, 16] as const;

export interface FuzzCase {
  /** The case's place in its fuzz run (with the fuzz seed, it names the case). */
  index: number;
  mode: LogIndexMode;
  ro: number;
  seed: number;
  writeScale: number;
  durationNs: SimNs;
  /** The drawn fault commands in time order: what the shrinker drops from. */
  faults: StampedLogIndexCommand[];
  /** Deliberately broken options (for checking that the fuzzer catches a broken kernel). */
  broken: BrokenOption[];
}

/** Follows crashes, restarts and promotions so that most drawn commands apply at their time. */
class ClusterModel {
  readonly up: boolean[];
  writer = 0;

  constructor(readonly ro: number) {
    this.up = Array.from({ length: ro + 1 }, () => true);
  }

  replicas(): number[] {
    return this.up.flatMap((_, n) => (n >= 1 && n !== this.writer ? [n] : []));
  }

  apply(c: LogIndexCommand): void {
    if (c.kind === 'crash') {
      if (c.node === this.writer) this.writer = -1;
      this.up[c.node] = false;
    } else if (c.kind === 'restart') {
      this.up[c.node] = true;
      if (this.writer < 0 && c.node === 0) this.writer = 0;
    } else if (c.kind === 'promote' && this.writer < 0) this.writer = c.node;
  }
}

/** One command from the palette: mostly replica faults, and the writer's crash now and then. */
function drawCommand(rng: FuzzRng, model: ClusterModel): LogIndexCommand {
  const replicas = model.replicas();
  const replica = () => rng.pick(replicas.length ? replicas : [1]);
  const factor = () => (rng.chance(0.25) ? 1 : rng.range(2, 50));
  if (model.writer < 0) {
    // The writer is down: promote a live replica, or bring it back, or let time pass with a fault.
    const live = replicas.filter((n) => model.up[n]);
    if (live.length && rng.chance(0.6)) return { kind: 'promote', node: rng.pick(live) };
    if (rng.chance(0.5)) return { kind: 'restart', node: 0 };
  }
  const roll = rng.range(1, 100);
  if (roll <= 18) {
    const down = replicas.filter((n) => !model.up[n]);
    if (down.length && rng.chance(0.7)) return { kind: 'restart', node: rng.pick(down) };
    return { kind: 'crash', node: replica() };
  }
  if (roll <= 26 && model.writer >= 0) return { kind: 'crash', node: model.writer };
  if (roll <= 36) return { kind: 'slow-storage', factor: factor() };
  if (roll <= 46) return { kind: 'starve', node: replica(), factor: factor() };
  if (roll <= 60) return { kind: 'delay', node: replica(), ns: rng.range(1, 5000) * 1000 };
  if (roll <= 72) return { kind: 'loss', node: replica(), permille: rng.range(1, 300) };
  if (roll <= 82) return { kind: 'partition', node: replica() };
  return { kind: 'heal', node: rng.chance(0.5) ? null : replica() };
}

/** Draws case `index` of the fuzz run with seed `fuzzSeed`, in one of `modes`. */
export function generateCase(fuzzSeed: number, index: number, modes: readonly LogIndexMode[] = MODES): FuzzCase {
  const rng = new FuzzRng(caseSeed(fuzzSeed, index));
  const mode = rng.pick(modes);
  const ro = rng.pick(RO_COUNTS);
  const seed = rng.range(1, 999_999);
  const writeScale = rng.pick(WRITE_SCALES);
  const durationNs = rng.range(300, 1500) * MS;
  const count = rng.range(MIN_FAULTS, MAX_FAULTS);
  const times = Array.from({ length: count }, () => rng.range(10, durationNs / MS - 10) * MS).sort((a, b) => a - b);
  const model = new ClusterModel(ro);
  const faults = times.map((at) => {
    const command = drawCommand(rng, model);
    model.apply(command);
    return { at, command };
  });
  return { index, mode, ro, seed, writeScale, durationNs, faults, broken: [] };
}

/** The case's schedule as --faults text (empty when nothing is left of it). */
export function faultsText(c: FuzzCase): string {
  return formatSchedule(c.faults);
}

export function caseConfig(c: FuzzCase): LogIndexConfig {
  const base = defaultConfig();
  return { ...base, mode: c.mode, ro: c.ro, broken: c.broken, writeTps: base.writeTps * c.writeScale };
}

export interface FuzzFailure {
  kind: 'invalid' | 'trap';
  /** What went wrong, in one sentence. */
  sentence: string;
  /** Failures with the same signature are taken for the same bug (the shrinker keeps it). */
  signature: string;
  /** When the violation was found (invalid only): the shrinker ends the run just after it. */
  atNs: SimNs | null;
}

export interface CaseOutcome {
  failure: FuzzFailure | null;
  summary: LogIndexSummary | null;
}

function violationSentence(s: LogIndexSummary): string {
  const v = s.violation!;
  return `${v.property} broken on ${v.page === null ? 'no page' : `page ${v.page}`} at ${v.node}, LSN ${v.lsn}, t=${v.atNs} ns`;
}

/** Runs one case as its reproducer would and says whether (and how) it failed. */
export function runCase(module: WebAssembly.Module, c: FuzzCase): CaseOutcome {
  // Parse the very text the reproducer prints, so the run and the reproducer cannot drift.
  const text = faultsText(c);
  const schedule = text ? parseSchedule(text, '--faults') : [];
  let summary: LogIndexSummary;
  try {
    summary = runLogIndex(module, caseConfig(c), c.seed, c.durationNs, schedule).summary;
  } catch (error) {
    const sentence = error instanceof Error ? error.message : String(error);
    return { failure: { kind: 'trap', sentence, signature: `trap: ${sentence.replace(/\d+/g, 'N')}`, atNs: null }, summary: null };
  }
  if (summary.verdict !== 'invalid') return { failure: null, summary };
  const v = summary.violation!;
  return { failure: { kind: 'invalid', sentence: violationSentence(summary), signature: `invalid: ${v.property}`, atNs: v.atNs }, summary };
}

export interface ShrinkResult {
  case: FuzzCase;
  outcome: CaseOutcome;
  runs: number;
}

/** The case with only the commands due by its end. */
function endingAt(c: FuzzCase, durationNs: SimNs): FuzzCase {
  return { ...c, durationNs, faults: c.faults.filter((f) => f.at <= durationNs) };
}

/** The replica count below which the case cannot go: every replica a command names must exist. */
function namedReplicas(c: FuzzCase): number {
  return Math.max(1, ...c.faults.map((f) => ('node' in f.command && f.command.node !== null ? f.command.node : 0)));
}

/**
 * Shrinks a failing case while it fails with the same signature: drop commands (last first),
 * end the run in the millisecond after the violation (or halve it), fewer replicas, write
 * scale 1; repeated until nothing shrinks or `maxRuns` runs were spent.
 */
export function shrinkCase(module: WebAssembly.Module, failing: FuzzCase, outcome: CaseOutcome, maxRuns = 120): ShrinkResult {
  const signature = outcome.failure?.signature;
  if (!signature) return { case: failing, outcome, runs: 0 };
  const budget: ShrinkBudget = { runs: 0, maxRuns };
  let best = failing;
  let bestOutcome = outcome;
  const tryCase = (candidate: FuzzCase): boolean => {
    if (budget.runs >= budget.maxRuns) return false;
    budget.runs++;
    const o = runCase(module, candidate);
    if (o.failure?.signature !== signature) return false;
    best = candidate;
    bestOutcome = o;
    return true;
  };
  for (let progress = true; progress && budget.runs < budget.maxRuns;) {
    progress = false;
    const before = best;
    best = shrinkByDropping(best, (c) => c.faults.length, (c, i) => ({ ...c, faults: c.faults.filter((_, k) => k !== i) }),
      (candidate) => {
        const o = runCase(module, candidate);
        if (o.failure?.signature !== signature) return false;
        bestOutcome = o;
        return true;
      }, budget);
    if (best !== before) progress = true;
    // A shorter run: up to the millisecond after the violation, else half as long.
    const at = bestOutcome.failure?.atNs ?? null;
    const shorter = at !== null ? Math.ceil((at + 1) / MS) * MS : Math.max(MS, Math.floor(best.durationNs / 2 / MS) * MS);
    if (shorter < best.durationNs && tryCase(endingAt(best, shorter))) progress = true;
    // Fewer replicas, as few as the commands allow, smallest first.
    for (let ro = namedReplicas(best); ro < best.ro; ro++) {
      if (tryCase({ ...best, ro })) {
        progress = true;
        break;
      }
    }
    if (best.writeScale !== 1 && tryCase({ ...best, writeScale: 1 })) progress = true;
  }
  return { case: best, outcome: bestOutcome, runs: budget.runs };
}

/** The `hlab logindex` command line that replays a case (quoted for a POSIX shell). */
export function reproducer(c: FuzzCase): string {
  const parts = ['npx hlab logindex', `--mode ${c.mode}`, `--ro ${c.ro}`, `--seed ${c.seed}`, `--duration ${formatDuration(c.durationNs)}`];
  if (c.writeScale !== 1) parts.push(`--write-scale ${c.writeScale}`);
  const text = faultsText(c);
  if (text) parts.push(`--faults "${text}"`);
  if (c.broken.length) parts.push(`--broken ${c.broken.join(',')}`);
  return parts.join(' ');
}

export interface FuzzFinding {
  original: FuzzCase;
  shrunk: FuzzCase;
  failure: FuzzFailure;
  /** The shrunk case's command line. */
  command: string;
  shrinkRuns: number;
}

export interface FuzzOptions {
  count: number;
  fuzzSeed: number;
  modes?: readonly LogIndexMode[];
  /** Shrink failing cases (default true). */
  shrink?: boolean;
  /** Applies to every case: for checking that the fuzzer catches a broken kernel. */
  broken?: readonly BrokenOption[];
  onCase?: (c: FuzzCase, outcome: CaseOutcome, done: number) => void;
  onFinding?: (finding: FuzzFinding) => void;
}

export interface FuzzSummary {
  cases: number;
  passed: number;
  /** Cases that passed with an "unknown" verdict (the record store filled up). */
  unknownPassed: number;
  findings: FuzzFinding[];
  events: number;
}

/** Runs `count` cases of the fuzz run `fuzzSeed`; shrinks and reports each failure. */
export function fuzz(module: WebAssembly.Module, options: FuzzOptions): FuzzSummary {
  const summary: FuzzSummary = { cases: 0, passed: 0, unknownPassed: 0, findings: [], events: 0 };
  for (let i = 0; i < options.count; i++) {
    const c: FuzzCase = { ...generateCase(options.fuzzSeed, i, options.modes), broken: [...(options.broken ?? [])] };
    const outcome = runCase(module, c);
    summary.cases++;
    summary.events += outcome.summary?.events ?? 0;
    options.onCase?.(c, outcome, i + 1);
    if (!outcome.failure) {
      summary.passed++;
      if (outcome.summary?.verdict === 'unknown') summary.unknownPassed++;
      continue;
    }
    const shrunk = options.shrink === false ? { case: c, outcome, runs: 0 } : shrinkCase(module, c, outcome);
    const finding: FuzzFinding = {
      original: c, shrunk: shrunk.case, failure: shrunk.outcome.failure ?? outcome.failure,
      command: reproducer(shrunk.case), shrinkRuns: shrunk.runs,
    };
    summary.findings.push(finding);
    options.onFinding?.(finding);
  }
  return summary;
}

/** A finding for people: the failure, how far it shrank, and the command that replays it. */
export function findingText(f: FuzzFinding): string {
  const o = f.original;
  const s = f.shrunk;
  return [
    `FAIL case ${o.index} (${s.mode}, ${f.failure.kind}): ${f.failure.sentence}`,
    `  shrunk in ${f.shrinkRuns} runs: ${o.faults.length} -> ${s.faults.length} fault commands, ${formatDuration(o.durationNs)} -> ${formatDuration(s.durationNs)}, ` +
      `${o.ro} -> ${s.ro} replicas, write scale ${o.writeScale} -> ${s.writeScale}`,
    `  ${f.command}`,
  ].join('\n');
}

/** The closing line: runs, passed, failed, and the failures grouped by signature. */
export function summaryText(s: FuzzSummary, wallSeconds: number): string {
  const groups = new Map<string, number>();
  for (const f of s.findings) groups.set(f.failure.signature, (groups.get(f.failure.signature) ?? 0) + 1);
  const distinct = [...groups].map(([sig, n]) => `${n}x ${sig}`).join('; ');
  const rate = `${(s.events / Math.max(wallSeconds, 1e-9) / 1e6).toFixed(2)} M events/s`;
  return `# ${s.cases} runs in ${wallSeconds.toFixed(1)} s (${rate}): ${s.passed} passed (${s.unknownPassed} with an unknown verdict), ` +
    `${s.findings.length} failed${distinct ? ` — ${distinct}` : ''}`;
}

/** A finding as one JSON object (for --json). */
export function findingJson(f: FuzzFinding): Record<string, unknown> {
  return {
    case: f.original.index, mode: f.shrunk.mode, kind: f.failure.kind, signature: f.failure.signature, sentence: f.failure.sentence,
    faultsDrawn: f.original.faults.length, faultsShrunk: f.shrunk.faults.length, ro: f.shrunk.ro, durationNs: f.shrunk.durationNs,
    shrinkRuns: f.shrinkRuns, command: f.command, originalCommand: reproducer(f.original),
  };
}

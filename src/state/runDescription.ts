// What a run is, in the form a share link and the saved session both carry: the workload
// (named, never embedded), the starting configuration, the commands typed along the way
// stamped with the step they applied at, and where the viewer was. Replaying this gives
// back the same run, because the kernel is deterministic.
import { parseCommand } from '../commands/parse';
import { POLICIES, RNG_KINDS } from '../kernels/gpupool/types';
import type { RunConfig, TraceFileRef, WorkloadSource } from '../kernels/gpupool/types';
import { commandList, commandText, FieldError, isRecord, oneOf, onlyKeys, present, tuple, wholeNumber } from './fieldChecks';
import { FNV64_HEX } from './hash';

/** Bump when the compact form changes meaning; old links then get a clear refusal. */
export const FORMAT_VERSION = 1;

export interface StampedCommandText {
  /** Step (pods submitted) at which the command applied. */
  step: number;
  /** Canonical command text, as formatCommand writes it. */
  text: string;
}

export interface RunDescription {
  v: typeof FORMAT_VERSION;
  kernel: 'gpupool';
  workload: WorkloadSource;
  config: RunConfig;
  commands: StampedCommandText[];
  /** The step being viewed. */
  step: number;
}

// Compact form: short keys and tuples keep links short. Field meanings:
//   v version · k kernel · w workload ('s' = synthetic, 's<k>' = synthetic x k, or {n: nodes ref, p: pods ref})
//   c [policy, seed, rng, tune] · m [[step, text], ...] · s current step
// A file ref is [name, bytes, hash].
type CompactRef = [string, number, string];
export interface CompactRun {
  v: number;
  k: 'gpupool';
  w: 's' | `s${number}` | { n: CompactRef; p: CompactRef };
  /** policy, seed, rng, tune, and 1 for time-aware mode (left out when off). */
  c: [string, number, string, number] | [string, number, string, number, 1];
  m: [number, string][];
  s: number;
}

const compactRef = (ref: TraceFileRef): CompactRef => [ref.name, ref.bytes, ref.hash];

export function toCompact(run: RunDescription): CompactRun {
  return {
    v: run.v,
    k: run.kernel,
    w: run.workload.kind === 'synthetic'
      ? scaleTag(run.workload.scale ?? 1)
      : { n: compactRef(run.workload.nodes), p: compactRef(run.workload.pods) },
    c: run.config.timeAware
      ? [run.config.policy, run.config.seed, run.config.rng, run.config.tune, 1]
      : [run.config.policy, run.config.seed, run.config.rng, run.config.tune],
    m: run.commands.map((c) => [c.step, c.text]),
    s: run.step,
  };
}

function fileRef(value: unknown, field: string): TraceFileRef {
  const [name, bytes, hash] = tuple(value, field, 3);
  if (typeof name !== 'string' || name === '') throw new FieldError(`${field}.name`, 'is invalid: expected a file name');
  if (typeof hash !== 'string' || !FNV64_HEX.test(hash)) throw new FieldError(`${field}.hash`, 'is invalid: expected 16 hex digits');
  return { name, bytes: wholeNumber(bytes, `${field}.bytes`), hash };
}

function scaleTag(scale: number): 's' | `s${number}` {
  return scale === 1 ? 's' : `s${scale}`;
}

function workload(value: unknown): WorkloadSource {
  present(value, 'workload');
  if (value === 's') return { kind: 'synthetic' };
  if (typeof value === 'string' && /^s([1-9][0-9]?)$/.test(value)) {
    const scale = Number(value.slice(1));
    if (scale > 64) throw new FieldError('workload', `is invalid: synthetic scale ${scale} is above 64`);
    // "s1" is the plain synthetic workload, which this app writes "s": read it as that.
    return scale === 1 ? { kind: 'synthetic' } : { kind: 'synthetic', scale };
  }
  if (!isRecord(value)) throw new FieldError('workload', 'is invalid: expected synthetic or a pair of trace files');
  onlyKeys(value, 'workload', ['n', 'p']);
  return { kind: 'trace', nodes: fileRef(value.n, 'workload.nodes'), pods: fileRef(value.p, 'workload.pods') };
}

function config(value: unknown): RunConfig {
  present(value, 'config');
  const length = Array.isArray(value) && value.length === 5 ? 5 : 4;
  const [policy, seed, rng, tune, timeAware] = tuple(value, 'config', length);
  if (length === 5 && timeAware !== 1) throw new FieldError('config.timeAware', `is invalid: expected 1, got ${JSON.stringify(timeAware)}`);
  if (typeof tune !== 'number' || !Number.isFinite(tune) || tune < 0) {
    throw new FieldError('config.tune', `is invalid: expected a number >= 0 (0 = untuned), got ${JSON.stringify(tune)}`);
  }
  return {
    policy: oneOf(policy, 'config.policy', POLICIES),
    seed: wholeNumber(seed, 'config.seed', 2 ** 53),
    rng: oneOf(rng, 'config.rng', RNG_KINDS),
    tune,
    ...(length === 5 ? { timeAware: true } : {}),
  };
}

function commands(value: unknown): StampedCommandText[] {
  let previousStep = 0;
  return commandList(value, 'commands').map((entry, i) => {
    const field = `commands[${i}]`;
    const [step, textValue] = tuple(entry, field, 2);
    const at = wholeNumber(step, `${field}.step`);
    if (at < previousStep) throw new FieldError(`${field}.step`, `is invalid: step ${at} comes before the previous command's step ${previousStep}`);
    previousStep = at;
    const text = commandText(textValue, `${field}.text`);
    // Commands are replayed through the bus, so a link can only hold what could be typed.
    const parsed = parseCommand(text);
    if (!parsed.ok) throw new FieldError(`${field}.text`, `is invalid: ${parsed.error}`);
    return { step: at, text };
  });
}

/** The compact form's keys, as CompactRun declares them. */
const COMPACT_KEYS: readonly (keyof CompactRun)[] = ['v', 'k', 'w', 'c', 'm', 's'];

export type RunCheck = { ok: true; run: RunDescription } | { ok: false; reason: string };

/** Checks a parsed compact object field by field; the reason names the first bad field. */
export function fromCompact(value: unknown): RunCheck {
  try {
    if (!isRecord(value)) return { ok: false, reason: 'the data is not a run description (expected an object)' };
    onlyKeys(value, '', COMPACT_KEYS);
    const version = wholeNumber(value.v, 'v');
    if (version !== FORMAT_VERSION) throw new FieldError('v', `is invalid: format version ${version}, this app reads version ${FORMAT_VERSION}`);
    const kernel = present(value.k, 'kernel');
    if (kernel !== 'gpupool') throw new FieldError('kernel', `is invalid: ${JSON.stringify(kernel)} is not a kernel this app runs (gpupool)`);
    return {
      ok: true,
      run: {
        v: FORMAT_VERSION,
        kernel: 'gpupool',
        workload: workload(value.w),
        config: config(value.c),
        commands: commands(value.m),
        step: wholeNumber(value.s, 'step'),
      },
    };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, reason: error.message };
    throw error;
  }
}

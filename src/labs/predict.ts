// A predict question's right answer is never written in the lab: it is computed by looking
// ahead. Forward commands that only move time run on the simulation itself, the answer is
// read there, and the simulation seeks back to where it was. A forward that injects a fault
// ("if the leader crashes now...") runs on a scratch copy instead: seeking back restores the
// state, but the fault would stay in the run's command log and replay on the learner's next
// step.
import { parseCommand } from '../commands/parse';
import type { Command } from '../commands/types';
import { evaluateCondition, evaluateValue } from './expr/compile';
import { simulationSource } from './evalSource';
import { isLookAheadCommand, isLookAheadFault, seeksBefore } from './labFile';
import type { LabPredict, LabTolerance } from './lab';
import type { LabSimulation } from './simulation';
import { substitute, type VariableValues } from './variables';

export type PredictExpectation =
  | { kind: 'number'; value: number; tolerance: LabTolerance }
  | { kind: 'choice'; index: number };

/** How one look-ahead went, for `lab verify` to print. */
export interface LookAheadReport {
  /** Line of the ```predict fence. */
  line: number;
  /** The forward's faults, as the learner reads them (empty: time only, on the run itself). */
  faults: string[];
  /** The learner's run's state hash before and after (with checkRestored; else empty). */
  hashBefore: string;
  hashAfter: string;
}

export interface PredictOptions {
  /** Compare state hashes before and after, to prove the look-ahead left no trace (verify). */
  checkRestored?: boolean;
  /** Called once per look-ahead that produced an answer. */
  onLookAhead?: (report: LookAheadReport) => void;
}

/** True when the predict's forward injects a fault: a what-if that only a scratch copy sees. */
export function predictHasFault(predict: LabPredict, variables: VariableValues = {}): boolean {
  return predict.forward.some((line) => {
    const parsed = parseCommand(substitute(line.text, variables).text);
    return parsed.ok && isLookAheadFault(parsed.command);
  });
}

export async function computePredict(predict: LabPredict, sim: LabSimulation, variables: VariableValues, options: PredictOptions = {}): Promise<PredictExpectation> {
  const forward: { line: number; text: string; command: Command }[] = [];
  for (const line of predict.forward) {
    const text = substitute(line.text, variables).text;
    const parsed = parseCommand(text);
    if (!parsed.ok) throw new Error(`line ${line.line}: ${parsed.error}`);
    if (!isLookAheadCommand(parsed.command)) throw new Error(`line ${line.line}: "${text}" neither moves time forward nor injects a fault`);
    forward.push({ line: line.line, text, command: parsed.command });
  }
  const faults = forward.filter((f) => isLookAheadFault(f.command)).map((f) => f.text);
  const hashBefore = options.checkRestored ? await sim.stateHash() : '';
  // A simulation with no scratch copy is one already (the app's look-ahead workers).
  const ahead = faults.length > 0 && sim.scratchCopy ? await sim.scratchCopy() : sim;
  const start = Number(await ahead.query('step'));
  const before = await podCounters(ahead);
  const commandCounts = new Map<string, number>();
  let answered = false;
  try {
    for (const { line, text, command } of forward) {
      // query('step') is the run's position: a step of the GPU pool, simulated ns of a raft run.
      const now = Number(await ahead.query('step'));
      if (seeksBefore(command, now)) throw new Error(`line ${line}: "${text}" would go backwards from step ${now}`);
      const result = await ahead.execute(command);
      if (!result.ok) throw new Error(`line ${line}: ${result.lines.join(' ')}`);
      commandCounts.set(command.name, (commandCounts.get(command.name) ?? 0) + 1);
    }
    const after = await podCounters(ahead);
    const placed = after.placed - before.placed;
    const failed = after.failed - before.failed;
    // count(...) in a predict counts what the look-ahead did.
    const count = (kind: string): number =>
      kind === 'placed' ? placed : kind === 'failed' ? failed : kind === 'submitted' ? placed + failed : commandCounts.get(kind) ?? 0;
    const source = simulationSource(ahead, variables, count);
    if (predict.kind === 'number') {
      const value = Number(await evaluateValue(predict.answer, source));
      if (!Number.isFinite(value)) throw new Error(`the answer is ${value}, not a number a learner can give`);
      answered = true;
      return { kind: 'number', value, tolerance: predict.tolerance };
    }
    const truths: number[] = [];
    const details: string[] = [];
    for (const [i, choice] of predict.choices.entries()) {
      const result = await evaluateCondition(choice.when, source);
      if (result.pass) truths.push(i);
      details.push(`"${choice.text}": ${result.pass ? 'true' : 'false'} (${result.values})`);
    }
    if (truths.length !== 1) throw new Error(`exactly one choice must be right, but ${truths.length} are: ${details.join('; ')}`);
    answered = true;
    return { kind: 'choice', index: truths[0] };
  } finally {
    // A scratch copy is simply dropped; the run itself goes back to where it was.
    if (ahead === sim) await sim.seek(start);
    const hashAfter = options.checkRestored ? await sim.stateHash() : '';
    if (hashAfter !== hashBefore) throw new Error(`looking ahead changed the state at step ${start} (hash ${hashBefore} became ${hashAfter})`);
    if (answered) options.onLookAhead?.({ line: predict.line, faults, hashBefore, hashAfter });
  }
}

async function podCounters(sim: LabSimulation): Promise<{ placed: number; failed: number }> {
  return { placed: Number(await sim.query('placed')), failed: Number(await sim.query('failed')) };
}

export interface PredictGrade {
  correct: boolean;
  /** The kernel's answer as the learner should read it. */
  expected: string;
}

/** Grades a learner's answer: a number within tolerance, or the index of the right choice. */
export function gradePredict(predict: LabPredict, expectation: PredictExpectation, answer: number): PredictGrade {
  if (expectation.kind === 'choice') {
    const right = predict.kind === 'choice' ? predict.choices[expectation.index].text : String(expectation.index);
    return { correct: answer === expectation.index, expected: right };
  }
  const { value, tolerance } = expectation;
  const allowed = tolerance.kind === 'absolute' ? tolerance.value : Math.abs(value) * tolerance.value;
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return { correct: Number.isFinite(answer) && Math.abs(answer - value) <= allowed, expected: shown };
}

// A predict question's right answer is never written in the lab: it is computed by looking
// ahead. The forward commands run on the live simulation (they only move time forward),
// the answer is read there, and the simulation seeks back to where it was.
import { parseCommand } from '../commands/parse';
import { evaluateCondition, evaluateValue } from './expr/compile';
import { simulationSource } from './evalSource';
import { isForwardCommand } from './labFile';
import type { LabPredict, LabTolerance } from './lab';
import type { LabSimulation } from './simulation';
import { substitute, type VariableValues } from './variables';

export type PredictExpectation =
  | { kind: 'number'; value: number; tolerance: LabTolerance }
  | { kind: 'choice'; index: number };

export interface PredictOptions {
  /** Compare state hashes before and after, to prove the look-ahead left no trace (verify). */
  checkRestored?: boolean;
}

export async function computePredict(predict: LabPredict, sim: LabSimulation, variables: VariableValues, options: PredictOptions = {}): Promise<PredictExpectation> {
  const start = Number(await sim.query('step'));
  const hashBefore = options.checkRestored ? await sim.stateHash() : '';
  const before = await podCounters(sim);
  const commandCounts = new Map<string, number>();
  try {
    for (const line of predict.forward) {
      const parsed = parseCommand(substitute(line.text, variables).text);
      if (!parsed.ok) throw new Error(`line ${line.line}: ${parsed.error}`);
      const command = parsed.command;
      if (!isForwardCommand(command)) throw new Error(`line ${line.line}: "${command.name}" does not move time forward`);
      // query('step') is the run's position: a step of the GPU pool, simulated ns of a raft run.
      const backwards = command.name === 'seek' ? command.target.kind === 'absolute' && command.target.step < Number(await sim.query('step'))
        : command.name === 'raft' && command.action === 'seek' && command.ns < Number(await sim.query('step'));
      if (backwards) {
        throw new Error(`line ${line.line}: "${line.text}" would go backwards from step ${await sim.query('step')}`);
      }
      const result = await sim.execute(command);
      if (!result.ok) throw new Error(`line ${line.line}: ${result.lines.join(' ')}`);
      commandCounts.set(command.name, (commandCounts.get(command.name) ?? 0) + 1);
    }
    const after = await podCounters(sim);
    const placed = after.placed - before.placed;
    const failed = after.failed - before.failed;
    // count(...) in a predict counts what the look-ahead did.
    const count = (kind: string): number =>
      kind === 'placed' ? placed : kind === 'failed' ? failed : kind === 'submitted' ? placed + failed : commandCounts.get(kind) ?? 0;
    const source = simulationSource(sim, variables, count);
    if (predict.kind === 'number') {
      const value = Number(await evaluateValue(predict.answer, source));
      if (!Number.isFinite(value)) throw new Error(`the answer is ${value}, not a number a learner can give`);
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
    return { kind: 'choice', index: truths[0] };
  } finally {
    await sim.seek(start);
    if (options.checkRestored) {
      const hashAfter = await sim.stateHash();
      if (hashAfter !== hashBefore) throw new Error(`looking ahead changed the state at step ${start} (hash ${hashBefore} became ${hashAfter})`);
    }
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

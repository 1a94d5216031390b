// The lab engine a UI drives: one learner, one lab, one simulation. It sets up the scenario,
// runs or records commands, evaluates checks, reveals hints, grades predicts and keeps the
// progress as plain JSON. No DOM; every call that touches the simulation is async.
import { formatCommand, parseCommand } from '../commands/parse';
import type { Command, CommandResult } from '../commands/types';
import { evaluateCondition } from './expr/compile';
import { simulationSource } from './evalSource';
import { EventLog } from './eventLog';
import type { Lab, LabCommandLine, LabStep } from './lab';
import { computePredict, gradePredict, predictHasFault, type PredictGrade, type PredictOptions } from './predict';
import { cloneProgress, emptyStepProgress, isProgressFor, PROGRESS_FORMAT, type CheckRecord, type LabProgress } from './progress';
import type { LabSimulation } from './simulation';
import { drawVariables, substitute, type VariableValues } from './variables';

export interface LabSessionOptions {
  /** Picks the learner's variables; the same seed always gives the same values. */
  learnerSeed?: number;
  /** Resume from saved progress: the scenario is set up and the logged commands replayed. */
  progress?: unknown;
  predict?: PredictOptions;
}

/** The next rung of the hint ladder. */
export type HintRung =
  | { kind: 'hint'; number: number; of: number; markdown: string }
  | { kind: 'solution'; markdown: string; commands: string[] };

export class LabSession {
  private readonly log: EventLog;
  private progressState: LabProgress;

  private constructor(readonly lab: Lab, private readonly sim: LabSimulation, progress: LabProgress, private readonly predictOptions: PredictOptions) {
    this.progressState = progress;
    this.log = new EventLog(progress.log);
  }

  /** Opens a lab: a fresh start, or a resume when valid saved progress is given. */
  static async open(lab: Lab, sim: LabSimulation, options: LabSessionOptions = {}): Promise<LabSession> {
    const saved = options.progress;
    if (saved !== undefined && isProgressFor(saved, lab.id, lab.steps.length)) {
      const progress = cloneProgress(saved);
      const session = new LabSession(lab, sim, progress, options.predict ?? {});
      await session.replay();
      return session;
    }
    const learnerSeed = options.learnerSeed ?? 0;
    const progress: LabProgress = {
      format: PROGRESS_FORMAT,
      labId: lab.id,
      labTitle: lab.title,
      learnerSeed,
      variables: drawVariables(lab.variables, lab.id, learnerSeed),
      setupNotes: [],
      current: 0,
      steps: lab.steps.map(emptyStepProgress),
      log: [],
    };
    const session = new LabSession(lab, sim, progress, options.predict ?? {});
    progress.setupNotes = await sim.setUp(lab.scenario, lab.seed, lab.kernel);
    await session.observe();
    await session.beginStep(0);
    return session;
  }

  /** Rebuilds the run of saved progress: the scenario, then every logged command in order. */
  private async replay(): Promise<void> {
    this.progressState.setupNotes = await this.sim.setUp(this.lab.scenario, this.lab.seed, this.lab.kernel);
    for (const text of this.log.commands()) {
      const parsed = parseCommand(text);
      if (parsed.ok) await this.sim.execute(parsed.command);
    }
    this.log.rebase(await this.counters());
  }

  /** A copy of the progress (plain JSON) for saving or exporting. */
  get progress(): LabProgress {
    return cloneProgress(this.progressState);
  }

  get variables(): VariableValues {
    return { ...this.progressState.variables };
  }

  get finished(): boolean {
    return this.progressState.current >= this.lab.steps.length;
  }

  /** The step in progress, or null once the lab is finished. */
  get currentStep(): LabStep | null {
    return this.lab.steps[this.progressState.current] ?? null;
  }

  /** Text with the learner's variable values in place of $name (prose, commands, questions). */
  personalise(text: string): string {
    return substitute(text, this.progressState.variables).text;
  }

  /** The command lines of a block, ready to run or to show (variables substituted). */
  commandsOf(lines: readonly LabCommandLine[]): string[] {
    return lines.map((l) => this.personalise(l.text));
  }

  /**
   * Runs a command (a click on a lab command, or the solution) through the simulation and
   * records it. A UI whose terminal runs commands itself calls `record` instead.
   */
  async run(text: string): Promise<CommandResult> {
    const parsed = parseCommand(this.personalise(text));
    if (!parsed.ok) return { ok: false, lines: [parsed.error] };
    const result = await this.sim.execute(parsed.command);
    await this.record(parsed.command, result);
    return result;
  }

  /** Records a command that ran elsewhere (the app's command bus), then the pods it moved. */
  async record(command: Command, result: CommandResult): Promise<void> {
    const at = Number(await this.sim.query('step'));
    await this.observe();
    this.log.command(command.name, formatCommand(command), at, result.ok);
  }

  /** Notes pods submitted since the last look (a UI calls this while `run` animates). */
  async observe(): Promise<void> {
    this.log.observe(await this.counters());
  }

  private async counters(): Promise<{ placed: number; failed: number }> {
    return { placed: Number(await this.sim.query('placed')), failed: Number(await this.sim.query('failed')) };
  }

  /** Evaluates the current step's check; a pass completes the step (call `next` to go on). */
  async check(): Promise<CheckRecord> {
    const step = this.currentStep;
    if (step === null) return { pass: true, message: 'the lab is finished' };
    await this.observe();
    const source = simulationSource(this.sim, this.progressState.variables, (kind) => this.log.countSinceBegin(kind));
    const result = await evaluateCondition(step.check, source);
    const record: CheckRecord = { pass: result.pass, message: result.message };
    const p = this.progressState.steps[step.index];
    p.checkAttempts++;
    p.lastCheck = record;
    if (result.pass) p.completed = true;
    return record;
  }

  /** Reveals the next hint, then the solution; repeated calls keep returning the solution. */
  nextHint(): HintRung | null {
    const step = this.currentStep;
    if (step === null) return null;
    const p = this.progressState.steps[step.index];
    if (p.hintsUsed < step.hints.length) {
      p.hintsUsed++;
      return { kind: 'hint', number: p.hintsUsed, of: step.hints.length, markdown: this.personalise(step.hints[p.hintsUsed - 1]) };
    }
    p.solutionShown = true;
    return { kind: 'solution', markdown: this.personalise(step.solutionMarkdown), commands: this.commandsOf(step.solution) };
  }

  /** Runs the current step's solution commands in order (the "solve it for me" button, and verify). */
  async runSolution(): Promise<CommandResult[]> {
    const step = this.currentStep;
    if (step === null) return [];
    this.progressState.steps[step.index].solutionShown = true;
    const results: CommandResult[] = [];
    for (const line of step.solution) results.push(await this.run(line.text));
    return results;
  }

  /** Grades the learner's predict answer (a number, or a choice index). */
  answerPredict(answer: number): PredictGrade {
    const step = this.currentStep;
    const record = step ? this.progressState.steps[step.index].predict : null;
    if (step === null || step.predict === null || record === null) throw new Error('this step has no predict question');
    const grade = gradePredict(step.predict, record.expectation, answer);
    record.answer = answer;
    record.correct = grade.correct;
    return grade;
  }

  /**
   * What a UI plays on the learner's run once the current predict is answered: a forward
   * that only moves time (the learner watches the answer happen); nothing for a what-if,
   * whose fault stays on its scratch copy. `lab verify` plays the same, so the state it
   * checks the step's commands from is the learner's.
   */
  playedAfterAnswer(): string[] {
    const predict = this.currentStep?.predict ?? null;
    if (predict === null || predictHasFault(predict, this.progressState.variables)) return [];
    return this.commandsOf(predict.forward);
  }

  /** The run's state hash (kernel state and command log); equal hashes, equal runs. */
  stateHash(): Promise<string> {
    return this.sim.stateHash();
  }

  /** Moves to the next step once the current one is completed (or when `skip` is set). */
  async next(skip = false): Promise<LabStep | null> {
    const step = this.currentStep;
    if (step === null) return null;
    if (!this.progressState.steps[step.index].completed && !skip) throw new Error(`step ${step.index + 1} is not completed yet: run its check first`);
    await this.beginStep(step.index + 1);
    return this.currentStep;
  }

  /** Marks the step's beginning (for count(...)) and computes its predict answer by looking ahead. */
  private async beginStep(index: number): Promise<void> {
    this.progressState.current = index;
    const step = this.lab.steps[index];
    if (step === undefined) return;
    await this.observe();
    this.log.begin(index);
    const p = this.progressState.steps[index];
    if (step.predict !== null && p.predict === null) {
      try {
        const expectation = await computePredict(step.predict, this.sim, this.progressState.variables, this.predictOptions);
        p.predict = { expectation, answer: null, correct: null };
      } catch (error) {
        p.predictError = error instanceof Error ? error.message : String(error);
      }
      // The look-ahead's pods were not the learner's.
      this.log.rebase(await this.counters());
    }
  }
}

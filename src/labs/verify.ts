// `hlab lab verify`: proves a lab is solvable, that each check can fail, and that it never
// traps a learner. For every step, from a fresh start: the predict answer can be computed
// (and looking ahead leaves no trace), the check fails before the step's solution runs,
// every solution command succeeds, and the check passes after it. Then, as a learner who
// follows the lab: answer the predict, click the step's commands in the order shown, and the
// check passes. Every check says what to do when it fails (its ```not-yet block).
import { parseLab } from './labFile';
import { formatLabError } from './source';
import { LabSession } from './session';
import type { LabSimulation } from './simulation';
import type { Lab, LabKernel, LabStep } from './lab';
import type { LookAheadReport } from './predict';

export interface VerifyLine {
  ok: boolean;
  /** e.g. "step 2 check before solution". */
  what: string;
  message: string;
}

export interface VerifyReport {
  file: string;
  labId: string | null;
  ok: boolean;
  /** Problems with the file itself (file:line:column: message). */
  errors: string[];
  lines: VerifyLine[];
  notes: string[];
}

export interface VerifyOptions {
  /** Learner seeds to run with; default one seed, or two when the lab has variables. */
  learnerSeeds?: number[];
}

/** A fresh simulation of the lab's kernel. */
export type SimulationFactory = (kernel: LabKernel) => LabSimulation;

/** For a predict with a fault: where it looked ahead, and the proof the learner's run kept its state. */
function untouched(report: LookAheadReport | undefined): string {
  if (report === undefined || report.faults.length === 0) return '';
  return ` (what-if ${report.faults.map((f) => `"${f}"`).join(', ')} on a scratch copy; the run's state hash ${report.hashAfter} is the one before the predict)`;
}

export async function verifyLabText(file: string, text: string, newSimulation: SimulationFactory, options: VerifyOptions = {}): Promise<VerifyReport> {
  const parsed = parseLab(file, text);
  if (!parsed.ok) return { file, labId: null, ok: false, errors: parsed.errors.map(formatLabError), lines: [], notes: [] };
  return verifyLab(parsed.lab, newSimulation, options);
}

export async function verifyLab(lab: Lab, newSimulation: SimulationFactory, options: VerifyOptions = {}): Promise<VerifyReport> {
  const seeds = options.learnerSeeds ?? (Object.keys(lab.variables).length > 0 ? [1, 2] : [1]);
  const lines: VerifyLine[] = [];
  const notes = new Set<string>();
  for (const step of lab.steps) {
    if (step.notYet === null) {
      lines.push({ ok: false, what: `step ${step.index + 1} "${step.title}" not-yet`, message: `line ${step.check.source.line}: the check has no \`\`\`not-yet block saying what to do when it fails` });
    }
  }
  for (const learnerSeed of seeds) {
    await verifySolutions(lab, newSimulation, learnerSeed, seeds.length > 1, lines, notes);
    await verifyShownCommands(lab, newSimulation, learnerSeed, seeds.length > 1, lines);
  }
  return { file: lab.file, labId: lab.id, ok: lines.every((l) => l.ok), errors: [], lines, notes: [...notes] };
}

function learnerTag(session: LabSession, tagged: boolean): string {
  if (!tagged) return '';
  return ` [learner ${session.progress.learnerSeed}: ${Object.entries(session.variables).map(([k, v]) => `$${k}=${v}`).join(' ')}]`;
}

/** The step's name as a report line gives it. */
const stepName = (step: LabStep, who: string) => `step ${step.index + 1} "${step.title}"${who}`;

/** Each step's check fails before its solution and passes after it; each predict has one answer. */
async function verifySolutions(lab: Lab, newSimulation: SimulationFactory, learnerSeed: number, tagged: boolean, lines: VerifyLine[], notes: Set<string>): Promise<void> {
  // Each look-ahead's hashes, by predict line: the run must be as it was before the predict.
  const lookAheads = new Map<number, LookAheadReport>();
  const onLookAhead = (report: LookAheadReport) => lookAheads.set(report.line, report);
  const session = await LabSession.open(lab, newSimulation(lab.kernel), { learnerSeed, predict: { checkRestored: true, onLookAhead } });
  session.progress.setupNotes.forEach((n) => notes.add(n));
  const who = learnerTag(session, tagged);
  for (const step of lab.steps) {
    const name = stepName(step, who);
    const p = session.progress.steps[step.index];
    if (step.predict !== null) {
      const e = p.predict?.expectation;
      const answer = e === undefined ? '' : e.kind === 'number' ? String(Number(e.value.toFixed(4))) : `"${step.predict.kind === 'choice' ? step.predict.choices[e.index].text : e.index}"`;
      lines.push(p.predictError === null
        ? { ok: true, what: `${name} predict`, message: `answer ${answer}${untouched(lookAheads.get(step.predict.line))}` }
        : { ok: false, what: `${name} predict`, message: `line ${step.predict.line}: ${p.predictError}` });
    }
    const before = await session.check();
    lines.push(before.pass
      ? { ok: false, what: `${name} check before solution`, message: `passes before the solution runs, so it cannot fail (line ${step.check.source.line})` }
      : { ok: true, what: `${name} check before solution`, message: `fails as it should: ${before.message}${step.notYet === null ? '' : `; the learner reads: ${session.personalise(step.notYet)}`}` });
    const results = await session.runSolution();
    results.forEach((r, i) => {
      if (!r.ok) lines.push({ ok: false, what: `${name} solution`, message: `line ${step.solution[i].line}: "${step.solution[i].text}" failed: ${r.lines.join(' ')}` });
    });
    const after = await session.check();
    lines.push(after.pass
      ? { ok: true, what: `${name} check after solution`, message: 'passes' }
      : { ok: false, what: `${name} check after solution`, message: `fails after the solution (line ${step.check.source.line}): ${after.message}` });
    if (!after.pass) break;
    await session.next();
  }
}

/**
 * A learner who follows the lab never gets stuck: step by step, from where the previous steps
 * left the run, they answer the predict (rightly; any answer leaves the run the same), watch
 * what the app then plays (a time-only forward), click every one-click command in the order
 * shown, and the check passes.
 */
async function verifyShownCommands(lab: Lab, newSimulation: SimulationFactory, learnerSeed: number, tagged: boolean, lines: VerifyLine[]): Promise<void> {
  const session = await LabSession.open(lab, newSimulation(lab.kernel), { learnerSeed });
  const who = learnerTag(session, tagged);
  for (const step of lab.steps) {
    const name = `${stepName(step, who)} commands as shown`;
    const failed = (message: string) => lines.push({ ok: false, what: name, message });
    const expectation = session.progress.steps[step.index].predict?.expectation;
    if (step.predict !== null && expectation !== undefined) {
      const hash = await session.stateHash();
      session.answerPredict(expectation.kind === 'number' ? expectation.value : expectation.index);
      if ((await session.stateHash()) !== hash) return void failed(`line ${step.predict.line}: answering the predict changed the run`);
      for (const text of session.playedAfterAnswer()) {
        const r = await session.run(text);
        if (!r.ok) return void failed(`line ${step.predict.line}: the forward "${text}" played after the answer failed: ${r.lines.join(' ')}`);
      }
    }
    for (const line of step.commandBlocks.flat()) {
      const r = await session.run(line.text);
      if (!r.ok) return void failed(`line ${line.line}: "${session.personalise(line.text)}" failed: ${r.lines.join(' ')}`);
    }
    const shown = step.commandBlocks.flat().map((l) => session.personalise(l.text)).join('; ') || 'no commands';
    const result = await session.check();
    if (!result.pass) return void failed(`${lab.file}: the check (line ${step.check.source.line}) fails after ${shown}: ${result.message}`);
    lines.push({ ok: true, what: name, message: `the check passes after ${shown}` });
    await session.next();
  }
}

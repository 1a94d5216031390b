// `hlab lab verify`: proves a lab is solvable and that each check can fail. For every step,
// from a fresh start: the predict answer can be computed (and looking ahead leaves no
// trace), the check fails before the step's solution runs, every solution command
// succeeds, and the check passes after it.
import { parseLab } from './labFile';
import { formatLabError } from './source';
import { LabSession } from './session';
import type { LabSimulation } from './simulation';
import type { Lab, LabKernel } from './lab';
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
  for (const learnerSeed of seeds) {
    // Each look-ahead's hashes, by predict line: the run must be as it was before the predict.
    const lookAheads = new Map<number, LookAheadReport>();
    const onLookAhead = (report: LookAheadReport) => lookAheads.set(report.line, report);
    const session = await LabSession.open(lab, newSimulation(lab.kernel), { learnerSeed, predict: { checkRestored: true, onLookAhead } });
    session.progress.setupNotes.forEach((n) => notes.add(n));
    const who = seeds.length > 1 ? ` [learner ${learnerSeed}: ${Object.entries(session.variables).map(([k, v]) => `$${k}=${v}`).join(' ')}]` : '';
    for (const step of lab.steps) {
      const name = `step ${step.index + 1} "${step.title}"${who}`;
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
        : { ok: true, what: `${name} check before solution`, message: `fails as it should: ${before.message}` });
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
  return { file: lab.file, labId: lab.id, ok: lines.every((l) => l.ok), errors: [], lines, notes: [...notes] };
}

// A learner's progress through one lab: plain JSON, so a UI can autosave it (IndexedDB),
// export it (an HTML report) and resume from it. No clocks: a UI may add its own times.
import type { LogEntry } from './eventLog';
import type { PredictExpectation } from './predict';
import type { VariableValues } from './variables';

export const PROGRESS_FORMAT = 'hlab-lab-progress/1';

export interface CheckRecord {
  pass: boolean;
  /** "passed", or the clause that failed and its values. */
  message: string;
}

export interface PredictRecord {
  /** The kernel's answer, computed when the step began. */
  expectation: PredictExpectation;
  /** The learner's answer: a number, or the index of a choice; null until answered. */
  answer: number | null;
  correct: boolean | null;
}

export interface StepProgress {
  completed: boolean;
  /** Hints revealed so far (the solution is the rung after the last hint). */
  hintsUsed: number;
  solutionShown: boolean;
  checkAttempts: number;
  lastCheck: CheckRecord | null;
  predict: PredictRecord | null;
  /** Why the predict could not be computed (shown instead of the question). */
  predictError: string | null;
}

export interface LabProgress {
  format: typeof PROGRESS_FORMAT;
  labId: string;
  labTitle: string;
  learnerSeed: number;
  variables: VariableValues;
  /** Notes from setting up the scenario, e.g. a trace that fell back to synthetic. */
  setupNotes: string[];
  /** Index of the step in progress; equals the step count once the lab is finished. */
  current: number;
  steps: StepProgress[];
  /** The run's command log with pod counts and step markers. */
  log: LogEntry[];
}

export function emptyStepProgress(): StepProgress {
  return { completed: false, hintsUsed: 0, solutionShown: false, checkAttempts: 0, lastCheck: null, predict: null, predictError: null };
}

/** A deep copy, so a caller can store or send it without sharing state with the engine. */
export function cloneProgress(progress: LabProgress): LabProgress {
  return JSON.parse(JSON.stringify(progress)) as LabProgress;
}

/** Checks that stored JSON is a progress record for this lab before resuming from it. */
export function isProgressFor(value: unknown, labId: string, steps: number): value is LabProgress {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<LabProgress>;
  return p.format === PROGRESS_FORMAT && p.labId === labId && Array.isArray(p.steps) && p.steps.length === steps
    && Array.isArray(p.log) && typeof p.current === 'number' && typeof p.learnerSeed === 'number';
}

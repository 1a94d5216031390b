// A lab, as the engine and a UI see it once the file has been read and checked.
import type { CompiledExpr } from './expr/compile';
import type { SourceSnippet } from './source';
import type { FrontMatter } from './frontMatter';

/** A kernel's id as a lab's `kernel:` names it (the kernel registry lists them). */
export type LabKernel = string;

/**
 * The scenario a lab starts from, as its kernel's lab definition read it (each kernel's
 * lab.ts names the shape; the engine only hands it back to that kernel's simulation).
 */
export type AnyLabScenario = object;

/** A per-learner parameter, drawn from the learner's seed (like Packet Tracer's variables). */
export type VariableSpec =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'choice'; choices: (string | number)[] };

/** One line of a ```hlab block, as written (it may contain $variables). */
export type LabCommandLine = SourceSnippet;

export interface LabTolerance {
  kind: 'absolute' | 'relative';
  /** Milli-units are whatever the answer's are; relative is a fraction (0.05 = 5 %). */
  value: number;
}

export interface LabPredictChoice {
  text: string;
  /** True in the forward state for the right choice (exactly one must be). */
  when: CompiledExpr;
}

export type LabPredict = {
  question: string;
  /**
   * Commands run ahead from the step's start: time moving forward (step, seek forward, run)
   * and faults, which only ever reach a scratch copy of the run (fail node, raft crash, ...).
   */
  forward: LabCommandLine[];
  line: number;
} & (
  | { kind: 'number'; answer: CompiledExpr; tolerance: LabTolerance }
  | { kind: 'choice'; choices: LabPredictChoice[] }
);

export interface LabStep {
  index: number;
  title: string;
  /** Line of the "## Step:" heading. */
  line: number;
  /** The step's prose (Markdown), with ```hlab blocks kept and ```check/```predict removed. */
  markdown: string;
  /** The runnable ```hlab blocks of the prose, in order. */
  commandBlocks: LabCommandLine[][];
  check: CompiledExpr;
  /** What to do next when the check fails, in the author's words (Markdown); null: not written. */
  notYet: string | null;
  predict: LabPredict | null;
  /** The hint ladder, gentlest first (Markdown). */
  hints: string[];
  /** The solution's prose (Markdown, with its ```hlab blocks). */
  solutionMarkdown: string;
  /** The commands that solve the step, in order. */
  solution: LabCommandLine[];
}

/** A parsed lab: its front matter, then its prose and steps. */
export interface Lab extends FrontMatter {
  file: string;
  /** Prose before the first step (Markdown). */
  intro: string;
  steps: LabStep[];
  /** Prose after the last step, under any non-step "##" heading (Markdown). */
  outro: string;
}

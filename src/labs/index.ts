// The lab engine's public surface, for the UI (lab pane, presenter mode, progress storage,
// report export) and the CLI. Pure TypeScript: no DOM, no Node APIs.
export type { AnyLabScenario, Lab, LabKernel, LabStep, LabPredict, LabPredictChoice, LabTolerance, VariableSpec, LabCommandLine } from './lab';
export type { LabError, SourceSnippet } from './source';
export { formatLabError } from './source';
export { parseLab, type LabParseResult } from './labFile';
export type { LabSimulation } from './simulation';
export { LabSession, type LabSessionOptions, type HintRung } from './session';
export type { LabProgress, StepProgress, CheckRecord, PredictRecord } from './progress';
export { isProgressFor, PROGRESS_FORMAT } from './progress';
export type { LogEntry } from './eventLog';
export type { PredictExpectation, PredictGrade } from './predict';
export { renderStepMarkdown, type Sanitizer } from './render';
export { verifyLab, verifyLabText, type VerifyReport, type VerifyLine, type VerifyOptions } from './verify';
export { compileExpr, evaluateCondition, type CompiledExpr, type ConditionResult } from './expr/compile';
export { NODE_FACTS, NODE_FACT_NAMES } from './expr/vocabulary';

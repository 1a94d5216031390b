// One entry point for lab code: text (with its place in the file) -> a checked expression,
// or an error with line and column; and a checked expression -> its value or explanation.
import type { Expr } from './ast';
import { ExprSyntaxError } from './lexer';
import { parseExpr } from './parser';
import { checkExprType, ExprTypeError, type TypeEnv } from './typecheck';
import { evaluate, ExprRuntimeError, type EvalSource } from './evaluate';
import { explainFalse, leafValues } from './explain';
import { positionIn, type SourcePosition, type SourceSnippet } from '../source';
import type { Value, ValueType } from './vocabulary';

export interface CompiledExpr {
  source: SourceSnippet;
  expr: Expr;
  type: ValueType;
}

export interface ExprError extends SourcePosition {
  message: string;
}

export type CompileResult = { ok: true; compiled: CompiledExpr } | { ok: false; error: ExprError };

/** Parses and type-checks; `wanted` is the type the context needs (checks need a condition). */
export function compileExpr(source: SourceSnippet, env: TypeEnv, wanted: ValueType, role: string): CompileResult {
  try {
    const expr = parseExpr(source.text);
    checkExprType(expr, env, wanted, role);
    return { ok: true, compiled: { source, expr, type: wanted } };
  } catch (error) {
    if (error instanceof ExprSyntaxError || error instanceof ExprTypeError) {
      return { ok: false, error: { ...positionIn(source, error.offset), message: error.message } };
    }
    throw error;
  }
}

export interface ConditionResult {
  pass: boolean;
  /** "check passed", or which clause failed and with which values. */
  message: string;
  /** Every leaf the condition read, "name = value", for a progress report. */
  values: string;
}

/** Evaluates a condition; a runtime error (say, a node that does not exist) counts as failed. */
export async function evaluateCondition(compiled: CompiledExpr, source: EvalSource): Promise<ConditionResult> {
  const text = compiled.source.text;
  try {
    const values = await evaluate(compiled.expr, source);
    const pass = values.get(compiled.expr) === true;
    return { pass, message: pass ? 'passed' : explainFalse(text, compiled.expr, values), values: leafValues(text, compiled.expr, values) };
  } catch (error) {
    return { pass: false, message: runtimeMessage(compiled, error), values: '' };
  }
}

export async function evaluateValue(compiled: CompiledExpr, source: EvalSource): Promise<Value> {
  try {
    const values = await evaluate(compiled.expr, source);
    return values.get(compiled.expr)!;
  } catch (error) {
    throw new Error(runtimeMessage(compiled, error));
  }
}

function runtimeMessage(compiled: CompiledExpr, error: unknown): string {
  const offset = error instanceof ExprRuntimeError ? error.offset : 0;
  const at = positionIn(compiled.source, offset);
  return `line ${at.line}, column ${at.column}: ${error instanceof Error ? error.message : String(error)}`;
}

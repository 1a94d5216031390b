// Evaluation by walking the tree (never eval). Leaves are fetched through an async source,
// because in the app the simulation lives in a worker. Every node is evaluated (no
// short-circuit), so a failing check can report the values of all its clauses.
import type { ArithOp, CompareOp, Expr } from './ast';
import type { Value } from './vocabulary';

export interface EvalSource {
  metric(name: string): Promise<Value>;
  /** Events of this kind since the step began (or during a predict's forward run). */
  count(event: string): Promise<number>;
  variable(name: string): Value;
  nodeFact(fact: string, node: number): Promise<number>;
}

/** The value of every node of the tree, for explanations. */
export type Evaluation = Map<Expr, Value>;

export class ExprRuntimeError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export async function evaluate(expr: Expr, source: EvalSource, values: Evaluation = new Map()): Promise<Evaluation> {
  await evaluateNode(expr, source, values);
  return values;
}

async function evaluateNode(expr: Expr, source: EvalSource, values: Evaluation): Promise<Value> {
  const value = await compute(expr, source, values);
  values.set(expr, value);
  return value;
}

async function compute(expr: Expr, source: EvalSource, values: Evaluation): Promise<Value> {
  const sub = (e: Expr) => evaluateNode(e, source, values);
  switch (expr.kind) {
    case 'number': case 'string': case 'bool':
      return expr.value;
    case 'metric':
      return source.metric(expr.name);
    case 'variable':
      return source.variable(expr.name);
    case 'count':
      return source.count(expr.event);
    case 'nodeFact': {
      const node = (await sub(expr.node)) as number;
      if (!Number.isInteger(node) || node < 0) throw new ExprRuntimeError(`${expr.fact}: node id must be a whole number >= 0, got ${formatValue(node)}`, expr.node.start);
      return source.nodeFact(expr.fact, node);
    }
    case 'negate':
      return -((await sub(expr.operand)) as number);
    case 'not':
      return !(await sub(expr.operand));
    case 'arith':
      return arithmetic(expr.op, (await sub(expr.left)) as number, (await sub(expr.right)) as number);
    case 'logic': {
      const a = (await sub(expr.left)) as boolean;
      const b = (await sub(expr.right)) as boolean;
      return expr.op === 'and' ? a && b : a || b;
    }
    case 'compare':
      return compare(expr.op, await sub(expr.left), await sub(expr.right));
  }
}

function arithmetic(op: ArithOp, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
  }
}

function compare(op: CompareOp, a: Value, b: Value): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    case '!=': return a !== b;
  }
}

/** Numbers as a learner reads them: whole numbers exactly, others with at most 4 decimals. */
export function formatValue(value: Value): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'boolean') return String(value);
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return value > 0 ? 'infinity' : '-infinity';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(4)));
}

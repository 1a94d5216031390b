// Static checks before a lab ever runs: every name exists, every operator gets the types it
// needs, and a check is a yes/no question. Errors point at the offending part.
import type { Expr } from './ast';
import { EVENT_KINDS, metricType, type ValueType } from './vocabulary';
import { closestMatch } from '../../commands/editDistance';
import { QUERY_METRIC_NAMES } from '../../commands/registry';
import { POLICIES } from '../../kernels/gpupool/types';

export class ExprTypeError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export interface TypeEnv {
  /** Declared variables and their types. */
  variables: Readonly<Record<string, ValueType>>;
}

const suggestion = (word: string, choices: readonly string[]): string => {
  const near = closestMatch(word, choices);
  return near !== null ? `; did you mean ${near}?` : '';
};

export function typeOf(expr: Expr, env: TypeEnv): ValueType {
  switch (expr.kind) {
    case 'number': return 'number';
    case 'string': return 'string';
    case 'bool': return 'bool';
    case 'metric': {
      const type = metricType(expr.name);
      if (type === undefined) {
        const hint = EVENT_KINDS.includes(expr.name) ? `; to count ${expr.name} events write count(${expr.name})` : suggestion(expr.name, QUERY_METRIC_NAMES);
        throw new ExprTypeError(`unknown metric "${expr.name}"${hint} (metrics: ${QUERY_METRIC_NAMES.join(', ')})`, expr.start);
      }
      return type;
    }
    case 'variable': {
      const type = env.variables[expr.name];
      if (type === undefined) {
        const names = Object.keys(env.variables);
        const declared = names.length > 0 ? ` (declared: ${names.map((n) => `$${n}`).join(', ')})` : ' (the front matter declares no variables)';
        const near = closestMatch(expr.name, names);
        throw new ExprTypeError(`unknown variable $${expr.name}${near !== null ? `; did you mean $${near}?` : ''}${declared}`, expr.start);
      }
      return type;
    }
    case 'count':
      if (!EVENT_KINDS.includes(expr.event)) {
        throw new ExprTypeError(`unknown event kind "${expr.event}"${suggestion(expr.event, EVENT_KINDS)} (kinds: ${EVENT_KINDS.join(', ')})`, expr.eventStart);
      }
      return 'number';
    case 'nodeFact':
      expectType(expr.node, 'number', env, `the node of ${expr.fact}(...)`);
      return 'number';
    case 'negate':
      expectType(expr.operand, 'number', env, 'unary minus');
      return 'number';
    case 'arith':
      expectType(expr.left, 'number', env, `"${expr.op}"`);
      expectType(expr.right, 'number', env, `"${expr.op}"`);
      return 'number';
    case 'not':
      expectType(expr.operand, 'bool', env, '"not"');
      return 'bool';
    case 'logic':
      expectType(expr.left, 'bool', env, `"${expr.op}"`);
      expectType(expr.right, 'bool', env, `"${expr.op}"`);
      return 'bool';
    case 'compare': {
      const left = typeOf(expr.left, env);
      const right = typeOf(expr.right, env);
      if (expr.op !== '==' && expr.op !== '!=') {
        if (left !== 'number') throw new ExprTypeError(`"${expr.op}" compares numbers, but its left side is a ${left}`, expr.left.start);
        if (right !== 'number') throw new ExprTypeError(`"${expr.op}" compares numbers, but its right side is a ${right}`, expr.right.start);
      } else if (left !== right) {
        throw new ExprTypeError(`"${expr.op}" compares a ${left} with a ${right}; both sides must be numbers, or both strings, or both true/false`, expr.start);
      }
      checkPolicyLiteral(expr.left, expr.right);
      checkPolicyLiteral(expr.right, expr.left);
      return 'bool';
    }
  }
}

function expectType(expr: Expr, wanted: ValueType, env: TypeEnv, what: string): void {
  const found = typeOf(expr, env);
  if (found !== wanted) throw new ExprTypeError(`${what} needs a ${describeType(wanted)}, found a ${describeType(found)}`, expr.start);
}

const describeType = (t: ValueType): string => (t === 'bool' ? 'true/false condition' : t);

/** `policy == "Bestfit"` would silently never be true: catch the misspelling. */
function checkPolicyLiteral(side: Expr, other: Expr): void {
  if (side.kind !== 'metric' || side.name !== 'policy' || other.kind !== 'string') return;
  if ((POLICIES as readonly string[]).includes(other.value)) return;
  throw new ExprTypeError(`"${other.value}" is not a policy${suggestion(other.value, POLICIES)} (policies: ${POLICIES.join(', ')})`, other.start);
}

/** Type-checks and insists on the type the context needs (a check must be a condition). */
export function checkExprType(expr: Expr, env: TypeEnv, wanted: ValueType, role: string): void {
  const found = typeOf(expr, env);
  if (found !== wanted) throw new ExprTypeError(`${role} must be a ${describeType(wanted)}, but this is a ${describeType(found)}`, expr.start);
}

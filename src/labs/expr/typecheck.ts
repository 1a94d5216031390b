// Static checks before a lab ever runs: every name exists, every operator gets the types it
// needs, and a check is a yes/no question. Errors point at the offending part.
import type { Expr } from './ast';
import { eventKinds, metricNames, metricType, otherKernelOf, type ValueType } from './vocabulary';
import { KERNEL_IDS, KERNELS, labKernel } from '../../kernels/registry';
import { closestMatch } from '../../commands/editDistance';

export class ExprTypeError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export interface TypeEnv {
  /** Declared variables and their types. */
  variables: Readonly<Record<string, ValueType>>;
  /** The lab's kernel: it decides which metrics exist (default: the registry's first). */
  kernel?: string;
}

const suggestion = (word: string, choices: readonly string[]): string => {
  const near = closestMatch(word, choices);
  return near !== null ? `; did you mean ${near}?` : '';
};

const kernelOf = (env: TypeEnv): string => env.kernel ?? KERNEL_IDS[0];
/** The kernels whose labs have node facts, as messages call them ("the GPU pool"). */
const nodeFactKernels = (): string => KERNELS.filter((k) => k.lab.nodeFacts).map((k) => k.lab.noun).join(' or ');

export function typeOf(expr: Expr, env: TypeEnv): ValueType {
  switch (expr.kind) {
    case 'number': return 'number';
    case 'string': return 'string';
    case 'bool': return 'bool';
    case 'metric': {
      const kernel = kernelOf(env);
      const type = metricType(expr.name, kernel);
      if (type === undefined) {
        const names = metricNames(kernel);
        const other = otherKernelOf(expr.name, kernel);
        const hint = eventKinds(kernel).includes(expr.name) ? `; to count ${expr.name} events write count(${expr.name})` : suggestion(expr.name, names);
        const what = other ? `"${expr.name}" is a ${other} metric, not a ${kernel} one` : `unknown metric "${expr.name}"`;
        throw new ExprTypeError(`${what}${hint} (${kernel} metrics: ${names.join(', ')})`, expr.start);
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
    case 'count': {
      const kinds = eventKinds(kernelOf(env));
      if (!kinds.includes(expr.event)) {
        throw new ExprTypeError(`unknown event kind "${expr.event}"${suggestion(expr.event, kinds)} (kinds: ${kinds.join(', ')})`, expr.eventStart);
      }
      return 'number';
    }
    case 'nodeFact':
      if (!labKernel(kernelOf(env)).nodeFacts) throw new ExprTypeError(`${expr.fact}(...) reads a node of ${nodeFactKernels()}; a ${kernelOf(env)} lab has no such facts`, expr.start);
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
      checkLiteral(expr.left, expr.right, kernelOf(env));
      checkLiteral(expr.right, expr.left, kernelOf(env));
      return 'bool';
    }
  }
}

function expectType(expr: Expr, wanted: ValueType, env: TypeEnv, what: string): void {
  const found = typeOf(expr, env);
  if (found !== wanted) throw new ExprTypeError(`${what} needs a ${describeType(wanted)}, found a ${describeType(found)}`, expr.start);
}

const describeType = (t: ValueType): string => (t === 'bool' ? 'true/false condition' : t);

/** `policy == "Bestfit"` or `mode == "paralel"` would silently never be true: catch the misspelling. */
function checkLiteral(side: Expr, other: Expr, kernel: string): void {
  if (side.kind !== 'metric' || other.kind !== 'string') return;
  const literals = labKernel(kernel).literals;
  const known = Object.hasOwn(literals, side.name) ? literals[side.name] : undefined;
  if (known === undefined || known.values.includes(other.value)) return;
  throw new ExprTypeError(`"${other.value}" is not a ${known.what}${suggestion(other.value, known.values)} (${known.what}s: ${known.values.join(', ')})`, other.start);
}

/** Type-checks and insists on the type the context needs (a check must be a condition). */
export function checkExprType(expr: Expr, env: TypeEnv, wanted: ValueType, role: string): void {
  const found = typeOf(expr, env);
  if (found !== wanted) throw new ExprTypeError(`${role} must be a ${describeType(wanted)}, but this is a ${describeType(found)}`, expr.start);
}

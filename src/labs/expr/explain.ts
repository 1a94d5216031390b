// Why a condition is false, in the author's own words: the clause that failed, quoted from
// the lab, and the values it saw, e.g. "failed >= 1 is false: failed = 0".
import type { Expr } from './ast';
import { formatValue, type Evaluation } from './evaluate';

/** The text of a node as written, with runs of whitespace folded to one space. */
export function quote(text: string, expr: Expr): string {
  return text.slice(expr.start, expr.end).replace(/\s+/g, ' ').trim();
}

/** The leaves a clause looked at, each once, in reading order: "failed = 0, $node = 12". */
export function leafValues(text: string, expr: Expr, values: Evaluation): string {
  const seen = new Map<string, string>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'metric': case 'variable': case 'count': case 'nodeFact':
        seen.set(quote(text, e), formatValue(values.get(e)!));
        if (e.kind === 'nodeFact') visit(e.node);
        return;
      case 'negate': case 'not':
        visit(e.operand);
        return;
      case 'arith': case 'compare': case 'logic':
        visit(e.left);
        visit(e.right);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return [...seen].map(([name, value]) => `${name} = ${value}`).join(', ');
}

/** Explains a condition that evaluated to false. */
export function explainFalse(text: string, expr: Expr, values: Evaluation): string {
  switch (expr.kind) {
    case 'logic':
      if (expr.op === 'and') {
        // The first false clause is the one to fix first.
        return values.get(expr.left) === false ? explainFalse(text, expr.left, values) : explainFalse(text, expr.right, values);
      }
      return `${explainFalse(text, expr.left, values)}; and ${explainFalse(text, expr.right, values)}`;
    case 'not': {
      const inner = leafValues(text, expr.operand, values);
      return `${quote(text, expr)} is false: ${quote(text, expr.operand)} is true${inner ? ` (${inner})` : ''}`;
    }
    default: {
      const leaves = leafValues(text, expr, values);
      return `${quote(text, expr)} is false${leaves ? `: ${leaves}` : ''}`;
    }
  }
}

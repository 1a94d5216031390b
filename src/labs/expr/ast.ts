// The syntax tree of a check or predict expression. Every node keeps its span in the
// expression text, so errors and "which clause failed" messages can quote the author.

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type ArithOp = '+' | '-' | '*' | '/';

interface Span {
  start: number;
  end: number;
}

export type Expr =
  | ({ kind: 'number'; value: number } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'bool'; value: boolean } & Span)
  /** A `query` metric of the current state, e.g. failed, allocRatio, policy. */
  | ({ kind: 'metric'; name: string } & Span)
  /** A per-learner variable from the front matter, e.g. $node. */
  | ({ kind: 'variable'; name: string } & Span)
  /** How many events of one kind happened since the step began, e.g. count(failed). */
  | ({ kind: 'count'; event: string; eventStart: number } & Span)
  /** A fact about one node, e.g. nodeFragment($node). */
  | ({ kind: 'nodeFact'; fact: string; node: Expr } & Span)
  | ({ kind: 'negate'; operand: Expr } & Span)
  | ({ kind: 'not'; operand: Expr } & Span)
  | ({ kind: 'arith'; op: ArithOp; left: Expr; right: Expr } & Span)
  | ({ kind: 'compare'; op: CompareOp; left: Expr; right: Expr } & Span)
  | ({ kind: 'logic'; op: 'and' | 'or'; left: Expr; right: Expr } & Span);

export const COMPARE_OPS: readonly CompareOp[] = ['<', '<=', '>', '>=', '==', '!='];

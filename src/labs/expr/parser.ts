// Recursive descent over the check language. Precedence, loosest first:
//   or  <  and  <  not  <  comparison (one, not chained)  <  + -  <  * /  <  unary -  <  atoms
// Atoms: numbers, "strings", true/false, metric names, $variables, count(kind),
// node facts such as nodeFragment($node), and parentheses.
// The type checker, the evaluator and the explanations all walk the tree recursively, so the
// parser refuses a tree deeper than MAX_EXPR_DEPTH (and its own recursion as deep), with its
// own message, before any of them could run out of stack.
import { COMPARE_OPS, type CompareOp, type Expr } from './ast';
import { ExprSyntaxError, lex, type ExprToken } from './lexer';
import { NODE_FACT_NAMES } from './vocabulary';

/** Deepest tree (and deepest nesting of brackets, minus signs and not) a check may have. */
export const MAX_EXPR_DEPTH = 64;

export const tooDeepMessage = (): string =>
  `the expression is nested too deeply (more than ${MAX_EXPR_DEPTH} levels of brackets, minus signs, not, or chained operators); split it into simpler parts`;

export function parseExpr(text: string): Expr {
  const parser = new Parser(lex(text));
  if (parser.peek().kind === 'eof') throw new ExprSyntaxError('the expression is empty', 0);
  const expr = parser.or();
  const next = parser.peek();
  if (next.kind !== 'eof') throw new ExprSyntaxError(`unexpected ${describe(next)} after a complete expression (missing and/or?)`, next.start);
  return expr;
}

function describe(token: ExprToken): string {
  switch (token.kind) {
    case 'eof': return 'end of expression';
    case 'string': return `string "${token.text}"`;
    case 'variable': return `$${token.text}`;
    default: return `"${token.text}"`;
  }
}

class Parser {
  private index = 0;
  /** How many brackets, unary minuses, nots and calls the parser is inside. */
  private nesting = 0;
  /** Height of each node built so far (a leaf is 1). */
  private readonly heights = new Map<Expr, number>();
  constructor(private readonly tokens: ExprToken[]) {}

  /** Records a node's height from its children's and refuses one that is too tall, at `at`. */
  private made<E extends Expr>(expr: E, at: number, ...children: Expr[]): E {
    const height = 1 + Math.max(0, ...children.map((c) => this.heights.get(c) ?? 1));
    if (height > MAX_EXPR_DEPTH) throw new ExprSyntaxError(tooDeepMessage(), at);
    this.heights.set(expr, height);
    return expr;
  }

  /** Runs a nested parse one level deeper, refusing to go past the limit. */
  private nested<T>(at: ExprToken, parse: () => T): T {
    if (++this.nesting > MAX_EXPR_DEPTH) throw new ExprSyntaxError(tooDeepMessage(), at.start);
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  peek(): ExprToken {
    return this.tokens[this.index];
  }

  private take(): ExprToken {
    const token = this.tokens[this.index];
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private isKeyword(text: string): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.text === text;
  }

  private expectOp(text: string, what: string): ExprToken {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) throw new ExprSyntaxError(`expected "${text}" ${what}, found ${describe(t)}`, t.start);
    return this.take();
  }

  or(): Expr {
    let left = this.and();
    while (this.isKeyword('or')) {
      const op = this.take();
      const right = this.and();
      left = this.made({ kind: 'logic', op: 'or', left, right, start: left.start, end: right.end }, op.start, left, right);
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword('and')) {
      const op = this.take();
      const right = this.not();
      left = this.made({ kind: 'logic', op: 'and', left, right, start: left.start, end: right.end }, op.start, left, right);
    }
    return left;
  }

  private not(): Expr {
    if (this.isKeyword('not')) {
      const token = this.take();
      const operand = this.nested(token, () => this.not());
      return this.made({ kind: 'not', operand, start: token.start, end: operand.end }, token.start, operand);
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.sum();
    const t = this.peek();
    if (t.kind !== 'op' || !(COMPARE_OPS as readonly string[]).includes(t.text)) return left;
    this.take();
    const right = this.sum();
    const after = this.peek();
    if (after.kind === 'op' && (COMPARE_OPS as readonly string[]).includes(after.text)) {
      throw new ExprSyntaxError(`comparisons do not chain: write "a ${t.text} b and b ${after.text} c"`, after.start);
    }
    return this.made({ kind: 'compare', op: t.text as CompareOp, left, right, start: left.start, end: right.end }, t.start, left, right);
  }

  private sum(): Expr {
    let left = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const token = this.take();
      const right = this.product();
      left = this.made({ kind: 'arith', op: token.text as '+' | '-', left, right, start: left.start, end: right.end }, token.start, left, right);
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const token = this.take();
      const right = this.unary();
      left = this.made({ kind: 'arith', op: token.text as '*' | '/', left, right, start: left.start, end: right.end }, token.start, left, right);
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const token = this.take();
      const operand = this.nested(token, () => this.unary());
      return this.made({ kind: 'negate', operand, start: token.start, end: operand.end }, token.start, operand);
    }
    return this.atom();
  }

  private atom(): Expr {
    const t = this.take();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: t.value!, start: t.start, end: t.end };
      case 'string':
        return { kind: 'string', value: t.text, start: t.start, end: t.end };
      case 'variable':
        return { kind: 'variable', name: t.text, start: t.start, end: t.end };
      case 'keyword':
        if (t.text === 'true' || t.text === 'false') return { kind: 'bool', value: t.text === 'true', start: t.start, end: t.end };
        throw new ExprSyntaxError(`"${t.text}" needs something on its left`, t.start);
      case 'ident':
        return this.isOp('(') ? this.call(t) : { kind: 'metric', name: t.text, start: t.start, end: t.end };
      case 'op':
        if (t.text === '(') {
          const inner = this.nested(t, () => this.or());
          const close = this.expectOp(')', 'to close the "(" opened at column ' + (t.start + 1));
          // The span includes the parentheses so quoted clauses read as written.
          return this.made({ ...inner, start: t.start, end: close.end }, t.start, ...children(inner));
        }
        throw new ExprSyntaxError(`expected a value, found ${describe(t)}`, t.start);
      case 'eof':
        throw new ExprSyntaxError('the expression ends too early: expected a value', t.start);
    }
  }

  /** count(kind) or a node fact like nodeFragment($node); other names are not functions. */
  private call(name: ExprToken): Expr {
    this.take(); // (
    if (name.text === 'count') {
      const event = this.take();
      if (event.kind !== 'ident') throw new ExprSyntaxError(`count(...) takes an event kind such as failed or placed, found ${describe(event)}`, event.start);
      const close = this.expectOp(')', 'after the event kind');
      return { kind: 'count', event: event.text, eventStart: event.start, start: name.start, end: close.end };
    }
    if ((NODE_FACT_NAMES as readonly string[]).includes(name.text)) {
      const node = this.nested(name, () => this.sum());
      const close = this.expectOp(')', `after the node of ${name.text}(...)`);
      return this.made({ kind: 'nodeFact', fact: name.text, node, start: name.start, end: close.end }, name.start, node);
    }
    throw new ExprSyntaxError(`"${name.text}" is not a function; the functions are count and ${NODE_FACT_NAMES.join(', ')}`, name.start);
  }
}

/** A node's direct children (a bracketed copy keeps its original's height). */
function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'negate': case 'not': return [expr.operand];
    case 'nodeFact': return [expr.node];
    case 'arith': case 'compare': case 'logic': return [expr.left, expr.right];
    default: return [];
  }
}

// Recursive descent over the check language. Precedence, loosest first:
//   or  <  and  <  not  <  comparison (one, not chained)  <  + -  <  * /  <  unary -  <  atoms
// Atoms: numbers, "strings", true/false, metric names, $variables, count(kind),
// node facts such as nodeFragment($node), and parentheses.
import { COMPARE_OPS, type CompareOp, type Expr } from './ast';
import { ExprSyntaxError, lex, type ExprToken } from './lexer';
import { NODE_FACT_NAMES } from './vocabulary';

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
  constructor(private readonly tokens: ExprToken[]) {}

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
      this.take();
      const right = this.and();
      left = { kind: 'logic', op: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword('and')) {
      this.take();
      const right = this.not();
      left = { kind: 'logic', op: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private not(): Expr {
    if (this.isKeyword('not')) {
      const start = this.take().start;
      const operand = this.not();
      return { kind: 'not', operand, start, end: operand.end };
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
    return { kind: 'compare', op: t.text as CompareOp, left, right, start: left.start, end: right.end };
  }

  private sum(): Expr {
    let left = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.take().text as '+' | '-';
      const right = this.product();
      left = { kind: 'arith', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.take().text as '*' | '/';
      const right = this.unary();
      left = { kind: 'arith', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const start = this.take().start;
      const operand = this.unary();
      return { kind: 'negate', operand, start, end: operand.end };
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
          const inner = this.or();
          const close = this.expectOp(')', 'to close the "(" opened at column ' + (t.start + 1));
          // The span includes the parentheses so quoted clauses read as written.
          return { ...inner, start: t.start, end: close.end };
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
      const node = this.sum();
      const close = this.expectOp(')', `after the node of ${name.text}(...)`);
      return { kind: 'nodeFact', fact: name.text, node, start: name.start, end: close.end };
    }
    throw new ExprSyntaxError(`"${name.text}" is not a function; the functions are count and ${NODE_FACT_NAMES.join(', ')}`, name.start);
  }
}

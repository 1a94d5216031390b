// Tokens of the check language: numbers, "strings", metric names, $variables, operators and
// the words and/or/not/true/false. Offsets are kept so every error can point at a column.

export type TokenKind = 'number' | 'string' | 'ident' | 'variable' | 'op' | 'keyword' | 'eof';

export interface ExprToken {
  kind: TokenKind;
  /** The number's digits, the string's contents, the name (without $), or the operator. */
  text: string;
  value?: number;
  /** Offset of the first character in the expression text. */
  start: number;
  end: number;
}

export const KEYWORDS = ['and', 'or', 'not', 'true', 'false'] as const;

/** Two-character operators first, so `<=` is not read as `<` then `=`. */
const OPERATORS = ['<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/', '(', ')', ','];

/** Spellings from other languages, with what to write instead. */
const FOREIGN: Record<string, string> = {
  '&&': 'and', '||': 'or', '!': 'not (or != for "not equal")', '=': '== (a single = is not a comparison)',
};

export class ExprSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

// Sticky patterns read at a position, so a long text is never copied once per token.
const NUMBER = /(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

export function lex(text: string): ExprToken[] {
  const tokens: ExprToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    // A comment runs to the end of the line, so a long check can explain itself.
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const number = matchAt(NUMBER, text, i);
    if (number) {
      const after = text[i + number[0].length];
      if (after !== undefined && /[A-Za-z_]/.test(after)) {
        throw new ExprSyntaxError(`"${number[0]}${after}..." is not a number (units are not written in checks)`, i);
      }
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]), start: i, end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== ch) {
        if (text[j] === '\n') break;
        if (text[j] === '\\' && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      if (text[j] !== ch) throw new ExprSyntaxError(`string opened here is never closed (missing ${ch})`, i);
      tokens.push({ kind: 'string', text: value, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      const name = matchAt(NAME, text, i + 1);
      if (!name) throw new ExprSyntaxError('"$" must be followed by a variable name, e.g. $node', i);
      tokens.push({ kind: 'variable', text: name[0], start: i, end: i + 1 + name[0].length });
      i += 1 + name[0].length;
      continue;
    }
    const name = matchAt(NAME, text, i);
    if (name) {
      const kind = (KEYWORDS as readonly string[]).includes(name[0]) ? 'keyword' : 'ident';
      tokens.push({ kind, text: name[0], start: i, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    const foreign = Object.keys(FOREIGN).find((f) => text.startsWith(f, i) && !OPERATORS.some((o) => o.length > 1 && text.startsWith(o, i)));
    if (foreign !== undefined) throw new ExprSyntaxError(`"${foreign}" is not an operator here; write ${FOREIGN[foreign]}`, i);
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    throw new ExprSyntaxError(`unexpected character "${ch}"`, i);
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}

// Splits a typed line into words the way a small shell would: whitespace separates words,
// '...' is literal, "..." allows backslash escapes, and quoted parts join neighbouring text
// ("a"b is one word). Positions are kept so errors can point at a column.

export interface Token {
  /** The word after quotes and escapes are removed. */
  text: string;
  /** Index in the line of the word's first character (0-based). */
  start: number;
  /** Index just past the word's last character. */
  end: number;
  /** True when any part was quoted: "42" is then a name, not a number. */
  quoted: boolean;
}

export interface TokenizeResult {
  tokens: Token[];
  /** Set when a quote is never closed; the last token then runs to the end of the line. */
  unterminatedQuoteAt: number | null;
}

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

export function tokenize(line: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  let unterminatedQuoteAt: number | null = null;
  while (i < line.length) {
    if (isSpace(line[i])) {
      i++;
      continue;
    }
    const start = i;
    let text = '';
    let quoted = false;
    while (i < line.length && !isSpace(line[i])) {
      const ch = line[i];
      if (ch === "'" || ch === '"') {
        quoted = true;
        const open = i;
        i++;
        let closed = false;
        while (i < line.length) {
          const c = line[i];
          if (c === ch) {
            closed = true;
            i++;
            break;
          }
          // Only double quotes treat backslash as an escape, as in a POSIX shell.
          if (ch === '"' && c === '\\' && i + 1 < line.length) {
            text += line[i + 1];
            i += 2;
            continue;
          }
          text += c;
          i++;
        }
        if (!closed) unterminatedQuoteAt = open;
      } else {
        text += ch;
        i++;
      }
    }
    tokens.push({ text, start, end: i, quoted });
  }
  return { tokens, unterminatedQuoteAt };
}

/** A word written so that `tokenize` gives it back unchanged (and unquoted only if safe). */
export function quoteIfNeeded(word: string, forceQuotes = false): string {
  if (!forceQuotes && /^[^\s"'\\]+$/.test(word)) return word;
  return `"${word.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

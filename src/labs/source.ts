// Where things are in a lab file. Every error a lab author sees names the file, the line and
// the column (1-based, as editors count), so it can be jumped to.

/** A piece of a lab file (a check, a command line, a YAML value) and where it starts. */
export interface SourceSnippet {
  text: string;
  /** 1-based line of the snippet's first character in the file. */
  line: number;
  /** 1-based column of the snippet's first character in the file. */
  column: number;
}

export interface SourcePosition {
  line: number;
  column: number;
}

export interface LabError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatLabError(error: LabError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}

/** The file position of `offset` (0-based) inside a snippet, following its newlines. */
export function positionIn(snippet: SourceSnippet, offset: number): SourcePosition {
  let line = snippet.line;
  let column = snippet.column;
  const end = Math.min(offset, snippet.text.length);
  for (let i = 0; i < end; i++) {
    if (snippet.text[i] === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column };
}

/** A snippet for a string that is not in any file (typed in a UI, or a test). */
export function looseSnippet(text: string): SourceSnippet {
  return { text, line: 1, column: 1 };
}

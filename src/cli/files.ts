// Files named on the command line, checked before they are read or written, so a missing
// file, a directory or an unreadable path is a sentence naming the flag, never a bare
// EISDIR or ENOENT with a stack trace.
import { openSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './args';

export type FileRead = { ok: true; text: string; bytes: Buffer } | { ok: false; reason: string };

/** What is wrong with reading `path` as a file, or null when it can be read. */
export function readProblem(path: string): string | null {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? `no such file: ${path}` : `cannot read ${path} (${code ?? String(error)})`;
  }
  if (stat.isDirectory()) return `${path} is a directory, not a file`;
  if (!stat.isFile()) return `${path} is not a regular file`;
  return null;
}

/** Reads a whole file as bytes and UTF-8 text, or says why it cannot. */
export function readTextFile(path: string): FileRead {
  const problem = readProblem(path);
  if (problem !== null) return { ok: false, reason: problem };
  try {
    const bytes = readFileSync(path);
    return { ok: true, bytes, text: bytes.toString('utf8') };
  } catch (error) {
    return { ok: false, reason: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

/** The file `--flag` names, read; a problem is a usage error naming the flag. */
export function readFlagFile(flag: string, path: string): { text: string; bytes: Buffer } {
  const read = readTextFile(path);
  if (!read.ok) throw new UsageError(`--${flag}: ${read.reason}`);
  return read;
}

/** Checks `--flag <path>` can be read as a file (for readers that stream it themselves). */
export function requireReadable(flag: string, path: string): void {
  const problem = readProblem(path);
  if (problem !== null) throw new UsageError(`--${flag}: ${problem}`);
}

/** Opens `--flag <path>` for writing (created or truncated), or says why it cannot. */
export function openForWriting(flag: string, path: string): number {
  const problem = writeProblem(path);
  if (problem !== null) throw new UsageError(`--${flag}: ${problem}`);
  try {
    return openSync(path, 'w');
  } catch (error) {
    throw new UsageError(`--${flag}: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Checks `--flag <path>` can be written before any work starts. */
export function requireWritable(flag: string, path: string): void {
  const problem = writeProblem(path);
  if (problem !== null) throw new UsageError(`--${flag}: ${problem}`);
}

function writeProblem(path: string): string | null {
  try {
    if (statSync(path).isDirectory()) return `${path} is a directory, not a file`;
  } catch {
    // Not there yet: its folder must be.
    try {
      if (!statSync(dirname(path)).isDirectory()) return `${dirname(path)} is not a directory`;
    } catch {
      return `the folder ${dirname(path)} does not exist`;
    }
  }
  return null;
}


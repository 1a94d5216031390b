// A kernel's own command word (`raft ...`) is parsed by a grammar that loads with the kernel,
// not with the page: the first load knows the word and its one-line summary (the command
// table) and where the grammar is (src/kernels/catalog.ts, told by main.ts through
// knowGrammar). Every command waits in the bus until its grammar is there, so a parse or an
// echo never meets a word it cannot read. Node (labs, the CLI) installs them all up front
// through the registry.
import type { CommandSpec } from './registry';
import type { Token } from './tokenize';
import type { Command } from './types';

export type GrammarParse = { ok: true; command: Command } | { ok: false; error: string; column: number };

export interface KernelGrammar {
  /** The command word: the kernel's id. */
  readonly word: string;
  /** The full table entry: syntax, help lines and completers. */
  readonly spec: CommandSpec;
  /** `tokens` are the words after the command word; `endColumn` is where a missing one goes. */
  parse(tokens: Token[], endColumn: number): GrammarParse;
  /** The canonical typed form, command word included. */
  format(command: Command): string;
  /** The lines of `help <word>` before its examples, by locale other than English. */
  readonly localHelp?: Readonly<Record<string, () => Promise<readonly string[]>>>;
}

const installed = new Map<string, KernelGrammar>();
const loaders = new Map<string, () => Promise<KernelGrammar>>();

/** Says where a kernel word's grammar loads from, for when it is first needed. */
export function knowGrammar(word: string, load: () => Promise<KernelGrammar>): void {
  loaders.set(word.toLowerCase(), load);
}

/** Makes a kernel's commands readable; installing the same grammar again changes nothing. */
export function installGrammar(grammar: KernelGrammar): void {
  installed.set(grammar.word, grammar);
}

/** The installed grammar of a command word, or undefined (not a kernel's, or not loaded yet). */
export function grammarOf(word: string): KernelGrammar | undefined {
  return installed.get(word.toLowerCase());
}

/** Loads and installs the grammar of a kernel's command word; other words resolve at once. */
export async function loadGrammar(word: string): Promise<void> {
  const lower = word.toLowerCase();
  if (installed.has(lower)) return;
  const loader = loaders.get(lower);
  if (loader !== undefined) installGrammar(await loader());
}

/** Loads the grammar a typed line needs: its first word's, and the front kernel's for a bare verb. */
export async function loadGrammarsFor(line: string, front: string | null): Promise<void> {
  const first = /^\s*(\S+)/.exec(line)?.[1];
  await Promise.all([first === undefined ? undefined : loadGrammar(first.replace(/^["']/, '')), front === null ? undefined : loadGrammar(front)]);
}

/** Every kernel's grammar, for code that parses any kernel's lines (labs, saved runs). */
export async function loadAllGrammars(): Promise<void> {
  await Promise.all([...loaders.keys()].map((word) => loadGrammar(word)));
}

// Reads a lab file: front matter, steps, command blocks, checks, predicts, hints and the
// solution. Collects every problem it finds, each with file:line:column, instead of
// stopping at the first, so an author fixes them in one pass.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseCommand } from '../commands/parse';
import type { Command } from '../commands/types';
import { closestMatch } from '../commands/editDistance';
import { KERNEL_IDS, KERNELS, labKernel } from '../kernels/registry';
import { compileExpr, type CompiledExpr } from './expr/compile';
import type { TypeEnv } from './expr/typecheck';
import { readFrontMatter } from './frontMatter';
import { commandWord } from './labKernel';
import type { Lab, LabCommandLine, LabKernel, LabPredict, LabPredictChoice, LabStep, LabTolerance } from './lab';
import { fencesOf, splitLab, type Fence } from './markdownSections';
import type { LabError, SourceSnippet } from './source';
import { sampleVariables, substitute, variableTypes, type VariableValues } from './variables';

export type LabParseResult = { ok: true; lab: Lab; errors: [] } | { ok: false; lab: null; errors: LabError[] };

/** A command that only moves some kernel's time forward (step, raft seek, ...). */
export function isForwardCommand(command: Command): boolean {
  return KERNELS.some((k) => k.lab.isForward(command));
}

/**
 * A fault a predict may inject into its look-ahead (`fail node|gpu`, `raft crash`, ...). It is
 * stamped into a scratch copy of the run, never into the learner's (see predict.ts). Commands
 * that change the configuration (policy, seed, raft mode, raft reset, ...) start or reshape
 * the learner's run, so they stay out of a look-ahead.
 */
export function isLookAheadFault(command: Command): boolean {
  return KERNELS.some((k) => k.lab.isLookAheadFault(command));
}

/** Whether `command` seeks back to before `now` (in the units of the run's query('step')). */
export function seeksBefore(command: Command, now: number): boolean {
  return KERNELS.some((k) => {
    const target = k.lab.seekTarget(command);
    return target !== null && target < now;
  });
}

/** Whether `command` plays until its run ends (a replay jumps straight there). */
export function runsToEnd(command: Command): boolean {
  return KERNELS.some((k) => k.lab.runsToEnd(command));
}

/** What a predict's "forward" may hold: time moving forward, and faults on the look-ahead. */
export function isLookAheadCommand(command: Command): boolean {
  return isForwardCommand(command) || isLookAheadFault(command);
}

/** Why a command cannot go in a predict's "forward", naming what can. */
function notLookAhead(command: Command, kernel: LabKernel): string {
  const configures = KERNELS.some((k) => k.lab.configures(command));
  return `predict: "forward" may only ${labKernel(kernel).forwardText}, not "${commandWord(command)}"${configures ? ' (it changes the run\'s configuration)' : ''}`;
}

/** Why a command of another kernel cannot run in this lab (help, lab, clear... run in every lab). */
function kernelMismatch(command: Command, kernel: LabKernel): string | null {
  const own = labKernel(kernel);
  if (own.owns(command)) return null;
  const owner = KERNELS.find((k) => k.lab.owns(command));
  if (owner === undefined) return null;
  return `"${command.name}" drives ${owner.lab.noun}, but this lab runs kernel ${kernel}: ${own.commandHint}`;
}
/** Commands a scripted solution cannot use, because they need a person or the network. */
const INTERACTIVE_LOADS = ['file', 'url'];

const PREDICT_KEYS = ['question', 'forward', 'answer', 'tolerance', 'choices'];

export function parseLab(file: string, source: string): LabParseResult {
  const errors: LabError[] = [];
  const raw = splitLab(file, source, errors);
  const fm = raw.frontMatter ? readFrontMatter(file, raw.frontMatter.lines.map((l) => l.text).join('\n'), raw.frontMatter.line) : null;
  if (fm) errors.push(...fm.errors);
  const specs = fm?.variables ?? {};
  // Checks are read against the first kernel when the front matter names none it knows.
  const kernel = fm?.kernel ?? KERNEL_IDS[0];
  const env: TypeEnv = { variables: variableTypes(specs), kernel };
  const sample = sampleVariables(specs);
  const ctx: Context = { file, errors, env, sample, kernel };

  const intro = fencesOf(raw.intro, []);
  reportUnclosed(ctx, intro.fences);
  commandBlocksOf(ctx, intro.fences);
  const outro = fencesOf(raw.outro, []);
  reportUnclosed(ctx, outro.fences);
  commandBlocksOf(ctx, outro.fences);
  if (raw.steps.length === 0) errors.push({ file, line: raw.intro.line, column: 1, message: 'the lab has no steps; start each with a "## Step: title" heading' });

  const steps: LabStep[] = [];
  raw.steps.forEach((rawStep, index) => {
    const where = `step ${index + 1} ("${rawStep.title}")`;
    const prose = fencesOf(rawStep.prose, ['check', 'not-yet', 'predict']);
    reportUnclosed(ctx, prose.fences);
    const commandBlocks = commandBlocksOf(ctx, prose.fences);
    const checks = prose.fences.filter((f) => f.lang === 'check');
    if (checks.length === 0) errors.push({ file, line: rawStep.line, column: 1, message: `${where} has no \`\`\`check block` });
    for (const extra of checks.slice(1)) errors.push({ file, line: extra.line, column: 1, message: `${where} has more than one \`\`\`check block; join the conditions with "and"` });
    const check = checks[0] ? compileFence(ctx, checks[0], 'a check') : null;
    const notYet = readNotYet(ctx, prose.fences.filter((f) => f.lang === 'not-yet'), where);
    const predicts = prose.fences.filter((f) => f.lang === 'predict');
    for (const extra of predicts.slice(1)) errors.push({ file, line: extra.line, column: 1, message: `${where} has more than one \`\`\`predict block` });
    const predict = predicts[0] ? readPredict(ctx, predicts[0]) : null;

    if (rawStep.hints.length === 0) errors.push({ file, line: rawStep.line, column: 1, message: `${where} has no "### Hint"; give at least one hint before the solution` });
    const hints = rawStep.hints.map((h) => {
      const parsed = fencesOf(h, []);
      reportUnclosed(ctx, parsed.fences);
      commandBlocksOf(ctx, parsed.fences);
      if (parsed.markdown === '') errors.push({ file, line: h.line - 1, column: 1, message: `${where}: this hint is empty` });
      return parsed.markdown;
    });

    let solution: LabCommandLine[] = [];
    let solutionMarkdown = '';
    if (rawStep.solution === null) {
      errors.push({ file, line: rawStep.line, column: 1, message: `${where} has no "### Solution" with the commands that solve it` });
    } else {
      const parsed = fencesOf(rawStep.solution, []);
      reportUnclosed(ctx, parsed.fences);
      solutionMarkdown = parsed.markdown;
      solution = commandBlocksOf(ctx, parsed.fences).flat();
      if (solution.length === 0) errors.push({ file, line: rawStep.solution.line - 1, column: 1, message: `${where}: the solution has no \`\`\`hlab block of commands` });
      for (const line of solution) {
        // Already checked (and any error reported) by commandBlocksOf; parse quietly here.
        const parsed = parseCommand(substitute(line.text, ctx.sample).text);
        const command = parsed.ok ? parsed.command : null;
        if (command?.name === 'load' && INTERACTIVE_LOADS.includes(command.source)) {
          errors.push({ file, line: line.line, column: line.column, message: `a solution must run headless: "load ${command.source}" needs a person or the network; put it in the prose and keep the synthetic fallback here` });
        }
      }
    }
    if (check) {
      steps.push({ index, title: rawStep.title, line: rawStep.line, markdown: prose.markdown, commandBlocks, check, notYet, predict, hints, solutionMarkdown, solution });
    }
  });

  if (errors.length > 0 || !fm?.value) return { ok: false, lab: null, errors: sortErrors(errors) };
  return {
    ok: true,
    errors: [],
    lab: { file, ...fm.value, intro: intro.markdown, steps, outro: outro.markdown },
  };
}

interface Context {
  file: string;
  errors: LabError[];
  env: TypeEnv;
  sample: VariableValues;
  kernel: LabKernel;
}

function sortErrors(errors: LabError[]): LabError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}

function reportUnclosed(ctx: Context, fences: Fence[]): void {
  for (const fence of fences) {
    if (!fence.closed) ctx.errors.push({ file: ctx.file, line: fence.line, column: 1, message: 'this fenced block is never closed' });
  }
}

/** The ```hlab blocks of a section, each command line checked with the terminal's parser. */
function commandBlocksOf(ctx: Context, fences: Fence[]): LabCommandLine[][] {
  const blocks: LabCommandLine[][] = [];
  for (const fence of fences) {
    if (fence.lang !== 'hlab') continue;
    const block: LabCommandLine[] = [];
    for (const line of fence.body) {
      const trimmed = line.text.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const indent = line.text.length - line.text.trimStart().length;
      const snippet: SourceSnippet = { text: trimmed, line: line.number, column: indent + 1 };
      parseLine(ctx, snippet);
      block.push(snippet);
    }
    if (block.length === 0) ctx.errors.push({ file: ctx.file, line: fence.line, column: 1, message: 'this ```hlab block has no commands' });
    blocks.push(block);
  }
  return blocks;
}

/** Parses one command line with sample variable values; reports errors at the author's column. */
function parseLine(ctx: Context, snippet: SourceSnippet): Command | null {
  const sub = substitute(snippet.text, ctx.sample);
  for (const u of sub.unknown) {
    const names = Object.keys(ctx.sample);
    const near = closestMatch(u.name, names);
    ctx.errors.push({
      file: ctx.file, line: snippet.line, column: snippet.column + u.column - 1,
      message: `unknown variable $${u.name}${near ? `; did you mean $${near}?` : ''}${names.length ? ` (declared: ${names.map((n) => `$${n}`).join(', ')})` : ' (the front matter declares no variables)'}`,
    });
  }
  if (sub.unknown.length > 0) return null;
  const parsed = parseCommand(sub.text);
  if (!parsed.ok) {
    ctx.errors.push({ file: ctx.file, line: snippet.line, column: snippet.column + sub.originalColumn(parsed.column) - 1, message: parsed.error });
    return null;
  }
  const mismatch = kernelMismatch(parsed.command, ctx.kernel);
  if (mismatch !== null) {
    ctx.errors.push({ file: ctx.file, line: snippet.line, column: snippet.column, message: mismatch });
    return null;
  }
  return parsed.command;
}

function compileFence(ctx: Context, fence: Fence, role: string): CompiledExpr | null {
  const text = fence.body.map((l) => l.text).join('\n');
  const snippet: SourceSnippet = { text, line: fence.body[0]?.number ?? fence.line + 1, column: 1 };
  if (text.trim() === '') {
    ctx.errors.push({ file: ctx.file, line: fence.line, column: 1, message: `${role} block is empty` });
    return null;
  }
  return compileSnippet(ctx, snippet, 'bool', role);
}

function compileSnippet(ctx: Context, snippet: SourceSnippet, wanted: 'bool' | 'number', role: string): CompiledExpr | null {
  const result = compileExpr(snippet, ctx.env, wanted, role);
  if (result.ok) return result.compiled;
  ctx.errors.push({ file: ctx.file, line: result.error.line, column: result.error.column, message: `${role}: ${result.error.message}` });
  return null;
}

/**
 * The ```not-yet block: what the learner should do when the check fails, in the author's
 * words (Markdown). Optional for the parser, so a lab in progress still opens; `lab verify`
 * requires one in every step.
 */
function readNotYet(ctx: Context, fences: Fence[], where: string): string | null {
  for (const extra of fences.slice(1)) ctx.errors.push({ file: ctx.file, line: extra.line, column: 1, message: `${where} has more than one \`\`\`not-yet block` });
  const fence = fences[0];
  if (fence === undefined) return null;
  const text = fence.body.map((l) => l.text.trim()).filter((l) => l !== '').join('\n');
  if (text === '') ctx.errors.push({ file: ctx.file, line: fence.line, column: 1, message: 'this ```not-yet block is empty; say what to do when the check fails' });
  return text;
}

/** A ```predict block: YAML with question, forward, and either answer (+ tolerance) or choices. */
function readPredict(ctx: Context, fence: Fence): LabPredict | null {
  const firstLine = fence.line + 1;
  const lines = new LineCounter();
  const doc = parseDocument(fence.body.map((l) => l.text).join('\n'), { lineCounter: lines, prettyErrors: false });
  const pos = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line + firstLine - 1, column: p.col };
  };
  const fail = (offset: number, message: string): null => {
    ctx.errors.push({ file: ctx.file, ...pos(offset), message: `predict: ${message}` });
    return null;
  };
  if (doc.errors.length > 0) return fail(doc.errors[0].pos[0], doc.errors[0].message.split('\n')[0]);
  const root = doc.contents;
  if (!isMap(root)) return fail(0, 'the block must be YAML with question, forward, and answer or choices');
  const values = new Map<string, Node | null>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!PREDICT_KEYS.includes(key)) {
      const near = closestMatch(key, PREDICT_KEYS);
      fail((pair.key as Node).range?.[0] ?? 0, `unknown key "${key}"${near ? `; did you mean "${near}"?` : ''} (keys: ${PREDICT_KEYS.join(', ')})`);
      continue;
    }
    values.set(key, pair.value as Node | null);
  }
  const snippetOf = (node: Node): SourceSnippet => {
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    const offset = (node.range?.[0] ?? 0) + (quoted ? 1 : 0);
    const p = pos(offset);
    return { text: String((node as { value: unknown }).value), line: p.line, column: p.column };
  };

  const questionNode = values.get('question');
  if (!isScalar(questionNode) || typeof questionNode.value !== 'string' || questionNode.value.trim() === '') return fail(0, 'needs a "question" (text)');
  const question = questionNode.value;

  const forwardNode = values.get('forward');
  const forward: LabCommandLine[] = [];
  // No "forward": the answer is read in the state the step starts from.
  const forwardItems = forwardNode === undefined || forwardNode === null ? [] : isSeq(forwardNode) ? (forwardNode.items as Node[]) : [forwardNode as Node];
  for (const item of forwardItems) {
    if (!isScalar(item)) return fail(item?.range?.[0] ?? 0, '"forward" must be a command or a list of commands');
    // One item may hold several commands separated by ";", as the terminal's history shows them.
    for (const snippet of splitCommands(snippetOf(item))) {
      const command = parseLine(ctx, snippet);
      if (command && !isLookAheadCommand(command)) {
        ctx.errors.push({ file: ctx.file, line: snippet.line, column: snippet.column, message: notLookAhead(command, ctx.kernel) });
      }
      if (command?.name === 'seek' && command.target.kind === 'relative' && command.target.delta < 0) {
        ctx.errors.push({ file: ctx.file, line: snippet.line, column: snippet.column, message: 'predict: "forward" cannot seek backwards' });
      }
      forward.push(snippet);
    }
  }

  const answerNode = values.get('answer');
  const choicesNode = values.get('choices');
  if ((answerNode === undefined) === (choicesNode === undefined)) return fail(0, 'needs exactly one of "answer" (a number to compute) or "choices" (each with text and when)');
  if (answerNode !== undefined) {
    if (!isScalar(answerNode)) return fail(answerNode?.range?.[0] ?? 0, '"answer" must be an expression such as failed or count(failed)');
    const answer = compileSnippet(ctx, snippetOf(answerNode), 'number', 'predict answer');
    const tolerance = readTolerance(values.get('tolerance'), fail);
    if (!answer || !tolerance) return null;
    return { question, forward, line: fence.line, kind: 'number', answer, tolerance };
  }
  if (values.has('tolerance')) return fail(values.get('tolerance')?.range?.[0] ?? 0, '"tolerance" only goes with "answer"');
  if (!isSeq(choicesNode) || choicesNode.items.length < 2) return fail(choicesNode?.range?.[0] ?? 0, '"choices" must be a list of two or more { text, when }');
  const choices: LabPredictChoice[] = [];
  for (const item of choicesNode.items as Node[]) {
    const text = isMap(item) ? item.get('text', true) : undefined;
    const when = isMap(item) ? item.get('when', true) : undefined;
    if (!isScalar(text) || !isScalar(when) || item === null || (isMap(item) && item.items.length !== 2)) {
      return fail(item?.range?.[0] ?? 0, 'each choice is { text: what the learner reads, when: a condition true for the right answer }');
    }
    const compiled = compileSnippet(ctx, snippetOf(when as Node), 'bool', 'predict choice');
    if (compiled) choices.push({ text: String(text.value), when: compiled });
  }
  if (choices.length !== choicesNode.items.length) return null;
  return { question, forward, line: fence.line, kind: 'choice', choices };
}

/** "raft crash 0; raft step 200ms" -> one snippet per command, each at its own column. */
function splitCommands(snippet: SourceSnippet): SourceSnippet[] {
  const out: SourceSnippet[] = [];
  let offset = 0;
  for (const part of snippet.text.split(';')) {
    const lead = part.length - part.trimStart().length;
    if (part.trim() !== '') out.push({ text: part.trim(), line: snippet.line, column: snippet.column + offset + lead });
    offset += part.length + 1;
  }
  // An empty item still goes to the parser, which says what is missing.
  return out.length > 0 ? out : [snippet];
}

function readTolerance(node: Node | null | undefined, fail: (offset: number, message: string) => null): LabTolerance | null {
  if (node === undefined) return { kind: 'relative', value: 0.1 };
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'number' && value >= 0) return { kind: 'absolute', value };
  const percent = typeof value === 'string' ? /^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$/.exec(value) : null;
  if (percent) return { kind: 'relative', value: Number(percent[1]) / 100 };
  return fail(node?.range?.[0] ?? 0, '"tolerance" must be a number (absolute) or a percentage such as "5%"');
}

// Splits a lab's Markdown into its parts by lines, keeping line numbers: the front matter,
// the introduction, the steps ("## Step: title") with their hints ("### Hint") and solution
// ("### Solution"), and the closing prose. Headings inside fenced code blocks do not count.
import type { LabError } from './source';

export interface Line {
  text: string;
  /** 1-based line number in the file. */
  number: number;
}

export interface Fence {
  /** The first word of the info string: hlab, check, predict, ... */
  lang: string;
  /** Line of the opening ``` fence. */
  line: number;
  body: Line[];
  /** False when the file ends inside the block. */
  closed: boolean;
}

export interface Section {
  line: number;
  lines: Line[];
}

export interface RawStep {
  title: string;
  line: number;
  prose: Section;
  hints: Section[];
  solution: Section | null;
}

export interface RawLab {
  frontMatter: Section | null;
  intro: Section;
  steps: RawStep[];
  outro: Section;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
// The title is cut from the rest of the line by stepTitle, not by the pattern: a lazy title
// followed by optional blanks and #s backtracked cubically on a heading of 5000 spaces (20 s).
const STEP = /^##\s+Step\s*:(.*)$/i;
const H2 = /^##\s+/;
const HINT = /^###\s+Hint\b/i;
const SOLUTION = /^###\s+Solution\b/i;

/** Lines grouped so that fenced blocks are known: `inFence` is true for fence lines and bodies. */
function markFences(lines: Line[]): boolean[] {
  const inFence: boolean[] = [];
  let open: string | null = null;
  for (const { text } of lines) {
    if (open === null) {
      const m = FENCE_OPEN.exec(text);
      if (m) open = m[1];
      inFence.push(m !== null);
    } else {
      if (isClose(text, open)) open = null;
      inFence.push(true);
    }
  }
  return inFence;
}

export function splitLab(file: string, source: string, errors: LabError[]): RawLab {
  const all: Line[] = source.replace(/\r\n?/g, '\n').split('\n').map((text, i) => ({ text, number: i + 1 }));
  let body = all;
  let frontMatter: Section | null = null;
  if (all[0]?.text.trim() === '---') {
    const end = all.findIndex((l, i) => i > 0 && (l.text.trim() === '---' || l.text.trim() === '...'));
    if (end < 0) {
      errors.push({ file, line: 1, column: 1, message: 'front matter opened with "---" is never closed by another "---" line' });
      return { frontMatter: null, intro: { line: 1, lines: [] }, steps: [], outro: { line: 1, lines: [] } };
    }
    frontMatter = { line: 2, lines: all.slice(1, end) };
    body = all.slice(end + 1);
  } else {
    errors.push({ file, line: 1, column: 1, message: 'a lab starts with YAML front matter between two "---" lines' });
  }

  const inFence = markFences(body);
  const intro: Section = { line: body[0]?.number ?? 1, lines: [] };
  const outro: Section = { line: 1, lines: [] };
  const steps: RawStep[] = [];
  let target: Section = intro;
  let step: RawStep | null = null;
  let inOutro = false;

  body.forEach((line, i) => {
    if (!inFence[i]) {
      const stepMatch = STEP.exec(line.text);
      if (stepMatch) stepMatch[1] = stepTitle(stepMatch[1]);
      if (stepMatch) {
        if (inOutro) errors.push({ file, line: line.number, column: 1, message: 'a "## Step:" heading after the closing section; steps must come before any other "##" heading' });
        if (stepMatch[1] === '') errors.push({ file, line: line.number, column: line.text.length + 1, message: 'the step has no title after "## Step:"' });
        step = { title: stepMatch[1], line: line.number, prose: { line: line.number + 1, lines: [] }, hints: [], solution: null };
        steps.push(step);
        target = step.prose;
        return;
      }
      if (H2.test(line.text) && step !== null && !inOutro) {
        inOutro = true;
        step = null;
        outro.line = line.number;
        target = outro;
      } else if (step !== null && HINT.test(line.text)) {
        const current: RawStep = step;
        if (current.solution !== null) errors.push({ file, line: line.number, column: 1, message: 'a "### Hint" after the "### Solution"; hints come first, the solution last' });
        const hint = { line: line.number + 1, lines: [] };
        current.hints.push(hint);
        target = hint;
        return;
      } else if (step !== null && SOLUTION.test(line.text)) {
        const current: RawStep = step;
        if (current.solution !== null) errors.push({ file, line: line.number, column: 1, message: 'a second "### Solution" in this step' });
        current.solution = { line: line.number + 1, lines: [] };
        target = current.solution;
        return;
      }
    }
    target.lines.push(line);
  });
  return { frontMatter, intro, steps, outro };
}

/** The fenced blocks of a section and its Markdown without the blocks whose lang is in `remove`. */
export function fencesOf(section: Section, remove: readonly string[]): { fences: Fence[]; markdown: string } {
  const fences: Fence[] = [];
  const kept: string[] = [];
  const lines = section.lines;
  const inFence = markFences(lines);
  let i = 0;
  while (i < lines.length) {
    const open = inFence[i] ? FENCE_OPEN.exec(lines[i].text) : null;
    if (!open) {
      kept.push(lines[i].text);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && !isClose(lines[j].text, open[1])) j++;
    const closed = j < lines.length;
    const fence: Fence = { lang: open[2].toLowerCase(), line: lines[i].number, body: lines.slice(i + 1, j), closed };
    fences.push(fence);
    const end = closed ? j + 1 : j;
    if (!remove.includes(fence.lang)) for (let k = i; k < end; k++) kept.push(lines[k].text);
    i = end;
  }
  return { fences, markdown: kept.join('\n').trim() };
}

function isClose(text: string, open: string): boolean {
  return new RegExp(`^ {0,3}${open[0] === '`' ? '`' : '~'}{${open.length},}\\s*$`).test(text);
}

/** A step heading's title: blanks, then closing #s (as Markdown allows), then blanks dropped from its end. */
function stepTitle(rest: string): string {
  let end = rest.trimEnd().length;
  while (end > 0 && rest[end - 1] === '#') end--;
  return rest.slice(0, end).trim();
}

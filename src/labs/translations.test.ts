// A translated lab (labs/<name>.<locale>.md) is its original with the prose in another
// language: the same id, scenario, commands, checks, predicts and solutions, and the same
// figures in its prose (a translator must not round, drop or invent a number).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../testing/fixtures';
import type { Lab, LabStep } from './lab';
import { parseLab } from './labFile';

const LABS_DIR = join(PROJECT_ROOT, 'labs');
const TRANSLATED = /^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;
const translations = readdirSync(LABS_DIR).filter((f) => TRANSLATED.test(f)).sort();

function read(file: string): Lab {
  const parsed = parseLab(`labs/${file}`, readFileSync(join(LABS_DIR, file), 'utf8'));
  expect(parsed.errors).toEqual([]);
  return parsed.lab!;
}

/** Everything of a step that runs or is evaluated, as text. */
function machinery(step: LabStep) {
  const p = step.predict;
  return {
    commands: step.commandBlocks.map((b) => b.map((l) => l.text)),
    check: step.check.source.text,
    predict: p === null ? null : {
      forward: p.forward.map((l) => l.text),
      ...(p.kind === 'number' ? { answer: p.answer.source.text, tolerance: p.tolerance } : { when: p.choices.map((c) => c.when.source.text) }),
    },
    hints: step.hints.length,
    solution: step.solution.map((l) => l.text),
  };
}

/** The figures in a piece of prose, thousands separators dropped: "20,500" and "20500" agree. */
function figures(markdown: string): string[] {
  return (markdown.match(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, '')).sort();
}

function prose(lab: Lab): string {
  return [lab.intro, ...lab.steps.flatMap((s) => [s.markdown, s.notYet ?? '', ...s.hints, s.solutionMarkdown, s.predict?.question ?? '', ...(s.predict?.kind === 'choice' ? s.predict.choices.map((c) => c.text) : [])]), lab.outro].join('\n');
}

describe('translated labs', () => {
  test('every lab has a Chinese translation', () => {
    const originals = readdirSync(LABS_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md' && !TRANSLATED.test(f));
    expect(translations).toEqual(expect.arrayContaining(originals.map((f) => f.replace(/\.md$/, '.zh-CN.md'))));
  });

  test.each(translations)('%s keeps its original\'s machinery and figures', (file) => {
    const [, base, locale] = TRANSLATED.exec(file)!;
    const original = read(`${base}.md`);
    const translated = read(file);
    expect(translated.locale).toBe(locale);
    expect(translated.title).not.toBe(original.title);
    const { id, kernel, scenario, seed, minutes, variables } = original;
    expect(translated).toMatchObject({ id, kernel, scenario, seed, minutes, variables });
    expect(translated.objectives).toHaveLength(original.objectives.length);
    expect(translated.steps.map(machinery)).toEqual(original.steps.map(machinery));
    expect(figures(prose(translated))).toEqual(figures(prose(original)));
  });
});

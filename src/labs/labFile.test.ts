// Lab files with mistakes: every problem is reported with file:line:column, all in one pass.
import { describe, expect, test } from 'vitest';
import { parseLab } from './labFile';
import { formatLabError } from './source';

const GOOD = `---
id: tiny
title: A tiny lab
kernel: gpupool
scenario:
  workload: synthetic
  policy: FGD
seed: 42
minutes: 5
objectives:
  - Try one step
variables:
  node: { int: [0, 9] }
---

Intro.

## Step: Go

\`\`\`hlab
step 10
node $node
\`\`\`

\`\`\`check
step >= 10
\`\`\`

\`\`\`predict
question: How many pods fail in the first 10?
forward: step 10
answer: count(failed)
tolerance: 0
\`\`\`

### Hint

Use step.

### Solution

\`\`\`hlab
step 10
\`\`\`
`;

const errorsOf = (text: string): string[] => {
  const result = parseLab('labs/tiny.md', text);
  return result.errors.map(formatLabError);
};

describe('parseLab', () => {
  test('a good lab reads into steps, check, predict, hints and solution', () => {
    const result = parseLab('labs/tiny.md', GOOD);
    expect(result.errors).toEqual([]);
    const lab = result.lab!;
    expect(lab).toMatchObject({ id: 'tiny', kernel: 'gpupool', seed: 42, locale: 'en', scenario: { workload: 'synthetic', policy: 'FGD', rng: 'xoshiro', tune: 1.3 } });
    expect(lab.variables).toEqual({ node: { kind: 'int', min: 0, max: 9 } });
    expect(lab.steps).toHaveLength(1);
    const step = lab.steps[0];
    expect(step.title).toBe('Go');
    expect(step.commandBlocks.map((b) => b.map((l) => l.text))).toEqual([['step 10', 'node $node']]);
    expect(step.check.source).toMatchObject({ text: 'step >= 10', line: 26, column: 1 });
    expect(step.predict).toMatchObject({ kind: 'number', question: 'How many pods fail in the first 10?', tolerance: { kind: 'absolute', value: 0 } });
    expect(step.hints).toEqual(['Use step.']);
    expect(step.solution.map((l) => [l.text, l.line])).toEqual([['step 10', 43]]);
    // The check and predict blocks are not part of the prose a learner reads.
    expect(step.markdown).not.toContain('```check');
    expect(step.markdown).toContain('```hlab');
  });

  test('front matter mistakes: unknown key, bad values, missing keys', () => {
    const text = GOOD.replace('minutes: 5', 'minuts: 5').replace('policy: FGD', 'policy: BestFits').replace('seed: 42', 'seed: -1');
    expect(errorsOf(text)).toEqual([
      'labs/tiny.md:2:1: front matter is missing "minutes"',
      'labs/tiny.md:7:11: "policy": unknown value "BestFits"; did you mean BestFit? (one of Random, DotProd, GpuClustering, GpuPacking, BestFit, FGD, ACK)',
      'labs/tiny.md:8:7: "seed" must be a whole number from 0 to 2^53',
      'labs/tiny.md:9:1: unknown front matter key "minuts"; did you mean "minutes"? (keys: id, title, kernel, scenario, seed, minutes, objectives, locale, variables)',
    ]);
  });

  test('an unknown command, a bad argument and an unknown variable in command blocks', () => {
    const text = GOOD.replace('step 10\nnode $node', 'stpe 10\nnode $nod\n  seek sideways');
    const errors = errorsOf(text);
    expect(errors[0]).toBe('labs/tiny.md:21:1: unknown command "stpe"; did you mean "step"?');
    expect(errors[1]).toBe('labs/tiny.md:22:6: unknown variable $nod; did you mean $node? (declared: $node)');
    expect(errors[2]).toMatch(/^labs\/tiny\.md:23:8: seek: "sideways" at column 6 is not a step/);
  });

  test('a check that does not parse or type-check points into the check block', () => {
    expect(errorsOf(GOOD.replace('step >= 10', 'step >= 10 and\n  faild == 0')))
      .toEqual([expect.stringMatching(/^labs\/tiny\.md:27:3: a check: unknown metric "faild"; did you mean failed\?/)]);
    expect(errorsOf(GOOD.replace('step >= 10', 'step >=')))
      .toEqual(['labs/tiny.md:26:8: a check: the expression ends too early: expected a value']);
  });

  test('predict blocks: forward moves in time or injects a fault, a known key set, a numeric answer', () => {
    expect(errorsOf(GOOD.replace('forward: step 10', 'forward: [step 10, policy BestFit]')))
      .toEqual(['labs/tiny.md:31:20: predict: "forward" may only move time ahead (step, seek, run) or inject a fault into the look-ahead\'s scratch copy (fail node, fail gpu), not "policy" (it changes the run\'s configuration)']);
    expect(errorsOf(GOOD.replace('forward: step 10', 'forward: step 10; query failed')))
      .toEqual(['labs/tiny.md:31:19: predict: "forward" may only move time ahead (step, seek, run) or inject a fault into the look-ahead\'s scratch copy (fail node, fail gpu), not "query"']);
    expect(errorsOf(GOOD.replace('tolerance: 0', 'tolerence: 0')))
      .toEqual(['labs/tiny.md:33:1: predict: unknown key "tolerence"; did you mean "tolerance"? (keys: question, forward, answer, tolerance, choices)']);
    expect(errorsOf(GOOD.replace('answer: count(failed)', 'answer: policy')))
      .toEqual(['labs/tiny.md:32:9: predict answer: predict answer must be a number, but this is a string']);
  });

  test('a forward may fail a node or a GPU, in a list or separated by ";", each command at its own column', () => {
    const result = parseLab('labs/tiny.md', GOOD.replace('forward: step 10', 'forward: fail node 3;  fail gpu 4 1 ; step 10'));
    expect(result.errors).toEqual([]);
    expect(result.lab!.steps[0].predict!.forward).toEqual([
      { text: 'fail node 3', line: 31, column: 10 },
      { text: 'fail gpu 4 1', line: 31, column: 24 },
      { text: 'step 10', line: 31, column: 39 },
    ]);
    expect(errorsOf(GOOD.replace('forward: step 10', 'forward: [fail node 3, reset]')))
      .toEqual([expect.stringMatching(/^labs\/tiny\.md:31:24: predict: "forward" may only .*, not "reset" \(it changes the run's configuration\)$/)]);
    expect(errorsOf(GOOD.replace('forward: step 10', 'forward: step 10; fail nod 3')))
      .toEqual(['labs/tiny.md:31:24: fail: unknown fail target "nod" at column 6; did you mean node?']);
  });

  test('structure: missing check, hint and solution; a solution that needs a person', () => {
    const noParts = GOOD.replace(/```check\nstep >= 10\n```\n/, '').replace('### Hint\n\nUse step.\n\n', '');
    expect(errorsOf(noParts)).toEqual([
      'labs/tiny.md:18:1: step 1 ("Go") has no ```check block',
      'labs/tiny.md:18:1: step 1 ("Go") has no "### Hint"; give at least one hint before the solution',
    ]);
    expect(errorsOf(GOOD.replace(/### Solution\n\n```hlab\nstep 10\n```/, '### Solution\n\n```hlab\nload file\n```')))
      .toEqual([expect.stringMatching(/^labs\/tiny\.md:43:1: a solution must run headless: "load file"/)]);
  });

  test('no front matter at all', () => {
    expect(errorsOf('# Just Markdown\n')[0]).toBe('labs/tiny.md:1:1: a lab starts with YAML front matter between two "---" lines');
  });
});

describe('deep nesting in a lab file', () => {
  test('front matter nested past 32 levels is refused at the bracket, before the YAML reader overflows its stack', () => {
    for (const open of ['[', '{a: ']) {
      const errors = errorsOf(GOOD.replace('minutes: 5', `minutes: 5\nextra: ${open.repeat(20_000)}`));
      expect(errors[0]).toBe(`labs/tiny.md:10:${8 + open.length * 32}: front matter nests more than 32 levels of [ ] or { }; write it flatter`);
    }
    // An apostrophe inside a plain value is no quote: the brackets after it still count.
    expect(errorsOf(GOOD.replace('title: A tiny lab', `title: A lab that's tiny\nextra: ${'['.repeat(40)}`))[0]).toContain('nests more than 32 levels');
  });

  test('a check nested 1075 deep is an error at its line, like any other', () => {
    const errors = errorsOf(GOOD.replace(/```check\n[^\n]*\n/, `\`\`\`check\n${'('.repeat(1075)}failed > 0${')'.repeat(1075)}\n`));
    expect(errors.some((e) => /nested too deeply \(more than 64 levels/.test(e))).toBe(true);
  });
});

describe('step headings', () => {
  test('a heading with thousands of blanks reads in linear time, its title trimmed (found by the fuzz suite: 20 s)', () => {
    const lab = GOOD.replace('## Step: Go', `## Step: Go${' '.repeat(5000)}on   ##  `);
    const result = parseLab('labs/tiny.md', lab);
    expect(result.ok && result.lab.steps[0].title).toBe(`Go${' '.repeat(5000)}on`);
    const hashes = parseLab('labs/tiny.md', GOOD.replace('## Step: Go', `## Step: ${'#'.repeat(60_000)}x`));
    expect(hashes.ok && hashes.lab.steps[0].title).toBe(`${'#'.repeat(60_000)}x`);
  });
});

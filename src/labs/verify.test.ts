// `lab verify` on the shipped labs (real kernel), and on labs that must be rejected: a check
// that can never fail, a solution that does not solve its step, a predict with no single answer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HeadlessGpuPool } from './headlessSimulation';
import { HeadlessRaft } from './headlessRaft';
import type { LabKernel } from './lab';
import { verifyLabText } from './verify';
import { gpupoolModule, PROJECT_ROOT, raftModule } from '../testing/fixtures';
import { renderStepMarkdown } from './render';
import { parseLab } from './labFile';

const LABS_DIR = join(PROJECT_ROOT, 'labs');
const shipped = readdirSync(LABS_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
const newSim = () => new HeadlessGpuPool(gpupoolModule());
const simFor = (kernel: LabKernel) => (kernel === 'raft' ? new HeadlessRaft(raftModule()) : newSim());

const lab = (steps: string) => `---
id: broken
title: Broken
kernel: gpupool
scenario:
  workload: synthetic
  policy: FGD
seed: 42
minutes: 5
objectives:
  - Be rejected
---
${steps}`;

const step = (check: string, solution: string, extra = '') => `
## Step: The step
${extra}
\`\`\`check
${check}
\`\`\`

### Hint

A hint.

### Solution

\`\`\`hlab
${solution}
\`\`\`
`;

describe('lab verify', () => {
  test('there are at least three shipped GPU-pool labs with four or more steps, and every lab has a predict', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(3);
    let gpupool = 0;
    for (const file of shipped) {
      const parsed = parseLab(file, readFileSync(join(LABS_DIR, file), 'utf8'));
      expect(parsed.errors).toEqual([]);
      if (parsed.lab!.kernel === 'gpupool') gpupool++;
      expect(parsed.lab!.steps.length).toBeGreaterThanOrEqual(parsed.lab!.kernel === 'gpupool' ? 4 : 2);
      expect(parsed.lab!.steps.some((s) => s.predict !== null)).toBe(true);
    }
    expect(gpupool).toBeGreaterThanOrEqual(3);
  });

  test.each(shipped)('%s: solvable, and every check fails before its solution', async (file) => {
    const report = await verifyLabText(file, readFileSync(join(LABS_DIR, file), 'utf8'), simFor);
    expect(report.errors).toEqual([]);
    expect(report.lines.filter((l) => !l.ok)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  test('a check that already holds before the solution is an error', async () => {
    const report = await verifyLabText('broken.md', lab(step('step >= 0', 'step 10')), newSim);
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toMatchObject({ ok: false, message: expect.stringContaining('cannot fail') });
  });

  test('a solution that does not satisfy the check is an error, with the failing clause', async () => {
    const report = await verifyLabText('broken.md', lab(step('step >= 100 and failed >= 1', 'step 100')), newSim);
    expect(report.ok).toBe(false);
    expect(report.lines.at(-1)).toMatchObject({ ok: false, message: 'fails after the solution (line 17): failed >= 1 is false: failed = 0' });
  });

  test('a predict whose choices are not exactly one right is an error', async () => {
    const predict = '```predict\nquestion: Q?\nforward: step 10\nchoices:\n  - text: a\n    when: step >= 10\n  - text: b\n    when: step > 5\n```\n';
    const report = await verifyLabText('broken.md', lab(step('step >= 10', 'step 10', predict)), newSim);
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toMatchObject({ ok: false, what: expect.stringContaining('predict'), message: expect.stringContaining('exactly one choice must be right, but 2 are') });
  });

  test('a file with errors is reported with file:line:column and not run', async () => {
    const report = await verifyLabText('broken.md', lab(step('step >= 10', 'stepp 10')), newSim);
    expect(report).toMatchObject({ ok: false, lines: [], errors: ['broken.md:27:1: unknown command "stepp"; did you mean "step"?'] });
  });
});

describe('renderStepMarkdown', () => {
  test('hlab blocks become clickable command lists, with variables, and the sanitiser always runs', () => {
    let sanitised = 0;
    const html = renderStepMarkdown('Look at **node $node**.\n\n```hlab\nnode $node\n# a comment\nquery "x<y"\n```\n', (h) => (sanitised++, h), { node: 12 });
    expect(sanitised).toBe(1);
    expect(html).toContain('<strong>node 12</strong>');
    expect(html).toContain('<code class="hlab-command" data-hlab-command="node 12">node 12</code>');
    expect(html).toContain('data-hlab-command="query &quot;x&lt;y&quot;"');
    expect(html).not.toContain('a comment');
  });
});

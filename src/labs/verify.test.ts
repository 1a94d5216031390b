// `lab verify` on the shipped labs (real kernel), and on labs that must be rejected: a check
// that can never fail, a solution that does not solve its step, a predict with no single answer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HeadlessGpuPool } from '../kernels/gpupool/headless';
import { HeadlessRaft } from '../kernels/raft/headless';
import { HeadlessLogIndex } from '../kernels/logindex/headless';
import { HeadlessVcpu } from '../kernels/vcpu/headless';
import type { LabKernel } from './lab';
import { verifyLabText } from './verify';
import { gpupoolModule, logindexModule, PROJECT_ROOT, raftModule, vcpuModule } from '../testing/fixtures';
import { renderStepMarkdown } from './render';
import { parseLab } from './labFile';

const LABS_DIR = join(PROJECT_ROOT, 'labs');
const shipped = readdirSync(LABS_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
const newSim = () => new HeadlessGpuPool(gpupoolModule());
const simFor = (kernel: LabKernel) => (kernel === 'raft' ? new HeadlessRaft(raftModule())
  : kernel === 'logindex' ? new HeadlessLogIndex(logindexModule())
    : kernel === 'vcpu' ? new HeadlessVcpu(vcpuModule()) : newSim());

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

const step = (check: string, solution: string, extra = '', notYet = '\`\`\`not-yet\nDo what the solution does.\n\`\`\`\n') => `
## Step: The step
${extra}
\`\`\`check
${check}
\`\`\`
${notYet}
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
    expect(report.lines.find((l) => l.what.endsWith('check after solution'))).toMatchObject({ ok: false, message: 'fails after the solution (line 17): failed >= 1 is false: failed = 0' });
  });

  test('a predict whose choices are not exactly one right is an error', async () => {
    const predict = '```predict\nquestion: Q?\nforward: step 10\nchoices:\n  - text: a\n    when: step >= 10\n  - text: b\n    when: step > 5\n```\n';
    const report = await verifyLabText('broken.md', lab(step('step >= 10', 'step 10', predict)), newSim);
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toMatchObject({ ok: false, what: expect.stringContaining('predict'), message: expect.stringContaining('exactly one choice must be right, but 2 are') });
  });

  test('a step whose commands, clicked in the order shown, overshoot its check is a trap', async () => {
    const report = await verifyLabText('trap.md', lab(step('step == 10', 'seek 10', '```hlab\nstep 20\n```\n')), newSim);
    expect(report.ok).toBe(false);
    // The solution alone would pass: only the learner's path shows the trap.
    expect(report.lines.filter((l) => !l.ok)).toEqual([
      { ok: false, what: 'step 1 "The step" commands as shown', message: 'trap.md: the check (line 20) fails after step 20: step == 10 is false: step = 20' },
    ]);
  });

  test('a predict\'s forward plays on the run after the answer, so commands that repeat it overshoot', async () => {
    const predict = '```predict\nquestion: Q?\nforward: step 10\nanswer: placed\ntolerance: 0\n```\n\n```hlab\nstep 10\n```\n';
    const trapped = await verifyLabText('trap.md', lab(step('step == 10', 'seek 10', predict)), newSim);
    expect(trapped.lines.filter((l) => !l.ok).map((l) => l.message)).toEqual([expect.stringContaining('fails after step 10: step == 10 is false: step = 20')]);
    const fixed = await verifyLabText('fixed.md', lab(step('step == 10', 'seek 10', predict.replace('```hlab\nstep 10', '```hlab\nseek 10'))), newSim);
    expect(fixed.lines.filter((l) => !l.ok)).toEqual([]);
    expect(fixed.lines.at(-1)).toMatchObject({ ok: true, what: 'step 1 "The step" commands as shown', message: 'the check passes after seek 10' });
  });

  test('a check with no ```not-yet sentence is an error; the sentence is printed with the failing clause', async () => {
    const missing = await verifyLabText('quiet.md', lab(step('step >= 10', 'step 10', '', '')), newSim);
    expect(missing.ok).toBe(false);
    expect(missing.lines[0]).toMatchObject({ ok: false, what: 'step 1 "The step" not-yet', message: expect.stringContaining('no ```not-yet block') });
    const written = await verifyLabText('told.md', lab(step('step >= 10', 'step 10', '', '```not-yet\nSubmit ten pods with `step 10`.\n```\n')), newSim);
    expect(written.lines[0]).toMatchObject({ ok: true, message: 'fails as it should: step >= 10 is false: step = 0; the learner reads: Submit ten pods with `step 10`.' });
  });

  test('a file with errors is reported with file:line:column and not run', async () => {
    const report = await verifyLabText('broken.md', lab(step('step >= 10', 'stepp 10')), newSim);
    expect(report).toMatchObject({ ok: false, lines: [], errors: ['broken.md:30:1: unknown command "stepp"; did you mean "step"?'] });
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

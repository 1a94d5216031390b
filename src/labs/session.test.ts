// The lab engine on the real kernel: predict answers come from running the kernel ahead
// (and leave no trace), checks read real metrics and step-local event counts, and saved
// progress is plain JSON that resumes to the same state.
import { describe, expect, test } from 'vitest';
import { parseLab } from './labFile';
import { HeadlessGpuPool } from '../kernels/gpupool/headless';
import { LabSession } from './session';
import { GpuPoolSession } from '../kernels/gpupool/session';
import { gpupoolModule } from '../testing/fixtures';
import type { Lab } from './lab';

const LAB = `---
id: engine-test
title: Engine test
kernel: gpupool
scenario:
  workload: synthetic
  policy: BestFit
seed: 42
minutes: 5
objectives:
  - Exercise the engine
variables:
  node: { int: [0, 548] }
---

## Step: First refusals

\`\`\`predict
question: How many pods will have failed when the demand reaches 100 %?
forward: seek 8788
answer: failed
tolerance: 5%
\`\`\`

\`\`\`check
count(failed) >= 1 and step == 8788
\`\`\`

### Hint

Seek.

### Solution

\`\`\`hlab
seek 8788
\`\`\`

## Step: Look at your node

\`\`\`predict
question: How many pods sit on node $node?
answer: nodePods($node)
tolerance: 0
\`\`\`

\`\`\`check
count(node) >= 1 and count(failed) == 0
\`\`\`

### Hint

node.

### Solution

\`\`\`hlab
node $node
\`\`\`
`;

function lab(): Lab {
  const result = parseLab('engine-test.md', LAB);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.lab;
}

/** The kernel's own numbers, straight from a GpuPoolSession, to compare with. */
function direct(step: number) {
  const s = new GpuPoolSession(gpupoolModule());
  s.start({ policy: 'BestFit', seed: 42, rng: 'xoshiro', tune: 1.3 });
  s.advance(step);
  return s;
}

describe('LabSession on the real kernel', () => {
  test('a predict answer is the kernel run ahead, and looking ahead leaves the state as it was', async () => {
    const sim = new HeadlessGpuPool(gpupoolModule());
    const session = await LabSession.open(lab(), sim, { learnerSeed: 7, predict: { checkRestored: true } });
    const expected = direct(8788).query('failed');
    expect(expected).toBeGreaterThan(0);
    expect(session.progress.steps[0].predict?.expectation).toEqual({ kind: 'number', value: expected, tolerance: { kind: 'relative', value: 0.05 } });
    expect(await sim.query('step')).toBe(0);
    // The kernel's state at step 0, and (after the slash) the run's command log.
    expect((await sim.stateHash()).split('/')[0]).toBe(direct(0).stateHash());
    // Grading: within 5 % is right, further is wrong.
    expect(session.answerPredict(Math.round(Number(expected) * 1.04)).correct).toBe(true);
    expect(session.answerPredict(Math.round(Number(expected) * 1.2))).toEqual({ correct: false, expected: String(expected) });
  });

  test('checks use real metrics and count events since the step began', async () => {
    const sim = new HeadlessGpuPool(gpupoolModule());
    const session = await LabSession.open(lab(), sim, { learnerSeed: 7 });
    expect(await session.check()).toEqual({ pass: false, message: 'count(failed) >= 1 is false: count(failed) = 0' });
    await session.run('seek 8000');
    expect((await session.check()).message).toBe('count(failed) >= 1 is false: count(failed) = 0');
    await session.run('step 788');
    expect(await session.check()).toEqual({ pass: true, message: 'passed' });
    await session.next();
    // The next step's count(failed) starts from zero although 603 pods have failed.
    const node = session.variables.node as number;
    expect(session.progress.steps[1].predict?.expectation).toMatchObject({ value: direct(8788).inspectNode(node).pods.length });
    expect((await session.check()).message).toBe('count(node) >= 1 is false: count(node) = 0');
    const rung1 = session.nextHint();
    expect(rung1).toEqual({ kind: 'hint', number: 1, of: 1, markdown: 'node.' });
    expect(session.nextHint()).toEqual({ kind: 'solution', markdown: expect.stringContaining(`node ${node}`), commands: [`node ${node}`] });
    await session.runSolution();
    expect((await session.check()).pass).toBe(true);
    await session.next();
    expect(session.finished).toBe(true);
  });

  test('progress is plain JSON; resuming from it rebuilds the same run', async () => {
    const sim = new HeadlessGpuPool(gpupoolModule());
    const session = await LabSession.open(lab(), sim, { learnerSeed: 3 });
    await session.run('step 9000');
    await session.run('seek 8788');
    await session.check();
    const saved = JSON.parse(JSON.stringify(session.progress));
    expect(saved.log.filter((e: { kind: string }) => e.kind === 'command').map((e: { text: string }) => e.text)).toEqual(['step 9000', 'seek 8788']);
    expect(saved.steps[0]).toMatchObject({ completed: true, checkAttempts: 1 });

    const other = new HeadlessGpuPool(gpupoolModule());
    const resumed = await LabSession.open(lab(), other, { progress: saved });
    expect(resumed.variables).toEqual(session.variables);
    expect(await other.stateHash()).toBe(await sim.stateHash());
    expect(resumed.progress.steps[0].completed).toBe(true);
  });

  test('two learner seeds draw different variables, the same seed the same ones', async () => {
    const a = await LabSession.open(lab(), new HeadlessGpuPool(gpupoolModule()), { learnerSeed: 1 });
    const b = await LabSession.open(lab(), new HeadlessGpuPool(gpupoolModule()), { learnerSeed: 2 });
    const a2 = await LabSession.open(lab(), new HeadlessGpuPool(gpupoolModule()), { learnerSeed: 1 });
    expect(a.variables).toEqual(a2.variables);
    expect(a.variables).not.toEqual(b.variables);
  });
});

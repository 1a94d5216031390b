// Predicts whose look-ahead injects a fault ("if the leader crashes now..."), on the real
// raft.wasm and gpupool.wasm: the answer is the kernel's, computed on a scratch copy, and
// the learner's run keeps its state and its command log (same hash before and after, and
// the same future as a run that never had the predict).
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseCommand } from '../commands/parse';
import { RAFT_FAULT_WORDS } from '../kernels/raft/grammar';
import { gpupoolModule, raftModule } from '../testing/fixtures';
import { HeadlessGpuPool } from '../kernels/gpupool/headless';
import { HeadlessRaft } from '../kernels/raft/headless';
import type { Lab, LabPredict } from './lab';
import { parseLab } from './labFile';
import { computePredict, predictHasFault, type LookAheadReport } from './predict';
import { LabSession } from './session';
import type { LabSimulation } from './simulation';
import { verifyLabText } from './verify';

let raftKernel: WebAssembly.Module;
beforeAll(() => {
  raftKernel = raftModule();
});

const RAFT_SCENARIO = { mode: 'raft', iodepth: 8, net: 'rdma', disk: 'xpoint', scenario: null } as const;

const labText = (kernel: 'raft' | 'gpupool', predict: string, check: string, solution: string) => `---
id: what-if
title: What if
kernel: ${kernel}
scenario:
${kernel === 'raft' ? '  mode: raft\n  iodepth: 8' : '  workload: synthetic\n  policy: FGD'}
seed: ${kernel === 'raft' ? 1 : 42}
minutes: 5
objectives:
  - Ask what a fault would do
---

## Step: Ask

\`\`\`check
${check}
\`\`\`

\`\`\`predict
${predict}
\`\`\`

\`\`\`not-yet
Run the solution's commands.
\`\`\`

\`\`\`hlab
${solution}
\`\`\`

### Hint

Run it.

### Solution

\`\`\`hlab
${solution}
\`\`\`
`;

function parsed(text: string): Lab {
  const result = parseLab('labs/what-if.md', text);
  expect(result.errors).toEqual([]);
  return result.lab!;
}

async function run(sim: LabSimulation, ...lines: string[]): Promise<void> {
  for (const line of lines) {
    const p = parseCommand(line);
    if (!p.ok) throw new Error(p.error);
    const result = await sim.execute(p.command);
    expect(result.ok, `${line}: ${result.lines.join(' ')}`).toBe(true);
  }
}

async function freshRaft(): Promise<HeadlessRaft> {
  const sim = new HeadlessRaft(raftKernel);
  await sim.setUp(RAFT_SCENARIO, 1);
  return sim;
}

/** The learner's simulation with its scratch copy taken away: look-aheads land on the run itself. */
function withoutCopy(sim: LabSimulation): LabSimulation {
  return {
    setUp: (s, seed, kernel) => sim.setUp(s, seed, kernel),
    execute: (c) => sim.execute(c),
    query: (m) => sim.query(m),
    inspectNode: (n) => sim.inspectNode(n),
    seek: (s) => sim.seek(s),
    stateHash: () => sim.stateHash(),
  };
}

describe('a raft predict that crashes the leader', () => {
  const CRASH = 'question: If the leader crashes now, how many elections start in the next 500 ms?\nforward: raft crash 0; raft step 500ms\nanswer: elections\ntolerance: 0';
  const lab = () => parsed(labText('raft', CRASH, 'timeMs >= 500', 'raft step 500ms'));

  test('the answer is the kernel\'s, and the learner\'s run is exactly a run that never had the predict', async () => {
    const sim = await freshRaft();
    await run(sim, 'raft step 20ms');
    const reports: LookAheadReport[] = [];
    const predict = lab().steps[0].predict!;
    expect(predictHasFault(predict)).toBe(true);
    const expectation = await computePredict(predict, sim, {}, { checkRestored: true, onLookAhead: (r) => reports.push(r) });

    // What the same commands do to a run that really takes them.
    const crashed = await freshRaft();
    await run(crashed, 'raft step 20ms', 'raft crash 0', 'raft step 500ms');
    const elections = Number(await crashed.query('elections'));
    expect(expectation).toEqual({ kind: 'number', value: elections, tolerance: { kind: 'absolute', value: 0 } });
    expect(elections).toBeGreaterThan(0);
    expect(await crashed.query('leader')).not.toBe(0);

    // The learner's run: same state and log as before (the hashes), and the same future.
    expect(reports).toEqual([{ line: predict.line, faults: ['raft crash 0'], hashBefore: expect.any(String), hashAfter: expect.any(String) }]);
    expect(reports[0].hashAfter).toBe(reports[0].hashBefore);
    const control = await freshRaft();
    await run(control, 'raft step 20ms');
    expect(await sim.stateHash()).toBe(await control.stateHash());
    await run(sim, 'raft step 500ms');
    await run(control, 'raft step 500ms');
    expect(await sim.stateHash()).toBe(await control.stateHash());
    expect(await sim.query('leader')).toBe(0);
    expect(Number(await sim.query('elections'))).toBeLessThan(elections);
  });

  test('without a scratch copy the crash would stay in the run, and the hash check says so', async () => {
    const sim = await freshRaft();
    await run(sim, 'raft step 20ms');
    await expect(computePredict(lab().steps[0].predict!, withoutCopy(sim), {}, { checkRestored: true }))
      .rejects.toThrow(/^looking ahead changed the state at step 20000000 \(hash .* became .*\)$/);
  });

  test('lab verify proves it for every step and prints the what-if with the unchanged hash', async () => {
    const report = await verifyLabText('labs/what-if.md', labText('raft', CRASH, 'timeMs >= 500', 'raft step 500ms'), () => new HeadlessRaft(raftKernel));
    expect(report.lines.filter((l) => !l.ok)).toEqual([]);
    expect(report.lines[0].message).toMatch(/^answer \d+ \(what-if "raft crash 0" on a scratch copy; the run's state hash single raft@0:[0-9a-f]{16}\/log [0-9a-f]{16} is the one before the predict\)$/);
  });

  test('a session opens the step with the answer ready and the run at 0 ms, unchanged', async () => {
    const sim = await freshRaft();
    const session = await LabSession.open(lab(), sim, { predict: { checkRestored: true } });
    expect(session.progress.steps[0].predictError).toBeNull();
    const control = await freshRaft();
    expect(await sim.stateHash()).toBe(await control.stateHash());
    await session.runSolution();
    expect((await session.check()).pass).toBe(true);
    expect(await sim.query('leader')).toBe(0);
  });

  test('a fault on a run the checker stopped is the predict\'s error, with its line', async () => {
    const text = labText('raft', 'question: Q?\nforward: raft crash 1\nanswer: elections', 'timeMs >= 3000', 'raft step 3s');
    const lab = parsed(text.replace('  mode: raft\n  iodepth: 8', '  mode: parallel\n  scenario: ghost'));
    const sim = new HeadlessRaft(raftKernel);
    await sim.setUp({ mode: 'parallel', iodepth: 8, net: 'rdma', disk: 'xpoint', scenario: 'ghost' }, 1);
    await run(sim, 'raft step 3s');
    expect(await sim.query('verdict')).toBe('invalid');
    await expect(computePredict(lab.steps[0].predict!, sim, {}, { checkRestored: true })).rejects.toThrow(/^line 22: the run has stopped \(the checker found a violation\)/);
  });

  test('a scratch copy has the run\'s state and log, side by side and after a seek back, and its faults stay in it', async () => {
    const sim = await freshRaft();
    await run(sim, 'raft side-by-side', 'raft step 30ms', 'raft partition 2', 'raft step 20ms', 'raft seek 40ms');
    const copy = await sim.scratchCopy();
    expect(await copy.stateHash()).toBe(await sim.stateHash());
    const before = await sim.stateHash();
    await run(copy, 'raft crash 0', 'raft step 50ms');
    expect(await copy.stateHash()).not.toBe(before);
    expect(await sim.stateHash()).toBe(before);
  });
});

describe('forward commands in a raft lab', () => {
  const errorsOf = (forward: string) => {
    const r = parseLab('labs/what-if.md', labText('raft', `question: Q?\nforward: ${forward}\nanswer: elections`, 'timeMs >= 200', 'raft step 200ms'));
    return r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
  };

  test('every fault of the raft grammar goes; a list and ";" both work', () => {
    for (const fault of ['raft crash 0 wipe', 'raft restart 1', 'raft partition 2', 'raft oneway 0 1', 'raft heal', 'raft delay 0>1 2ms', 'raft loss 0 1 20%', 'raft dup 1>2 5%', 'raft reorder 0 2 10%', 'raft limp 0 10x', 'raft elect 2', 'raft write 3 2', 'raft read 3', 'raft iodepth 32', 'raft checkpoint 1']) {
      expect(errorsOf(`${fault}; raft step 100ms`), fault).toEqual([]);
    }
    expect(errorsOf('[raft step 10ms, raft crash 0, raft run]')).toEqual([]);
  });

  test('configuration changes, reads and GPU-pool faults are refused where they are written, naming what is allowed', () => {
    // Every word of the kernel's fault grammar, as the terminal takes it ("dup" for "duplicate").
    const faults = RAFT_FAULT_WORDS.filter((w) => w !== 'duplicate').join(', ');
    expect(faults).toMatch(/^crash, restart, partition, oneway, heal, delay, loss, dup, reorder, limp, elect, write, read, iodepth, checkpoint/);
    const allowed = `may only move time ahead (raft step, raft seek, raft run) or inject a fault into the look-ahead's scratch copy (raft ${faults})`;
    expect(errorsOf('raft crash 0; raft mode parallel')).toEqual([`22:24: predict: "forward" ${allowed}, not "raft mode" (it changes the run's configuration)`]);
    expect(errorsOf('[raft reset, raft step 1ms]')).toEqual([`22:11: predict: "forward" ${allowed}, not "raft reset" (it changes the run's configuration)`]);
    expect(errorsOf('raft status')).toEqual([`22:10: predict: "forward" ${allowed}, not "raft status"`]);
    expect(errorsOf('raft side-by-side')).toEqual([`22:10: predict: "forward" ${allowed}, not "raft side-by-side" (it changes the run's configuration)`]);
    expect(errorsOf('fail node 1')).toEqual([expect.stringMatching(/^22:10: "fail" drives the GPU pool, but this lab runs kernel raft/)]);
    expect(errorsOf('raft crash 7')).toEqual([expect.stringMatching(/^22:\d+: .*"7" is not a node \(0\.\.2\)/)]);
  });
});

describe('a GPU-pool predict that fails a node', () => {
  const FAIL = 'question: If node 3 fails now, how many of the next 500 pods are refused?\nforward: [fail node 3, step 500]\nanswer: count(failed)\ntolerance: 0';
  const fresh = async () => {
    const sim = new HeadlessGpuPool(gpupoolModule());
    await sim.setUp({ workload: 'synthetic', policy: 'FGD', rng: 'xoshiro', tune: 1.3 }, 42);
    return sim;
  };

  test('the answer is the kernel\'s; the learner\'s run keeps its state, its log and its future', async () => {
    const sim = await fresh();
    await run(sim, 'step 8000');
    const reports: LookAheadReport[] = [];
    const predict: LabPredict = parsed(labText('gpupool', FAIL, 'step >= 8500', 'step 500')).steps[0].predict!;
    const expectation = await computePredict(predict, sim, {}, { checkRestored: true, onLookAhead: (r) => reports.push(r) });

    const failed = await fresh();
    await run(failed, 'step 8000');
    const before = Number(await failed.query('failed'));
    await run(failed, 'fail node 3', 'step 500');
    expect(expectation).toEqual({ kind: 'number', value: Number(await failed.query('failed')) - before, tolerance: { kind: 'absolute', value: 0 } });

    expect(reports).toMatchObject([{ faults: ['fail node 3'] }]);
    expect(reports[0].hashAfter).toBe(reports[0].hashBefore);
    const control = await fresh();
    await run(control, 'step 8000');
    expect(await sim.stateHash()).toBe(await control.stateHash());
    await run(sim, 'step 500');
    await run(control, 'step 500');
    expect(await sim.stateHash()).toBe(await control.stateHash());
    expect(await sim.stateHash()).not.toBe(await failed.stateHash());
  });

  test('the scratch copy replays the learner\'s own faults', async () => {
    const sim = await fresh();
    await run(sim, 'step 100', 'fail gpu 2 0', 'step 200', 'fail node 5', 'step 50');
    const copy = await sim.scratchCopy();
    expect(await copy.stateHash()).toBe(await sim.stateHash());
  });

  test('without a scratch copy the failed node would stay in the run, and the hash check says so', async () => {
    const sim = await fresh();
    await run(sim, 'step 8000');
    const predict = parsed(labText('gpupool', FAIL, 'step >= 8500', 'step 500')).steps[0].predict!;
    await expect(computePredict(predict, withoutCopy(sim), {}, { checkRestored: true })).rejects.toThrow(/^looking ahead changed the state at step 8000/);
  });
});

// kernel: raft labs: the front matter's raft scenario, per-kernel metrics, and the headless
// raft simulation on the real raft.wasm (deterministic, a look-ahead leaves no trace).
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { raftModule } from '../testing/fixtures';
import { parseCommand } from '../commands/parse';
import { HeadlessRaft } from '../kernels/raft/headless';
import { parseLab } from './labFile';
import { verifyLabText } from './verify';

let module: WebAssembly.Module;
beforeAll(() => {
  module = raftModule();
});

const raftLab = (scenario: string, check: string, solution = 'raft step 10ms', kernel = 'raft') => `---
id: tiny-raft
title: Tiny
kernel: ${kernel}
scenario:
${scenario}
seed: 1
minutes: 5
objectives:
  - Run
---

## Step: Go

\`\`\`check
${check}
\`\`\`

\`\`\`not-yet
Run the solution's commands.
\`\`\`

\`\`\`hlab
${solution}
\`\`\`

### Hint

Step.

### Solution

\`\`\`hlab
${solution}
\`\`\`
`;

const errorsOf = (text: string) => {
  const r = parseLab('labs/tiny.md', text);
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
};

describe('raft labs: front matter and checks', () => {
  test('a good raft lab parses with its scenario and defaults', () => {
    const r = parseLab('labs/tiny.md', raftLab('  mode: parallel', 'timeMs >= 10 and mode == "parallel"'));
    expect(r.errors).toEqual([]);
    expect(r.lab?.scenario).toEqual({ mode: 'parallel', iodepth: 8, net: 'rdma', disk: 'xpoint', scenario: null });
  });

  test('scenario keys and values are checked at their line and column, with a suggestion', () => {
    expect(errorsOf(raftLab('  mode: paralel\n  iodepht: 4', 'timeMs >= 10'))).toEqual([
      '6:9: "mode": unknown value "paralel"; did you mean parallel? (one of raft, parallel, parallel-ce)',
      '7:3: unknown scenario key "iodepht"; did you mean "iodepth"? (keys: mode, iodepth, net, disk, scenario)',
    ]);
    expect(errorsOf(raftLab('  mode: raft\n  scenario: ghost', 'timeMs >= 10'))[0]).toMatch(/^6:9: scenario ghost is about the merge stage/);
    expect(errorsOf(raftLab('  net: rdma', 'timeMs >= 10'))[0]).toBe('6:3: scenario is missing "mode" (raft, parallel or parallel-ce)');
  });

  test('metrics are per kernel, with "did you mean"', () => {
    expect(errorsOf(raftLab('  mode: raft', 'fragRatio > 1'))).toEqual([expect.stringMatching(/^16:1: a check: "fragRatio" is a gpupool metric, not a raft one/)]);
    expect(errorsOf(raftLab('  mode: raft', 'iopz > 1'))).toEqual([expect.stringMatching(/^16:1: a check: unknown metric "iopz"; did you mean iops\?/)]);
    expect(errorsOf(raftLab('  mode: raft', 'verdict == "vaild"'))).toEqual([expect.stringMatching(/^16:12: a check: "vaild" is not a verdict; did you mean valid\?/)]);
    const gpupool = raftLab('  workload: synthetic\n  policy: FGD', 'iops > 1', 'step 10', 'gpupool');
    expect(errorsOf(gpupool)).toEqual([expect.stringMatching(/^17:1: a check: "iops" is a raft metric, not a gpupool one/)]);
  });

  test("a command of the other kernel is an error where it is written", () => {
    // Where the prose shows it (line 24), and in the solution (line 34).
    expect(errorsOf(raftLab('  mode: raft', 'timeMs >= 10', 'step 10'))).toEqual([
      expect.stringMatching(/^24:1: "step" drives the GPU pool, but this lab runs kernel raft/),
      expect.stringMatching(/^34:1: "step" drives the GPU pool, but this lab runs kernel raft/),
    ]);
  });
});

describe('HeadlessRaft', () => {
  const run = async (sim: HeadlessRaft, ...lines: string[]) => {
    for (const line of lines) {
      const parsed = parseCommand(line);
      if (!parsed.ok) throw new Error(parsed.error);
      const result = await sim.execute(parsed.command);
      expect(result.ok, `${line}: ${result.lines.join(' ')}`).toBe(true);
    }
  };
  const fresh = async () => {
    const sim = new HeadlessRaft(module);
    await sim.setUp({ mode: 'raft', iodepth: 8, net: 'rdma', disk: 'xpoint', scenario: null }, 1);
    return sim;
  };

  test('the same commands give the same state; seeking back and forth comes back to it bit for bit', async () => {
    const a = await fresh();
    const b = await fresh();
    await run(a, 'raft step 20ms', 'raft iodepth 32', 'raft step 20ms');
    await run(b, 'raft step 20ms', 'raft iodepth 32', 'raft step 20ms');
    expect(await a.stateHash()).toBe(await b.stateHash());
    expect(await a.query('iodepth')).toBe(32);
    expect(await a.query('timeMs')).toBe(40);
    const at40 = await a.stateHash();
    await run(a, 'raft step 30ms');
    expect(await a.stateHash()).not.toBe(at40);
    await a.seek(5_000_000);
    await a.seek(40_000_000);
    expect(await a.stateHash()).toBe(at40);
  });

  test('raft break, read-share and blocks each start a new run with them; break none gives the plain run back bit for bit', async () => {
    // The iodepth given before a restart is the new run's starting depth (as in the app).
    const plain = await fresh();
    await run(plain, 'raft read-share 50', 'raft blocks 32', 'raft iodepth 32', 'raft break none', 'raft step 20ms');
    const workload = await plain.stateHash();
    const writesOnly = await fresh();
    await run(writesOnly, 'raft iodepth 32', 'raft break none', 'raft step 20ms');
    expect(await writesOnly.stateHash()).not.toBe(workload);
    const broken = await fresh();
    await run(broken, 'raft read-share 50', 'raft blocks 32', 'raft iodepth 32', 'raft break dirty-read', 'raft step 20ms');
    // Reads answered from the leader's newest entry, without ReadIndex: another run.
    expect(await broken.stateHash()).not.toBe(workload);
    await run(broken, 'raft break none', 'raft step 20ms');
    expect(await broken.stateHash()).toBe(workload);
  });

  test('side by side: two runs on one clock, metrics of the current mode', async () => {
    const sim = await fresh();
    await run(sim, 'raft side-by-side', 'raft iodepth 32', 'raft step 50ms');
    expect(await sim.query('sideBySide')).toBe(true);
    expect(await sim.query('mode')).toBe('raft');
    const raftIops = Number(await sim.query('iops'));
    await run(sim, 'raft mode parallel', 'raft step 50ms');
    expect(await sim.query('mode')).toBe('parallel');
    expect(Number(await sim.query('iops'))).toBeGreaterThan(raftIops);
  });

  test('a raft lab whose predict looks ahead verifies, and a check that cannot fail is caught', async () => {
    const predict = '```predict\nquestion: IOPS?\nforward: raft step 20ms\nanswer: iops\n```\n';
    const good = raftLab('  mode: raft', 'timeMs >= 20', 'raft step 20ms').replace('## Step: Go\n', `## Step: Go\n\n${predict}`);
    const report = await verifyLabText('tiny.md', good, () => new HeadlessRaft(module));
    expect(report.lines.filter((l) => !l.ok)).toEqual([]);
    expect(report.lines[0]).toMatchObject({ ok: true, what: expect.stringContaining('predict') });
    const bad = await verifyLabText('tiny.md', raftLab('  mode: raft', 'timeMs >= 0'), () => new HeadlessRaft(module));
    expect(bad.lines[0]).toMatchObject({ ok: false, message: expect.stringContaining('cannot fail') });
  });
});

// kernel: logindex labs: the front matter's scenario, the check vocabulary, and the shipped labs
// run step by step on the headless simulation over the real logindex.wasm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { logindexModule, PROJECT_ROOT } from '../../testing/fixtures';
import { parseLab } from '../../labs/labFile';
import { verifyLabText } from '../../labs/verify';
import { HeadlessLogIndex } from './headless';

let module: WebAssembly.Module;
beforeAll(() => {
  module = logindexModule();
});

const lab = (scenario: string, check: string, solution = 'logindex step 10ms') => `---
id: tiny-logindex
title: Tiny
kernel: logindex
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

describe('logindex labs: front matter and checks', () => {
  test('a good lab parses with its scenario and defaults', () => {
    const r = parseLab('labs/tiny.md', lab('  mode: full\n  side-by-side: on\n  broken: mtr-lock-off', 'timeMs >= 10 and fullVerdict == "valid"'));
    expect(r.ok).toBe(true);
    expect(r.ok && r.lab.scenario).toEqual({ mode: 'full', ro: 3, 'write-scale': 1, 'side-by-side': true, broken: ['mtr-lock-off'], scenario: null });
  });

  test('refuses a bad scenario at its line', () => {
    expect(errorsOf(lab('  ro: 3', 'timeMs > 1'))).toEqual([expect.stringMatching(/^6:3: scenario is missing "mode" \(lazy or full\)/)]);
    expect(errorsOf(lab('  mode: lazy\n  ro: 16', 'timeMs > 1'))).toEqual([expect.stringMatching(/^7:\d+: "ro" must be a whole number of replicas from 1 to 15/)]);
    expect(errorsOf(lab('  mode: lazy\n  write-scale: 17', 'timeMs > 1'))).toEqual([expect.stringMatching(/"write-scale" must be a write scale above 0 and at most 16/)]);
    expect(errorsOf(lab('  mode: lazy\n  scenario: LI-10', 'timeMs > 1')).join()).toContain('scenario');
    expect(errorsOf(lab('  mode: lazy\n  iodepth: 8', 'timeMs > 1')).join()).toContain('iodepth');
  });

  test('checks use the LogIndex vocabulary: misspelt texts and other kernels\' words are errors', () => {
    expect(errorsOf(lab('  mode: lazy', 'verdict == "vaild"')).join()).toMatch(/vaild/);
    expect(errorsOf(lab('  mode: lazy', 'violation == "L10"')).join()).toMatch(/L10/);
    expect(errorsOf(lab('  mode: lazy', 'iops > 1')).join()).toMatch(/"iops" is a raft metric, not a logindex one/);
    expect(errorsOf(lab('  mode: lazy', 'timeMs > 1', 'raft step 5ms')).join()).toMatch(/"raft" drives Raft and ParallelRaft, but this lab runs kernel logindex: use "logindex \.\.\." \(logindex step 100ms/);
  });
});

describe('the shipped LogIndex labs, headless', () => {
  test.each(['06-logindex-lazy-lag.md', '07-logindex-flush-control.md', '08-logindex-read-scaling.md'])('%s: every step passes as a learner follows it', async (file) => {
    const text = readFileSync(join(PROJECT_ROOT, 'labs', file), 'utf8');
    const report = await verifyLabText(`labs/${file}`, text, () => new HeadlessLogIndex(module));
    expect(report.lines.filter((l) => !l.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.lines.filter((l) => l.what.includes('commands as shown')).length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});

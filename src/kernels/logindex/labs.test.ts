// kernel: logindex labs: the front matter's scenario and the check vocabulary.
import { describe, expect, test } from 'vitest';
import { parseLab } from '../../labs/labFile';

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

// The shipped labs 06-08 run step by step on HeadlessLogIndex in src/labs/verify.test.ts, with every other lab.

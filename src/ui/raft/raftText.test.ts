// The raft tab's translated sentences against the real kernel: in English they must read
// exactly as the kernel's own verdict (the terminal and the e2e tests match those words), and
// in Chinese they must differ and keep the numbers.
import { describe, expect, it } from 'vitest';
import { translator } from './messages';
import { defaultConfig } from '../../kernels/raft/config';
import { describeViolation } from '../../kernels/raft/kernel';
import { VIOLATION_PROPERTY } from '../../kernels/raft/protocol';
import { runRaft } from '../../kernels/raft/run';
import { SCENARIOS } from '../../kernels/raft/scenarios';
import { parseSchedule } from '../../kernels/raft/schedule';
import type { Verdict } from '../../kernels/raft/types';
import { raftModule } from '../../testing/fixtures';
import { entryLine, verdictReason } from './raftText';

const en = translator('en');
const zh = translator('zh-CN');


describe('raft tab sentences', () => {
  it('rebuilds every violation sentence in the kernel\'s English words', () => {
    for (let code = 1; code <= 14; code++) {
      const v = { code, property: VIOLATION_PROPERTY[code] ?? `violation ${code}`, at: 1_234_567, a: 2, b: 41, c: code === 10 ? 0b101 : 7 };
      const verdict: Verdict = { verdict: 'invalid', reason: describeViolation(v), violations: [v] };
      const raw = new Float64Array(256);
      expect(verdictReason(verdict, raw, en), `code ${code}`).toBe(verdict.reason);
      const chinese = verdictReason(verdict, raw, zh);
      expect(chinese, `code ${code}`).not.toBe(verdict.reason);
      expect(chinese).toContain('1.235');
    }
  });

  it('matches a real run\'s valid verdict in English and translates it', () => {
    const run = runRaft(raftModule(), { config: defaultConfig({ mode: 'parallel' }), durationNs: 20e6 });
    const verdict = run.kernel.verdict();
    const raw = run.kernel.frame();
    expect(verdict.verdict).toBe('valid');
    expect(verdictReason(verdict, raw, en)).toBe(verdict.reason);
    expect(verdictReason(verdict, raw, zh)).toMatch(/^已检查 \d+ 次提交.*所有性质均成立$/);
  });

  it('matches the ghost scenario\'s violation in English and translates it', () => {
    const s = SCENARIOS.ghost;
    const run = runRaft(raftModule(), { config: defaultConfig({ ...s.config, mode: 'parallel' }), durationNs: s.durationNs, warmupNs: 0, schedule: parseSchedule(s.faults, 'ghost') });
    const verdict = run.kernel.verdict();
    const raw = run.kernel.frame();
    expect(verdict.verdict).toBe('invalid');
    expect(verdictReason(verdict, raw, en)).toBe(verdict.reason);
    expect(verdictReason(verdict, raw, zh)).toContain('旧数据覆盖新数据');
  });

  it('keeps the kernel\'s words for a reason it cannot rebuild', () => {
    const verdict: Verdict = { verdict: 'unknown', reason: 'a reason the UI does not know', violations: [] };
    const raw = new Float64Array(256);
    expect(verdictReason(verdict, raw, zh)).toBe('a reason the UI does not know');
  });

  it('words an entry exactly as before in English', () => {
    const e = { index: 12, node: 1, term: 3, value: 77, lba: 40, blocks: 4, ackMask: 0b011, lbb: [{ index: 10, lba: 41, blocks: 2 }] };
    expect(entryLine(e as never, en)).toBe('#12 on node 1: term 3, write 77, LBA 40..43; LBB [#10 LBA 41+2]; acked by {0,1}');
    expect(entryLine({ ...e, lbb: [], ackMask: 0 } as never, en)).toBe('#12 on node 1: term 3, write 77, LBA 40..43; LBB [none]; acked by {}');
    expect(entryLine(e as never, zh)).toContain('节点 1 上的 #12');
  });
});

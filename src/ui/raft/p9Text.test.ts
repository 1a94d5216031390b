// The P9 line's words, from verdicts of the real live checker: each state in its colour, the
// sentence with the block and time of a violation, and the ops, in English and in Chinese.
import { describe, expect, it } from 'vitest';
import { translator } from './messages';
import { LiveLinearizability, P9_SETTLE_NS } from '../../kernels/raft/liveLinearizability';
import type { HistoryRecord } from '../../kernels/raft/types';
import { firstBreak, p9OpLine, p9Sentence, p9StateWord, p9Tone } from './p9Text';

const en = translator('en');
const zh = translator('zh-CN');
const MS = 1_000_000;
const w = (value: number, invoke: number, complete: number | null, ok = complete !== null): HistoryRecord => ({ client: 2, op: 'write', block: 5, value, invoke, complete, ok });
const r = (value: number, invoke: number, complete: number): HistoryRecord => ({ client: 3, op: 'read', block: 5, value, invoke, complete, ok: true });

function checker(): LiveLinearizability {
  return new LiveLinearizability({ blocks: 8, clientTimeoutNs: 100 * MS, tickNs: MS });
}

describe('P9 line words', () => {
  it('not checked yet, then linearizable with the ops, blocks and time', () => {
    const live = checker();
    const none = live.verdict(0);
    expect(p9Tone(none.state)).toBe('unknown');
    expect(p9StateWord(none.state, en)).toBe('not checked yet');
    expect(p9Sentence(none, en)).toBe('no op has finished yet');
    live.add([w(1, 1 * MS, 2 * MS), r(1, 3 * MS, 4 * MS)]);
    const fine = live.verdict(5 * MS);
    expect(p9Tone(fine.state)).toBe('valid');
    expect(p9StateWord(fine.state, en)).toBe('linearizable');
    expect(p9Sentence(fine, en)).toBe('2 ops on 1 blocks finished by 5.000 ms fit one order of reads and writes per block');
    expect(p9Sentence(fine, zh)).toBe('5.000 ms 前完成的 2 个操作（1 个块）在每个块上都能排成一个合法的读写顺序');
    expect(firstBreak(null, fine)).toBeNull();
    expect(firstBreak(7, fine)).toBe(7);
  });

  it('a stale read: the block, the time, the kind, and each op with its outcome', () => {
    const live = checker();
    live.add([w(1, 1 * MS, 2 * MS), w(2, 3 * MS, 4 * MS), w(3, 4.5 * MS, 9 * MS, false), r(1, 6 * MS, 7 * MS)]);
    live.settle(P9_SETTLE_NS);
    const v = live.verdict(P9_SETTLE_NS);
    expect(v.state).toBe('not-linearizable');
    expect(p9Tone(v.state)).toBe('invalid');
    expect(p9StateWord(v.state, zh)).toBe('非线性一致');
    const at = (v.violation!.at / MS).toFixed(3);
    expect(p9Sentence(v, en)).toBe(`block 5, at ${at} ms: an op saw a value after another value had replaced it (a stale read)`);
    expect(p9Sentence(v, zh)).toBe(`块 5，${at} ms：某个操作在一个值已被另一个值替换之后仍看到了它（过期读）`);
    const lines = v.violation!.ops.map((op) => p9OpLine(op, en));
    expect(lines).toContain('client 2 wrote 2: 3.000 ms → 4.000 ms');
    expect(lines).toContain('client 3 read 1: 6.000 ms → 7.000 ms');
    expect(v.violation!.ops.map((op) => p9OpLine(op, zh))).toContain('客户端 3 读到 1：6.000 ms → 7.000 ms');
    expect(firstBreak(null, v)).toBe(v.violation!.at);
    expect(firstBreak(v.violation!.at + 1, v)).toBe(v.violation!.at);
    expect(firstBreak(1, v)).toBe(1);
  });

  it('ops that failed or never returned say so; a refused record and a stopped check are told apart', () => {
    expect(p9OpLine({ client: 0, op: 'write', value: 4, invoke: MS, complete: 2 * MS, ok: false }, en)).toBe('client 0 wrote 4: 1.000 ms → failed at 2.000 ms');
    expect(p9OpLine({ client: 0, op: 'write', value: 4, invoke: MS, complete: null, ok: false }, zh)).toBe('客户端 0 写入 4：1.000 ms → 未返回');
    const refused = checker();
    refused.add([{ ...r(1, 5, 6), complete: 1 }]);
    refused.settle(0);
    expect(p9Sentence(refused.verdict(0), en)).toMatch(/^the history is malformed: history record 1 was refused: "complete" \(1\)/);
    const stopped = checker();
    stopped.add([w(1, 0, 1)]);
    stopped.stop('the client history could not be read: overrun');
    expect(p9Sentence(stopped.verdict(0), en)).toBe('the check stopped: the client history could not be read: overrun');
    expect(p9Tone(stopped.verdict(0).state)).toBe('unknown');
  });
});

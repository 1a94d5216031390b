// The P9 line's words in the page's language: the live per-block linearizability verdict the
// worker sends with each frame (LiveP9Verdict), its state in the tri-state colours of the
// checker's verdict, one sentence, and the ops that pin a violation down. The checker's own
// English sentence stays available as it is (P9Line shows it under "the checker's words").
import { t, type AnyMessageKey as MessageKey, type Translate } from './messages';
import type { LinearizabilityOp } from '../../kernels/raft/linearizability';
import type { LiveP9State, LiveP9Verdict } from '../../kernels/raft/liveLinearizability';
import type { Verdict } from '../../kernels/raft/types';

const msText = (ns: number): string => (ns / 1e6).toFixed(3);

/** The verdict colour a P9 state wears: linearizable green, not linearizable red, not checked amber. */
export function p9Tone(state: LiveP9State): Verdict['verdict'] {
  return state === 'linearizable' ? 'valid' : state === 'not-linearizable' ? 'invalid' : 'unknown';
}

export function p9StateWord(state: LiveP9State, tr: Translate = t): string {
  return tr(`raft.p9.state.${state}` as MessageKey);
}

/** One sentence: what holds, where and when it broke, or why nothing is known yet. */
export function p9Sentence(v: LiveP9Verdict, tr: Translate = t): string {
  if (v.violation !== null) {
    return tr('raft.p9.broken', { block: v.violation.block, at: msText(v.violation.at), kind: tr(`raft.p9.kind.${v.violation.kind}` as MessageKey) });
  }
  if (v.state === 'not-linearizable' && v.note !== null) return tr('raft.p9.refused', { note: v.note });
  if (v.note !== null) return tr('raft.p9.stopped', { note: v.note });
  if (v.ops === 0) return tr('raft.p9.nothingYet');
  return tr('raft.p9.holds', { ops: v.ops, blocks: v.blocks, at: msText(v.through) });
}

/** One op of a violation: who, what, which value, from its invocation to its outcome. */
export function p9OpLine(op: LinearizabilityOp, tr: Translate = t): string {
  const to = op.complete === null ? tr('raft.p9.op.never') : op.ok ? tr('raft.p9.op.done', { at: msText(op.complete) }) : tr('raft.p9.op.failed', { at: msText(op.complete) });
  return tr('raft.p9.op', { client: op.client, what: tr(op.op === 'write' ? 'raft.p9.op.write' : 'raft.p9.op.read'), value: op.value, from: msText(op.invoke), to });
}

/** When the first property broke, of the live checker's verdict and P9 (null: nothing broke). */
export function firstBreak(kernelAt: number | null, p9: LiveP9Verdict | null): number | null {
  const p9At = p9?.violation?.at ?? null;
  if (kernelAt === null) return p9At;
  return p9At === null ? kernelAt : Math.min(kernelAt, p9At);
}

// The ParallelRaft tab's sentences in the page's language: the checker's verdict, an entry,
// a log cell. The kernel words its verdict in English for the terminal and the CLI; the UI
// rebuilds the same sentence from the frame through the catalogue, and keeps the kernel's
// own words whenever the English rebuild does not match them (a reason this file does not
// know yet), so no locale ever shows a sentence the kernel did not mean.
import { t, translator, type AnyMessageKey as MessageKey, type Translate } from './messages';
import type { RaftEntryInfo } from '../../kernels/raft/api';
import { FRAME } from '../../kernels/raft/kernel';
import { ROLES } from '../../kernels/raft/protocol';
import type { Verdict, Violation } from '../../kernels/raft/types';

const english = translator('en');
const msText = (ns: number): string => (ns / 1e6).toFixed(3);

function violationText(v: Violation, tr: Translate): string {
  const code = v.code >= 1 && v.code <= 16 ? v.code : null;
  let c: string | number = v.c;
  // Code 10 names the replicas that had persisted the entry as a set.
  if (v.code === 10) {
    const nodes = [0, 1, 2].filter((n) => v.c & (1 << n));
    c = nodes.length ? `{${nodes.join(', ')}}` : tr('raft.none');
  }
  const params = { at: msText(v.at), a: v.a, b: v.b, c, code: v.code, property: v.property };
  return tr(code === null ? 'raft.violation.other' : (`raft.violation.${code}` as MessageKey), params);
}

/** The verdict's sentence, rebuilt by `tr` from the frame it came with (null: no match). */
function verdictSentence(verdict: Verdict, raw: Float64Array, tr: Translate): string | null {
  const v = verdict.violations[0];
  if (v) return violationText(v, tr);
  if (raw[FRAME.overflow] !== 0) return tr('raft.overflow');
  if (raw[FRAME.commitsChecked] === 0) return tr('raft.nothingCommitted');
  const lbbs = raw[FRAME.lbbsChecked];
  const syncs = raw[FRAME.syncsChecked];
  const compared = raw[FRAME.settle] === 2;
  const checked = tr('raft.checked', {
    commits: raw[FRAME.commitsChecked], applies: raw[FRAME.appliesChecked], reads: raw[FRAME.readsChecked], elections: raw[FRAME.electionsChecked],
    lbbs: lbbs > 0 ? tr('raft.checked.lbbs', { n: lbbs }) : '',
    syncs: syncs > 0 ? tr('raft.checked.syncs', { n: syncs }) : '',
    converged: compared ? tr('raft.checked.converged', { n: raw[FRAME.replicasConverged], entries: raw[FRAME.maxCommitted] }) : '',
  });
  const unverified = raw[FRAME.unverified];
  return unverified > 0 ? tr('raft.unverified', { checked, n: unverified }) : tr('raft.allHeld', { checked });
}

/** The checker's reason in the page's language; the kernel's English when the two disagree. */
export function verdictReason(verdict: Verdict, raw: Float64Array | null, tr: Translate = t): string {
  if (raw === null || verdictSentence(verdict, raw, english) !== verdict.reason) return verdict.reason;
  return verdictSentence(verdict, raw, tr) ?? verdict.reason;
}

export function verdictWord(verdict: Verdict['verdict'], tr: Translate = t): string {
  return tr(`raft.verdict.${verdict}` as MessageKey);
}

export function roleText(role: (typeof ROLES)[number] | 'down', tr: Translate = t): string {
  return tr(`raft.role.${role}` as MessageKey);
}

/** One log entry as the entry line shows it (the terminal keeps raftState's entryText). */
export function entryLine(e: RaftEntryInfo, tr: Translate = t): string {
  const lbb = e.lbb.map((x) => `#${x.index} LBA ${x.lba}+${x.blocks}`).join(', ');
  const acks = [0, 1, 2].filter((n) => e.ackMask & (1 << n)).join(',');
  return tr('raft.entry', {
    index: e.index, node: e.node, term: e.term, value: e.value, first: e.lba, last: e.lba + e.blocks - 1,
    lbb: lbb || tr('raft.none'), acks: `{${acks}}`,
  });
}

// The sentences the LogIndex tab shows about a run: its verdict and what a violation means.
import type { LogIndexFrame } from '../../kernels/logindex/api';
import type { Violation } from '../../kernels/logindex/types';
import { t, type Translate } from './messages';


/** What property `v.property` says and where the checker found it broken. */
export function violationSentence(v: Violation, tr: Translate = t): string {
  return tr('logindex.violation', {
    property: v.property, meaning: tr(`logindex.property.${v.property as 'L1'}`), page: v.page === null ? '—' : String(v.page),
    node: v.node, lsn: v.lsn, at: (v.atNs / 1e6).toFixed(3),
  });
}

/** The verdict as the column's badge says it. */
export function verdictText(frame: LogIndexFrame, tr: Translate = t): string {
  const s = frame.summary;
  if (s.verdict === 'invalid' && s.violation) return violationSentence(s.violation, tr);
  if (s.verdict === 'unknown') return tr('logindex.verdictUnknown');
  return tr('logindex.verdictValid', { reads: s.readsChecked.toLocaleString('en-US'), promotions: s.promotionsChecked });
}

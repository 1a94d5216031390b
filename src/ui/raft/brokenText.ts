// The words of a deliberately broken kernel option (brokenOptions.ts) in the page's language:
// the sentence a column's badge shows and `raft break` prints, saying what the option breaks.
import { t, type MessageKey, type Translate } from '../../i18n';
import { BROKEN_OPTIONS, type BrokenName } from '../../kernels/raft/brokenOptions';

export function brokenSentence(name: BrokenName, tr: Translate = t): string {
  return tr(`raft.broken.${BROKEN_OPTIONS[name]}` as MessageKey);
}

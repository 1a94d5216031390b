// The words of a deliberately broken kernel option (brokenOptions.ts) in the page's language:
// the sentence a column's badge shows and `raft break` prints, saying what the option breaks.
import { t, type AnyMessageKey as MessageKey, type Translate } from './messages';
import { BROKEN_OPTIONS, type BrokenName } from '../../kernels/raft/brokenOptions';

export function brokenSentence(name: BrokenName, tr: Translate = t): string {
  return tr(`raft.broken.${BROKEN_OPTIONS[name]}` as MessageKey);
}

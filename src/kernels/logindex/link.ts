// A LogIndex run as a URL fragment: `#logindex=v<version>.<hash>.<data>`, in the envelope every
// link kind shares (src/state/linkEnvelope.ts). The tag keeps it apart from the GPU pool's
// `#run=` and raft's `#raft=`: no decoder accepts another kind's links, and the app knows from
// the tag alone which tab a link opens.
import { decodeLinkEnvelope, encodeLinkEnvelope, isLinkOf } from '../../state/linkEnvelope';
import type { EnvelopeFailure, LinkKind } from '../../state/linkEnvelope';
import { LOGINDEX_FORMAT_VERSION, logIndexFromCompact, logIndexToCompact } from './runDescription';
import type { LogIndexRunDescription } from './runDescription';

export const LOGINDEX_SHARE_PREFIX = '#logindex=';
export const LOGINDEX_LINK: LinkKind = { prefix: LOGINDEX_SHARE_PREFIX, version: LOGINDEX_FORMAT_VERSION, noun: 'logindex link' };

export type LogIndexShareFailure = EnvelopeFailure | 'field';
export type LogIndexDecodeResult = { ok: true; run: LogIndexRunDescription } | { ok: false; code: LogIndexShareFailure; reason: string };

export function encodeLogIndexShareFragment(run: LogIndexRunDescription): Promise<string> {
  return encodeLinkEnvelope(LOGINDEX_LINK, logIndexToCompact(run));
}

export function isLogIndexShareFragment(fragment: string): boolean {
  return isLinkOf(LOGINDEX_LINK, fragment);
}

/** Accepts `#logindex=…` or `logindex=…` (location.hash with or without its '#'). */
export async function decodeLogIndexShareFragment(fragment: string): Promise<LogIndexDecodeResult> {
  const opened = await decodeLinkEnvelope(LOGINDEX_LINK, fragment);
  if (!opened.ok) return opened;
  const checked = logIndexFromCompact(opened.value);
  if (!checked.ok) return { ok: false, code: 'field', reason: `the logindex link is invalid: ${checked.reason}` };
  return { ok: true, run: checked.value };
}

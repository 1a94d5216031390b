// A ParallelRaft run as a URL fragment: `#raft=v<version>.<hash>.<data>`, in the envelope
// every link kind shares (linkEnvelope.ts). The `raft=` tag keeps it apart from a GPU-pool
// `#run=` link: neither decoder accepts the other's links, and the app knows from the tag
// alone which tab a link opens.
import { decodeLinkEnvelope, encodeLinkEnvelope, isLinkOf } from './linkEnvelope';
import type { EnvelopeFailure, LinkKind } from './linkEnvelope';
import { RAFT_FORMAT_VERSION, raftFromCompact, raftToCompact } from './raftRunDescription';
import type { RaftRunDescription } from './raftRunDescription';

export const RAFT_SHARE_PREFIX = '#raft=';
export const RAFT_LINK: LinkKind = { prefix: RAFT_SHARE_PREFIX, version: RAFT_FORMAT_VERSION, noun: 'raft link' };

export type RaftShareFailure = EnvelopeFailure | 'field';
export type RaftDecodeResult = { ok: true; run: RaftRunDescription } | { ok: false; code: RaftShareFailure; reason: string };

export function encodeRaftShareFragment(run: RaftRunDescription): Promise<string> {
  return encodeLinkEnvelope(RAFT_LINK, raftToCompact(run));
}

export function isRaftShareFragment(fragment: string): boolean {
  return isLinkOf(RAFT_LINK, fragment);
}

/** Accepts `#raft=…` or `raft=…` (location.hash with or without its '#'). */
export async function decodeRaftShareFragment(fragment: string): Promise<RaftDecodeResult> {
  const opened = await decodeLinkEnvelope(RAFT_LINK, fragment);
  if (!opened.ok) return opened;
  const checked = raftFromCompact(opened.value);
  if (!checked.ok) return { ok: false, code: 'field', reason: `the raft link is invalid: ${checked.reason}` };
  return checked;
}

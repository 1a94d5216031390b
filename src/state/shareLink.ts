// A GPU-pool run as a URL fragment: `#run=v<version>.<hash>.<data>`, in the envelope every
// link kind shares (linkEnvelope.ts, where the format is described). The fragment never
// reaches a server, and a trace is only named (by hash), never sent.
import { decodeLinkEnvelope, encodeLinkEnvelope } from './linkEnvelope';
import type { LinkKind } from './linkEnvelope';
import { FORMAT_VERSION, fromCompact, toCompact } from './runDescription';
import type { RunDescription } from './runDescription';

export const SHARE_PREFIX = '#run=';
export const GPUPOOL_LINK: LinkKind = { prefix: SHARE_PREFIX, version: FORMAT_VERSION, noun: 'run link' };

export type ShareFailure = 'not-run-link' | 'version' | 'malformed' | 'base64' | 'compressed' | 'hash' | 'json' | 'field';
export type DecodeResult = { ok: true; run: RunDescription } | { ok: false; code: ShareFailure; reason: string };

export function encodeShareFragment(run: RunDescription): Promise<string> {
  return encodeLinkEnvelope(GPUPOOL_LINK, toCompact(run));
}

/** Accepts `#run=…` or `run=…` (location.hash with or without its '#'). */
export async function decodeShareFragment(fragment: string): Promise<DecodeResult> {
  const opened = await decodeLinkEnvelope(GPUPOOL_LINK, fragment);
  if (!opened.ok) return { ok: false, code: opened.code === 'prefix' ? 'not-run-link' : opened.code, reason: opened.reason };
  const checked = fromCompact(opened.value);
  if (!checked.ok) return { ok: false, code: 'field', reason: `the run link is invalid: ${checked.reason}` };
  return checked;
}

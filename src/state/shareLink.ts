// A run as a URL fragment: `#run=v<version>.<hash>.<data>`.
//   version  FORMAT_VERSION, outside the data so an old or new link is recognised
//            without decoding it.
//   hash     FNV-1a 32 of the uncompressed JSON, 8 hex digits: proves the JSON that
//            comes out is the JSON that went in.
//   data     base64url of deflate-raw(JSON) followed by 4 bytes, the FNV-1a 32 of the
//            compressed bytes. The inflater ignores unused bits in its last byte and any
//            bytes after the stream ends, so without this trailer a changed last
//            character could go unnoticed.
// The fragment never reaches a server, and a trace is only named (by hash), never sent.
import { decodeBase64url, encodeBase64url } from './base64url';
import { deflateRaw, inflateRaw } from './deflate';
import { fnv1a32Hex } from './hash';
import { FORMAT_VERSION, fromCompact, toCompact } from './runDescription';
import type { RunDescription } from './runDescription';

export const SHARE_PREFIX = '#run=';
/** No real run description comes near this; anything bigger is refused, not inflated. */
const MAX_JSON_BYTES = 1 << 20;
const TRAILER_BYTES = 4;

export type ShareFailure = 'not-run-link' | 'version' | 'malformed' | 'base64' | 'compressed' | 'hash' | 'json' | 'field';
export type DecodeResult = { ok: true; run: RunDescription } | { ok: false; code: ShareFailure; reason: string };

function trailerOf(bytes: Uint8Array): Uint8Array {
  const hex = fnv1a32Hex(bytes);
  return new Uint8Array([0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16)));
}

export async function encodeShareFragment(run: RunDescription): Promise<string> {
  const json = JSON.stringify(toCompact(run));
  const jsonBytes = new TextEncoder().encode(json);
  const compressed = await deflateRaw(jsonBytes);
  const data = new Uint8Array(compressed.length + TRAILER_BYTES);
  data.set(compressed);
  data.set(trailerOf(compressed), compressed.length);
  return `${SHARE_PREFIX}v${FORMAT_VERSION}.${fnv1a32Hex(jsonBytes)}.${encodeBase64url(data)}`;
}

const fail = (code: ShareFailure, reason: string): DecodeResult => ({ ok: false, code, reason });
const DAMAGED = 'the run link is damaged';

/** Accepts `#run=…` or `run=…` (location.hash with or without its '#'). */
export async function decodeShareFragment(fragment: string): Promise<DecodeResult> {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!body.startsWith('run=')) return fail('not-run-link', `not a run link: the fragment does not start with ${SHARE_PREFIX}`);
  const rest = body.slice('run='.length);

  const versioned = /^v(\d+)\./.exec(rest);
  if (versioned === null) return fail('malformed', `${DAMAGED}: expected v<version>.<hash>.<data> after ${SHARE_PREFIX}`);
  const version = Number(versioned[1]);
  if (version !== FORMAT_VERSION) {
    return fail('version', `this run link was made by format version ${version}; this app reads version ${FORMAT_VERSION}`);
  }
  const afterVersion = rest.slice(versioned[0].length);
  const dot = afterVersion.indexOf('.');
  const hash = dot === -1 ? afterVersion : afterVersion.slice(0, dot);
  if (dot === -1 || !/^[0-9a-f]{8}$/.test(hash)) {
    return fail('malformed', `${DAMAGED}: expected 8 hex digits of hash then "." after v${version}., found ${JSON.stringify(afterVersion.slice(0, 9))}`);
  }
  const text = afterVersion.slice(dot + 1);

  const decoded = decodeBase64url(text);
  if (!decoded.ok) return fail('base64', `${DAMAGED}: its data is not valid base64url: ${decoded.reason}`);
  const data = decoded.bytes;
  if (data.length <= TRAILER_BYTES) return fail('compressed', `${DAMAGED}: its data is too short (${data.length} bytes); it was probably cut off`);
  const compressed = data.subarray(0, data.length - TRAILER_BYTES);
  const trailer = data.subarray(data.length - TRAILER_BYTES);
  if (!trailerOf(compressed).every((b, i) => b === trailer[i])) {
    return fail('compressed', `${DAMAGED}: its compressed data fails its check; it was changed or cut off in transit`);
  }

  let jsonBytes: Uint8Array;
  try {
    jsonBytes = await inflateRaw(compressed, MAX_JSON_BYTES);
  } catch (error) {
    return fail('compressed', `${DAMAGED}: its compressed data cannot be decompressed (${error instanceof Error ? error.message : String(error)})`);
  }
  const actual = fnv1a32Hex(jsonBytes);
  if (actual !== hash) {
    return fail('hash', `${DAMAGED}: hash mismatch (link says ${hash}, content hashes to ${actual}); it was changed or truncated in transit`);
  }

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(jsonBytes));
  } catch (error) {
    return fail('json', `${DAMAGED}: its content is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const checked = fromCompact(value);
  if (!checked.ok) return fail('field', `the run link is invalid: ${checked.reason}`);
  return checked;
}

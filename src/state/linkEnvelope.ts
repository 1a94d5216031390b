// The envelope every share link uses: `<prefix>v<version>.<hash>.<data>`, where the prefix
// names the kind of run (`#run=` the GPU pool, `#raft=` ParallelRaft), so a link of one
// kind can never be read as another, and the app can tell which tab to open before decoding.
//   version  the kind's format version, outside the data so an old or new link is
//            recognised without decoding it.
//   hash     FNV-1a 32 of the uncompressed JSON, 8 hex digits: proves the JSON that
//            comes out is the JSON that went in.
//   data     base64url of deflate-raw(JSON) followed by 4 bytes, the FNV-1a 32 of the
//            compressed bytes. The inflater ignores unused bits in its last byte and any
//            bytes after the stream ends, so without this trailer a changed last
//            character could go unnoticed.
// This module knows nothing of what the JSON means; each kind checks its own fields.
import { decodeBase64url, encodeBase64url } from './base64url';
import { deflateRaw, inflateRaw } from './deflate';
import { fnv1a32Hex } from './hash';

/** One kind of link: its fragment prefix, the format version this app reads, and its name in messages. */
export interface LinkKind {
  /** With its '#', e.g. "#run=". */
  prefix: string;
  version: number;
  /** What a person calls it: "run link", "raft link". */
  noun: string;
}

/** No real run description comes near this; anything bigger is refused, not inflated. */
const MAX_JSON_BYTES = 1 << 20;
const TRAILER_BYTES = 4;

export type EnvelopeFailure = 'prefix' | 'version' | 'malformed' | 'base64' | 'compressed' | 'hash' | 'json';
export type EnvelopeResult = { ok: true; value: unknown } | { ok: false; code: EnvelopeFailure; reason: string };

function trailerOf(bytes: Uint8Array): Uint8Array {
  const hex = fnv1a32Hex(bytes);
  return new Uint8Array([0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16)));
}

/** True when `fragment` (location.hash, with or without its '#') is a link of this kind. */
export function isLinkOf(kind: LinkKind, fragment: string): boolean {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return body.startsWith(kind.prefix.slice(1));
}

/** The fragment for `value`, which must be plain JSON data. */
export async function encodeLinkEnvelope(kind: LinkKind, value: unknown): Promise<string> {
  const jsonBytes = new TextEncoder().encode(JSON.stringify(value));
  const compressed = await deflateRaw(jsonBytes);
  const data = new Uint8Array(compressed.length + TRAILER_BYTES);
  data.set(compressed);
  data.set(trailerOf(compressed), compressed.length);
  return `${kind.prefix}v${kind.version}.${fnv1a32Hex(jsonBytes)}.${encodeBase64url(data)}`;
}

/**
 * Opens the envelope and parses the JSON inside; every failure says what is wrong and, where
 * it can, where (the part of the link, the character position).
 */
export async function decodeLinkEnvelope(kind: LinkKind, fragment: string): Promise<EnvelopeResult> {
  const fail = (code: EnvelopeFailure, reason: string): EnvelopeResult => ({ ok: false, code, reason });
  const damaged = `the ${kind.noun} is damaged`;
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const tag = kind.prefix.slice(1);
  if (!body.startsWith(tag)) return fail('prefix', `not a ${kind.noun}: the fragment does not start with ${kind.prefix}`);
  const rest = body.slice(tag.length);

  const versioned = /^v(\d+)\./.exec(rest);
  if (versioned === null) return fail('malformed', `${damaged}: expected v<version>.<hash>.<data> after ${kind.prefix}`);
  const version = Number(versioned[1]);
  if (version !== kind.version) {
    return fail('version', `this ${kind.noun} was made by format version ${version}; this app reads version ${kind.version}`);
  }
  const afterVersion = rest.slice(versioned[0].length);
  const dot = afterVersion.indexOf('.');
  const hash = dot === -1 ? afterVersion : afterVersion.slice(0, dot);
  if (dot === -1 || !/^[0-9a-f]{8}$/.test(hash)) {
    return fail('malformed', `${damaged}: expected 8 hex digits of hash then "." after v${version}., found ${JSON.stringify(afterVersion.slice(0, 9))}`);
  }
  const text = afterVersion.slice(dot + 1);

  const decoded = decodeBase64url(text);
  if (!decoded.ok) return fail('base64', `${damaged}: its data is not valid base64url: ${decoded.reason} (it was changed or cut off in transit)`);
  const data = decoded.bytes;
  if (data.length <= TRAILER_BYTES) return fail('compressed', `${damaged}: its data is too short (${data.length} bytes); it was probably cut off`);
  const compressed = data.subarray(0, data.length - TRAILER_BYTES);
  const trailer = data.subarray(data.length - TRAILER_BYTES);
  if (!trailerOf(compressed).every((b, i) => b === trailer[i])) {
    return fail('compressed', `${damaged}: its compressed data fails its check; it was changed or cut off in transit`);
  }

  let jsonBytes: Uint8Array;
  try {
    jsonBytes = await inflateRaw(compressed, MAX_JSON_BYTES);
  } catch (error) {
    return fail('compressed', `${damaged}: its compressed data cannot be decompressed (${error instanceof Error ? error.message : String(error)})`);
  }
  const actual = fnv1a32Hex(jsonBytes);
  if (actual !== hash) {
    return fail('hash', `${damaged}: hash mismatch (link says ${hash}, content hashes to ${actual}); it was changed or truncated in transit`);
  }

  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(jsonBytes)) };
  } catch (error) {
    return fail('json', `${damaged}: its content is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

// Links as fuzz inputs. An input is either the JSON a link carries (sealed in a proper
// envelope, so the field checks are what is tested) or, when it starts with '#', a whole
// fragment (so the envelope's own checks are tested too). What a decoder accepts must encode
// and decode to the same run.
import { sameValue } from './same';
import type { FuzzVerdict } from './types';
import { encodeLinkEnvelope, type LinkKind } from '../state/linkEnvelope';

export interface LinkCodec<T> {
  kind: LinkKind;
  decode(fragment: string): Promise<{ ok: true; value: T } | { ok: false; reason: string }>;
  encode(value: T): Promise<string>;
}

export async function linkVerdict<T>(input: string, codec: LinkCodec<T>): Promise<FuzzVerdict> {
  let fragment = input;
  if (!input.startsWith('#')) {
    let json: unknown;
    try {
      json = JSON.parse(input);
    } catch {
      // Not JSON: the raw text stands in for the link's data part.
      fragment = `${codec.kind.prefix}v${codec.kind.version}.00000000.${input}`;
    }
    if (fragment === input) fragment = await encodeLinkEnvelope(codec.kind, json);
  }
  const decoded = await codec.decode(fragment);
  if (!decoded.ok) return { accepted: false, message: decoded.reason };
  const again = await codec.decode(await codec.encode(decoded.value));
  if (!again.ok) return { accepted: true, problem: `its own link is refused: ${again.reason}` };
  if (!sameValue(again.value, decoded.value)) return { accepted: true, problem: 'its own link decodes to a different run' };
  return { accepted: true };
}

// Base64url (RFC 4648 §5) without padding, written out so decoding can say exactly which
// character is wrong and can refuse non-canonical input: a link whose last character was
// altered in its unused bits must not decode as if nothing happened.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE_OF = new Map<string, number>([...ALPHABET].map((ch, i) => [ch, i]));

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const group = (b0 << 16) | (b1 << 8) | b2;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += ALPHABET[(group >> (18 - 6 * k)) & 63];
  }
  return out;
}

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export function decodeBase64url(text: string): Base64Result {
  if (text.length % 4 === 1) {
    return { ok: false, reason: `${text.length} characters cannot be base64url (one too many or the text was cut)` };
  }
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    const chars = Math.min(4, text.length - i);
    let group = 0;
    for (let k = 0; k < 4; k++) {
      let value = 0;
      if (k < chars) {
        const ch = text[i + k];
        const found = VALUE_OF.get(ch);
        if (found === undefined) return { ok: false, reason: `character ${JSON.stringify(ch)} at position ${i + k + 1} is not base64url` };
        value = found;
      }
      group = (group << 6) | value;
    }
    const produced = chars - 1; // 4 chars → 3 bytes, 3 → 2, 2 → 1
    const unusedBits = group & ((1 << (8 * (3 - produced))) - 1);
    if (unusedBits !== 0) return { ok: false, reason: `the last character (position ${text.length}) has bits set that no byte uses` };
    for (let k = 0; k < produced; k++) bytes[out++] = (group >> (16 - 8 * k)) & 0xff;
  }
  return { ok: true, bytes };
}

import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('base64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foobar', 'Zm9vYmFy'],
  ])('%j ⇄ %s (RFC 4648 vectors without padding)', (text, encoded) => {
    expect(encodeBase64url(bytes(text))).toBe(encoded);
    expect(decodeBase64url(encoded)).toEqual({ ok: true, bytes: bytes(text) });
  });

  it('uses the URL-safe alphabet for every byte value', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const encoded = encodeBase64url(all);
    expect(encoded).toBe(Buffer.from(all).toString('base64url'));
    expect(decodeBase64url(encoded)).toEqual({ ok: true, bytes: all });
  });

  it('refuses bad characters, impossible lengths and non-canonical endings', () => {
    expect(decodeBase64url('Zm9v+A')).toEqual({ ok: false, reason: 'character "+" at position 5 is not base64url' });
    expect(decodeBase64url('Zm9vY')).toEqual({ ok: false, reason: '5 characters cannot be base64url (one too many or the text was cut)' });
    expect(decodeBase64url('Zh')).toEqual({ ok: false, reason: 'the last character (position 2) has bits set that no byte uses' });
  });
});

// Raw DEFLATE through the platform's CompressionStream (browsers and Node 20), so no
// library is needed. Decompression has a size limit: a link is untrusted input and a tiny
// one could otherwise expand to gigabytes.

async function pump(stream: CompressionStream | DecompressionStream, input: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // The same failure also reaches the reader below, where it is reported; these
  // catches only stop it being reported twice as an unhandled rejection.
  // A copy: the stream API only takes bytes over a plain (not shared) ArrayBuffer.
  writer.write(new Uint8Array(input)).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`expands to more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return pump(new CompressionStream('deflate-raw'), bytes, Number.MAX_SAFE_INTEGER);
}

/** Throws with the platform's reason (e.g. "unexpected end of file") on bad input. */
export function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return pump(new DecompressionStream('deflate-raw'), bytes, maxBytes);
}

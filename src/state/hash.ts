// FNV-1a hashes. The 64-bit form names trace files (TraceFileRef.hash): cheap enough to run
// over a 100 MB CSV while it is read, and collisions between a user's few traces are not a
// concern. The 32-bit form checks that a share link arrived intact. Neither is a security
// measure; they only detect accidents.

const FNV64_OFFSET_HI = 0xcbf29ce4;
const FNV64_OFFSET_LO = 0x84222325;
// The 64-bit prime is 2^40 + 0x1b3, which lets the multiply be done in 32-bit halves below.
const FNV64_PRIME_LOW_PART = 0x1b3;
const TWO_TO_32 = 0x1_0000_0000;

/** Incremental FNV-1a 64: feed chunks with `update`, read the hash with `hex`. */
export class Fnv1a64 {
  // Two unsigned 32-bit halves: much faster than BigInt per byte.
  private hi = FNV64_OFFSET_HI;
  private lo = FNV64_OFFSET_LO;

  update(bytes: Uint8Array): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < bytes.length; i++) {
      lo = (lo ^ bytes[i]) >>> 0;
      // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64:
      //   low half  = low 32 bits of lo·0x1b3
      //   high half = hi·0x1b3 + carry out of lo·0x1b3 + (lo << 8)  [the 2^40 term], mod 2^32
      const lowProduct = lo * FNV64_PRIME_LOW_PART; // < 2^41, exact in a double
      const carry = Math.floor(lowProduct / TWO_TO_32);
      hi = (Math.imul(hi, FNV64_PRIME_LOW_PART) + carry + (lo << 8)) >>> 0;
      lo = lowProduct >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** 16 lowercase hex digits. */
  hex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

export function fnv1a64Hex(bytes: Uint8Array): string {
  return new Fnv1a64().update(bytes).hex();
}

/**
 * Hashes a Blob (a picked File) chunk by chunk so a large trace is never held twice.
 * `onProgress` gets bytes hashed so far and the total.
 */
export async function fnv1a64HexOfBlob(blob: Blob, onProgress?: (done: number, total: number) => void): Promise<string> {
  const hash = new Fnv1a64();
  const reader = blob.stream().getReader();
  let done = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    hash.update(chunk.value);
    done += chunk.value.length;
    onProgress?.(done, blob.size);
  }
  return hash.hex();
}

/** FNV-1a 32-bit, 8 lowercase hex digits. */
export function fnv1a32Hex(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A well-formed FNV-1a 64 hex string, as TraceFileRef.hash must be. */
export const FNV64_HEX = /^[0-9a-f]{16}$/;

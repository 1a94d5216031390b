// Checkpoints as the blocks that differ from the state right after init. The LogIndex state is
// ~58 MB (rings and tables sized for the longest run), but a run of seconds writes only a few
// MB of it, so a full copy per checkpoint would spend the byte budget on zeros.
//
// A delta is one Uint8Array: a little-endian u32 block count, the block numbers, then the
// blocks' bytes in that order (the last block of the state may be short).

/** 16 KiB: small enough that a run's scattered writes stay a few MB, few enough to list. */
export const DELTA_BLOCK = 16 * 1024;

function blockDiffers(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  // Whole words where both views allow it (the snapshot starts at offset 0 of its buffer).
  const words = (end - start) >>> 2;
  if (words > 0 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 && start % 4 === 0) {
    const wa = new Int32Array(a.buffer, a.byteOffset + start, words);
    const wb = new Int32Array(b.buffer, b.byteOffset + start, words);
    for (let i = 0; i < words; i++) if (wa[i] !== wb[i]) return true;
    start += words * 4;
  }
  for (let i = start; i < end; i++) if (a[i] !== b[i]) return true;
  return false;
}

/** The blocks of `current` (read up to `base.length`) that differ from `base`. */
export function encodeDelta(base: Uint8Array, current: Uint8Array): Uint8Array {
  const length = base.length;
  if (current.length < length) throw new Error('the state is shorter than its base');
  const changed: number[] = [];
  for (let start = 0, block = 0; start < length; start += DELTA_BLOCK, block++) {
    if (blockDiffers(base, current, start, Math.min(length, start + DELTA_BLOCK))) changed.push(block);
  }
  const header = 4 * (1 + changed.length);
  let bytes = header;
  for (const block of changed) bytes += Math.min(DELTA_BLOCK, length - block * DELTA_BLOCK);
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, changed.length, true);
  let at = header;
  changed.forEach((block, i) => {
    view.setUint32(4 * (1 + i), block, true);
    const start = block * DELTA_BLOCK;
    const end = Math.min(length, start + DELTA_BLOCK);
    out.set(current.subarray(start, end), at);
    at += end - start;
  });
  return out;
}

/** Writes a delta's blocks over `target`, which already holds the base (of `length` bytes). */
export function applyDelta(target: Uint8Array, length: number, delta: Uint8Array): void {
  if (target.length < length) throw new Error('the kernel memory is smaller than the checkpoint');
  const view = new DataView(delta.buffer, delta.byteOffset, delta.byteLength);
  const count = view.getUint32(0, true);
  let at = 4 * (1 + count);
  for (let i = 0; i < count; i++) {
    const start = view.getUint32(4 * (1 + i), true) * DELTA_BLOCK;
    const end = Math.min(length, start + DELTA_BLOCK);
    target.set(delta.subarray(at, at + end - start), start);
    at += end - start;
  }
}

// Byte sizes as the --scenario format writes them: "10GiB", "16MiB", "1.5GB", "1460B" or a number.
import type { Bytes } from './types';

const UNITS: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40,
};
export const BYTE_UNITS = Object.keys(UNITS);
/** The most one flow carries: 1 PiB, far beyond an hour at 10 Tbps yet exact in an f64 of bits. */
export const MAX_BYTES = 2 ** 50;

/** "10GiB" -> bytes (whole), null when it is not a size or is outside 1 B..1 PiB. */
export function parseBytes(text: string): Bytes | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([KMGT]i?B|B)$/.exec(text);
  if (!m || !(m[2] in UNITS)) return null;
  const bytes = Math.round(Number(m[1]) * UNITS[m[2]]);
  return bytes >= 1 && bytes <= MAX_BYTES ? bytes : null;
}

/** Bytes the way people read them: "16 MiB", "10 GiB", "1.5 GB". */
export function formatBytes(bytes: number): string {
  for (const unit of ['TiB', 'GiB', 'MiB', 'KiB']) {
    const v = bytes / UNITS[unit];
    if (v >= 1 && Number.isInteger(v)) return `${v} ${unit}`;
  }
  return `${bytes} B`;
}

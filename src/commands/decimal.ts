// The one written form of a non-negative number in every command grammar. A grammar accepts
// exactly what `String(x)` prints for a finite x >= 0 (digits, an optional fraction, an
// optional exponent: "12", "0.25", "1e-7", "1.5e+21"), so a formatted command always reads
// back: `ack weights 0.0000001 1 1 1 1` is stored as "1e-7" and "1e-7" is accepted.

const DECIMAL_SOURCE = '(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
const DECIMAL = new RegExp(`^${DECIMAL_SOURCE}$`);

/** The number `text` writes, or null when it is not a plain decimal or not finite. */
export function parseDecimal(text: string): number | null {
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The canonical text of a finite number >= 0; parseDecimal gives it back exactly. */
export function formatDecimal(value: number): string {
  return String(value);
}

/** `text` with a one-character suffix ("20%", "10x") split off, or null when it lacks it. */
export function decimalWithSuffix(text: string, suffix: string): number | null {
  return text.endsWith(suffix) ? parseDecimal(text.slice(0, -suffix.length)) : null;
}

// Colour-vision maths for palette tests: simulate dichromacy with the matrices of Machado,
// Oliveira and Fernandes (2009, severity 1) on linear sRGB, then compare colours as CIELAB
// distances (CIE76 ΔE: about 2.3 is just noticeable; palettes here aim far higher).
export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';
type Rgb = [number, number, number];
type Matrix = [Rgb, Rgb, Rgb];

const DICHROMACY: Record<Exclude<Vision, 'normal'>, Matrix> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
export const VISIONS: readonly Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

const toLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** '#rrggbb' as linear sRGB in 0..1. */
export function linearOfHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [toLinear(parseInt(m[1], 16) / 255), toLinear(parseInt(m[2], 16) / 255), toLinear(parseInt(m[3], 16) / 255)];
}

/** How a linear sRGB colour looks to someone with `vision`, still linear sRGB. */
export function simulate(rgb: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return rgb;
  const m = DICHROMACY[vision];
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return m.map((row) => clamp(row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])) as Rgb;
}

/** CIELAB (D65) of a linear sRGB colour. */
export function lab([r, g, b]: Rgb): Rgb {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 ΔE between two '#rrggbb' colours as seen with `vision`. */
export function deltaE(a: string, b: string, vision: Vision): number {
  const la = lab(simulate(linearOfHex(a), vision));
  const lb = lab(simulate(linearOfHex(b), vision));
  return Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

/** The closest pair of a palette as seen with `vision`. */
export function closestPair(colours: Record<string, string>, vision: Vision): { a: string; b: string; deltaE: number } {
  const names = Object.keys(colours);
  let best = { a: '', b: '', deltaE: Infinity };
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const d = deltaE(colours[names[i]], colours[names[j]], vision);
      if (d < best.deltaE) best = { a: names[i], b: names[j], deltaE: d };
    }
  }
  return best;
}

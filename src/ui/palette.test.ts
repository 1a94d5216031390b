import { describe, expect, it } from 'vitest';
import { CATEGORY_HEX, CATEGORY_LABELS } from '../kernels/gpupool/viewFrame';
import { closestPair, deltaE, VISIONS } from '../testing/colourVision';
import { OTHER_POLICY_COLOUR, POLICY_COLOURS } from './gpupool/policyColours';

// CIE76 ΔE a palette's closest pair must keep, with normal vision and with each dichromacy.
const APART = 15;

describe('colour-vision simulation', () => {
  it('merges a classic red/green pair for deuteranopia and keeps it apart otherwise', () => {
    expect(deltaE('#cc3333', '#669933', 'normal')).toBeGreaterThan(80);
    expect(deltaE('#cc3333', '#669933', 'deuteranopia')).toBeLessThan(10);
    expect(deltaE('#cc3333', '#669933', 'tritanopia')).toBeGreaterThan(80);
    // Greys stay grey for every vision.
    for (const vision of VISIONS) expect(deltaE('#808080', '#808080', vision)).toBe(0);
  });

  it('finds the palettes used before too close, so the check can fail', () => {
    // The 3D categories' old colours: xr and full were two near greys.
    const old3d = ['#ed6c6c', '#f9c459', '#7ce1a0', '#cba0ed', '#a0cbf3', '#b3bccb', '#6c89cb', '#c4c8ce', '#595959'];
    expect(closestPair(Object.fromEntries(old3d.map((hex, i) => [i, hex])), 'normal')).toMatchObject({ a: '5', b: '7' });
    expect(closestPair(Object.fromEntries(old3d.map((hex, i) => [i, hex])), 'normal').deltaE).toBeLessThan(APART);
    // The old policy colours: FGD's sky blue and BestFit's violet merge for deuteranopia.
    expect(deltaE('#38bdf8', '#a78bfa', 'normal')).toBeGreaterThan(APART);
    expect(deltaE('#38bdf8', '#a78bfa', 'deuteranopia')).toBeLessThan(APART);
  });
});

describe('palettes', () => {
  const category = Object.fromEntries(CATEGORY_HEX.map((hex, i) => [CATEGORY_LABELS[i], hex]));
  const policy = { ...POLICY_COLOURS, other: OTHER_POLICY_COLOUR };
  for (const vision of VISIONS) {
    it(`keeps the 3D categories apart with ${vision} vision`, () => {
      const pair = closestPair(category, vision);
      expect(pair.deltaE, `${pair.a} and ${pair.b}`).toBeGreaterThan(APART);
    });
    it(`keeps the policies apart with ${vision} vision`, () => {
      const pair = closestPair(policy, vision);
      expect(pair.deltaE, `${pair.a} and ${pair.b}`).toBeGreaterThan(APART);
    });
  }
});

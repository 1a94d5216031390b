import { describe, expect, it } from 'vitest';
import { CROSS_CHECK, modelledRttMs, PRESETS } from './presets';
import { greatCircleKm } from './geo';

describe('presets', () => {
  it('measures great circles: Hong Kong to Frankfurt is ~9,200 km', () => {
    const km = greatCircleKm({ lat: 22.32, lon: 114.17 }, { lat: 50.11, lon: 8.68 });
    expect(km).toBeGreaterThan(9100);
    expect(km).toBeLessThan(9300);
  });

  it("keeps the modelled RTTs within 2x of the spec's cloudping figures", () => {
    for (const c of CROSS_CHECK) {
      const ratio = modelledRttMs(c.from, c.to) / c.measuredMs;
      expect(ratio, `${c.from}-${c.to}`).toBeGreaterThan(0.5);
      expect(ratio, `${c.from}-${c.to}`).toBeLessThan(2);
    }
  });

  it('holds six seed regions with 3-10 Tbps links and a connected alibaba map', () => {
    const seed = PRESETS.get('seed')!;
    expect(seed.regions).toHaveLength(6);
    for (const l of seed.links) expect(l.gbps >= 3000 && l.gbps <= 10000).toBe(true);
    const ali = PRESETS.get('alibaba')!;
    expect(ali.regions.find((r) => r.id === 'cn-hangzhou')!.zones).toBe(8);
    const reached = new Set([ali.regions[0].id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const l of ali.links) {
        if (reached.has(l.from) !== reached.has(l.to)) {
          reached.add(l.from);
          reached.add(l.to);
          grew = true;
        }
      }
    }
    expect(reached.size).toBe(ali.regions.length);
  });
});

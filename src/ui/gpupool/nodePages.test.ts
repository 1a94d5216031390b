import { describe, expect, it } from 'vitest';
import { nodePage, pageOfNode, PAGE_ROWS } from './nodePages';

describe('node table pages', () => {
  it('cover every node of a 1,213-node cluster once, the last page short', () => {
    const seen: number[] = [];
    const pages = Math.ceil(1213 / PAGE_ROWS);
    for (let p = 0; p < pages; p++) {
      const { from, to } = nodePage(1213, p);
      for (let n = from; n < to; n++) seen.push(n);
    }
    expect(seen).toEqual(Array.from({ length: 1213 }, (_, i) => i));
    expect(nodePage(1213, pages - 1)).toEqual({ from: (pages - 1) * PAGE_ROWS, to: 1213 });
  });

  it('clamp a page out of range, and find the page a node is on', () => {
    expect(nodePage(120, 99)).toEqual(nodePage(120, 2));
    expect(nodePage(120, -3)).toEqual({ from: 0, to: PAGE_ROWS });
    expect(nodePage(0, 0)).toEqual({ from: 0, to: 0 });
    const { from, to } = nodePage(1213, pageOfNode(1212));
    expect(1212).toBeGreaterThanOrEqual(from);
    expect(1212).toBeLessThan(to);
  });
});

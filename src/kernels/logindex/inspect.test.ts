// The inspection layer on the real logindex.wasm: what the lanes and the page inspector show
// agrees with the run, and looking never changes the state.
import { describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import { LogIndexKernel } from './kernel';
import type { LogIndexConfig } from './types';

const MS = 1e6;
const config = (over: Partial<LogIndexConfig> = {}): LogIndexConfig => ({ ...defaultConfig(), ...over });

describe('logindex inspection', () => {
  it('shows the writer and each replica with LSNs in their order', () => {
    const k = new LogIndexKernel(logindexModule(), config({ ro: 3 }), 5);
    // A lagging replica makes flush control hold pages back, so the flush list has a head.
    k.advance(1200 * MS);
    expect(k.apply({ kind: 'delay', node: 3, ns: 2 * MS })).toBe(true);
    k.advance(1500 * MS);
    const { nodes, writer, flushList } = k.inspect();
    const s = k.summary();
    expect(nodes.map((n) => n.name)).toEqual(['rw', 'ro1', 'ro2', 'ro3']);
    expect(nodes[0].writer && nodes[0].up).toBe(true);
    for (const ro of nodes.slice(1)) {
      expect(ro.up && !ro.writer).toBe(true);
      expect(ro.replayLsn).toBeLessThanOrEqual(s.writeLsn);
      expect(ro.replayLsn).toBeGreaterThan(0);
      expect(ro.minUsedLsn).toBeLessThanOrEqual(ro.replayLsn);
      expect(ro.lagBytes).toBeGreaterThanOrEqual(0);
      expect(ro.poolPages).toBeGreaterThan(0);
      expect(ro.outdatedPages).toBeLessThanOrEqual(ro.poolPages);
    }
    expect(writer.dirtyPages).toBe(writer.flushable + writer.blocked);
    expect(writer.flushedTables + writer.truncatedTables).toBeGreaterThan(0);
    expect(writer.blocked).toBeGreaterThan(0);
    expect(nodes[3].delayNs).toBe(2 * MS);
    expect(nodes[3].lagBytes).toBeGreaterThan(nodes[1].lagBytes);
    const dirty = flushList.filter((f) => !f.inCopyBuffer);
    expect(dirty.length).toBe(Math.min(writer.dirtyPages, 48));
    // The flush list is kept in order of oldest LSN.
    for (let i = 1; i < dirty.length; i++) expect(dirty[i].oldestLsn).toBeGreaterThanOrEqual(dirty[i - 1].oldestLsn);
    for (const f of dirty) expect(f.newestLsn).toBeGreaterThanOrEqual(f.oldestLsn);
  });

  it("lists a page's LSNs newest first, the tables its filter rules out and the last replayed read", () => {
    const k = new LogIndexKernel(logindexModule(), config({ ro: 2 }), 9);
    k.advance(1500 * MS);
    const page = k.page(0, 1);
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries[0].lsn).toBe(page.writerLsn);
    for (let i = 1; i < page.entries.length; i++) expect(page.entries[i].lsn).toBeLessThan(page.entries[i - 1].lsn);
    expect(page.storageLsn).toBeLessThanOrEqual(page.writerLsn);
    const held = new Set(page.entries.filter((e) => e.tableState === 'flushed').map((e) => e.table));
    // A table holding the page is never skipped (no false negatives).
    for (const t of page.bloomSkipped) expect(held.has(t)).toBe(false);
    expect(page.writerImage).toMatch(/^[0-9a-f]{16}$/);
    const last = page.lastRead;
    expect(last).not.toBeNull();
    expect(last!.replayedCount).toBeGreaterThan(0);
    expect(last!.replayed.length).toBe(Math.min(last!.replayedCount, 32));
    for (const l of last!.replayed) expect(l).toBeGreaterThan(last!.baseLsn);
    for (const l of last!.replayed) expect(l).toBeLessThanOrEqual(last!.replayLsn);
  });

  it('does not change the state hash by looking', () => {
    const a = new LogIndexKernel(logindexModule(), config(), 3);
    const b = new LogIndexKernel(logindexModule(), config(), 3);
    for (const t of [100, 200, 300]) {
      a.advance(t * MS);
      b.advance(t * MS);
      b.inspect();
      b.page(7, 2);
      b.drainSeries();
    }
    expect(b.stateHash()).toBe(a.stateHash());
  });

  it('drains one lag sample per tick, each once', () => {
    const k = new LogIndexKernel(logindexModule(), config(), 1);
    k.advance(250 * MS);
    const first = k.drainSeries();
    expect(first.length / 2).toBe(250);
    for (let i = 1; i < first.length / 2; i++) expect(first[i * 2]).toBeGreaterThan(first[(i - 1) * 2]);
    expect(k.drainSeries().length).toBe(0);
    k.advance(260 * MS);
    expect(k.drainSeries().length / 2).toBe(10);
  });
});

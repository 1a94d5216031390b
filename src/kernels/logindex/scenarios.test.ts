// The named scenarios LI-1 … LI-9 on the real logindex.wasm: each is green with no broken
// option and moves the counters that show it pressed its property; each broken option turns
// its twin red, naming the property it breaks, a page, a node and an LSN.
import { describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { BREAKS, BROKEN_OPTIONS, type BrokenOption } from './protocol';
import { runScenario } from './scenarioRun';
import { SCENARIO_NAMES, SCENARIOS, twinOf } from './scenarios';
import { parseSchedule } from './schedule';

describe('logindex scenarios', () => {
  it('are LI-1 … LI-9, one per property, each with a parseable schedule and a one-line summary', () => {
    expect(SCENARIO_NAMES).toEqual(['LI-1', 'LI-2', 'LI-3', 'LI-4', 'LI-5', 'LI-6', 'LI-7', 'LI-8', 'LI-9']);
    for (const [i, name] of SCENARIO_NAMES.entries()) {
      const s = SCENARIOS.get(name)!;
      expect(s.property).toBe(`L${i + 1}`);
      expect(s.summary).not.toContain('\n');
      expect(() => parseSchedule(s.faults, name)).not.toThrow();
    }
  });

  it.each(SCENARIO_NAMES)('%s is valid and exercises what it says', (name) => {
    const s = SCENARIOS.get(name)!;
    const r = runScenario(logindexModule(), s);
    expect(r.refused).toEqual([]);
    expect(r.summary.violation).toBeNull();
    expect(r.summary.verdict).toBe('valid');
    for (const counter of s.exercises) expect(r.summary[counter], counter).toBeGreaterThan(0);
  });

  it('presses each property where it says', () => {
    const run = (name: string) => runScenario(logindexModule(), SCENARIOS.get(name)!).summary;
    // LI-1: 15 replicas, hot pages replayed many times over.
    const li1 = run('LI-1');
    expect(li1.pagesReplayed).toBeGreaterThan(2 * li1.reads);
    // LI-4: long per-page lists, several records replayed per read.
    const li4 = run('LI-4');
    expect(li4.pagesReplayed).toBeGreaterThan(5 * li4.reads);
    // LI-6: the starved replica keeps most flushed tables from being truncated.
    const li6 = run('LI-6');
    expect(li6.tablesTruncated).toBeLessThan(li6.tablesFlushed / 2);
    // LI-7: after the slow spell the consistent LSN is back near the durable end.
    const li7 = run('LI-7');
    expect(li7.durableLsn - li7.consistentLsn).toBeLessThan(li7.durableLsn / 100);
    // LI-9: ro1 took over.
    const li9 = run('LI-9');
    expect(li9.promotionsChecked).toBe(1);
    expect(li9.writer).toBe('ro1');
  });

  it.each(Object.keys(BROKEN_OPTIONS) as BrokenOption[])('%s turns its twin red, naming the property, a page, a node and an LSN', (option) => {
    const twin = twinOf(option);
    expect(twin.property).toBe(BREAKS[option]);
    const v = runScenario(logindexModule(), twin, { broken: [option] }).summary;
    expect(v.verdict).toBe('invalid');
    expect(v.violation?.property).toBe(BREAKS[option]);
    expect(v.violation?.page).toEqual(expect.any(Number));
    expect(v.violation?.node).toMatch(/^(rw|ro\d+|storage)$/);
    expect(v.violation?.lsn).toBeGreaterThan(0);
  });
});

// What each configuring `logindex ...` command does to a run's setup (setup.ts), as the tab and
// the headless runner both read it.
import { describe, expect, it } from 'vitest';
import type { LogIndexAction } from './action';
import { defaultConfig } from './config';
import { columnConfig, columnModes, initialSetup, reshapeRun, scenarioEndNs, withScenario, type LogIndexSetup } from './setup';

const reshape = (setup: LogIndexSetup, action: LogIndexAction): LogIndexSetup => {
  const r = reshapeRun(setup, action);
  if (r === null) throw new Error(`${action.action} does not set a run up`);
  return r.setup;
};

describe('logindex setup', () => {
  it('starts from the default config: lazy, 3 replicas, writes x1, seed 1, one column', () => {
    const s = initialSetup();
    expect(s.config).toEqual(defaultConfig());
    expect({ writeScale: s.writeScale, seed: s.seed, sideBySide: s.sideBySide, scenario: s.scenario }).toEqual({ writeScale: 1, seed: 1, sideBySide: false, scenario: null });
    expect(columnModes(s)).toEqual(['lazy']);
  });

  it('scales writes and leaves reads alone', () => {
    const s = reshape(initialSetup(), { action: 'write-scale', scale: 4 });
    expect(s.config.writeTps).toBe(4 * defaultConfig().writeTps);
    expect(s.config.readQps).toBe(defaultConfig().readQps);
    expect(reshape(s, { action: 'ro', count: 15 }).config.writeTps).toBe(s.config.writeTps);
  });

  it('runs lazy beside full with the same config and seed', () => {
    const s = reshape(reshape(initialSetup({ mode: 'full', ro: 5 }), { action: 'side-by-side' }), { action: 'break', broken: ['mtr-lock-off'] });
    expect(columnModes(s)).toEqual(['lazy', 'full']);
    expect(columnConfig(s, 'lazy')).toEqual({ ...columnConfig(s, 'full'), mode: 'lazy' });
    expect(columnConfig(s, 'lazy').broken).toEqual(['mtr-lock-off']);
    expect(columnModes(reshape(s, { action: 'single' }))).toEqual(['full']);
  });

  it('takes a scenario\'s replicas, write scale, seed and faults, keeps mode and broken options, and leaves it when they change', () => {
    const broken = reshape(initialSetup({ mode: 'full' }), { action: 'break', broken: ['flush-control-off'] });
    const s = withScenario(broken, 'LI-2');
    expect(s.config).toMatchObject({ mode: 'full', ro: 4, broken: ['flush-control-off'] });
    expect(s.schedule.map((c) => c.command.kind)).toEqual(['delay', 'delay']);
    expect(scenarioEndNs(s)).toBe(1e9);
    expect(reshape(s, { action: 'seed', seed: 9 })).toMatchObject({ scenario: 'LI-2', seed: 9 });
    expect(reshape(s, { action: 'reset' })).toBe(s);
    const left = reshapeRun(s, { action: 'ro', count: 2 })!;
    expect(left.setup).toMatchObject({ scenario: null, schedule: [] });
    expect(left.lines[0]).toContain('scenario LI-2 left');
    const none = reshape(s, { action: 'scenario', scenario: null });
    expect(none).toMatchObject({ scenario: null, writeScale: 1, schedule: [], config: { ro: 3, mode: 'full' } });
  });

  it('leaves time, faults and reads to the caller', () => {
    for (const action of [{ action: 'step', ns: 1 }, { action: 'status' }, { action: 'inspect', page: 1, node: 1 },
      { action: 'fault', fault: { kind: 'heal', node: null } }] as LogIndexAction[]) {
      expect(reshapeRun(initialSetup(), action), action.action).toBeNull();
    }
  });
});

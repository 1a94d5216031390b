// The raft tab plays a scripted scenario at the scenario's own speed: its key event must show
// within 5 s of wall time. Simulated-time arithmetic on the scripted times (and, for the ghost,
// on the time the kernel's checker stops the run), never the wall clock.
import { describe, expect, it } from 'vitest';
import { raftModule } from '../../testing/fixtures';
import { defaultConfig } from './config';
import { runRaft } from './run';
import { SCENARIOS } from './scenarios';
import { parseSchedule } from './schedule';

const WALL_BUDGET_S = 5;

/** Wall seconds to reach a simulated time at a speed in simulated ns per wall second. */
const wallSeconds = (atNs: number, nsPerSecond: number) => atNs / nsPerSecond;

describe('scenario speeds', () => {
  it.each(Object.keys(SCENARIOS))('%s reaches its last scripted command within 5 s of wall time', (name) => {
    const s = SCENARIOS[name];
    const schedule = parseSchedule(s.faults, name);
    const last = Math.max(...schedule.map((c) => c.at));
    expect(last).toBeGreaterThan(0);
    expect(wallSeconds(last, s.speedNsPerSecond)).toBeLessThanOrEqual(WALL_BUDGET_S);
    // Far faster than the tab's default 500 µs/s, at which the key event took minutes.
    expect(wallSeconds(last, 500_000)).toBeGreaterThan(60);
  });

  it('ghost: the checker stops the paper merge within 5 s of wall time', () => {
    const s = SCENARIOS.ghost;
    const run = runRaft(raftModule(), { config: defaultConfig({ ...s.config, mode: 'parallel', seed: 1 }), durationNs: s.durationNs, warmupNs: 0, schedule: parseSchedule(s.faults, 'ghost') });
    expect(run.verdict).toBe('invalid');
    const at = run.violations[0].at;
    expect(at).toBeGreaterThan(Math.max(...parseSchedule(s.faults, 'ghost').map((c) => c.at)));
    expect(wallSeconds(at, s.speedNsPerSecond)).toBeLessThanOrEqual(WALL_BUDGET_S);
  });
});

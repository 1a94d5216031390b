// The browser raft lab simulation reads its metrics from a column's frame; they must be the
// headless simulation's numbers, or a lab verified with `hlab lab verify` would grade
// differently in the app. Both read the real raft.wasm here.
import { beforeAll, expect, test } from 'vitest';
import { parsed } from '../../commands/parseTesting';
import { SCENARIOS } from '../../kernels/raft/scenarios';
import { parseSchedule } from '../../kernels/raft/schedule';
import { RaftSession } from '../../kernels/raft/session';
import { RAFT_METRICS } from '../../kernels/raft/labMetrics';
import { HeadlessRaft } from '../../kernels/raft/headless';
import { raftModule } from '../../testing/fixtures';
import { uiConfig } from './raftState.svelte';
import { raftMetric } from './labSimulation';

let module: WebAssembly.Module;
beforeAll(() => {
  module = raftModule();
});

test('every raft metric read from a frame equals the headless lab simulation\'s', async () => {
  const headless = new HeadlessRaft(module);
  await headless.setUp({ mode: 'parallel-ce', iodepth: 8, net: 'rdma', disk: 'xpoint', scenario: 'ghost' }, 7);
  await headless.execute(parsed('raft step 700ms'));

  // The raft tab's column for the same run: the scenario's config, the lab's mode and seed.
  const ghost = SCENARIOS.ghost;
  const session = new RaftSession(module, { now: () => 0 });
  session.start(uiConfig({ ...ghost.config, mode: 'parallel-ce', seed: 7 }), parseSchedule(ghost.faults, 'ghost'));
  session.advance(700_000_000);
  const k = session.current;
  const view = { mode: 'parallel-ce', raw: Float64Array.from(k.frame()), verdict: k.verdict().verdict };
  const context = { scenario: 'ghost' as const, sideBySide: false, seed: 7 };

  const names = Object.keys(RAFT_METRICS);
  expect(names.length).toBeGreaterThan(10);
  for (const name of names) expect({ name, value: raftMetric(view, context, name) }).toEqual({ name, value: await headless.query(name) });
  expect(raftMetric(view, context, 'timeMs')).toBe(700);
  expect(raftMetric(view, context, 'nonsense')).toBeUndefined();
});

// Golden state hashes of fixed GPU-pool and raft runs, made from the code before the kernels were
// refactored (constants shared with the host, raft split by concern, the event engine in
// wasm/lib): a refactor must leave every run where it was, bit for bit.
//
// Each run records two kinds of hash:
//  * `memory` (at its last point): the hosts' own state hash (linear memory, scratch cleared),
//    what links, labs and the determinism e2e test compare. It also depends on where the
//    kernel's records sit in memory, so a change of layout alone changes it.
//  * `view` (at every point): every number the host can read out of the kernel (frames, event
//    ring, history, logs, blocks, catch-ups, series; per-pod events and the cluster view),
//    independent of layout. This one must never change in a refactor.
//
// Regenerate (only when a run is meant to change, saying why in the commit):
//   HLAB_GOLDEN=write npx vitest run src/kernels/golden.test.ts
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { GpuPoolSession } from './gpupool/session';
import type { KernelCommand } from './api';
import type { RunConfig } from './gpupool/types';
import { RaftSession } from './raft/session';
import { defaultConfig } from './raft/config';
import { parseSchedule } from './raft/schedule';
import type { RaftKernel } from './raft/kernel';
import type { RaftCommand, RaftConfig } from './raft/types';
import { HISTORY_CAP, NODES } from './raft/protocol';
import { HAVE_OPENB, OPENB_DIR, OPENB_MISSING, PROJECT_ROOT, gpupoolModule, raftModule } from '../testing/fixtures';

const GOLDEN_FILE = join(PROJECT_ROOT, 'src', 'kernels', 'golden.json');
const WRITE = process.env.HLAB_GOLDEN === 'write';
const MS = 1_000_000;
const clock = { now: () => 0 };

interface Point {
  at: number;
  view: string;
  /** At a run's last point only: the host's hash reads all of linear memory (50 MB for raft) in JS. */
  memory?: string;
}
type Golden = Record<string, Point[]>;

const golden: Golden = existsSync(GOLDEN_FILE) ? (JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Golden) : {};
const written: Golden = {};

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** SHA-256 (first 64 bits): native, so hashing a few MB per point costs milliseconds. */
function hashViews(views: ArrayBufferView[]): string {
  const h = createHash('sha256');
  for (const v of views) h.update(bytesOf(v));
  return h.digest('hex').slice(0, 16);
}

function check(name: string, points: Point[]): void {
  if (WRITE) {
    written[name] = points;
    return;
  }
  expect(golden[name], `${name} has no golden points: regenerate with HLAB_GOLDEN=write`).toBeDefined();
  expect(points).toEqual(golden[name]);
}

// ---- GPU pool ----

interface GpuRun {
  config: RunConfig;
  /** Hash points (pod steps), ascending. */
  at: number[];
  /** Commands applied once the run reaches their step. */
  commands?: { step: number; command: KernelCommand }[];
  trace?: { nodes: string; pods: string };
}

function gpuView(s: GpuPoolSession): string {
  const k = s.current;
  const e = k.events();
  const step = k.step;
  const v = k.clusterView();
  const summary = Float64Array.from(Object.values(s.current.summary()).map((x) => (typeof x === 'number' ? x : x.length)));
  return hashViews([
    summary, e.arrived.subarray(0, step), e.used.subarray(0, step), e.fragment.subarray(0, step),
    e.node.subarray(0, step), e.gpu.subarray(0, step), v.gpuRemaining, v.gpuCount, v.category, v.down, k.nodePriorities(),
    k.workloadList(),
  ]);
}

function runGpu(run: GpuRun): Point[] {
  const s = new GpuPoolSession(gpupoolModule(), clock);
  if (run.trace) {
    const read = (name: string) => ({ name, text: readFileSync(join(OPENB_DIR, name), 'utf8') });
    s.loadTrace(read(run.trace.nodes), read(run.trace.pods));
  }
  s.start(run.config);
  const commands = [...(run.commands ?? [])];
  const points: Point[] = [];
  for (const at of run.at) {
    while (commands.length > 0 && commands[0].step <= at) {
      const c = commands.shift()!;
      s.advance(c.step);
      s.apply(c.command);
    }
    s.advance(at);
    points.push({ at: s.current.step, view: gpuView(s) });
  }
  points[points.length - 1].memory = s.stateHash();
  return points;
}

const GPU_RUNS: Record<string, GpuRun> = {
  'fgd-seed1': { config: { policy: 'FGD', seed: 1, rng: 'xoshiro', tune: 1.3 }, at: [500, 3000, 6000] },
  'fgd-seed2-go': { config: { policy: 'FGD', seed: 2, rng: 'go', tune: 1.3 }, at: [2000, 5000] },
  'bestfit-seed1': { config: { policy: 'BestFit', seed: 1, rng: 'xoshiro', tune: 1.3 }, at: [1500, 4000] },
  'ack-seed3': {
    config: { policy: 'ACK', seed: 3, rng: 'xoshiro', tune: 1.3 },
    at: [1000, 3000],
    commands: [{ step: 800, command: { kind: 'ack-batch', size: 16 } }, { step: 1200, command: { kind: 'ack-weights', weights: [2, 1, 1, 3, 1] } }],
  },
  // A node and a GPU fail mid-run (their pods go back through the scheduler), then the policy changes.
  'fgd-faults-policy': {
    config: { policy: 'FGD', seed: 4, rng: 'xoshiro', tune: 1.3 },
    at: [1000, 2500, 4000],
    commands: [
      { step: 1500, command: { kind: 'fail-node', node: 3 } },
      { step: 1800, command: { kind: 'fail-gpu', node: 10, gpu: 0 } },
      { step: 2600, command: { kind: 'policy', policy: 'DotProd' } },
    ],
  },
};

describe('golden GPU-pool runs', () => {
  for (const [name, run] of Object.entries(GPU_RUNS)) {
    test(name, () => check(`gpupool/${name}`, runGpu(run)));
  }

  const openb = { nodes: 'openb_node_list_gpu_node.csv', pods: 'openb_pod_list_default.csv' };
  test.skipIf(!HAVE_OPENB)('openb default trace, FGD and time-aware BestFit', () => {
    check('gpupool/openb-fgd', runGpu({ config: { policy: 'FGD', seed: 5, rng: 'go', tune: 1.3 }, at: [2000, 6000], trace: openb }));
    check('gpupool/openb-time-aware', runGpu({ config: { policy: 'BestFit', seed: 5, rng: 'xoshiro', tune: 0, timeAware: true }, at: [1000, 4000], trace: openb }));
  });
  if (!HAVE_OPENB) test.skip(OPENB_MISSING, () => {});
});

// ---- raft ----

interface RaftRun {
  config: Partial<RaftConfig>;
  faults?: string;
  /** Commands a person gives at these times (RaftSession.apply), after the scripted schedule. */
  live?: { at: number; command: RaftCommand }[];
  at: number[];
}

function raftView(k: RaftKernel): string {
  const views: ArrayBufferView[] = [k.frame().slice()];
  for (let n = 0; n < NODES; n++) {
    const l = k.logViews(n);
    views.push(l.index, l.term, l.value, l.lba, l.len, l.lbb, l.state, l.ack, k.blocksOf(n));
  }
  const ring = k.logRing();
  views.push(ring.times, ring.fields);
  const series = k.seriesRing();
  views.push(series.time, series.ops, series.p50, series.p99, series.p999);
  const cu = k.catchUpRaw();
  views.push(cu.info, cu.pieces);
  const history: number[] = [];
  k.historyEach(Math.max(0, k.historyTotal() - HISTORY_CAP), {
    addOp: (client, isWrite, block, value, invoke, complete, ok) => {
      history.push(client, isWrite ? 1 : 0, block, value, invoke, complete ?? -1, ok ? 1 : 0);
    },
  });
  views.push(Float64Array.from(history));
  return hashViews(views);
}

function runRaftGolden(run: RaftRun): Point[] {
  const s = new RaftSession(raftModule(), clock);
  s.start(defaultConfig(run.config), run.faults ? parseSchedule(run.faults, 'golden') : []);
  const live = [...(run.live ?? [])];
  const points: Point[] = [];
  for (const at of run.at) {
    while (live.length > 0 && live[0].at <= at) {
      const c = live.shift()!;
      s.advance(c.at);
      s.apply(c.command);
    }
    s.advance(at);
    points.push({ at: s.current.now, view: raftView(s.current) });
  }
  points[points.length - 1].memory = s.stateHash();
  return points;
}

const QUIET = { iodepth: 4, electionMinNs: 150 * MS, electionMaxNs: 10_000 * MS, checkpointNs: 10_000 * MS };
const RAFT_RUNS: Record<string, RaftRun> = {
  'raft-crash-restart': {
    config: { mode: 'raft', seed: 1, iodepth: 8, traceMessages: true },
    faults: '20ms crash 0; 60ms restart 0; 90ms partition 1 2; 120ms heal',
    at: [10 * MS, 50 * MS, 100 * MS, 160 * MS],
  },
  'parallel-faults': {
    config: { mode: 'parallel', seed: 2, iodepth: 16, readPct: 20, minBlocks: 1, maxBlocks: 4, blocks: 512, lbbN: 2 },
    faults: '10ms loss 0>1 10%; 15ms dup 0 2 20%; 20ms reorder 1>2 30%; 25ms delay 0>2 200us; 30ms limp 1 20x; 60ms limp 1 off; 70ms oneway 2 0; 90ms heal',
    at: [20 * MS, 65 * MS, 120 * MS],
  },
  'parallel-ce-wipe-settle': {
    config: { mode: 'parallel-ce', seed: 3, iodepth: 8, checkpointNs: 30 * MS },
    faults: '20ms crash 2 wipe; 80ms restart 2; 100ms crash 0; 140ms settle',
    at: [50 * MS, 120 * MS, 400 * MS],
  },
  // Streaming catch-up: follower 2 is down while the leader checkpoints past all it holds.
  'parallel-catchup-stream': {
    config: { ...QUIET, mode: 'parallel', seed: 4 },
    faults: '100ms crash 2; 300ms checkpoint 0; 400ms restart 2',
    at: [350 * MS, 420 * MS, 600 * MS],
  },
  'raft-elect-live': {
    config: { mode: 'raft', seed: 5, clients: 2, iodepth: 4, raftNoop: true },
    live: [{ at: 30 * MS, command: { kind: 'elect', node: 1 } }, { at: 50 * MS, command: { kind: 'crash', node: 1, wipe: false } }],
    at: [40 * MS, 300 * MS],
  },
};

describe('golden raft runs', () => {
  for (const [name, run] of Object.entries(RAFT_RUNS)) {
    test(name, () => check(`raft/${name}`, runRaftGolden(run)));
  }
});

if (WRITE) {
  test.sequential('write golden.json', () => {
    writeFileSync(GOLDEN_FILE, `${JSON.stringify({ ...golden, ...written }, null, 1)}\n`);
  });
}

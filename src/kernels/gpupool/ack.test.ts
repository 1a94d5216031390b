// ACK's intelligent scheduler on hand-made clusters: its filters, its NUMA-aware GPU choice,
// priority-ordered batches and gangs that fit whole or not at all.
import { describe, expect, test } from 'vitest';
import { GpuPoolSession } from './session';
import { gpupoolModule } from '../../testing/fixtures';
import type { Policy } from './types';

const NODE_HEADER = 'sn,cpu_milli,memory_mib,gpu,model,rdma,numa_gpus,taints';
const POD_HEADER = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,qos,gang,tolerations';

function run(nodes: string[], pods: string[], policy: Policy = 'ACK', setup: (s: GpuPoolSession) => void = () => {}) {
  const s = new GpuPoolSession(gpupoolModule());
  s.loadTrace({ name: 'nodes.csv', text: [NODE_HEADER, ...nodes].join('\n') }, { name: 'pods.csv', text: [POD_HEADER, ...pods].join('\n') });
  s.start({ policy, seed: 1, rng: 'xoshiro', tune: 0 });
  setup(s);
  s.advance(s.current.podCount);
  const byName = new Map<string, number>();
  const list = s.current.workloadList();
  const where = s.current.events().node;
  // Pod names in the trace are sorted; the workload list holds original indices.
  for (let step = 0; step < s.current.podCount; step++) byName.set(s.current.workload.pods[list[step]].name, where[step]);
  return { s, placedOn: (pod: string) => byName.get(pod)! };
}

describe('ACK filters', () => {
  test('a multi-GPU pod needs an RDMA node; with the RDMA filter off it may go elsewhere', () => {
    // Scoring on utilization alone, the 2-GPU T4 node (filled to 100 %) beats the G2 (25 %):
    // only the RDMA filter keeps the pod off it.
    const nodes = ['g2,96000,393216,8,G2,,,', 't4,104000,524288,2,T4,,,'];
    const pods = ['p1,8000,16384,2,1000,LS,,'];
    const utilizationOnly = (s: GpuPoolSession) => s.apply({ kind: 'ack-weights', weights: [0, 0, 0, 1, 0] });
    expect(run(nodes, pods, 'ACK', utilizationOnly).placedOn('p1')).toBe(0);
    const off = run(nodes, pods, 'ACK', (s) => {
      utilizationOnly(s);
      s.apply({ kind: 'ack-filter', filter: 'rdma', on: false });
    });
    expect(off.placedOn('p1')).toBe(1);
  });

  test('a tainted node takes only pods that tolerate the taint', () => {
    const nodes = ['a,96000,393216,8,G2,,,dedicated', 'b,96000,393216,8,G2,,,'];
    const pods = ['p1,4000,8192,1,1000,LS,,', 'p2,4000,8192,1,1000,LS,,dedicated'];
    const r = run(nodes, pods);
    expect(r.placedOn('p1')).toBe(1);
    // p2 tolerates the taint, so both nodes are open to it; either is fine, but it must be placed.
    expect(r.placedOn('p2')).toBeGreaterThanOrEqual(0);
    const onlyTainted = run(['a,96000,393216,8,G2,,,dedicated'], ['p1,4000,8192,1,1000,LS,,']);
    expect(onlyTainted.placedOn('p1')).toBe(-1);
    expect(onlyTainted.s.current.summary().failed).toBe(1);
  });

  test('a 4-GPU pod stays inside one NUMA domain when it can', () => {
    const nodes = ['g2,96000,393216,8,G2,1,4,'];
    // p1 takes GPU 0; p2 (4 GPUs) then fits in GPUs 4..7, not 1..4.
    const pods = ['p1,4000,8192,1,1000,LS,,', 'p2,8000,16384,4,1000,BE,,'];
    const gpusOf = (r: ReturnType<typeof run>) => r.s.inspectNode(0).pods.find((p) => p.numGpu === 4)!.gpuIndex;
    expect(gpusOf(run(nodes, pods))).toBe(4);
    expect(gpusOf(run(nodes, pods, 'ACK', (s) => s.apply({ kind: 'ack-filter', filter: 'numa', on: false })))).toBe(1);
  });
});

describe('ACK batches and gangs', () => {
  test('within a batch, higher priority goes first', () => {
    const nodes = ['a10,128000,1048576,1,A10,,,'];
    const pods = ['p1,4000,8192,1,1000,BE,,', 'p2,4000,8192,1,1000,LS,,'];
    const ack = run(nodes, pods);
    expect(ack.placedOn('p2')).toBe(0);
    expect(ack.placedOn('p1')).toBe(-1);
    // With a batch of one, arrival order decides instead (whichever the seeded shuffle put first).
    const single = run(nodes, pods, 'ACK', (s) => s.apply({ kind: 'ack-batch', size: 1 }));
    expect(single.s.current.summary().placed).toBe(1);
  });

  test('a gang that does not fit places none of its pods and gives the GPUs back', () => {
    const nodes = ['g2,96000,393216,8,G2,1,4,'];
    const pods = ['j1,8000,16384,4,1000,LS,job,', 'j2,8000,16384,4,1000,LS,job,', 'j3,8000,16384,4,1000,LS,job,', 'solo,8000,16384,4,1000,BE,,'];
    const r = run(nodes, pods);
    for (const p of ['j1', 'j2', 'j3']) expect(r.placedOn(p)).toBe(-1);
    expect(r.placedOn('solo')).toBe(0);
    const summary = r.s.current.summary();
    expect(summary.failed).toBe(3);
    expect(summary.used).toBe(4000);
  });

  test('a gang that fits is placed whole', () => {
    const nodes = ['g2,96000,393216,8,G2,1,4,'];
    const pods = ['j1,8000,16384,4,1000,LS,job,', 'j2,8000,16384,4,1000,LS,job,'];
    const r = run(nodes, pods);
    expect([r.placedOn('j1'), r.placedOn('j2')]).toEqual([0, 0]);
    expect(r.s.current.summary().used).toBe(8000);
  });

  test('other policies ignore gangs, priorities and ACK filters (paper mode stays exact)', () => {
    const nodes = ['a,96000,393216,8,G2,,,dedicated'];
    const pods = ['j1,8000,16384,4,1000,LS,job,', 'j2,8000,16384,4,1000,LS,job,', 'j3,8000,16384,4,1000,LS,job,'];
    const r = run(nodes, pods, 'FGD');
    expect(r.s.current.summary().placed).toBe(2);
  });
});

describe('ACK settings are stamped commands', () => {
  test('weights and batch replay through seek; bad values are refused with a reason', () => {
    const s = new GpuPoolSession(gpupoolModule());
    s.start({ policy: 'ACK', seed: 4, rng: 'xoshiro', tune: 1.3 });
    s.advance(2000);
    s.apply({ kind: 'ack-weights', weights: [0, 0, 0, 1, 0] });
    s.apply({ kind: 'ack-batch', size: 64 });
    s.advance(6000);
    const hash = s.stateHash();
    s.seek(100);
    s.seek(6000);
    expect(s.stateHash()).toBe(hash);
    expect(() => s.apply({ kind: 'ack-weights', weights: [0, 0, 0, 0, 0] })).toThrow(/not all zero/);
    expect(() => s.apply({ kind: 'ack-batch', size: 0 })).toThrow(/1\.\.1024/);
    const other = new GpuPoolSession(gpupoolModule());
    other.start({ policy: 'ACK', seed: 4, rng: 'xoshiro', tune: 1.3 });
    other.advance(6000);
    expect(other.stateHash()).not.toBe(hash);
  });

  test('ACK runs the whole synthetic workload and lands between the paper baselines', () => {
    const results: Record<string, number> = {};
    for (const policy of ['ACK', 'FGD', 'Random'] as Policy[]) {
      const s = new GpuPoolSession(gpupoolModule());
      s.start({ policy, seed: 42, rng: 'xoshiro', tune: 1.3 });
      s.advance(s.current.podCount);
      results[policy] = s.current.summary().used;
    }
    expect(results.ACK).toBeGreaterThan(results.Random);
    expect(results.ACK).toBeLessThanOrEqual(results.FGD);
  });
});

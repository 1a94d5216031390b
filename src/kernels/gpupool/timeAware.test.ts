// Time-aware mode: pods arrive by creation time and leave at their deletion time. Off by
// default, so the paper's runs are untouched (the published values are pinned elsewhere).
import { describe, expect, test } from 'vitest';
import { GpuPoolSession } from './session';
import { HAVE_OPENB, OPENB_MISSING, gpupoolModule, OPENB_DIR } from '../../testing/fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const NODES = 'sn,cpu_milli,memory_mib,gpu,model\nn1,32000,131072,2,T4\n';
const PODS = [
  'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time',
  // a and b fill the node; c arrives after a has left, d while both are still there.
  'a,1000,1024,1,1000,,LS,Running,0,100,0',
  'b,1000,1024,1,1000,,LS,Running,10,500,10',
  'd,1000,1024,1,1000,,LS,Running,50,600,50',
  'c,1000,1024,1,1000,,LS,Running,150,700,150',
].join('\n');

function session(timeAware: boolean) {
  const s = new GpuPoolSession(gpupoolModule());
  s.loadTrace({ name: 'nodes.csv', text: NODES }, { name: 'pods.csv', text: PODS });
  s.start({ policy: 'BestFit', seed: 3, rng: 'xoshiro', tune: 0, timeAware });
  return s;
}

describe('time-aware mode', () => {
  test('pods arrive in creation order and a departure frees room for a later pod', () => {
    const s = session(true);
    s.advance(s.current.podCount);
    const names = [...s.current.workloadList()].map((i) => s.current.workload.pods[i].name);
    expect(names).toEqual(['a', 'b', 'd', 'c']);
    const placed = [...s.current.events().node];
    expect(placed).toEqual([0, 0, -1, 0]);
    expect(s.query('departed')).toBe(1);
    expect(s.query('time')).toBe(150);
    expect(s.current.summary().used).toBe(2000);
  });

  test('without it, nothing leaves: the paper mode', () => {
    const s = session(false);
    s.advance(s.current.podCount);
    expect(s.query('departed')).toBe(0);
    expect(s.current.summary().failed).toBe(2);
  });

  test('seeking in time-aware mode replays departures exactly', () => {
    const s = session(true);
    s.advance(4);
    const hash = s.stateHash();
    s.seek(1);
    s.seek(4);
    expect(s.stateHash()).toBe(hash);
  });

  (HAVE_OPENB ? test : test.skip)('openb default: allocation stays below the arrived demand once pods leave', () => {
    const s = new GpuPoolSession(gpupoolModule());
    const read = (name: string) => ({ name, text: readFileSync(join(OPENB_DIR, name), 'utf8') });
    s.loadTrace(read('openb_node_list_gpu_node.csv'), read('openb_pod_list_default.csv'));
    s.start({ policy: 'FGD', seed: 42, rng: 'go', tune: 0, timeAware: true });
    s.advance(s.current.podCount);
    expect(s.current.podCount).toBe(8152);
    expect(Number(s.query('departed'))).toBeGreaterThan(1000);
    expect(s.current.summary().failed).toBeLessThan(500);
  });
});
if (!HAVE_OPENB) console.warn(OPENB_MISSING);

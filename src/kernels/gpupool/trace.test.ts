// The openb CSV parsers refuse what they cannot read exactly, naming file, line and column.
import { describe, expect, it } from 'vitest';
import { parseNodeCsv, parsePodCsv, TraceError } from './trace';

const NODES = 'sn,cpu_milli,memory_mib,gpu,model\nnode-1,96000,786432,8,V100M32\n';
const PODS = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli\npod-1,8000,30000,1,1000\n';

function refusal(run: () => unknown): TraceError {
  try {
    run();
  } catch (error) {
    if (error instanceof TraceError) return error;
    throw error;
  }
  throw new Error('expected a TraceError');
}

describe('trace CSV', () => {
  it('reads a small node and pod file', () => {
    expect(parseNodeCsv('n.csv', NODES)).toEqual([{ name: 'node-1', cpu: 96000, memory: 786432, gpus: 8, model: 'V100M32' }]);
    expect(parsePodCsv('p.csv', PODS)).toMatchObject([{ name: 'pod-1', cpu: 8000, memory: 30000, numGpu: 1, gpuMilli: 1000 }]);
  });

  it('refuses a column named twice in the header (the last used to win), at the second one', () => {
    const e = refusal(() => parseNodeCsv('n.csv', 'sn,cpu_milli,memory_mib,gpu,model,gpu\nnode-1,96000,786432,8,V100M32,2\n'));
    expect(e.message).toBe('n.csv:1:35: column "gpu" appears twice in the header (also column 25)');
    expect(refusal(() => parsePodCsv('p.csv', 'name,name,cpu_milli,memory_mib,num_gpu,gpu_milli\n')).column).toBe(6);
  });

  it('refuses -0 as a count, with line and column', () => {
    const e = refusal(() => parsePodCsv('p.csv', 'name,cpu_milli,memory_mib,num_gpu,gpu_milli\npod-1,8000,-0,1,1000\n'));
    expect([e.line, e.column]).toEqual([2, 12]);
    expect(e.reason).toBe('memory_mib must not be negative, found -0');
    expect(refusal(() => parseNodeCsv('n.csv', 'sn,cpu_milli,memory_mib,gpu,model\nn,-5,1,1,m\n')).reason).toContain('found -5');
  });
});

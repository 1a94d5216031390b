// The GPU pool's fuzz entry points: its share link (#run=) and the openb trace CSVs.
import { linkVerdict, type LinkCodec } from '../../fuzz/links';
import type { FuzzTarget, FuzzVerdict } from '../../fuzz/types';
import { decodeShareFragment, encodeShareFragment, GPUPOOL_LINK } from '../../state/shareLink';
import { toCompact, type RunDescription } from '../../state/runDescription';
import { parseNodeCsv, parsePodCsv, TraceError } from './trace';
import '../registry';

const RUN_LINK: LinkCodec<RunDescription> = {
  kind: GPUPOOL_LINK,
  decode: async (fragment) => {
    const r = await decodeShareFragment(fragment);
    return r.ok ? { ok: true, value: r.run } : r;
  },
  encode: encodeShareFragment,
};

const ref = (name: string) => ({ name, bytes: 1234, hash: '0123456789abcdef' });

/** Runs as the app shares them: synthetic, scaled, on a named trace, with commands along the way. */
const RUNS: RunDescription[] = [
  { v: 1, kernel: 'gpupool', workload: { kind: 'synthetic' }, config: { policy: 'FGD', seed: 42, rng: 'xoshiro', tune: 1.3 }, commands: [], step: 0 },
  {
    v: 1, kernel: 'gpupool', workload: { kind: 'synthetic', scale: 4 }, config: { policy: 'BestFit', seed: 7, rng: 'go', tune: 1.3, timeAware: true },
    commands: [{ step: 10, text: 'policy ACK' }, { step: 10, text: 'ack weights 0.25 0.2 0.15 0.15 0.1' }, { step: 200, text: 'fail gpu 17 3' }], step: 500,
  },
  {
    v: 1, kernel: 'gpupool', workload: { kind: 'trace', nodes: ref('openb_node_list_gpu_node.csv'), pods: ref('openb_pod_list_default.csv') },
    config: { policy: 'GpuPacking', seed: 1, rng: 'go', tune: 0 }, commands: [{ step: 3, text: 'fail node 2' }], step: 8000,
  },
];

const NODE_CSVS = [
  'sn,cpu_milli,memory_mib,gpu,model\nopenb-node-0001,96000,786432,8,V100M32\nopenb-node-0002,64000,262144,2,G2\nopenb-node-0003,32000,131072,0,\n',
  'sn,cpu_milli,memory_mib,gpu,model,rdma,numa_gpus,taints\n"n,1",96000,786432,8,A100,1,4,gpu=a100|spot\nn2,96000,786432,4,T4,no,,\n',
];

const POD_CSVS = [
  'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n' +
    'openb-pod-0001,12000,16384,1,1000,,LS,Running,0,12000,5\nopenb-pod-0002,6000,8192,1,460,V100M32,BE,Succeeded,10,900,11\nopenb-pod-0003,4000,4096,0,0,,LS,Running,20,,\n',
  'name,cpu_milli,memory_mib,num_gpu,gpu_milli,priority,gang,tolerations,rdma\np1,1000,1024,2,1000,5,g1,gpu=a100,1\np2,1000,1024,1,250,,,,\n',
];

/** A trace parser's verdict: a TraceError is a refusal with file:line:column; anything else escapes. */
function traceVerdict(parse: () => unknown): FuzzVerdict {
  try {
    parse();
    return { accepted: true };
  } catch (error) {
    if (error instanceof TraceError) return { accepted: false, message: error.message };
    throw error;
  }
}

const CSV_WORDS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model', 'name', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'rdma', 'numa_gpus',
  'taints', 'tolerations', 'gang', 'priority', 'creation_time', 'deletion_time', '""', '"a""b"', '\r\n', ',,'];

export const fuzzTargets: FuzzTarget[] = [
  {
    name: '#run= link',
    seeds: () => RUNS.map((r) => JSON.stringify(toCompact(r))),
    words: ['"v"', '"k"', '"w"', '"c"', '"m"', '"s"', '"zz"', '"s64"', '"s65"', '"gpupool"', '"raft"', 'null', 'true', '[]', '{}', '"FGD"', '"go"'],
    run: (input) => linkVerdict(input, RUN_LINK),
  },
  {
    name: 'trace CSV (nodes)',
    seeds: () => NODE_CSVS,
    words: CSV_WORDS,
    run: (text) => traceVerdict(() => parseNodeCsv('nodes.csv', text)),
  },
  {
    name: 'trace CSV (pods)',
    seeds: () => POD_CSVS,
    words: CSV_WORDS,
    run: (text) => traceVerdict(() => parsePodCsv('pods.csv', text)),
  },
];

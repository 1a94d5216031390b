// The same steady-state model as the raft kernel's ParallelRaft path, written the way plain
// TypeScript usually is: one object per event, a binary heap of objects, Maps for the log.
// Three nodes with one processing thread each, several connections per pair with their own
// base latency and exponential jitter (FIFO per connection), WAL channels that complete out of
// order, per-entry ack and commit, clients with a fixed iodepth. No faults, no elections.
// Used only by bench/raft.ts, to compare events per second with the wasm kernel.

import { PlainHeap } from './plainHeap';

interface Ev {
  time: number;
  seq: number;
  kind: number;
  node: number;
  from: number;
  index: number;
  charged: boolean;
}

const APPEND = 1, ACK = 2, DISK = 3, CLIENT = 4;

class Heap extends PlainHeap<Ev> {}

interface Entry {
  lba: number;
  acks: number;
  committed: boolean;
  applied: boolean;
  client: number;
}

export interface PlainResult {
  events: number;
  ops: number;
  seconds: number;
}

export function plainParallelRaft(iodepth: number, durationNs: number, seed = 1): PlainResult {
  let s = BigInt(seed) * 0x9e3779b97f4a7c15n & 0xffffffffffffffffn;
  const rand = () => {
    s ^= s << 13n; s &= 0xffffffffffffffffn; s ^= s >> 7n; s ^= s << 17n; s &= 0xffffffffffffffffn;
    return (Number(s >> 11n) + 0.5) / 9007199254740992;
  };
  const US = 1000;
  const netBase = 5 * US, jitter = 3 * US, cpuMsg = 3 * US, cpuEntry = 1500, walBase = 8 * US, walJitter = 3 * US;
  const conns = 4, walChannels = 8, clientNet = 5 * US, blocks = 2560;
  const exp = (mean: number) => -Math.log(rand()) * mean;
  const connBase = Array.from({ length: 9 * conns }, () => netBase * (1 + 0.3 * (2 * rand() - 1)));
  const connLast = new Array(9 * conns).fill(0);
  const connNext = new Array(9).fill(0);
  const cpuFree = [0, 0, 0];
  const walFree = Array.from({ length: 3 }, () => new Array(walChannels).fill(0));
  const logs = [new Map<number, Entry>(), new Map<number, Entry>(), new Map<number, Entry>()];
  const data = [new Int32Array(blocks), new Int32Array(blocks), new Int32Array(blocks)];
  const heap = new Heap();
  let now = 0, events = 0, ops = 0, lastIndex = 0;
  const send = (at: number, from: number, to: number, kind: number, index: number) => {
    const pair = from * 3 + to;
    const k = connNext[pair];
    connNext[pair] = (k + 1) % conns;
    const c = pair * conns + k;
    let t = at + connBase[c] + exp(jitter) + 4 * 330;
    if (t <= connLast[c]) t = connLast[c] + 1;
    connLast[c] = t;
    heap.push({ time: t, seq: 0, kind, node: to, from, index, charged: false });
  };
  const disk = (node: number, at: number, index: number) => {
    const w = walFree[node];
    let best = 0;
    for (let i = 1; i < walChannels; i++) if (w[i] < w[best]) best = i;
    const done = Math.max(at, w[best]) + walBase + exp(walJitter) + 4 * 400;
    w[best] = done;
    heap.push({ time: done, seq: 0, kind: DISK, node, from: node, index, charged: false });
  };
  const issue = (client: number, at: number) => heap.push({ time: at + clientNet, seq: 0, kind: CLIENT, node: 0, from: client, index: 0, charged: false });
  for (let d = 0; d < iodepth; d++) issue(d, 0);
  const started = performance.now();
  while (heap.items.length > 0) {
    const e = heap.pop();
    if (e.time > durationNs) break;
    now = e.time;
    events++;
    if (e.kind !== DISK && !e.charged) {
      const cost = cpuMsg + (e.kind === APPEND ? cpuEntry : 0);
      const start = Math.max(now, cpuFree[e.node]);
      cpuFree[e.node] = start + cost;
      if (start > now) {
        e.time = start;
        e.charged = true;
        heap.push(e);
        continue;
      }
    }
    const effect = now + (e.kind === APPEND ? cpuMsg + cpuEntry : cpuMsg);
    switch (e.kind) {
      case CLIENT: {
        const index = ++lastIndex;
        logs[0].set(index, { lba: Math.floor(rand() * blocks), acks: 0, committed: false, applied: false, client: e.from });
        disk(0, effect, index);
        send(effect, 0, 1, APPEND, index);
        send(effect, 0, 2, APPEND, index);
        break;
      }
      case APPEND: {
        const src = logs[0].get(e.index)!;
        logs[e.node].set(e.index, { lba: src.lba, acks: 0, committed: false, applied: false, client: -1 });
        disk(e.node, effect, e.index);
        break;
      }
      case DISK: {
        if (e.node === 0) ack(0, e.index, effect);
        else send(effect, e.node, 0, ACK, e.index);
        break;
      }
      case ACK: ack(e.from, e.index, effect); break;
    }
  }
  function ack(from: number, index: number, at: number) {
    const entry = logs[0].get(index)!;
    entry.acks |= 1 << from;
    if (!entry.committed && popcount(entry.acks) >= 2) {
      entry.committed = true;
      data[0][entry.lba] = index;
      entry.applied = true;
      ops++;
      issue(entry.client, at + clientNet);
      logs[0].delete(index - 4096);
      logs[1].delete(index - 4096);
      logs[2].delete(index - 4096);
    }
  }
  return { events, ops, seconds: (performance.now() - started) / 1000 };
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

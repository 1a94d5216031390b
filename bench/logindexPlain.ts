// The LogIndex kernel's steady state written the way plain TypeScript usually is: one object per
// event, a binary heap of objects, Maps for the buffer pools and the per-page LSN lists. One
// writer with Poisson transactions on a hot-skewed key range (some records split over two
// pages), the WAL on a multi-channel storage model, metadata shipped in batches to the
// replicas over jittered links, each replica's startup process parsing it into its memtable
// and marking resident pages outdated, readers applying a page's backlog lazily (reading it
// from storage when not resident), background replay, and the writer's flush list flushed
// under flush control. No faults, no checker, no tables. Used only by bench/logindex.ts, to
// compare events per second with the wasm kernel on the same figures (config.ts defaults).

import { PlainHeap } from './plainHeap';

interface Ev {
  time: number;
  seq: number;
  kind: number;
  node: number;
  a: number;
  b: number;
}

const TXN = 1, WAL_DONE = 2, META = 3, PARSED = 4, ACK = 5, READ = 6, REPLAY = 7, BGW = 8, PAGE_WRITTEN = 9;

class Heap extends PlainHeap<Ev> {}

interface Frame {
  image: number;
  lsn: number;
  outdated: boolean;
}

interface Replica {
  received: number;
  replayLsn: number;
  parserFree: number;
  cpuFree: number;
  /** Page -> its LSNs parsed so far, ascending (the memtable, kept whole here). */
  lists: Map<number, number[]>;
  pool: Map<number, Frame>;
}

export interface PlainResult {
  events: number;
  writes: number;
  reads: number;
  seconds: number;
}

export function plainLogIndex(ros: number, durationNs: number, seed = 1): PlainResult {
  const started = performance.now();
  let s = BigInt(seed) * 0x9e3779b97f4a7c15n & 0xffffffffffffffffn;
  const rand = () => {
    s ^= s << 13n; s &= 0xffffffffffffffffn; s ^= s >> 7n; s ^= s << 17n; s &= 0xffffffffffffffffn;
    return (Number(s >> 11n) + 0.5) / 9007199254740992;
  };
  const exp = (mean: number) => -Math.log(rand()) * mean;
  const PAGES = 4096, POOL = 1024, HOT = 64, BATCH = 256;
  const writeMean = 1e9 / 4000, readMean = 1e9 / 8000, netBase = 8000, netJitter = 2000;
  const storBase = 40_000, storJitter = 10_000, parseNs = 500, applyNs = 20_000, readNs = 3000, bgwNs = 1e6;
  const channels: number[] = new Array(8).fill(0);
  const storage = (at: number, bytes: number) => {
    let best = 0;
    for (let k = 1; k < channels.length; k++) if (channels[k] < channels[best]) best = k;
    const done = Math.max(at, channels[best]) + storBase + exp(storJitter) + bytes * 200 / 1024;
    channels[best] = done;
    return done;
  };
  const mix = (image: number, lsn: number, page: number) => {
    let h = Math.imul(image ^ lsn, 0x9e3779b1) ^ page;
    h ^= h >>> 15;
    return Math.imul(h, 0x85ebca6b) >>> 0;
  };
  const drawPage = () => (rand() < 0.7 ? Math.floor(rand() * HOT) : Math.floor(rand() * PAGES));

  const heap = new Heap();
  const at = (time: number, kind: number, node: number, a = 0, b = 0) => heap.push({ time, seq: 0, kind, node, a, b });
  // The writer: every page resident; the WAL; the flush list by oldest LSN (insertion order of a Map).
  const records: { pages: number[] }[] = [{ pages: [] }];
  const rwImage = new Map<number, number>();
  const lastRec = new Map<number, number>();
  const flushList = new Map<number, number>();
  const storImage = new Map<number, { image: number; lsn: number }>();
  const inFlight = new Map<number, { page: number; image: number; lsn: number }>();
  let durable = 0, slot = 0, lastWalDone = 0, writes = 0, reads = 0, events = 0;
  const sent: number[] = new Array(ros + 1).fill(0);
  const acked: number[] = new Array(ros + 1).fill(0);
  const replicas: Replica[] = [];
  for (let r = 0; r <= ros; r++) replicas.push({ received: 0, replayLsn: 0, parserFree: 0, cpuFree: 0, lists: new Map(), pool: new Map() });

  const ship = (ro: number, now: number) => {
    const from = sent[ro] + 1;
    const to = Math.min(durable, from + BATCH - 1);
    if (to < from) return;
    sent[ro] = to;
    at(now + netBase + exp(netJitter) + (to - from + 1) * 48 * 100 / 1024, META, ro, from, to);
  };
  const readPage = (rep: Replica, page: number, L: number) => {
    let f = rep.pool.get(page);
    if (!f) {
      const st = storImage.get(page) ?? { image: page, lsn: 0 };
      f = { image: st.image, lsn: st.lsn, outdated: true };
      if (rep.pool.size >= POOL) rep.pool.delete(rep.pool.keys().next().value!);
      rep.pool.set(page, f);
    }
    if (!f.outdated) return 0;
    // The backlog, newest first down to the frame's LSN, then applied in ascending order.
    const list = rep.lists.get(page) ?? [];
    const backlog: number[] = [];
    for (let i = list.length - 1; i >= 0 && list[i] > f.lsn; i--) if (list[i] <= L) backlog.push(list[i]);
    backlog.sort((x, y) => x - y);
    for (const l of backlog) {
      f.image = mix(f.image, l, page);
      f.lsn = l;
    }
    const applied = backlog.length;
    f.outdated = false;
    return applied;
  };

  at(1, TXN, 0);
  at(bgwNs, BGW, 0);
  for (let r = 1; r <= ros; r++) {
    at(1 + exp(readMean), READ, r);
    at(bgwNs, REPLAY, r);
  }
  while (heap.items.length > 0 && heap.items[0].time <= durationNs) {
    const e = heap.pop();
    const now = e.time;
    events++;
    switch (e.kind) {
      case TXN: {
        at(now + 1 + exp(writeMean), TXN, 0);
        const p0 = drawPage();
        const pages = rand() < 0.1 ? [p0, (p0 + 1) % PAGES] : [p0];
        const lsn = records.length;
        records.push({ pages });
        for (const p of pages) {
          rwImage.set(p, mix(rwImage.get(p) ?? p, lsn, p));
          lastRec.set(p, lsn);
          if (!flushList.has(p)) flushList.set(p, lsn);
        }
        writes++;
        lastWalDone = Math.max(lastWalDone, storage(now, 288 * pages.length));
        at(lastWalDone, WAL_DONE, 0, lsn);
        break;
      }
      case WAL_DONE:
        durable = e.a;
        for (let r = 1; r <= ros; r++) if (sent[r] === durable - 1) ship(r, now);
        break;
      case META: {
        const rep = replicas[e.node];
        if (e.a !== rep.received + 1) break;
        rep.received = e.b;
        let cost = 0;
        for (let l = e.a; l <= e.b; l++) cost += parseNs * records[l].pages.length;
        rep.parserFree = Math.max(rep.parserFree, now) + cost;
        at(rep.parserFree, PARSED, e.node, e.a, e.b);
        break;
      }
      case PARSED: {
        const rep = replicas[e.node];
        for (let l = e.a; l <= e.b; l++) {
          for (const p of records[l].pages) {
            let list = rep.lists.get(p);
            if (!list) rep.lists.set(p, (list = []));
            list.push(l);
            const f = rep.pool.get(p);
            if (f) f.outdated = true;
          }
          rep.replayLsn = l;
        }
        at(now + netBase + exp(netJitter), ACK, 0, e.node, rep.replayLsn);
        break;
      }
      case ACK:
        acked[e.a] = Math.max(acked[e.a], e.b);
        ship(e.a, now);
        break;
      case READ: {
        at(now + 1 + exp(readMean), READ, e.node);
        const rep = replicas[e.node];
        const applied = readPage(rep, drawPage(), rep.replayLsn);
        rep.cpuFree = Math.max(rep.cpuFree, now) + readNs + applied * applyNs;
        reads++;
        break;
      }
      case REPLAY: {
        at(now + bgwNs, REPLAY, e.node);
        const rep = replicas[e.node];
        for (const [page, f] of rep.pool) if (f.outdated) readPage(rep, page, rep.replayLsn);
        break;
      }
      case BGW: {
        at(now + bgwNs, BGW, 0);
        let limit = durable;
        for (let r = 1; r <= ros; r++) limit = Math.min(limit, acked[r]);
        let looked = 0;
        for (const [page] of flushList) {
          if (looked++ >= 64) break;
          const latest = lastRec.get(page)!;
          if (latest > limit) continue;
          flushList.delete(page);
          inFlight.set(++slot, { page, image: rwImage.get(page)!, lsn: latest });
          at(storage(now, 8192), PAGE_WRITTEN, 0, slot);
        }
        break;
      }
      case PAGE_WRITTEN: {
        const w = inFlight.get(e.a)!;
        inFlight.delete(e.a);
        const old = storImage.get(w.page);
        if (!old || old.lsn < w.lsn) storImage.set(w.page, { image: w.image, lsn: w.lsn });
        break;
      }
    }
  }
  return { events, writes, reads, seconds: (performance.now() - started) / 1000 };
}

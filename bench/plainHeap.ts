// The binary heap of event objects the plain-TypeScript baselines use (bench/raftPlain.ts,
// bench/logindexPlain.ts): ordered by time, then by the order pushed, as the wasm engine is.

export interface TimedEvent {
  time: number;
  seq: number;
}

export class PlainHeap<E extends TimedEvent> {
  items: E[] = [];
  seq = 0;

  push(e: E): void {
    e.seq = this.seq++;
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].time < e.time || (a[p].time === e.time && a[p].seq < e.seq)) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = e;
  }

  pop(): E {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= a.length) break;
        if (c + 1 < a.length && (a[c + 1].time < a[c].time || (a[c + 1].time === a[c].time && a[c + 1].seq < a[c].seq))) c++;
        if (last.time < a[c].time || (last.time === a[c].time && last.seq < a[c].seq)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

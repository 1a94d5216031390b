// Which faults were in force when, for the lag chart's shaded bands: a fault runs from the
// command that began it to the one that ended it (or to now). Crash ends with restart or
// promote; delay, loss and partition with heal; slow storage and starving with 1x.
import type { LogIndexCommand, SimNs, StampedLogIndexCommand } from '../../kernels/logindex/types';

export type BandKind = 'node' | 'link' | 'storage' | 'cpu';

export interface FaultBand {
  from: SimNs;
  /** null while the fault is still in force. */
  to: SimNs | null;
  kind: BandKind;
  /** What it acts on, e.g. "ro2", "storage". */
  target: string;
  label: string;
}

const nodeName = (n: number) => (n === 0 ? 'rw' : `ro${n}`);

function labelOf(c: LogIndexCommand): string {
  switch (c.kind) {
    case 'crash': return `crash ${nodeName(c.node)}`;
    case 'slow-storage': return `slow storage ${c.factor}x`;
    case 'starve': return `starve ${nodeName(c.node)} ${c.factor}x`;
    case 'delay': return `delay ${nodeName(c.node)} ${c.ns / 1e6} ms`;
    case 'loss': return `loss ${nodeName(c.node)} ${c.permille / 10}%`;
    case 'partition': return `partition ${nodeName(c.node)}`;
    default: return c.kind;
  }
}

/** The bands of a command log in time order; a fault given again on its target restarts its band. */
export function faultBands(commands: readonly StampedLogIndexCommand[]): FaultBand[] {
  const bands: FaultBand[] = [];
  const open = new Map<string, FaultBand>();
  const close = (key: string, at: SimNs) => {
    const band = open.get(key);
    if (band) band.to = at;
    open.delete(key);
  };
  const begin = (key: string, band: FaultBand) => {
    close(key, band.from);
    bands.push(band);
    open.set(key, band);
  };
  let writer = 0;
  for (const { at, command: c } of [...commands].sort((a, b) => a.at - b.at)) {
    switch (c.kind) {
      case 'crash': begin(`node ${c.node}`, { from: at, to: null, kind: 'node', target: nodeName(c.node), label: labelOf(c) }); break;
      case 'restart': close(`node ${c.node}`, at); break;
      // A promotion ends the writer's outage: the cluster writes again, on the promoted replica.
      case 'promote': close(`node ${writer}`, at); writer = c.node; break;
      case 'slow-storage': if (c.factor === 1) close('storage', at); else begin('storage', { from: at, to: null, kind: 'storage', target: 'storage', label: labelOf(c) }); break;
      case 'starve': if (c.factor === 1) close(`cpu ${c.node}`, at); else begin(`cpu ${c.node}`, { from: at, to: null, kind: 'cpu', target: nodeName(c.node), label: labelOf(c) }); break;
      case 'delay': case 'loss': case 'partition': {
        const key = `link ${c.kind} ${c.node}`;
        const off = (c.kind === 'delay' && c.ns === 0) || (c.kind === 'loss' && c.permille === 0);
        if (off) close(key, at);
        else begin(key, { from: at, to: null, kind: 'link', target: nodeName(c.node), label: labelOf(c) });
        break;
      }
      case 'heal':
        for (const key of [...open.keys()]) if (key.startsWith('link ') && (c.node === null || key.endsWith(` ${c.node}`))) close(key, at);
        break;
    }
  }
  return bands;
}

// Which faults were in force when: a fault stays visible as a shaded band on every chart and
// on the timeline, from the command that began it to the command that ended it (or now).
import type { RaftCommand, SimNs, StampedRaftCommand } from '../../kernels/raft/types';
import { formatCommand } from '../../kernels/raft/schedule';

export interface FaultBand {
  from: SimNs;
  /** null while the fault is still in force. */
  to: SimNs | null;
  label: string;
  kind: 'node' | 'link' | 'disk';
}

/** What a fault acts on, so the command that undoes it can find it. */
function targetOf(c: RaftCommand): string | null {
  switch (c.kind) {
    case 'crash': return `node ${c.node}`;
    case 'limp': return `disk ${c.node}`;
    case 'partition': return c.b === null ? `isolate ${c.a}` : `cut ${Math.min(c.a, c.b)}-${Math.max(c.a, c.b)}`;
    case 'oneway': return `cut ${c.from}>${c.to}`;
    case 'delay': case 'loss': case 'duplicate': case 'reorder': return `${c.kind} ${c.both ? `${Math.min(c.from, c.to)}-${Math.max(c.from, c.to)}` : `${c.from}>${c.to}`}`;
    default: return null;
  }
}

/** True when the command ends the fault whose target is `target`. */
function ends(c: RaftCommand, target: string): boolean {
  switch (c.kind) {
    case 'restart': return target === `node ${c.node}`;
    case 'limp': return target === `disk ${c.node}`;
    case 'crash': return target === `node ${c.node}`;
    case 'heal': {
      if (c.a === null) return !target.startsWith('node') && !target.startsWith('disk');
      if (c.b === null) return target === `isolate ${c.a}` || new RegExp(`(^| )(${c.a}[->]|\\d[->]${c.a}$)`).test(target);
      const pair = [`${Math.min(c.a, c.b)}-${Math.max(c.a, c.b)}`, `${c.a}>${c.b}`, `${c.b}>${c.a}`];
      return pair.some((p) => target.endsWith(` ${p}`));
    }
    case 'delay': return target === targetOf(c);
    case 'loss': case 'duplicate': case 'reorder': return target === targetOf(c);
    default: return false;
  }
}

/** A zero setting (loss 0 %, limp off, delay 0) only ends a fault; it starts none. */
function isClearing(c: RaftCommand): boolean {
  return (c.kind === 'limp' && c.factor === 1) || (c.kind === 'delay' && c.ns === 0)
    || ((c.kind === 'loss' || c.kind === 'duplicate' || c.kind === 'reorder') && c.percent === 0);
}

export function faultBands(commands: readonly StampedRaftCommand[], now: SimNs): FaultBand[] {
  const open = new Map<string, FaultBand>();
  const bands: FaultBand[] = [];
  for (const { at, command } of commands) {
    if (at > now) break;
    for (const [target, band] of open) {
      if (ends(command, target)) {
        band.to = at;
        open.delete(target);
      }
    }
    const target = targetOf(command);
    if (target === null || isClearing(command)) continue;
    const band: FaultBand = {
      from: at, to: null, label: formatCommand(command),
      kind: command.kind === 'crash' ? 'node' : command.kind === 'limp' ? 'disk' : 'link',
    };
    bands.push(band);
    open.set(target, band);
  }
  return bands;
}

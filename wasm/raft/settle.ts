// Quiescence and the convergence check (spec §1.9 P6). `settle` stops the clients, heals every
// link and restarts crashed nodes with what their disks kept; once every replica has applied
// every committed entry, each replica's blocks must equal the serial replay, i.e. all committed
// entries applied in index order to the initial chunk (the checker keeps that replay as commits
// happen). The at-any-instant form of P6 is P5 plus state-machine safety, checked at each apply.
import { Cluster } from './cluster';
import { NODES, LOG_CONVERGED, V_DIVERGED } from './constants';
import { violate } from './checker';
import { heal, restart } from './faults';
import { raftNoopIfIdle } from './replication';

export const SETTLE_OFF: i32 = 0;
export const SETTLE_WAITING: i32 = 1;
export const SETTLE_DONE: i32 = 2;

export function settle(c: Cluster): void {
  c.settling = SETTLE_WAITING;
  heal(c, -1, -1);
  for (let n = 0; n < NODES; n++) if (unchecked(c.up[n]) == 0) restart(c, n);
}

/** Called every tick while settling: compares the replicas once all have caught up. */
export function checkConvergence(c: Cluster): void {
  const k = c.checker;
  for (let n = 0; n < NODES; n++) raftNoopIfIdle(c, n);
  for (let n = 0; n < NODES; n++) {
    if (unchecked(c.up[n]) == 0 || unchecked(c.appliedPrefix[n]) < k.maxCommitted) return;
  }
  c.settling = SETTLE_DONE;
  for (let n = 0; n < NODES; n++) {
    const base = n * c.blocks;
    for (let b = 0; b < c.blocks; b++) {
      const held = unchecked(c.data[base + b]);
      if (held != unchecked(k.serialVal[b])) {
        violate(k, c.now, V_DIVERGED, n, b, held);
        return;
      }
    }
  }
  k.replicasConverged = NODES;
  c.log.write(c.now, LOG_CONVERGED, NODES, c.blocks, k.maxCommitted);
}

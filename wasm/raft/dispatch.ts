// Where a message reaches its handler. The replication protocols switch by mode where the
// papers differ:
//  * Raft: in-order acknowledge (a follower acks its persisted, verified prefix), in-order
//    commit with the Figure 8 rule, AppendEntries consistency check with reject + resend.
//  * ParallelRaft (PolarFS §5.1-5.3): per-entry ack keyed by (term, index), per-entry commit,
//    apply with holes under the look-behind buffer; election = vote, merge, sync, promote.
//  * ParallelRaft-CE: as above, with sync terms in the vote, no-op fill and erase past the end point.
// Modules, lowest first: roles, replies, commit, window, catchup, replication, heartbeat,
// merge, persist, election, dispatch; each imports only modules before it.
import { Cluster } from './cluster';
import { onClientRequest, finishOp } from './clients';
import {
  EV_ACK, EV_APPEND, EV_HEARTBEAT, EV_HEARTBEAT_RESP, EV_INSTALL, EV_MERGE_REQ, EV_MERGE_RESP, EV_PIECE,
  EV_PIECE_ACK, EV_RAFT_RESP, EV_SYNC, EV_SYNC_ACK, EV_VOTE_REQ, EV_VOTE_RESP,
} from './constants';
import { onInstall, onPiece, onPieceAck } from './catchup';
import { onAck, onAppend, onRaftResponse, proposeWrite } from './replication';
import { onHeartbeat, onHeartbeatResponse } from './heartbeat';
import { onMergeRequest, onMergeResponse, onSync, onSyncAck } from './merge';
import { onVoteRequest, onVoteResponse } from './election';

export function onMessage(c: Cluster, kind: i32, node: i32, from: i32, term: i32, a: i32, b: i32, cc: i32, d: i32): void {
  switch (kind) {
    case EV_APPEND: onAppend(c, node, from, term, a, b, cc, d); break;
    case EV_ACK: onAck(c, node, from, term, a, b, cc, d); break;
    case EV_RAFT_RESP: onRaftResponse(c, node, from, term, a, b, cc, d); break;
    case EV_VOTE_REQ: onVoteRequest(c, node, from, term, a, b, cc); break;
    case EV_VOTE_RESP: onVoteResponse(c, node, from, term, a); break;
    case EV_MERGE_REQ: onMergeRequest(c, node, from, term, a); break;
    case EV_MERGE_RESP: onMergeResponse(c, node, from, term, a, b); break;
    case EV_SYNC: onSync(c, node, from, term, a, b, cc, d); break;
    case EV_INSTALL: onInstall(c, node, from, term, a, b, cc, d); break;
    case EV_SYNC_ACK: onSyncAck(c, node, from, term, a, b, cc, d); break;
    case EV_HEARTBEAT: onHeartbeat(c, node, from, term, a, cc); break;
    case EV_HEARTBEAT_RESP: onHeartbeatResponse(c, node, from, term, a, b, cc, d); break;
    case EV_PIECE: onPiece(c, node, from, term, a, b, cc); break;
    case EV_PIECE_ACK: onPieceAck(c, node, from, term, a, b, cc, d); break;
    default: break;
  }
}

/** EV_CLIENT_REQ: the clients settle the op, or hand a write to the leader to propose. */
export function onClientArrival(c: Cluster, node: i32, slot: i32, gen: i32): void {
  if (!onClientRequest(c, node, slot, gen)) return;
  const done = c.effectAt;
  if (!proposeWrite(c, node, slot, done)) finishOp(c, slot, false, done + c.clientNet, 0, -1);
}

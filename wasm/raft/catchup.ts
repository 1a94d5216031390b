// Catching up a lagging follower (spec §1.4, PolarFS §5.3). The leader compares its checkpoint
// LC with the follower's known prefix FL and checkpoint FC, and picks one of three cases:
//  1. LC > FL: streaming catch-up. The leader's data blocks go in 128 KB pieces, each its own
//     small task with its own resend timer, PIECE_WINDOW of them in flight; once the follower
//     holds every piece, the log after the copy follows and the follower installs both at once.
//  2. FL >= LC: fast catch-up. The blocks the entries up to LC wrote are copied from the
//     leader's data blocks (the follower's holes there); what comes after LC comes from the log.
//  3. As 2, but the follower holds uncommitted entries of older terms: it prunes the ones the
//     leader's log does not confirm first, as Raft truncates a conflicting suffix.
// [I] FL is the end of the follower's known prefix (every index up to it present, applied, or
// its LBA known from an LBB): with holes, a last index past a hole tells the leader nothing about
// the hole. The hole ranges come from the leader's log, which keeps entries past its checkpoint
// for a while (spec §1.3); if it no longer holds one, the leader streams (case 1). Raft installs
// a snapshot: always case 1.
//
// The data a catch-up carries is staged per follower when it starts (installData, stageMask and
// the checker's installIdx shadow): a message names its session, and a newer session's staging
// makes an older session's messages void.
import { Cluster } from './cluster';
import {
  NODES, LOG_CAP, MODE_RAFT, MAX_PIECES, BLOCK_BYTES, ARENA_MASK, ROLE_LEADER, ROLE_LEADER_CANDIDATE,
  SLOT_PRESENT, SLOT_PERSISTED, SLOT_APPLIED, SLOT_SKIP, SLOT_ON_DISK,
  EV_PIECE, EV_PIECE_ACK, EV_INSTALL, EV_SYNC_ACK,
  LOG_CATCHUP, LOG_CATCHUP_FROM, LOG_PIECE_SENT, LOG_PIECE_RECV, LOG_HOLE_FILL, LOG_PRUNE, LOG_CATCHUP_DONE,
  CATCHUP_STREAM, CATCHUP_FAST, CATCHUP_FAST_PRUNE, REASON_LC_PAST_FL, REASON_PRUNED, FILL_DATA, FILL_LOG,
  PIECE_BLOCKS, PIECE_WINDOW, STALE_FLAG,
  CU_FIELDS, CU_LEADER, CU_CASE, CU_REASON, CU_LC, CU_FL, CU_FC, CU_FA, CU_START, CU_DONE, CU_PIECES, CU_RECEIVED,
  CU_SENT, CU_DATA_ENTRIES, CU_DATA_BLOCKS, CU_LOG_ENTRIES, CU_PRUNED, CU_SESSION, CU_END,
} from './constants';
import { cpu } from '../lib/cpu';
import { send, arenaValid } from './sim';
import { slotOf, holds, dropSlot, advanceKnown, knownCommitted } from './logstore';
import { follow, contactNow, stepDown, takeCheckpoint, ENTRY_OVERHEAD } from './roles';
import { raftReply, raftMatch } from './replies';
import { storeWindow, finishWindow, putWindow } from './window';

/** The leader's session with one follower: none, sending pieces, or the install sent. */
const CU_IDLE: i32 = 0;
const CU_SENDING: i32 = 1;
const CU_INSTALLING: i32 = 2;

// ---------------------------------------------------------------- what a follower reports

/** FL: the end of the follower's known prefix (Raft: its last index; a Raft log has no holes). */
export function knownPrefix(c: Cluster, node: i32): i32 {
  if (c.mode == MODE_RAFT) return unchecked(c.lastIndex[node]);
  const k = unchecked(c.contigKnown[node]);
  const a = unchecked(c.appliedPrefix[node]);
  return k > a ? k : a;
}

/** Case 3's condition: an uncommitted entry of a term older than `term` past the applied prefix. */
function holdsStale(c: Cluster, node: i32, term: i32): bool {
  const from = unchecked(c.appliedPrefix[node]) + 1;
  let last = unchecked(c.lastIndex[node]);
  if (last - from >= LOG_CAP) last = from + LOG_CAP - 1;
  for (let i = from; i <= last; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i)) continue;
    const st = unchecked(c.lgState[s]);
    if ((st & SLOT_PRESENT) == 0 || (st & (SLOT_APPLIED | SLOT_SKIP)) != 0) continue;
    if (unchecked(c.lgTerm[s]) < term && !knownCommitted(c, node, s, i)) return true;
  }
  return false;
}

/** The follower's checkpoint FC, with STALE_FLAG when it holds uncommitted older-term entries (looked for when `scan`). */
export function catchUpWord(c: Cluster, node: i32, term: i32, scan: bool): i32 {
  const fc = unchecked(c.checkpoint[node]);
  return scan && holdsStale(c, node, term) ? fc | STALE_FLAG : fc;
}

// ---------------------------------------------------------------- the leader

// @ts-ignore: decorator
@inline function pairOf(node: i32, f: i32): i32 {
  return node * NODES + f;
}

/** Writes a catch-up record to the event log, counted so hosts can tell when there are new ones. */
function logCatchUp(c: Cluster, kind: i32, a: i32, b: i32, d: i32): void {
  c.catchUpRecords++;
  c.log.write(c.now, kind, a, b, d);
}

function live(c: Cluster, p: i32, node: i32): bool {
  return unchecked(c.cuState[p]) != CU_IDLE && unchecked(c.cuEpoch[p]) == unchecked(c.epoch[node]) &&
    unchecked(c.cuTerm[p]) == unchecked(c.term[node]);
}

/** A catch-up of follower f by `node` is under way. */
export function catchUpLive(c: Cluster, node: i32, f: i32): bool {
  return live(c, pairOf(node, f), node);
}

/** A new leader starts with no follower marked away. */
export function forgetAway(c: Cluster, node: i32): void {
  for (let f = 0; f < NODES; f++) unchecked((c.cuAway[pairOf(node, f)] = 0));
}

/** The leader's log holds every entry from..to (so it knows their LBA ranges). */
function holdsRange(c: Cluster, node: i32, from: i32, to: i32): bool {
  if (to - from >= LOG_CAP) return false;
  for (let j = from; j <= to; j++) {
    const s = slotOf(node, j);
    if (!holds(c, s, j) || (unchecked(c.lgState[s]) & SLOT_PRESENT) == 0) return false;
  }
  return true;
}

/**
 * The leader (or leader candidate) `node` catches follower f up, given what f reported: its
 * applied prefix FA, known prefix FL and FC word. Returns true when a catch-up is under way
 * afterwards (started now or already running). `force` skips the pause after the last one.
 */
export function catchUp(c: Cluster, node: i32, f: i32, fa: i32, fl: i32, word: i32, force: bool): bool {
  const p = pairOf(node, f);
  if (live(c, p, node)) {
    if (!force) return true;
    abandon(c, node, f);
  } else if (!force && unchecked(c.syncSentAt[p]) > 0 && c.now - unchecked(c.syncSentAt[p]) < c.rto * 4) {
    return false;
  }
  const fc = word & ~STALE_FLAG;
  // Spec §1.4: if LC is older than FC, the leader first takes a new checkpoint (LC >= FC).
  if (unchecked(c.checkpoint[node]) < fc) takeCheckpoint(c, node, true);
  const lc = unchecked(c.checkpoint[node]);
  let kase = CATCHUP_FAST;
  let reason = REASON_LC_PAST_FL;
  if (lc > fl) {
    kase = CATCHUP_STREAM;
  } else if (c.mode == MODE_RAFT || (fa < lc && !holdsRange(c, node, fa + 1, lc))) {
    kase = CATCHUP_STREAM;
    reason = REASON_PRUNED;
  } else if ((word & STALE_FLAG) != 0) {
    kase = CATCHUP_FAST_PRUNE;
  }
  startSession(c, node, f, kase, reason, lc, fa, fl, word);
  return true;
}

function startSession(c: Cluster, node: i32, f: i32, kase: i32, reason: i32, lc: i32, fa: i32, fl: i32, word: i32): void {
  const p = pairOf(node, f);
  const session = ++c.catchUpSerial;
  unchecked((c.cuState[p] = kase == CATCHUP_STREAM ? CU_SENDING : CU_INSTALLING));
  unchecked((c.cuCase[p] = kase));
  unchecked((c.cuSession[p] = session));
  unchecked((c.cuEpoch[p] = unchecked(c.epoch[node])));
  unchecked((c.cuTerm[p] = unchecked(c.term[node])));
  unchecked((c.cuStartAt[p] = c.now));
  unchecked((c.cuProgressAt[p] = c.now));
  unchecked((c.cuFa[p] = fa));
  unchecked((c.cuFl[p] = fl));
  unchecked((c.cuWord[p] = word));
  unchecked((c.syncSentAt[p] = c.now));
  unchecked((c.stageSession[f] = session));
  unchecked((c.stageCase[f] = kase));
  unchecked((c.stageLc[f] = lc));
  unchecked((c.stageFa[f] = fa));

  let base = 0;
  let dataEntries = 0;
  let dataBlocks = 0;
  if (kase == CATCHUP_STREAM) {
    // The whole chunk: the data as it is now holds every entry up to the applied prefix (and
    // the later ones applied out of order, flagged so in the log part).
    base = unchecked(c.appliedPrefix[node]);
    dataBlocks = stageAll(c, node, f);
    dataEntries = base > fa ? base - fa : 0;
  } else {
    base = fa > lc ? fa : lc;
    if (fa < lc) {
      dataBlocks = stageHoles(c, node, f, fa, lc);
      dataEntries = lc - fa;
    }
  }
  unchecked((c.installCheckpoint[f] = base));
  const end = unchecked(c.lastIndex[node]);
  captureLog(c, node, p, base + 1, end);
  if (kase != CATCHUP_STREAM) unchecked((c.cuBytes[p] = unchecked(c.cuBytes[p]) + dataBlocks * BLOCK_BYTES));
  const pieces = kase == CATCHUP_STREAM ? (c.blocks + PIECE_BLOCKS - 1) / PIECE_BLOCKS : 0;
  unchecked((c.cuPieces[p] = pieces));
  unchecked((c.cuNext[p] = 0));
  unchecked((c.cuAcked[p] = 0));
  const pa = p * MAX_PIECES;
  for (let k = 0; k < pieces; k++) unchecked((c.pieceAcked[pa + k] = 0));

  logCatchUp(c, LOG_CATCHUP, f | (node << 4) | (kase << 8) | (reason << 12) | ((session & 0x7fff) << 16), lc, fl);
  logCatchUp(c, LOG_CATCHUP_FROM, f, word & ~STALE_FLAG, fa);
  const o = f * CU_FIELDS;
  for (let k = 0; k < CU_FIELDS; k++) unchecked((c.cuInfo[o + k] = 0));
  unchecked((c.cuInfo[o + CU_LEADER] = <f64>node));
  unchecked((c.cuInfo[o + CU_CASE] = <f64>kase));
  unchecked((c.cuInfo[o + CU_REASON] = <f64>reason));
  unchecked((c.cuInfo[o + CU_LC] = <f64>lc));
  unchecked((c.cuInfo[o + CU_FL] = <f64>fl));
  unchecked((c.cuInfo[o + CU_FC] = <f64>(word & ~STALE_FLAG)));
  unchecked((c.cuInfo[o + CU_FA] = <f64>fa));
  unchecked((c.cuInfo[o + CU_START] = <f64>c.now));
  unchecked((c.cuInfo[o + CU_DONE] = -1));
  unchecked((c.cuInfo[o + CU_PIECES] = <f64>pieces));
  unchecked((c.cuInfo[o + CU_DATA_ENTRIES] = <f64>dataEntries));
  unchecked((c.cuInfo[o + CU_DATA_BLOCKS] = <f64>dataBlocks));
  unchecked((c.cuInfo[o + CU_SESSION] = <f64>session));
  unchecked((c.cuInfo[o + CU_END] = <f64>end));

  // Raft: entries after the snapshot's log part are pipelined from here once it is installed.
  if (c.mode == MODE_RAFT) unchecked((c.nextIndex[p] = end + 1));
  if (kase == CATCHUP_STREAM) pump(c, node, f);
  else sendInstall(c, node, f);
}

/** Streaming: every data block, with the checker's shadow of which entry wrote it. */
function stageAll(c: Cluster, node: i32, f: i32): i32 {
  const b0 = node * c.blocks;
  const d0 = f * c.blocks;
  const k = c.checker;
  for (let b = 0; b < c.blocks; b++) {
    unchecked((c.installData[d0 + b] = c.data[b0 + b]));
    unchecked((k.installIdx[d0 + b] = k.blockIdx[b0 + b]));
    unchecked((c.stageMask[d0 + b] = 1));
  }
  return c.blocks;
}

/**
 * Fast catch-up: the blocks the entries fa+1..lc wrote, as the leader's data holds them. A block
 * one of the leader's applied entries past LC also wrote holds newer data than LC: it is left
 * out, and comes right with that entry from the log part. Returns the blocks staged.
 */
function stageHoles(c: Cluster, node: i32, f: i32, fa: i32, lc: i32): i32 {
  const b0 = node * c.blocks;
  const d0 = f * c.blocks;
  for (let b = 0; b < c.blocks; b++) unchecked((c.stageMask[d0 + b] = 0));
  for (let j = fa + 1; j <= lc; j++) markBlocks(c, node, f, j, 1);
  const last = unchecked(c.lastIndex[node]);
  for (let i = lc + 1; i <= last; i++) {
    const s = slotOf(node, i);
    if (holds(c, s, i) && (unchecked(c.lgState[s]) & SLOT_APPLIED) != 0) markBlocks(c, node, f, i, 0);
  }
  const k = c.checker;
  let n = 0;
  for (let b = 0; b < c.blocks; b++) {
    if (unchecked(c.stageMask[d0 + b]) == 0) continue;
    unchecked((c.installData[d0 + b] = c.data[b0 + b]));
    unchecked((k.installIdx[d0 + b] = k.blockIdx[b0 + b]));
    n++;
  }
  return n;
}

function markBlocks(c: Cluster, node: i32, f: i32, index: i32, mark: u8): void {
  const s = slotOf(node, index);
  if (!holds(c, s, index) || (unchecked(c.lgState[s]) & (SLOT_PRESENT | SLOT_SKIP)) != SLOT_PRESENT) return;
  const d0 = f * c.blocks;
  const lba = unchecked(c.lgLba[s]);
  const len = unchecked(c.lgLen[s]);
  for (let b = lba; b < lba + len; b++) unchecked((c.stageMask[d0 + b] = mark));
}

/** The log part (from..end), captured with the data so the two agree on what was applied. */
function captureLog(c: Cluster, node: i32, p: i32, from: i32, end: i32): void {
  const start = c.arenaHead;
  const bytes = putWindow(c, node, from, end);
  const n = c.arenaHead - start;
  unchecked((c.cuArena[p] = start));
  unchecked((c.cuCount[p] = n));
  unchecked((c.cuEnd[p] = end));
  unchecked((c.cuBytes[p] = bytes));
}

function sendPiece(c: Cluster, node: i32, f: i32, piece: i32, resent: bool): void {
  const p = pairOf(node, f);
  const first = piece * PIECE_BLOCKS;
  let n = c.blocks - first;
  if (n > PIECE_BLOCKS) n = PIECE_BLOCKS;
  unchecked((c.pieceSentAt[p * MAX_PIECES + piece] = c.now));
  const pieces = unchecked(c.cuPieces[p]);
  const session = unchecked(c.cuSession[p]);
  const o = f * CU_FIELDS;
  if (unchecked(c.cuInfo[o + CU_SESSION]) == <f64>session) unchecked((c.cuInfo[o + CU_SENT] = unchecked(c.cuInfo[o + CU_SENT]) + 1));
  logCatchUp(c, LOG_PIECE_SENT, f | (node << 4) | ((resent ? 1 : 0) << 8), piece, pieces);
  const t = cpu(c, node, c.cpuMsg);
  send(c, t, node, f, EV_PIECE, unchecked(c.term[node]), session, piece, pieces, 0, n * BLOCK_BYTES + ENTRY_OVERHEAD);
}

/** Keeps PIECE_WINDOW pieces in flight. */
function pump(c: Cluster, node: i32, f: i32): void {
  const p = pairOf(node, f);
  const pieces = unchecked(c.cuPieces[p]);
  while (unchecked(c.cuNext[p]) < pieces && unchecked(c.cuNext[p]) - unchecked(c.cuAcked[p]) < PIECE_WINDOW) {
    sendPiece(c, node, f, unchecked(c.cuNext[p]), false);
    unchecked((c.cuNext[p] = unchecked(c.cuNext[p]) + 1));
  }
}

function sendInstall(c: Cluster, node: i32, f: i32): void {
  const p = pairOf(node, f);
  if (!arenaValid(c, unchecked(c.cuArena[p]), unchecked(c.cuCount[p]))) {
    // The captured log part was overwritten in the arena: start over with a fresh copy.
    restart(c, node, f, unchecked(c.cuFa[p]), unchecked(c.cuFl[p]));
    return;
  }
  unchecked((c.cuState[p] = CU_INSTALLING));
  unchecked((c.cuInstallAt[p] = c.now));
  unchecked((c.syncSentAt[p] = c.now));
  const count = unchecked(c.cuCount[p]);
  const work = cpu(c, node, c.cpuEntry * <i64>count);
  send(c, work, node, f, EV_INSTALL, unchecked(c.term[node]), unchecked(c.cuArena[p]), count, unchecked(c.cuEnd[p]),
    unchecked(c.cuSession[p]), unchecked(c.cuBytes[p]));
}

function restart(c: Cluster, node: i32, f: i32, fa: i32, fl: i32): void {
  const word = unchecked(c.cuWord[pairOf(node, f)]);
  abandon(c, node, f);
  catchUp(c, node, f, fa, fl, word, true);
}

function abandon(c: Cluster, node: i32, f: i32): void {
  const p = pairOf(node, f);
  if (unchecked(c.cuState[p]) == CU_IDLE) return;
  unchecked((c.cuState[p] = CU_IDLE));
  const o = f * CU_FIELDS;
  if (unchecked(c.cuInfo[o + CU_SESSION]) == <f64>unchecked(c.cuSession[p]) && unchecked(c.cuInfo[o + CU_DONE]) == -1) {
    unchecked((c.cuInfo[o + CU_DONE] = -2));
  }
}

export function onPieceAck(c: Cluster, node: i32, from: i32, term: i32, session: i32, piece: i32, fa: i32, fl: i32): void {
  if (term > unchecked(c.term[node])) {
    stepDown(c, node, term);
    return;
  }
  const role = unchecked(c.role[node]);
  if ((role != ROLE_LEADER && role != ROLE_LEADER_CANDIDATE) || term != unchecked(c.term[node])) return;
  contactNow(c, node, from);
  const p = pairOf(node, from);
  if (!live(c, p, node) || unchecked(c.cuSession[p]) != session) return;
  if (piece < 0) {
    // The follower lost pieces it had (it restarted) before the install came: start over.
    restart(c, node, from, fa, fl);
    return;
  }
  if (unchecked(c.cuState[p]) != CU_SENDING || piece >= unchecked(c.cuPieces[p])) return;
  const a = p * MAX_PIECES + piece;
  if (unchecked(c.pieceAcked[a]) != 0) return;
  unchecked((c.pieceAcked[a] = 1));
  unchecked((c.cuAcked[p] = unchecked(c.cuAcked[p]) + 1));
  unchecked((c.cuProgressAt[p] = c.now));
  if (unchecked(c.cuAcked[p]) == unchecked(c.cuPieces[p])) sendInstall(c, node, from);
  else pump(c, node, from);
}

/** Per tick: resend pieces (or the install) not acknowledged within a timeout; give up on silence. */
export function catchUpTick(c: Cluster, node: i32, f: i32): void {
  const p = pairOf(node, f);
  if (unchecked(c.cuState[p]) == CU_IDLE) return;
  if (!live(c, p, node) || c.now - unchecked(c.cuProgressAt[p]) > c.electionMax) {
    abandon(c, node, f);
    return;
  }
  if (unchecked(c.contact[p]) <= c.now - c.electionMin) return; // unreachable for now: wait
  if (unchecked(c.cuState[p]) == CU_SENDING) {
    const old = c.now - c.rto;
    const sent = unchecked(c.cuNext[p]);
    const pa = p * MAX_PIECES;
    let resent = 0;
    for (let k = 0; k < sent && resent < PIECE_WINDOW; k++) {
      if (unchecked(c.pieceAcked[pa + k]) == 0 && unchecked(c.pieceSentAt[pa + k]) <= old) {
        sendPiece(c, node, f, k, true);
        resent++;
      }
    }
    pump(c, node, f);
  } else if (c.now - unchecked(c.cuInstallAt[p]) >= c.rto * 4) {
    sendInstall(c, node, f);
  }
}

/** The follower persisted a window up to `end` (a sync ack, or Raft's reply): done if it was the catch-up's. */
export function catchUpAcked(c: Cluster, node: i32, f: i32, end: i32): void {
  const p = pairOf(node, f);
  if (!live(c, p, node) || unchecked(c.cuState[p]) != CU_INSTALLING || end < unchecked(c.cuEnd[p])) return;
  unchecked((c.cuState[p] = CU_IDLE));
  unchecked((c.syncSentAt[p] = c.now));
  const took = (c.now - unchecked(c.cuStartAt[p])) / 1000;
  const kase = unchecked(c.cuCase[p]);
  logCatchUp(c, LOG_CATCHUP_DONE, f | (node << 4) | (kase << 8), unchecked(c.cuEnd[p]), <i32>took);
  const o = f * CU_FIELDS;
  if (unchecked(c.cuInfo[o + CU_SESSION]) == <f64>unchecked(c.cuSession[p])) unchecked((c.cuInfo[o + CU_DONE] = <f64>c.now));
}

// ---------------------------------------------------------------- the follower

/** A streaming catch-up is under way here: appends wait until it installs (it replaces blocks and log). */
export function streamingIn(c: Cluster, node: i32): bool {
  const session = unchecked(c.rxSession[node]);
  return session != 0 && unchecked(c.rxEpoch[node]) == unchecked(c.epoch[node]) &&
    unchecked(c.installedSession[node]) != session && c.now - unchecked(c.rxLastAt[node]) < c.electionMin;
}

export function onPiece(c: Cluster, node: i32, from: i32, term: i32, session: i32, piece: i32, pieces: i32): void {
  const t = c.effectAt;
  if (term < unchecked(c.term[node])) return;
  follow(c, node, from, term);
  if (unchecked(c.rxEpoch[node]) != unchecked(c.epoch[node]) || session > unchecked(c.rxSession[node])) {
    // A new session (or this node restarted and lost what it held): start collecting afresh.
    unchecked((c.rxEpoch[node] = unchecked(c.epoch[node])));
    unchecked((c.rxSession[node] = session));
    unchecked((c.rxPieces[node] = pieces));
    unchecked((c.rxCount[node] = 0));
    const g0 = node * MAX_PIECES;
    for (let k = 0; k < MAX_PIECES; k++) unchecked((c.rxGot[g0 + k] = 0));
  }
  if (session != unchecked(c.rxSession[node]) || piece < 0 || piece >= unchecked(c.rxPieces[node])) return;
  unchecked((c.rxLastAt[node] = c.now));
  const g = node * MAX_PIECES + piece;
  if (unchecked(c.rxGot[g]) == 0) {
    unchecked((c.rxGot[g] = 1));
    const got = unchecked(c.rxCount[node]) + 1;
    unchecked((c.rxCount[node] = got));
    logCatchUp(c, LOG_PIECE_RECV, node, piece, pieces);
    const o = node * CU_FIELDS;
    if (unchecked(c.cuInfo[o + CU_SESSION]) == <f64>session) unchecked((c.cuInfo[o + CU_RECEIVED] = <f64>got));
  }
  send(c, t, node, from, EV_PIECE_ACK, term, session, piece, 0, 0, ENTRY_OVERHEAD);
}

/** The catch-up's log part, and with it the install of its data (all of it, or the hole blocks). */
export function onInstall(c: Cluster, node: i32, from: i32, term: i32, start: i32, count: i32, end: i32, session: i32): void {
  const t = c.effectAt;
  if (term < unchecked(c.term[node])) return;
  follow(c, node, from, term);
  if (unchecked(c.stageSession[node]) != session || !arenaValid(c, start, count)) return;
  const base = unchecked(c.installCheckpoint[node]);
  if (unchecked(c.installedSession[node]) == session) {
    // A repeat (resent, or duplicated): acknowledge again once the log part is durable.
    if (c.mode == MODE_RAFT) raftReply(c, node, t, true, raftMatch(c, node));
    else if (persistedThrough(c, node, base + 1, end)) {
      send(c, t, node, from, EV_SYNC_ACK, term, end, unchecked(c.appliedPrefix[node]), 0, 0, ENTRY_OVERHEAD);
    }
    return;
  }
  const kase = unchecked(c.stageCase[node]);
  const complete = unchecked(c.rxEpoch[node]) == unchecked(c.epoch[node]) && unchecked(c.rxSession[node]) == session &&
    unchecked(c.rxCount[node]) >= unchecked(c.rxPieces[node]);
  if ((kase == CATCHUP_STREAM && !complete) || (kase != CATCHUP_STREAM && unchecked(c.appliedPrefix[node]) < unchecked(c.stageFa[node]))) {
    // The pieces (or the applied prefix the holes were planned from) are gone: ask again.
    send(c, t, node, from, EV_PIECE_ACK, term, session, -1, unchecked(c.appliedPrefix[node]), knownPrefix(c, node), ENTRY_OVERHEAD);
    return;
  }
  unchecked((c.installedSession[node] = session));
  unchecked((c.rxSession[node] = session));
  unchecked((c.rxEpoch[node] = unchecked(c.epoch[node])));
  const pruned = prune(c, node, term, start, count);
  let dataEntries = 0;
  let dataBlocks = 0;
  if (kase == CATCHUP_STREAM) {
    const applied = unchecked(c.appliedPrefix[node]);
    dataEntries = base > applied ? base - applied : 0;
    dataBlocks = installAll(c, node, base, end);
  } else {
    const lc = unchecked(c.stageLc[node]);
    const applied = unchecked(c.appliedPrefix[node]);
    if (applied < lc) {
      dataEntries = lc - applied;
      dataBlocks = fillHoles(c, node, lc);
    }
  }
  const stored = storeWindow(c, node, start, count, kase == CATCHUP_STREAM, unchecked(c.appliedPrefix[node]));
  if (kase == CATCHUP_STREAM) forgetDisk(c, node);
  if (dataEntries > 0 || kase == CATCHUP_STREAM) logCatchUp(c, LOG_HOLE_FILL, node | (FILL_DATA << 4), dataEntries, dataBlocks);
  logCatchUp(c, LOG_HOLE_FILL, node | (FILL_LOG << 4), stored, base + 1);
  const o = node * CU_FIELDS;
  if (unchecked(c.cuInfo[o + CU_SESSION]) == <f64>session) {
    unchecked((c.cuInfo[o + CU_DATA_ENTRIES] = <f64>dataEntries));
    unchecked((c.cuInfo[o + CU_DATA_BLOCKS] = <f64>dataBlocks));
    unchecked((c.cuInfo[o + CU_LOG_ENTRIES] = <f64>stored));
    unchecked((c.cuInfo[o + CU_PRUNED] = <f64>pruned));
  }
  finishWindow(c, node, from, term, count, end, base + 1, t);
}

function persistedThrough(c: Cluster, node: i32, from: i32, end: i32): bool {
  if (end - from >= LOG_CAP) return false;
  for (let i = from; i <= end; i++) {
    const s = slotOf(node, i);
    if (holds(c, s, i) && (unchecked(c.lgState[s]) & (SLOT_PRESENT | SLOT_PERSISTED)) == SLOT_PRESENT) return false;
  }
  return true;
}

/**
 * Spec §1.4 case 3: drops the uncommitted entries of older terms past the applied prefix that
 * the leader's log part does not hold as they are (Raft truncates a conflicting suffix the same
 * way). The leader holds every committed entry, so none of these was committed. Returns how many.
 */
function prune(c: Cluster, node: i32, term: i32, start: i32, count: i32): i32 {
  const from = unchecked(c.appliedPrefix[node]) + 1;
  let last = unchecked(c.lastIndex[node]);
  if (last - from >= LOG_CAP) last = from + LOG_CAP - 1;
  let pruned = 0;
  let lowest = -1;
  let r = 0;
  for (let i = from; i <= last; i++) {
    const s = slotOf(node, i);
    if (!holds(c, s, i)) continue;
    const st = unchecked(c.lgState[s]);
    if ((st & SLOT_PRESENT) == 0 || (st & (SLOT_APPLIED | SLOT_SKIP)) != 0) continue;
    if (unchecked(c.lgTerm[s]) >= term || knownCommitted(c, node, s, i)) continue;
    while (r < count && unchecked(c.arIndex[(start + r) & ARENA_MASK]) < i) r++;
    const rr = (start + r) & ARENA_MASK;
    if (r < count && unchecked(c.arIndex[rr]) == i && unchecked(c.arTerm[rr]) == unchecked(c.lgTerm[s]) &&
      unchecked(c.arValue[rr]) == unchecked(c.lgValue[s]) && (unchecked(c.arState[rr]) & SLOT_SKIP) == 0) continue;
    dropSlot(c, node, i);
    pruned++;
    if (lowest < 0) lowest = i;
  }
  if (pruned > 0) {
    let top = unchecked(c.lastIndex[node]);
    const floor = unchecked(c.appliedPrefix[node]);
    while (top > floor && !holds(c, slotOf(node, top), top)) top--;
    unchecked((c.lastIndex[node] = top));
    advanceKnown(c, node);
    logCatchUp(c, LOG_PRUNE, node, pruned, lowest);
  }
  return pruned;
}

/**
 * Streaming: the staged blocks replace this replica's, which is then applied through `base`.
 * Every log slot up to the log part's end goes (the log part brings the leader's versions back,
 * with what the copy already applied); so does anything applied past it, which the copy lacks.
 */
function installAll(c: Cluster, node: i32, base: i32, end: i32): i32 {
  const ring = node * LOG_CAP;
  let top = base;
  for (let s = 0; s < LOG_CAP; s++) {
    const index = unchecked(c.lgIndex[ring + s]);
    if (index < 0) continue;
    const st = unchecked(c.lgState[ring + s]);
    if (index <= end || (st & SLOT_APPLIED) != 0) {
      dropSlot(c, node, index);
      // Its bytes stay on disk: if the log part brings the same entry, it is stored durable, for
      // this replica may already have acknowledged it to a leader counting towards a commit
      // (else a commit could rest on one durable copy, P8/P10).
      const onDisk = index > base && index <= end && end - base < LOG_CAP &&
        (st & (SLOT_PRESENT | SLOT_PERSISTED | SLOT_APPLIED | SLOT_SKIP)) == (SLOT_PRESENT | SLOT_PERSISTED);
      if (onDisk) unchecked((c.lgState[ring + s] = SLOT_ON_DISK));
    } else if (index > top) top = index;
  }
  const b0 = node * c.blocks;
  const k = c.checker;
  for (let b = 0; b < c.blocks; b++) {
    unchecked((c.data[b0 + b] = c.installData[b0 + b]));
    unchecked((k.blockIdx[b0 + b] = k.installIdx[b0 + b]));
    if (top == base) unchecked((c.cover[b0 + b] = 0));
  }
  unchecked((c.appliedPrefix[node] = base));
  unchecked((c.checkpoint[node] = base));
  unchecked((c.commitIndex[node] = base));
  unchecked((c.contigKnown[node] = base));
  unchecked((c.persistedPrefix[node] = base));
  unchecked((c.verifiedUpTo[node] = base));
  unchecked((c.lastIndex[node] = top));
  unchecked((c.pendingCount[node] = 0));
  advanceKnown(c, node);
  return c.blocks;
}

/** Clears the on-disk marks the install left on slots its log part did not fill. */
function forgetDisk(c: Cluster, node: i32): void {
  const ring = node * LOG_CAP;
  for (let s = 0; s < LOG_CAP; s++) {
    if (unchecked(c.lgIndex[ring + s]) < 0) unchecked((c.lgState[ring + s] = 0));
  }
}

/**
 * Fast catch-up: the entries up to LC count as applied from the copied blocks (their slots go).
 * A block one of this replica's own applied entries past LC wrote keeps its newer data.
 * Returns the blocks copied.
 */
function fillHoles(c: Cluster, node: i32, lc: i32): i32 {
  const ring = node * LOG_CAP;
  const b0 = node * c.blocks;
  for (let s = 0; s < LOG_CAP; s++) {
    const index = unchecked(c.lgIndex[ring + s]);
    if (index <= lc) continue;
    const st = unchecked(c.lgState[ring + s]);
    if ((st & (SLOT_PRESENT | SLOT_APPLIED | SLOT_SKIP)) != (SLOT_PRESENT | SLOT_APPLIED)) continue;
    const lba = unchecked(c.lgLba[ring + s]);
    const len = unchecked(c.lgLen[ring + s]);
    for (let b = lba; b < lba + len; b++) unchecked((c.stageMask[b0 + b] = 0));
  }
  for (let s = 0; s < LOG_CAP; s++) {
    const index = unchecked(c.lgIndex[ring + s]);
    if (index >= 0 && index <= lc) dropSlot(c, node, index);
  }
  const k = c.checker;
  let n = 0;
  for (let b = 0; b < c.blocks; b++) {
    if (unchecked(c.stageMask[b0 + b]) == 0) continue;
    unchecked((c.data[b0 + b] = c.installData[b0 + b]));
    unchecked((k.blockIdx[b0 + b] = k.installIdx[b0 + b]));
    n++;
  }
  unchecked((c.appliedPrefix[node] = lc));
  unchecked((c.checkpoint[node] = lc));
  if (unchecked(c.commitIndex[node]) < lc) unchecked((c.commitIndex[node] = lc));
  unchecked((c.contigKnown[node] = lc));
  if (unchecked(c.persistedPrefix[node]) < lc) unchecked((c.persistedPrefix[node] = lc));
  if (unchecked(c.verifiedUpTo[node]) < lc) unchecked((c.verifiedUpTo[node] = lc));
  if (unchecked(c.lastIndex[node]) < lc) unchecked((c.lastIndex[node] = lc));
  unchecked((c.pendingCount[node] = 0));
  advanceKnown(c, node);
  return n;
}

// The live checker (spec §1.9). It keeps its own shadow of what has been observed —
// leaders per term, committed (index, term, value), which replicas persisted which version,
// what each replica applied to each block, and which writes were acknowledged — and is fed
// by hooks at the moments the protocol code acts. It never reads protocol variables
// (commitIndex, nextIndex, roles); a check that fails records the first violation, and the
// event loop stops at that event.
import { NODES, V_NONE } from './constants';

const TERM_CAP: i32 = 1 << 14;
const TERM_MASK: i32 = TERM_CAP - 1;
export const SHADOW_CAP: i32 = 1 << 17;
export const SHADOW_MASK: i32 = SHADOW_CAP - 1;

export class Checker {
  blocks: i32;
  leaderTag: StaticArray<i32>;
  leaderNode: StaticArray<i32>;
  candTag: StaticArray<i32>;
  candNode: StaticArray<i32>;
  /** Committed entries by index: index tag, term, value. */
  cIndex: StaticArray<i32>;
  cTerm: StaticArray<i32>;
  cValue: StaticArray<i32>;
  cSkip: StaticArray<u8>;
  /**
   * Latest version persisted anywhere at an index, and the replicas holding it (bit n), and
   * those that held it until their disk was lost (bit LOST_SHIFT + n).
   */
  pIndex: StaticArray<i32>;
  pTerm: StaticArray<i32>;
  pValue: StaticArray<i32>;
  pMask: StaticArray<i32>;
  /** Set while a crash wipes a node's disk: what it drops now was durable until this moment. */
  wiping: bool = false;
  /** Pointwise log matching: one (term, value) per index, the newest term seen. */
  mIndex: StaticArray<i32>;
  mTerm: StaticArray<i32>;
  mValue: StaticArray<i32>;
  /** Write id -> committed log index. */
  wTag: StaticArray<i32>;
  wIndex: StaticArray<i32>;
  /** Per replica and block: the log index whose data the block holds (0 = initial). */
  blockIdx: StaticArray<i32>;
  installIdx: StaticArray<i32>;
  /** Per block: the largest log index among acknowledged writes, and when it was acknowledged. */
  ackedIdx: StaticArray<i32>;
  ackedAt: StaticArray<i64>;
  prevAckedIdx: StaticArray<i32>;
  prevAckedAt: StaticArray<i64>;
  /** P7: what the leader of `propTerm` proposed at an index (the newest proposal wins). */
  propIndex: StaticArray<i32>;
  propTerm: StaticArray<i32>;
  propLba: StaticArray<i32>;
  propLen: StaticArray<i32>;
  /** P6: per block, the highest committed index that writes it and that write's value. */
  serialIdx: StaticArray<i32>;
  serialVal: StaticArray<i32>;
  /** Highest index ever committed. */
  maxCommitted: i32 = 0;

  violation: i32 = V_NONE;
  vTime: i64 = 0;
  vA: i32 = 0;
  vB: i32 = 0;
  vC: i32 = 0;
  commitsChecked: i64 = 0;
  appliesChecked: i64 = 0;
  readsChecked: i64 = 0;
  acksChecked: i64 = 0;
  electionsChecked: i64 = 0;
  lbbsChecked: i64 = 0;
  syncsChecked: i64 = 0;
  /** Replicas whose blocks were compared with the serial replay (P6), after `settle`. */
  replicasConverged: i32 = 0;
  /** Observations the checker could not verify (shadow overwritten, ambiguous read window). */
  unverified: i64 = 0;

  constructor(blocks: i32) {
    this.blocks = blocks;
    this.leaderTag = new StaticArray<i32>(TERM_CAP);
    this.leaderNode = new StaticArray<i32>(TERM_CAP);
    this.candTag = new StaticArray<i32>(TERM_CAP);
    this.candNode = new StaticArray<i32>(TERM_CAP);
    this.cIndex = new StaticArray<i32>(SHADOW_CAP);
    this.cTerm = new StaticArray<i32>(SHADOW_CAP);
    this.cValue = new StaticArray<i32>(SHADOW_CAP);
    this.cSkip = new StaticArray<u8>(SHADOW_CAP);
    this.pIndex = new StaticArray<i32>(SHADOW_CAP);
    this.pTerm = new StaticArray<i32>(SHADOW_CAP);
    this.pValue = new StaticArray<i32>(SHADOW_CAP);
    this.pMask = new StaticArray<i32>(SHADOW_CAP);
    this.mIndex = new StaticArray<i32>(SHADOW_CAP);
    this.mTerm = new StaticArray<i32>(SHADOW_CAP);
    this.mValue = new StaticArray<i32>(SHADOW_CAP);
    this.wTag = new StaticArray<i32>(SHADOW_CAP);
    this.wIndex = new StaticArray<i32>(SHADOW_CAP);
    this.blockIdx = new StaticArray<i32>(NODES * blocks);
    this.installIdx = new StaticArray<i32>(NODES * blocks);
    this.ackedIdx = new StaticArray<i32>(blocks);
    this.ackedAt = new StaticArray<i64>(blocks);
    this.prevAckedIdx = new StaticArray<i32>(blocks);
    this.prevAckedAt = new StaticArray<i64>(blocks);
    this.propIndex = new StaticArray<i32>(SHADOW_CAP);
    this.propTerm = new StaticArray<i32>(SHADOW_CAP);
    this.propLba = new StaticArray<i32>(SHADOW_CAP);
    this.propLen = new StaticArray<i32>(SHADOW_CAP);
    this.serialIdx = new StaticArray<i32>(blocks);
    this.serialVal = new StaticArray<i32>(blocks);
    for (let i = 0; i < SHADOW_CAP; i++) {
      this.cIndex[i] = -1;
      this.pIndex[i] = -1;
      this.mIndex[i] = -1;
      this.wTag[i] = -1;
      this.propIndex[i] = -1;
    }
    for (let i = 0; i < TERM_CAP; i++) {
      this.leaderTag[i] = -1;
      this.candTag[i] = -1;
    }
  }
}

export function violate(k: Checker, now: i64, code: i32, a: i32, b: i32, c: i32): void {
  if (k.violation != V_NONE) return;
  k.violation = code;
  k.vTime = now;
  k.vA = a;
  k.vB = b;
  k.vC = c;
}

/** Election safety / P1: at most one leader per term. Returns false on a second leader. */
export function chkLeader(k: Checker, term: i32, node: i32): bool {
  k.electionsChecked++;
  const s = term & TERM_MASK;
  if (unchecked(k.leaderTag[s]) == term) return unchecked(k.leaderNode[s]) == node;
  unchecked((k.leaderTag[s] = term));
  unchecked((k.leaderNode[s] = node));
  return true;
}

export function chkLeaderCandidate(k: Checker, term: i32, node: i32): bool {
  const s = term & TERM_MASK;
  if (unchecked(k.candTag[s]) == term) return unchecked(k.candNode[s]) == node;
  unchecked((k.candTag[s] = term));
  unchecked((k.candNode[s] = node));
  return true;
}

/** Pointwise log matching (P3): the same (index, term) never carries two values. */
export function chkEntrySeen(k: Checker, index: i32, term: i32, value: i32): bool {
  const s = index & SHADOW_MASK;
  if (unchecked(k.mIndex[s]) != index || unchecked(k.mTerm[s]) < term) {
    unchecked((k.mIndex[s] = index));
    unchecked((k.mTerm[s] = term));
    unchecked((k.mValue[s] = value));
    return true;
  }
  if (unchecked(k.mTerm[s]) == term) return unchecked(k.mValue[s]) == value;
  return true;
}

/** A replica made (index, term, value) durable. */
export function chkPersisted(k: Checker, node: i32, index: i32, term: i32, value: i32): void {
  const s = index & SHADOW_MASK;
  if (unchecked(k.pIndex[s]) == index && unchecked(k.pTerm[s]) == term && unchecked(k.pValue[s]) == value) {
    unchecked((k.pMask[s] = k.pMask[s] | (1 << node)));
    return;
  }
  if (unchecked(k.pIndex[s]) != index || unchecked(k.pTerm[s]) <= term) {
    unchecked((k.pIndex[s] = index));
    unchecked((k.pTerm[s] = term));
    unchecked((k.pValue[s] = value));
    unchecked((k.pMask[s] = 1 << node));
  }
}

const LOST_SHIFT: i32 = 8;

/**
 * A replica lost or replaced the version it held at `index`. Lost with its disk, the version was
 * durable there until then: an acknowledgement it sent before still told the truth.
 */
export function chkUnpersisted(k: Checker, node: i32, index: i32, term: i32, value: i32): void {
  const s = index & SHADOW_MASK;
  if (unchecked(k.pIndex[s]) == index && unchecked(k.pTerm[s]) == term && unchecked(k.pValue[s]) == value) {
    let mask = unchecked(k.pMask[s]) & ~(1 << node);
    if (k.wiping) mask |= 1 << (LOST_SHIFT + node);
    unchecked((k.pMask[s] = mask));
  }
}

/**
 * The replicas that persisted exactly this version (bit per node), counting those that lost it
 * only with their disk since; -1 when the shadow no longer tracks it.
 */
export function persistedMask(k: Checker, index: i32, term: i32, value: i32): i32 {
  const s = index & SHADOW_MASK;
  if (unchecked(k.pIndex[s]) == index && unchecked(k.pTerm[s]) == term && unchecked(k.pValue[s]) == value) {
    const m = unchecked(k.pMask[s]);
    return (m | (m >> LOST_SHIFT)) & ((1 << LOST_SHIFT) - 1);
  }
  return -1;
}

/**
 * Committed value at `index`: returns the recorded value, or `value` when first recorded.
 * The first record also updates the serial replay (P6): committing all entries in index
 * order leaves each block holding the highest committed index that writes it.
 */
export function recordCommit(k: Checker, index: i32, term: i32, value: i32, lba: i32, len: i32): i32 {
  const s = index & SHADOW_MASK;
  if (unchecked(k.cIndex[s]) == index) return unchecked(k.cValue[s]);
  unchecked((k.cIndex[s] = index));
  unchecked((k.cTerm[s] = term));
  unchecked((k.cValue[s] = value));
  unchecked((k.cSkip[s] = 0));
  if (index > k.maxCommitted) k.maxCommitted = index;
  for (let b = lba; b < lba + len; b++) {
    if (index > unchecked(k.serialIdx[b])) {
      unchecked((k.serialIdx[b] = index));
      unchecked((k.serialVal[b] = value));
    }
  }
  if (value > 0) {
    const w = value & SHADOW_MASK;
    unchecked((k.wTag[w] = value));
    unchecked((k.wIndex[w] = index));
  }
  k.commitsChecked++;
  return value;
}

export function isCommitted(k: Checker, index: i32): bool {
  return unchecked(k.cIndex[index & SHADOW_MASK]) == index;
}

/** The commit shadow's slot for `index` has moved on to a later index: it can no longer tell. */
export function commitForgotten(k: Checker, index: i32): bool {
  return unchecked(k.cIndex[index & SHADOW_MASK]) > index;
}

export function committedTerm(k: Checker, index: i32): i32 {
  return unchecked(k.cTerm[index & SHADOW_MASK]);
}

export function committedValue(k: Checker, index: i32): i32 {
  return unchecked(k.cValue[index & SHADOW_MASK]);
}

/** Log index a write id was committed at; 0 for the initial contents; -1 unknown. */
export function writeIndex(k: Checker, value: i32): i32 {
  if (value == 0) return 0;
  const w = value & SHADOW_MASK;
  return unchecked(k.wTag[w]) == value ? unchecked(k.wIndex[w]) : -1;
}

/** A client was told its write (committed at `index`) succeeded; `at` is when it hears. */
export function chkAcked(k: Checker, index: i32, lba: i32, len: i32, at: i64): void {
  k.acksChecked++;
  for (let b = lba; b < lba + len; b++) {
    const cur = unchecked(k.ackedIdx[b]);
    if (index > cur) {
      unchecked((k.prevAckedIdx[b] = cur));
      unchecked((k.prevAckedAt[b] = k.ackedAt[b]));
      unchecked((k.ackedIdx[b] = index));
      unchecked((k.ackedAt[b] = at));
    }
  }
}

/**
 * The smallest log index a read of `block` invoked at `invoke` may return: the newest write
 * to the block acknowledged before the read began. -1 when the shadow cannot tell.
 */
export function readFloor(k: Checker, block: i32, invoke: i64): i32 {
  if (unchecked(k.ackedAt[block]) < invoke) return unchecked(k.ackedIdx[block]);
  if (unchecked(k.prevAckedAt[block]) < invoke) return unchecked(k.prevAckedIdx[block]);
  return -1;
}

/**
 * A read of `block`, invoked at `invoke`, returned the write committed at index `got`.
 * Returns 0 (fine), the floor it fell below (> 0, a stale read), or -1 (cannot tell).
 */
export function readCheck(k: Checker, block: i32, invoke: i64, got: i32): i32 {
  if (got < 0) return -1;
  const floor = readFloor(k, block, invoke);
  if (floor >= 0) return got >= floor ? 0 : floor;
  // Both recorded acks came after the read began, so the true floor is at most the older one.
  return got >= unchecked(k.prevAckedIdx[block]) ? 0 : -1;
}

/** A leader proposed (index, term) with this LBA range (P7 learns the ranges LBBs must name). */
export function chkProposed(k: Checker, index: i32, term: i32, lba: i32, len: i32): void {
  const s = index & SHADOW_MASK;
  unchecked((k.propIndex[s] = index));
  unchecked((k.propTerm[s] = term));
  unchecked((k.propLba[s] = lba));
  unchecked((k.propLen[s] = len));
}

/**
 * P7: the LBB carried by entry (index, term) names the ranges of the n entries before it in the
 * proposing leader's log. `lbb` holds (lba, len) pairs from `at`. Predecessors the same leader
 * proposed in the same term are checked against their proposals; older-term predecessors (from
 * a merge) have no proposal of that term and are not checked. Returns the first wrong LBB slot,
 * or -1.
 */
export function chkLbb(k: Checker, index: i32, term: i32, lbb: StaticArray<i32>, at: i32, n: i32): i32 {
  k.lbbsChecked++;
  for (let slot = 0; slot < n; slot++) {
    const j = index - 1 - slot;
    let lba = 0;
    let len = 0;
    if (j > 0) {
      const s = j & SHADOW_MASK;
      if (unchecked(k.propIndex[s]) != j || unchecked(k.propTerm[s]) != term) continue;
      lba = unchecked(k.propLba[s]);
      len = unchecked(k.propLen[s]);
    }
    if (unchecked(lbb[at + slot * 2]) != lba || unchecked(lbb[at + slot * 2 + 1]) != len) return slot;
  }
  return -1;
}

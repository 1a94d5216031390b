// Per-replica log strips, the leader's ack bitmap and the chunk map of LBA ranges, on one
// canvas. Fed only by a frame's LogWindow; redrawn on demand (a new frame or a selection).
import { t, type AnyMessageKey as MessageKey } from '../../ui/raft/messages';
import type { LogWindow } from '../../kernels/raft/api';
import { NODES, STRIP_STATES } from '../../kernels/raft/protocol';
import { Batch, fitCanvas } from './batch';
import { SELECT_COLOUR, STATE_BY_CODE, VIOLATION_COLOUR } from './palette';

const LABEL = 64;
const ROW = 16;
const ACK_ROW = 5;
const MAP = 110;
const GAP = 8;

export interface LogViewInput {
  window: LogWindow;
  leader: number;
  blocks: number;
  selected: number | null;
  violation: number | null;
}

export interface LogHit {
  node: number | null;
  index: number;
}

export class LogView {
  drawCalls = 0;
  private input: LogViewInput | null = null;
  private width = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  static height(): number {
    return NODES * ROW + GAP + NODES * ACK_ROW + GAP + MAP + 14;
  }

  private cellWidth(): number {
    const n = this.input?.window.count ?? 1;
    return (this.width - LABEL) / n;
  }

  draw(input: LogViewInput): void {
    this.input = input;
    const { w, h, ctx } = fitCanvas(this.canvas, LogView.height());
    this.width = w;
    ctx.clearRect(0, 0, w, h);
    const win = input.window;
    const cw = this.cellWidth();
    const batch = new Batch();
    const gapX = cw > 3 ? 1 : 0;
    // Strips: one row per replica.
    for (let n = 0; n < NODES; n++) {
      const y = n * ROW;
      for (let i = 0; i < win.count; i++) batch.rect(STATE_BY_CODE[win.code[n * win.count + i]] ?? '#000', LABEL + i * cw, y + 1, cw - gapX, ROW - 2);
    }
    // The leader's ack bitmap: one thin row per replica, lit where that replica persisted.
    const ackTop = NODES * ROW + GAP;
    const leader = input.leader >= 0 ? input.leader : 0;
    for (let i = 0; i < win.count; i++) {
      const mask = win.ack[leader * win.count + i];
      for (let r = 0; r < NODES; r++) {
        if (mask & (1 << r)) batch.rect('#38bdf8', LABEL + i * cw, ackTop + r * ACK_ROW, cw - gapX, ACK_ROW - 1);
        else batch.rect('#1e293b', LABEL + i * cw, ackTop + r * ACK_ROW, cw - gapX, ACK_ROW - 1);
      }
    }
    // Chunk map: the leader's copy of each entry as a bar over its LBA range.
    const mapTop = ackTop + NODES * ACK_ROW + GAP;
    batch.rect('#0f172a', LABEL, mapTop, w - LABEL, MAP);
    const scale = MAP / Math.max(1, input.blocks);
    const source = this.bestSource(win, leader);
    for (let i = 0; i < win.count; i++) {
      const o = source * win.count + i;
      if (win.lba[o] < 0) continue;
      const y = mapTop + win.lba[o] * scale;
      batch.rect(STATE_BY_CODE[win.code[o]] ?? '#fff', LABEL + i * cw, y, Math.max(1, cw - gapX), Math.max(2, win.len[o] * scale));
    }
    // Selection and violation: outlines in every row, and the selected range across the map.
    const mark = (index: number | null, colour: string) => {
      if (index === null || index < win.from || index >= win.from + win.count) return;
      const x = LABEL + (index - win.from) * cw;
      batch.line(colour, x, 0, x, mapTop + MAP, 2);
      batch.line(colour, x + cw, 0, x + cw, mapTop + MAP, 2);
      const o = source * win.count + (index - win.from);
      if (win.lba[o] >= 0) {
        const y = mapTop + win.lba[o] * scale;
        batch.rect(`${colour}33`, LABEL, y, w - LABEL, Math.max(2, win.len[o] * scale));
      }
    };
    mark(input.violation, VIOLATION_COLOUR);
    mark(input.selected, SELECT_COLOUR);
    this.drawCalls = batch.flush(ctx);
    // Labels: a fixed handful of text calls.
    ctx.fillStyle = '#94a3b8';
    ctx.font = '11px system-ui, sans-serif';
    for (let n = 0; n < NODES; n++) ctx.fillText(`${t('raft.laneNode', { node: n })}${n === input.leader ? ' ★' : ''}`, 2, n * ROW + 12);
    ctx.fillText(t('raft.acks'), 2, ackTop + 10);
    ctx.fillText('LBA', 2, mapTop + 12);
    ctx.fillText(`${input.blocks}`, 2, mapTop + MAP - 2);
    ctx.fillText(`#${win.from}`, LABEL, mapTop + MAP + 12);
    const last = `#${win.from + win.count - 1}`;
    ctx.fillText(last, w - ctx.measureText(last).width - 2, mapTop + MAP + 12);
    this.drawCalls += 3 + NODES + 3;
  }

  /** The replica whose copies the chunk map shows: the leader, or whoever holds most entries. */
  private bestSource(win: LogWindow, leader: number): number {
    const counts = Array.from({ length: NODES }, (_, n) => {
      let count = 0;
      for (let i = 0; i < win.count; i++) if (win.lba[n * win.count + i] >= 0) count++;
      return count;
    });
    if (counts[leader] > 0) return leader;
    return counts.indexOf(Math.max(...counts));
  }

  /** The replica row and log index under a point, or null. */
  hit(x: number, y: number): LogHit | null {
    const input = this.input;
    if (input === null || x < LABEL) return null;
    const i = Math.floor((x - LABEL) / this.cellWidth());
    if (i < 0 || i >= input.window.count) return null;
    const node = y < NODES * ROW ? Math.floor(y / ROW) : null;
    return { node, index: input.window.from + i };
  }

  /** A one-line description of a cell, for a tooltip. */
  describe(hit: LogHit): string {
    const input = this.input!;
    const win = input.window;
    const i = hit.index - win.from;
    const node = hit.node ?? input.leader;
    if (node < 0) return `#${hit.index}`;
    const o = node * win.count + i;
    const code = STRIP_STATES[win.code[o]];
    const state = code === undefined ? String(win.code[o]) : t(`raft.strip.${code}` as MessageKey);
    const range = win.lba[o] >= 0 ? t('raft.cellRange', { first: win.lba[o], last: win.lba[o] + win.len[o] - 1 }) : '';
    const term = win.term[o] >= 0 ? t('raft.cellTerm', { term: win.term[o] }) : '';
    return t('raft.cell', { index: hit.index, node, state }) + term + range;
  }
}

/** Earlier entries in the window that are not applied on `node` and overlap `index`'s range. */
export function blockersOf(win: LogWindow, node: number, index: number): number[] {
  const i = index - win.from;
  if (i < 0 || i >= win.count) return [];
  const o = node * win.count + i;
  if (win.lba[o] < 0) return [];
  const lo = win.lba[o];
  const hi = lo + win.len[o];
  const applied = STRIP_STATES.indexOf('applied');
  const out: number[] = [];
  for (let j = 0; j < i; j++) {
    const p = node * win.count + j;
    if (win.code[p] === applied || win.lba[p] < 0) continue;
    if (win.lba[p] < hi && lo < win.lba[p] + win.len[p]) out.push(win.from + j);
  }
  return out;
}

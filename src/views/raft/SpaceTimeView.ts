// The space-time diagram: one lane per replica, simulated time across, one line per message
// from its send to its receipt (red and cut short when dropped). It scrolls with simulated
// time; fault bands shade it and a violation is a red line. Drawn in batches per colour.
import { t } from '../../ui/raft/messages';
import { MSG_DROPPED } from '../../kernels/raft/api';
import { MESSAGE_KINDS, NODES } from '../../kernels/raft/protocol';
import type { SimNs } from '../../kernels/raft/types';
import type { FaultBand } from './faultBands';
import { Batch, fitCanvas } from './batch';
import type { MessageStore } from './messageStore';
import { BAND_COLOUR, DROP_COLOUR, messageColour, SELECT_COLOUR, VIOLATION_COLOUR } from './palette';

const LABEL = 64;
const HEIGHT = 150;
const PAD = 14;

export interface SpaceTimeInput {
  store: MessageStore;
  now: SimNs;
  spanNs: number;
  bands: FaultBand[];
  violationAt: SimNs | null;
  /** Log index whose appends and acks are highlighted. */
  selectedIndex: number | null;
  /** One message picked by a click: its send time, from and to. */
  selectedMessage: { sendAt: number; from: number; to: number } | null;
}

export interface PickedMessage {
  sendAt: number;
  endAt: number;
  from: number;
  to: number;
  kind: string;
  a: number;
  term: number;
  dropped: boolean;
}

export class SpaceTimeView {
  drawCalls = 0;
  drawn = 0;
  /** Where the violation's red line was drawn (CSS px from the left), or null when it is out of view. */
  violationX: number | null = null;
  private input: SpaceTimeInput | null = null;
  private width = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  private laneY(node: number): number {
    return PAD + (node * (HEIGHT - 2 * PAD)) / (NODES - 1);
  }

  private range(input: SpaceTimeInput): { t0: number; t1: number } {
    return { t0: input.now - input.spanNs, t1: input.now };
  }

  draw(input: SpaceTimeInput): void {
    this.input = input;
    const { w, h, ctx } = fitCanvas(this.canvas, HEIGHT);
    this.width = w;
    ctx.clearRect(0, 0, w, h);
    const { t0, t1 } = this.range(input);
    const xOf = (t: number) => LABEL + ((t - t0) / (t1 - t0)) * (w - LABEL - 4);
    const batch = new Batch();
    for (const b of input.bands) {
      const from = Math.max(t0, b.from);
      const to = Math.min(t1, b.to ?? t1);
      if (to <= from) continue;
      batch.rect(BAND_COLOUR[b.kind], xOf(from), 0, xOf(to) - xOf(from), h);
    }
    for (let n = 0; n < NODES; n++) batch.line('#334155', LABEL, this.laneY(n), w - 4, this.laneY(n));
    let drawn = 0;
    const sel = input.selectedMessage;
    input.store.forEachEndingSince(t0, (d, o) => {
      const sendAt = d[o];
      const endAt = Number.isNaN(d[o + 1]) ? input.now : d[o + 1];
      if (endAt < t0 || sendAt > t1) return;
      const from = d[o + 2];
      const to = d[o + 3];
      const kind = d[o + 4];
      const dropped = (d[o + 7] & MSG_DROPPED) !== 0;
      const x1 = xOf(sendAt);
      const y1 = this.laneY(from);
      let x2 = xOf(endAt);
      let y2 = this.laneY(to);
      if (dropped) {
        // A drop is drawn as a stub that stops short of the receiver.
        x2 = x1 + Math.max(6, (x2 - x1) * 0.5);
        y2 = y1 + (y2 - y1) * 0.4;
      }
      const highlighted = (sel !== null && sel.sendAt === sendAt && sel.from === from && sel.to === to)
        || (input.selectedIndex !== null && d[o + 5] === input.selectedIndex && kind <= 3);
      const colour = highlighted ? SELECT_COLOUR : dropped ? DROP_COLOUR : messageColour(kind);
      batch.line(colour, x1, y1, x2, y2, highlighted ? 2.5 : 1, Number.isNaN(d[o + 1]) ? [3, 3] : []);
      if (dropped) batch.line(DROP_COLOUR, x2 - 3, y2 - 3, x2 + 3, y2 + 3);
      drawn++;
    });
    this.violationX = null;
    if (input.violationAt !== null && input.violationAt >= t0 && input.violationAt <= t1) {
      this.violationX = xOf(input.violationAt);
      batch.line(VIOLATION_COLOUR, this.violationX, 0, this.violationX, h, 2);
    }
    this.drawCalls = batch.flush(ctx);
    this.drawn = drawn;
    ctx.fillStyle = '#94a3b8';
    ctx.font = '11px system-ui, sans-serif';
    for (let n = 0; n < NODES; n++) ctx.fillText(t('raft.laneNode', { node: n }), 2, this.laneY(n) + 4);
    const label = `${(t0 / 1e6).toFixed(3)} ms … ${(t1 / 1e6).toFixed(3)} ms`;
    ctx.fillText(label, w - ctx.measureText(label).width - 4, h - 2);
    this.drawCalls += NODES + 1;
  }

  /** The message nearest a point (within a few pixels of its line), or null. */
  pick(x: number, y: number): PickedMessage | null {
    const input = this.input;
    if (input === null) return null;
    const { t0, t1 } = this.range(input);
    const w = this.width;
    const xOf = (t: number) => LABEL + ((t - t0) / (t1 - t0)) * (w - LABEL - 4);
    let best: PickedMessage | null = null;
    let bestDistance = 6;
    input.store.forEachEndingSince(t0, (d, o) => {
      const endAt = Number.isNaN(d[o + 1]) ? input.now : d[o + 1];
      if (endAt < t0 || d[o] > t1) return;
      const x1 = xOf(d[o]);
      const y1 = this.laneY(d[o + 2]);
      const x2 = xOf(endAt);
      const y2 = this.laneY(d[o + 3]);
      const distance = segmentDistance(x, y, x1, y1, x2, y2);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = messageAt(d, o);
      }
    });
    return best;
  }

  /**
   * The messages the last drawing showed, most recently sent first, at most `limit`: the
   * diagram as rows, for the list beside it.
   */
  recent(limit: number): PickedMessage[] {
    const input = this.input;
    if (input === null) return [];
    const { t0, t1 } = this.range(input);
    const shown: PickedMessage[] = [];
    input.store.forEachEndingSince(t0, (d, o) => {
      const endAt = Number.isNaN(d[o + 1]) ? input.now : d[o + 1];
      if (endAt < t0 || d[o] > t1) return;
      shown.push(messageAt(d, o));
    });
    // The store yields by end time (in-flight last); the list reads by send time.
    shown.sort((a, b) => b.sendAt - a.sendAt || a.from - b.from || a.to - b.to);
    return shown.slice(0, limit);
  }
}

function messageAt(d: Float64Array, o: number): PickedMessage {
  return {
    sendAt: d[o], endAt: d[o + 1], from: d[o + 2], to: d[o + 3], kind: MESSAGE_KINDS[d[o + 4]] ?? String(d[o + 4]),
    a: d[o + 5], term: d[o + 6], dropped: (d[o + 7] & MSG_DROPPED) !== 0,
  };
}

function segmentDistance(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

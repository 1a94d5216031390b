// The pieces of a streaming catch-up (spec §1.4) as one bar: a cell per 128 KB piece, filled
// once the follower holds it. Runs of cells in one state are one rectangle, so a 10 GB chunk's
// 81,920 pieces or the sim's 80 cost the same handful of draw calls. Fed only by a frame.
import { Batch, fitCanvas } from './batch';
import { STATE_COLOUR } from './palette';

export const PIECE_BAR_HEIGHT = 12;
const HELD = STATE_COLOUR.applied;
const MISSING = STATE_COLOUR.hole;

export class PieceBar {
  drawCalls = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** `got[k]` is 1 when the follower holds piece k. */
  draw(got: Uint8Array): void {
    const { w, h, ctx } = fitCanvas(this.canvas, PIECE_BAR_HEIGHT);
    ctx.clearRect(0, 0, w, h);
    const n = got.length;
    if (n === 0) {
      this.drawCalls = 0;
      return;
    }
    const cell = w / n;
    const gap = cell >= 4 ? 1 : 0;
    const batch = new Batch();
    let start = 0;
    for (let k = 1; k <= n; k++) {
      if (k < n && got[k] === got[start] && gap === 0) continue;
      batch.rect(got[start] ? HELD : MISSING, start * cell, 0, (k - start) * cell - gap, h);
      start = k;
    }
    this.drawCalls = batch.flush(ctx);
  }
}

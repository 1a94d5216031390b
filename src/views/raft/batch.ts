// Canvas drawing in batches: every rectangle or line of one colour goes into one path, filled
// or stroked once, so the number of draw calls depends on the colours in use, never on how
// many entries or messages there are.

export class Batch {
  private readonly fills = new Map<string, number[]>();
  private readonly strokes = new Map<string, { width: number; dash: number[]; xy: number[] }>();

  rect(colour: string, x: number, y: number, w: number, h: number): void {
    let list = this.fills.get(colour);
    if (!list) this.fills.set(colour, (list = []));
    list.push(x, y, w, h);
  }

  line(colour: string, x1: number, y1: number, x2: number, y2: number, width = 1, dash: number[] = []): void {
    const key = `${colour}|${width}|${dash.join(',')}`;
    let entry = this.strokes.get(key);
    if (!entry) this.strokes.set(key, (entry = { width, dash, xy: [] }));
    entry.xy.push(x1, y1, x2, y2);
  }

  /** Draws everything queued; returns the draw calls made (one per fill or stroke). */
  flush(ctx: CanvasRenderingContext2D): number {
    let calls = 0;
    for (const [colour, r] of this.fills) {
      ctx.beginPath();
      for (let i = 0; i < r.length; i += 4) ctx.rect(r[i], r[i + 1], r[i + 2], r[i + 3]);
      ctx.fillStyle = colour;
      ctx.fill();
      calls++;
    }
    for (const [key, s] of this.strokes) {
      ctx.beginPath();
      for (let i = 0; i < s.xy.length; i += 4) {
        ctx.moveTo(s.xy[i], s.xy[i + 1]);
        ctx.lineTo(s.xy[i + 2], s.xy[i + 3]);
      }
      ctx.strokeStyle = key.split('|')[0];
      ctx.lineWidth = s.width;
      ctx.setLineDash(s.dash);
      ctx.stroke();
      calls++;
    }
    ctx.setLineDash([]);
    this.fills.clear();
    this.strokes.clear();
    return calls;
  }
}

/** Sizes a canvas's backing store to its CSS box times the device pixel ratio; returns the CSS size. */
export function fitCanvas(canvas: HTMLCanvasElement, cssHeight: number): { w: number; h: number; ctx: CanvasRenderingContext2D } {
  const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  const w = Math.max(50, canvas.clientWidth);
  const h = cssHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  // Written only when it changes: a write each frame would lay the page out a second time.
  if (canvas.style.height !== `${h}px`) canvas.style.height = `${h}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { w, h, ctx };
}

// The layer every kernel's time chart draws over its lines, in uPlot's draw hook (no DOM per
// band): shaded fault bands from their start to their end (or to now) and the first
// violation as a red line. The host element's data-violation-x says where the line went, in
// canvas pixels, for a test to look at (written only when it moves).
import type uPlot from 'uplot';

export interface OverlayBand {
  /** Simulated ns. */
  from: number;
  /** null while the fault is still in force. */
  to: number | null;
  colour: string;
}

export interface ChartOverlay {
  bands: OverlayBand[];
  /** Simulated ms, where an open band ends. */
  nowMs: number;
  /** The x value (ms) of the first violation, or null. */
  violationMs: number | null;
}

export const VIOLATION_LINE = '#ef4444';

export function drawChartOverlay(u: uPlot, host: HTMLElement, overlay: ChartOverlay): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const b of overlay.bands) {
    const x0 = u.valToPos(b.from / 1e6, 'x', true);
    const x1 = u.valToPos((b.to ?? overlay.nowMs * 1e6) / 1e6, 'x', true);
    ctx.fillStyle = b.colour;
    ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
  }
  const drawnAt = overlay.violationMs === null ? '' : u.valToPos(overlay.violationMs, 'x', true).toFixed(1);
  if (host.dataset.violationX !== drawnAt) host.dataset.violationX = drawnAt;
  if (overlay.violationMs !== null) {
    const x = u.valToPos(overlay.violationMs, 'x', true);
    ctx.strokeStyle = VIOLATION_LINE;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

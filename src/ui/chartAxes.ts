// Axis widths that fit their tick labels: uPlot's default 50 px cuts "100,000" to "00,000".
// The width is measured from the labels uPlot is about to draw, in uPlot's own axis font; an
// axis title has its own room (labelSize) on top of this.
import type uPlot from 'uplot';

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';
/** Tick length plus the gap uPlot leaves between the tick and its label, and a margin. */
const TICK_ROOM = 20;
const MIN_SIZE = 40;
let measure: CanvasRenderingContext2D | null = null;

export const fitTicks: uPlot.Axis.Size = (_self, values) => {
  if (values == null || values.length === 0) return 50;
  measure ??= document.createElement('canvas').getContext('2d');
  if (measure === null) return 60;
  measure.font = FONT;
  const widest = Math.max(...values.map((v) => measure!.measureText(String(v)).width));
  return Math.max(MIN_SIZE, Math.ceil(widest + TICK_ROOM));
};

// Names a canvas for screen readers: role="img" with a label saying what it shows (MDN's advice
// for canvases). Set from script because Svelte's markup lint counts <canvas> as interactive
// and refuses the role there; the canvases made by three and uPlot need it from script anyway.
export function labelCanvas(canvas: HTMLCanvasElement, label: string): void {
  canvas.setAttribute('role', 'img');
  if (canvas.getAttribute('aria-label') !== label) canvas.setAttribute('aria-label', label);
}

/** The same as a Svelte action: `<canvas use:canvasLabel={text}>`, kept up to date. */
export function canvasLabel(canvas: HTMLCanvasElement, label: string): { update: (label: string) => void } {
  labelCanvas(canvas, label);
  return { update: (next) => labelCanvas(canvas, next) };
}

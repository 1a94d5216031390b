// Saving a file the page made (a CSV, a PNG) through the browser's download, without a server.

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the click; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadText(text: string, name: string, type = 'text/csv'): void {
  downloadBlob(new Blob([text], { type }), name);
}

/** A PNG of a chart canvas on an opaque background, with a title line above it. */
export function canvasPng(source: HTMLCanvasElement, title: string, background = '#0b1220'): Promise<Blob> {
  const titleHeight = 28;
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height + titleHeight;
  const ctx = out.getContext('2d');
  if (ctx === null) return Promise.reject(new Error('no 2D canvas to draw the PNG'));
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#e2e8f0';
  ctx.font = '16px system-ui, sans-serif';
  ctx.fillText(title, 10, 19);
  ctx.drawImage(source, 0, titleHeight);
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
}

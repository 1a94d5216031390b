// Helpers for the 3D view specs: wait for a drawn frame, count drawn pixels, read stats.
import { expect, type Locator, type Page } from '@playwright/test';

export interface ViewStatsAttrs {
  backend: string;
  drawCalls: number;
  triangles: number;
  instances: number;
  frameMs: number;
  uploadMs: number;
}

export async function viewStats(page: Page, testid = 'view-stats'): Promise<ViewStatsAttrs> {
  const panel = page.getByTestId(testid);
  const read = async (name: string) => (await panel.getAttribute(name)) ?? '';
  return {
    backend: await read('data-backend'),
    drawCalls: Number(await read('data-draw-calls')),
    triangles: Number(await read('data-triangles')),
    instances: Number(await read('data-instances')),
    frameMs: Number(await read('data-frame-ms')),
    uploadMs: Number(await read('data-upload-ms')),
  };
}

/** Waits until the view has rendered a frame with instances in it. */
export async function waitForDrawn(page: Page, testid = 'view-stats'): Promise<ViewStatsAttrs> {
  await expect(page.getByTestId(testid)).toHaveAttribute('data-instances', /^[1-9]\d*$/, { timeout: 30_000 });
  return viewStats(page, testid);
}

/**
 * Share of pixels in the middle of an element's screenshot that differ clearly from the
 * scene's background (#0b1220). The middle leaves out the stats and legend overlays.
 */
export async function drawnShare(page: Page, target: Locator): Promise<number> {
  const png = await target.screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const x0 = Math.floor(img.width * 0.2);
    const y0 = Math.floor(img.height * 0.2);
    const w = Math.max(1, Math.floor(img.width * 0.6));
    const h = Math.max(1, Math.floor(img.height * 0.6));
    const data = ctx.getImageData(x0, y0, w, h).data;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - 11) + Math.abs(data[i + 1] - 18) + Math.abs(data[i + 2] - 32) > 30) drawn++;
    }
    return drawn / (w * h);
  }, png.toString('base64'));
}

/** Where a node's GPU is on screen, from the view itself (the camera can move). */
export async function gpuOnScreen(page: Page, node: number, gpu: number, testid = 'cluster-3d'): Promise<{ x: number; y: number }> {
  const host = page.getByTestId(testid).locator('> div').first();
  const p = await host.evaluate((el, [n, g]) => (el as HTMLElement & { screenPositionOf?: (n: number, g: number) => { x: number; y: number } | null }).screenPositionOf?.(n, g) ?? null, [node, gpu] as const);
  if (p === null) throw new Error(`the 3D view has no position for node ${node} GPU ${gpu}`);
  const box = await host.boundingBox();
  return { x: box!.x + p.x, y: box!.y + p.y };
}

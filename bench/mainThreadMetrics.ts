// Chromium's own accounting of main-thread time (CDP Performance metrics), for the view
// benchmarks: read before and after a stretch and subtract.
import type { Page } from '@playwright/test';

export interface MainThreadTime {
  task: number;
  script: number;
  layout: number;
  style: number;
}

/**
 * Enables CDP Performance metrics on `page`: `read` gives the cumulative times (seconds),
 * `detach` ends the CDP session.
 */
export async function mainThreadMetrics(page: Page): Promise<{ read: () => Promise<MainThreadTime>; detach: () => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    async read() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      return { task: get('TaskDuration'), script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
    },
    detach: () => cdp.detach(),
  };
}

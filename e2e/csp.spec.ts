// The built page's Content-Security-Policy: the <meta> is there and strict, the whole app runs
// under it (workers, wasm, xterm, uPlot, the 3D view, the raft tab, the service worker) without
// one violation, and eval and inline scripts are refused.
import { test, expect, openApp, typeCommand, stepOf, commandOutput } from './fixtures';
import { waitForDrawn } from './view3d';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

test('the app runs under its strict Content-Security-Policy, which refuses eval', async ({ blockedPage: page }) => {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  await openApp(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).not.toBeNull();
  const directives = new Map(policy!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'self'"]);
  expect(directives.get('form-action')).toEqual(["'none'"]);
  expect(policy).not.toContain("'unsafe-eval'");

  // The GPU pool with its chart, terminal and 3D view.
  await typeCommand(page, 'seek 3000');
  await expect.poll(() => stepOf(page)).toBe(3000);
  const stats = await waitForDrawn(page);
  expect(stats.drawCalls).toBeGreaterThan(0);
  await typeCommand(page, 'run');
  await expect.poll(() => stepOf(page), { timeout: 20_000 }).toBeGreaterThan(3000);
  await typeCommand(page, 'pause');
  // The raft tab runs its own worker and kernel.
  await page.getByTestId('tab-raft').click();
  await expect(page.getByTestId('raft-app')).toBeVisible();
  await commandOutput(page, 'raft step 5ms', /raft|parallel/);
  await expect.poll(async () => Number(await page.locator('[data-testid^="raft-spacetime-"]').first().getAttribute('data-messages'))).toBeGreaterThan(0);
  // The service worker registered under the policy too.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined), { timeout: 20_000 }).toBe(true);

  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);

  // Now the refusals: eval, new Function and an inline script. DevTools' own evaluation is
  // exempt from the policy, so the attempts run later, from a timer, as page code would.
  await page.evaluate(() => {
    const tryIt = (f: () => unknown) => {
      try {
        f();
        return 'ran';
      } catch (error) {
        return (error as Error).name;
      }
    };
    setTimeout(() => {
      const w = window as Window & { __refused?: object; __inlineRan?: boolean };
      const evalResult = tryIt(() => (0, eval)('1 + 1'));
      const functionResult = tryIt(() => new Function('return 1')());
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.appendChild(script);
      setTimeout(() => (w.__refused = { evalResult, functionResult, inlineRan: w.__inlineRan === true }), 50);
    }, 0);
  });
  let refused: unknown;
  await expect.poll(async () => (refused = await page.evaluate(() => (window as Window & { __refused?: object }).__refused))).toBeDefined();
  expect(refused).toEqual({ evalResult: 'EvalError', functionResult: 'EvalError', inlineRan: false });
  await expect.poll(() => page.evaluate(() => window.__cspViolations!.map((v) => v.split(' ')[0]))).toEqual(
    expect.arrayContaining(['script-src']),
  );
});

// The same run hashed in Node and in Chromium gives the same hash: one kernel, one result.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openApp, typeCommand, stepOf, commandOutput } from './fixtures';
import { GpuPoolSession } from '../src/kernels/gpupool/session';

function nodeHash(): string {
  const module = new WebAssembly.Module(readFileSync(join(process.cwd(), 'build', 'wasm', 'gpupool.wasm')));
  const session = new GpuPoolSession(module);
  session.start({ policy: 'BestFit', seed: 5, rng: 'go', tune: 1.3 });
  session.advance(1000);
  session.apply({ kind: 'policy', policy: 'FGD' });
  session.advance(4000);
  return session.stateHash();
}

test('Node and Chromium reach bit-identical state', async ({ blockedPage: page }) => {
  const expected = nodeHash();
  await openApp(page);
  await typeCommand(page, 'rng go');
  await typeCommand(page, 'seed 5');
  await typeCommand(page, 'policy BestFit');
  await typeCommand(page, 'seek 1000');
  await expect.poll(() => stepOf(page)).toBe(1000);
  await typeCommand(page, 'policy FGD');
  await typeCommand(page, 'seek 4000');
  await expect.poll(() => stepOf(page)).toBe(4000);
  const out = await commandOutput(page, 'debug hash', /state hash [0-9a-f]{16}/);
  expect(/state hash ([0-9a-f]{16})/.exec(out)![1]).toBe(expected);
});

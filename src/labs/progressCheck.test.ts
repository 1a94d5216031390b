// Stored or imported progress is checked all the way down: damaged records are refused with
// the field named, and whatever passes can be resumed and reported without a TypeError.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { HeadlessGpuPool } from '../kernels/gpupool/headless';
import { progressReportHtml } from '../ui/labs/labReport';
import { gpupoolModule } from '../testing/fixtures';
import { parseLab } from './labFile';
import type { Lab } from './lab';
import type { LabProgress } from './progress';
import { progressProblem } from './progressCheck';
import { LabSession } from './session';

let lab: Lab;
let good: LabProgress;

beforeAll(async () => {
  const parsed = parseLab('labs/01-fragmentation.md', readFileSync('labs/01-fragmentation.md', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  lab = parsed.lab;
  const session = await LabSession.open(lab, new HeadlessGpuPool(gpupoolModule()), { learnerSeed: 3 });
  session.answerPredict(1);
  await session.run('query fragRatio');
  await session.check();
  await session.next();
  good = JSON.parse(JSON.stringify(session.progress)) as LabProgress;
});

/** mulberry32: a small seeded generator for the mutations (never Math.random). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const REPLACEMENTS: (Json | undefined)[] = [null, undefined, '', 'x', -1, 0, 1.5, 2 ** 60, true, [], {}, [null], { kind: 'command' }];

/** A copy of `value` with one node somewhere in it replaced (or deleted). */
function mutate(value: Json, random: () => number): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  let node = copy;
  for (;;) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : node !== null && typeof node === 'object' ? Object.keys(node) : [];
    if (keys.length === 0) return copy;
    const key = keys[Math.floor(random() * keys.length)];
    const child = (node as Record<string | number, Json>)[key];
    if (random() < 0.4 || child === null || typeof child !== 'object') {
      const replacement = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
      if (replacement === undefined && !Array.isArray(node)) delete (node as Record<string, Json>)[key as string];
      else (node as Record<string | number, Json>)[key] = replacement ?? null;
      return copy;
    }
    node = child;
  }
}

describe('progressProblem', () => {
  it('accepts real progress', () => {
    expect(progressProblem(good)).toBeNull();
  });

  it('refuses the damaged records that crashed the step engine, naming the field', () => {
    expect(progressProblem({ ...good, steps: good.steps.map(() => null) })).toBe('field steps[0] is not an object');
    expect(progressProblem({ ...good, log: [null] })).toBe('field log[0] is not an object');
    const noText = good.log.map((e) => (e.kind === 'command' ? { ...e, text: undefined } : e));
    expect(progressProblem({ ...good, log: noText })).toMatch(/^field log\[\d+\]\.text is not text$/);
    const { variables: _variables, ...noVariables } = good;
    expect(progressProblem(noVariables)).toBe('field variables is not an object');
    expect(progressProblem({ ...good, current: 99 })).toBe(`field current is 99, outside 0..${good.steps.length}`);
    expect(progressProblem('[]')).toBe('field the progress is not an object');
  });

  it('5,000 seeded mutations: each is refused with a field, or resumes and reports without throwing', async () => {
    const random = generator(20261207);
    const t = translator('en');
    let refused = 0;
    const accepted: LabProgress[] = [];
    for (let i = 0; i < 5000; i++) {
      const mutant = mutate(good as unknown as Json, random);
      const problem = progressProblem(mutant);
      if (problem !== null) {
        expect(problem).toMatch(/^field \S+ /);
        refused++;
        continue;
      }
      const progress = mutant as unknown as LabProgress;
      expect(() => progressReportHtml(lab, progress, t, 'en')).not.toThrow();
      accepted.push(progress);
    }
    expect(refused).toBeGreaterThan(1000);
    expect(accepted.length).toBeGreaterThan(100);
    // Resuming replays the run: a sample of the accepted ones, on the real kernel.
    for (const progress of accepted.filter((p) => p.steps.length === lab.steps.length).slice(0, 25)) {
      await expect(LabSession.open(lab, new HeadlessGpuPool(gpupoolModule()), { progress })).resolves.toBeInstanceOf(LabSession);
    }
  });
});

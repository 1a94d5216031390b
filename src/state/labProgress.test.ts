// Progress storage with real progress from the engine on the real kernel: what is saved
// comes back equal and resumes; damaged or foreign records are refused, not half-read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HeadlessGpuPool } from '../kernels/gpupool/headless';
import { parseLab } from '../labs/labFile';
import { LabSession } from '../labs/session';
import { gpupoolModule } from '../testing/fixtures';
import { LabProgressStore, memoryLabProgressBackend, progressProblem } from './labProgress';

async function labOneAfterStepOne() {
  const parsed = parseLab('labs/01-fragmentation.md', readFileSync('labs/01-fragmentation.md', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  const module = await gpupoolModule();
  const session = await LabSession.open(parsed.lab, new HeadlessGpuPool(module), { learnerSeed: 7 });
  await session.run('query fragRatio');
  expect((await session.check()).pass).toBe(true);
  await session.next();
  await session.run('step 8000');
  return { lab: parsed.lab, module, session };
}

describe('LabProgressStore', () => {
  it('saves, lists and resumes a learner at the same step with the same state', async () => {
    const { lab, module, session } = await labOneAfterStepOne();
    let clock = 1000;
    const store = new LabProgressStore(memoryLabProgressBackend(), () => clock++);
    await store.save(session.progress);
    const saved = await store.load(lab.id);
    expect(saved?.savedAt).toBe(1000);
    expect(saved?.progress).toEqual(session.progress);
    expect((await store.all()).map((r) => r.labId)).toEqual([lab.id]);

    const resumedSim = new HeadlessGpuPool(module);
    const resumed = await LabSession.open(lab, resumedSim, { progress: saved!.progress });
    expect(resumed.currentStep?.index).toBe(1);
    expect(await resumedSim.query('step')).toBe(8000);
    expect((await resumed.check()).pass).toBe(true);
  });

  it('refuses damaged or foreign records and explains imports', async () => {
    const backend = memoryLabProgressBackend();
    const store = new LabProgressStore(backend);
    await backend.put({ labId: 'x', progress: { format: 'other' } as never, savedAt: 1 });
    expect(await store.load('x')).toBeNull();
    expect(await store.all()).toEqual([]);
    expect(await store.load('missing')).toBeNull();
    expect(progressProblem(null)).toBe('field the progress is not an object');
    expect(progressProblem({ format: 'hlab-lab-progress/1' })).toBe('field labId is not text');
    const { session } = await labOneAfterStepOne();
    expect(progressProblem(session.progress)).toBeNull();
    expect(progressProblem({ ...session.progress, current: 99 })).toMatch(/outside 0\.\.6/);
    await store.save(session.progress);
    await store.remove(session.progress.labId);
    expect(await store.load(session.progress.labId)).toBeNull();
  });

  it('moves a damaged record aside before a fresh start could be saved over it', async () => {
    const backend = memoryLabProgressBackend();
    const store = new LabProgressStore(backend, () => 1234);
    const { session } = await labOneAfterStepOne();
    const damaged = { ...session.progress, log: [null] };
    await backend.put({ labId: session.progress.labId, progress: damaged as never, savedAt: 1 });
    const loaded = await store.loadKeepingDamaged(session.progress.labId, 6);
    expect(loaded.saved).toBeNull();
    expect(loaded.keptAside).toEqual({ key: `damaged:${session.progress.labId}:1234`, problem: 'field log[0] is not an object' });
    expect(await backend.get(session.progress.labId)).toBeUndefined();
    expect(await backend.get(loaded.keptAside!.key)).toMatchObject({ progress: { log: [null] } });
    // The aside copy is never listed or read as progress; a good record loads as before.
    expect(await store.all()).toEqual([]);
    await store.save(session.progress);
    expect((await store.loadKeepingDamaged(session.progress.labId, 6)).saved?.progress).toEqual(session.progress);
    // A record of another version of the lab (another step count) is kept aside too.
    expect((await store.loadKeepingDamaged(session.progress.labId, 7)).keptAside?.problem).toBe('field steps has 6 steps; this lab has 7');
  });
});
